"""``build DIR`` never removes what it did not write (issue 10, items 1, 2 and 8), through the real CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import run_cli


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def build(cwd: Path, folder: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run(cwd, "build", folder, "--from", "2026", "--to", "2026", "--today", "2026-11-22", *args)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_it_did_not_build_is_refused_and_kept(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "thesis.txt").write_text("x", encoding="utf-8")
    result = build(tmp_path, "docs")
    assert result.returncode == 1, result.stderr
    assert "is not empty and was not built by calendar-gen" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(docs) == {"thesis.txt": b"x"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]  # no lock or half-built folder


def test_build_dot_in_a_working_folder_removes_nothing(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    catalogue = work / "my.yaml"
    catalogue.write_text("anniversaries:\n  - {id: a, name: Ngày A, date: 3/3/1959}\n", encoding="utf-8")
    before = tree(work)
    result = build(work, ".", "-c", "my.yaml")
    assert result.returncode == 1 and "was not built by calendar-gen" in result.stderr
    assert tree(work) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]


def test_only_its_own_untouched_site_is_replaced(tmp_path: Path) -> None:
    assert build(tmp_path, "site").returncode == 0
    site = tmp_path / "site"
    marker = (site / ".calendar-gen-site").read_text(encoding="utf-8").splitlines()
    assert "feed.ics" in marker and "index.html" in marker
    again = build(tmp_path, "site", "--base-url", "https://lich.example.gov.vn/")
    assert again.returncode == 0, again.stderr
    assert b"https://lich.example.gov.vn/" in (site / "index.html").read_bytes()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    refused = build(tmp_path, "site")
    assert refused.returncode == 1 and "notes.txt" in refused.stderr and "did not write" in refused.stderr
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert b"https://lich.example.gov.vn/" in (site / "index.html").read_bytes()  # not rebuilt
    # Nothing but the site is left beside it: no lock file, no building or old folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_empty_folder_is_used_and_the_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = build(tmp_path, "empty")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "empty" / "feed.ics").is_file()
    root = build(tmp_path, "/")
    assert root.returncode == 1 and "root of the file system" in root.stderr
    assert not Path("/..lock").exists() and not Path("/.lock").exists()


def test_a_symlink_or_file_as_the_site_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "keep.txt").write_text("k", encoding="utf-8")
    (tmp_path / "link").symlink_to(real)
    result = build(tmp_path, "link")
    assert result.returncode == 1 and "is not a folder" in result.stderr
    assert tree(real) == {"keep.txt": b"k"}


@pytest.mark.parametrize("name", ["a*", "a?", "[a]bc", "a[!x]"])
def test_folder_names_are_literal_not_patterns(tmp_path: Path, name: str) -> None:
    """``build 'a*'`` removed an unrelated ``.abc.old-999`` (issue 10, item 2)."""
    bystanders = [tmp_path / ".abc.old-999", tmp_path / ".abc.building-5", tmp_path / ".a.old-1"]
    for folder in bystanders:
        folder.mkdir()
        (folder / "data").write_text("d", encoding="utf-8")
    result = build(tmp_path, name)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name / "feed.ics").is_file()
    for folder in bystanders:
        assert (folder / "data").read_text(encoding="utf-8") == "d", folder


@pytest.mark.parametrize("today", ["9998-06-01", "9999-12-31", "0001-01-01"])
def test_build_default_years_are_clamped(tmp_path: Path, today: str) -> None:
    """``build --today 9998-06-01`` crashed: the default range ends in 9998 (issue 10, item 8)."""
    result = run(tmp_path, "build", "site", "--today", today)
    assert result.returncode == 0, result.stderr
    years = sorted(p.stem for p in (tmp_path / "site" / "year").iterdir())
    assert years and all(1 <= int(y) <= 9998 for y in years)


def test_a_site_built_before_markers_is_still_replaced(tmp_path: Path) -> None:
    """Upgrading must not break a cron job: an unmarked folder of exactly a site's files is a site."""
    assert build(tmp_path, "site").returncode == 0
    site = tmp_path / "site"
    (site / ".calendar-gen-site").unlink()
    assert build(tmp_path, "site").returncode == 0
    assert (site / ".calendar-gen-site").is_file()
    (site / ".calendar-gen-site").unlink()
    (site / "index.html").unlink()
    (site / "my-page.html").write_text("mine", encoding="utf-8")
    refused = build(tmp_path, "site")
    assert refused.returncode == 1 and (site / "my-page.html").read_text(encoding="utf-8") == "mine"
