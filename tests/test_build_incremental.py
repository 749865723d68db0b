"""``calendar-gen build`` again: unchanged files are kept (same inode and mtime), changed ones written."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .conftest import run_cli

CATALOGUE = """
anniversaries:
  - id: bien-phong
    name: Ngày truyền thống Bộ đội Biên phòng
    date: 03/3/1959
    scope: national
  - id: giao-duc
    name: Ngày thành lập ngành Giáo dục
    date: 20/11/1982
    scope: national
"""


def build(site: Path, catalogue: Path, *args: str) -> str:
    done = run_cli(
        "build", str(site), "--no-default", "-c", str(catalogue), "--from", "2026", "--to", "2026",
        "--today", "2026-11-22", *args,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stderr


def files(site: Path) -> dict[str, tuple[int, int]]:
    """Each file's (inode, mtime in ns): both stay when a build keeps the file."""
    return {
        str(p.relative_to(site)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def text_of(path: Path) -> str:
    """What a reader sees in the file (a Word file's XML)."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as docx:
            return "".join(docx.read(n).decode("utf-8") for n in docx.namelist() if n.endswith(".xml"))
    return path.read_text(encoding="utf-8")


def test_rebuild_writes_only_what_changed(tmp_path: Path) -> None:
    catalogue = tmp_path / "mine.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    site = tmp_path / "site"
    err = build(site, catalogue)
    first = files(site)
    count = len([p for p in first if not p.startswith(".")])
    assert f"wrote {count} files and kept 0 unchanged in {site}" in err

    err = build(site, catalogue)
    assert f"wrote 0 files and kept {count} unchanged in {site}" in err
    assert files(site) == first

    catalogue.write_text(
        CATALOGUE.replace("Bộ đội Biên phòng", "Bộ đội Biên phòng Việt Nam"), encoding="utf-8"
    )
    err = build(site, catalogue)
    now = files(site)
    assert now.keys() == first.keys()
    rewritten = {p for p in now if now[p] != first[p] and not p.startswith(".")}
    # Exactly the files that mention the entry: its feeds, March, the year; November is kept.
    holding = {p for p in now if not p.startswith(".") and "Biên phòng Việt Nam" in text_of(site / p)}
    assert rewritten == holding
    assert {"feed.ics", "month/2026-03.html", "month/2026-03.txt", "year/2026.html"} <= rewritten
    assert "month/2026-11.html" not in rewritten
    assert f"wrote {len(rewritten)} files and kept {count - len(rewritten)} unchanged in {site}" in err
    marker = (site / ".calendar-gen-site").read_text(encoding="utf-8")
    assert all(p in marker for p in now if not p.startswith("."))


def test_rebuild_message_in_vietnamese(tmp_path: Path) -> None:
    catalogue = tmp_path / "mine.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    site = tmp_path / "site"
    build(site, catalogue, "--lang", "vi")
    err = build(site, catalogue, "--lang", "vi")
    assert "đã ghi 0 tệp, giữ nguyên" in err and "tệp không đổi trong" in err
