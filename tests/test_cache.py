"""The validated-catalogue cache gives the same catalogue as a full load, and never a stale one."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from calendar_gen.catalogue import cache
from calendar_gen.catalogue.load import load
from calendar_gen.paths import default_catalogue
from calendar_gen.problems import CatalogueError

Writer = Callable[..., Path]


def test_cached_catalogue_equals_full_load(tmp_path: Path) -> None:
    # A user's copy of the shipped catalogue: the shipped file itself is read precompiled.
    mine = tmp_path / "mine.yaml"
    mine.write_bytes(default_catalogue().read_bytes())
    full = load([mine])
    store = tmp_path / "cache"
    first = cache.load([mine], store)
    # one cache file for the catalogue (besides the selection rules' own, listing-*.json)
    assert len([p for p in store.iterdir() if not p.name.startswith("listing-")]) == 1
    second = cache.load([mine], store)
    assert first.entries == second.entries == full.entries
    assert [e.origin for e in second.entries] == [e.origin for e in full.entries]
    assert second.files[0].title == full.files[0].title


def test_edit_invalidates(tmp_path: Path, write_yaml: Writer) -> None:
    path = write_yaml("anniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n")
    assert cache.load([path], tmp_path / "c").entries[0].name == "A"
    path.write_text("anniversaries:\n  - {id: a, name: Bê, date: 1/1/1990}\n", encoding="utf-8")
    assert cache.load([path], tmp_path / "c").entries[0].name == "Bê"
    path.write_text("anniversaries:\n  - {id: a, name: B, date: 31/2/1990}\n", encoding="utf-8")
    with pytest.raises(CatalogueError):
        cache.load([path], tmp_path / "c")


def test_cached_files_do_not_depend_on_the_clock(tmp_path: Path, write_yaml: Writer) -> None:
    path = write_yaml("anniversaries:\n  - {id: a, name: A, date: 1/6/2990}\n")
    assert cache.load([path], tmp_path).entries == cache.load([path], tmp_path).entries


def test_corrupt_or_unwritable_cache_falls_back(tmp_path: Path, write_yaml: Writer) -> None:
    path = write_yaml("anniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n")
    folder = tmp_path / "c"
    cache.load([path], folder)
    for item in folder.iterdir():
        item.write_text("{not json", encoding="utf-8")
    assert cache.load([path], folder).entries[0].id == "a"
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    assert cache.load([path], blocked).entries[0].id == "a"


def test_cli_respects_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from calendar_gen.cli.app import app

    mine = tmp_path / "mine.yaml"  # a user's file: the shipped one is read precompiled
    mine.write_text("anniversaries:\n  - {id: a, name: A, date: 1/3/1990}\n", encoding="utf-8")
    monkeypatch.setenv("CALENDAR_GEN_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("CALENDAR_GEN_NO_CACHE", "1")
    assert CliRunner().invoke(app, ["month", "2024-03", "-c", str(mine)]).exit_code == 0
    assert not (tmp_path / "c").exists()
    monkeypatch.delenv("CALENDAR_GEN_NO_CACHE")
    assert CliRunner().invoke(app, ["month", "2024-03", "-c", str(mine)]).exit_code == 0
    assert os.listdir(tmp_path / "c")


def test_edit_keeping_size_mtime_and_inode_is_seen(tmp_path: Path, write_yaml: Writer) -> None:
    """``cp -p`` of a same-size file, or an editor that restores the time: the content decides."""
    path = write_yaml("anniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n")
    before = path.stat()
    assert cache.load([path], tmp_path / "c").entries[0].name == "A"
    with path.open("r+b") as handle:  # same inode, same size
        handle.write(b"anniversaries:\n  - {id: a, name: B, date: 1/1/1990}\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert cache.load([path], tmp_path / "c").entries[0].name == "B"


def test_cache_applies_the_same_file_checks(
    tmp_path: Path, write_yaml: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_yaml("anniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n")
    cache.load([path], tmp_path / "c")
    monkeypatch.setenv("CALENDAR_GEN_MAX_CATALOGUE_BYTES", "10")
    with pytest.raises(CatalogueError, match="is larger than 10 bytes"):
        cache.load([path], tmp_path / "c")  # a cached file is read and limited like any other
    with pytest.raises(CatalogueError, match="is not a regular file"):
        cache.load([Path("/dev/null")], tmp_path / "c")
