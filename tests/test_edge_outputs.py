"""Issue 23, item 9: an output never replaces one of the command's inputs; stale temporary files go.

Through the real command: the refusal names the option and the input, exits 2, and every input
keeps its bytes.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

import pytest

from .conftest import run_cli as run

TODAY = ("--today", "2024-03-01")
CATALOGUE = """\
anniversaries:
  - id: truong-thpt
    name: Ngày thành lập Trường THPT Kon Tum
    date: 3/3/1959
    scope: sector:giao-duc
"""
PROFILE = "issuer: SỞ GIÁO DỤC|TRƯỜNG THPT\nplace: Kon Tum\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A catalogue, a profile and a templates folder, each with a symbolic and a hard link."""
    catalogue = tmp_path / "scope.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "month_text.j2").write_text("{{ paragraph }}\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(catalogue)
    os.link(catalogue, tmp_path / "hard.yaml")
    (tmp_path / "sub").mkdir()
    return {"catalogue": catalogue, "profile": profile, "templates": templates}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", ["scope.yaml", "link.yaml", "hard.yaml", "sub/../scope.yaml"])
def test_output_onto_the_catalogue_is_refused(tmp_path: Path, files: dict[str, Path], name: str) -> None:
    before = _snapshot(tmp_path)
    result = run("month", "2024-03", "-c", "scope.yaml", "-o", name, *TODAY, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "--output" in result.stderr and "is the catalogue this command reads (scope.yaml)" in result.stderr
    assert "nothing was written" in result.stderr
    assert _snapshot(tmp_path) == before


def test_output_onto_the_profile_is_refused(tmp_path: Path, files: dict[str, Path]) -> None:
    before = _snapshot(tmp_path)
    args = ("month", "2024-03", "-c", "scope.yaml", "--profile", "profile.yaml", "-f", "html")
    result = run(*args, "-o", "profile.yaml", *TODAY, cwd=tmp_path)
    assert result.returncode == 2 and "is the document profile this command reads" in result.stderr
    assert _snapshot(tmp_path) == before


def test_output_onto_a_template_is_refused(tmp_path: Path, files: dict[str, Path]) -> None:
    before = _snapshot(tmp_path)
    args = ("month", "2024-03", "-c", "scope.yaml", "--templates", "templates", "-f", "text")
    result = run(*args, "-o", "templates/month_text.j2", *TODAY, cwd=tmp_path)
    assert result.returncode == 2 and "is the template this command reads" in result.stderr
    assert _snapshot(tmp_path) == before


def test_check_fix_onto_a_hard_link_of_the_draft_is_refused(tmp_path: Path, files: dict[str, Path]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Kỷ niệm 60 năm Ngày thành lập Trường THPT Kon Tum (03/3/1959 – 03/3/2024).\n")
    os.link(draft, tmp_path / "draft-link.txt")
    before = _snapshot(tmp_path)
    result = run("check", "draft.txt", "-c", "scope.yaml", "--fix", "draft-link.txt", cwd=tmp_path)
    assert result.returncode == 2 and "--fix" in result.stderr and "draft" in result.stderr
    assert _snapshot(tmp_path) == before


def test_check_fix_onto_the_catalogue_is_refused(tmp_path: Path, files: dict[str, Path]) -> None:
    (tmp_path / "draft.txt").write_text("Kỷ niệm 65 năm Ngày thành lập Trường THPT Kon Tum.\n")
    before = _snapshot(tmp_path)
    result = run("check", "draft.txt", "-c", "scope.yaml", "--fix", "link.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "is the catalogue this command reads" in result.stderr
    assert _snapshot(tmp_path) == before


def test_annotate_and_fix_to_one_file_is_refused(tmp_path: Path) -> None:
    from docx import Document

    draft = tmp_path / "draft.docx"
    document = Document()
    document.add_paragraph("Kỷ niệm 60 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024).")
    document.save(str(draft))
    before = _snapshot(tmp_path)
    result = run("check", "draft.docx", "--annotate", "out.docx", "--fix", "./out.docx", cwd=tmp_path)
    assert result.returncode == 2 and "--annotate and --fix name the same file" in result.stderr
    assert _snapshot(tmp_path) == before


def test_replacing_an_existing_file_is_said(tmp_path: Path, files: dict[str, Path]) -> None:
    first = run("month", "2024-03", "-c", "scope.yaml", "-o", "out.txt", *TODAY, cwd=tmp_path)
    assert first.returncode == 0 and "wrote out.txt" in first.stderr and "replacing" not in first.stderr
    second = run("month", "2024-03", "-c", "scope.yaml", "-o", "out.txt", *TODAY, cwd=tmp_path)
    assert second.returncode == 0 and "wrote out.txt, replacing the file that was there" in second.stderr


def test_stale_temporary_files_are_removed_on_the_next_write(tmp_path: Path, files: dict[str, Path]) -> None:
    """What ``kill -9`` leaves (our naming, unlocked, not brand new) goes; anything else stays."""
    old = time.time() - 60
    stale = tmp_path / ".out.txt.k3x_9aqz.tmp"
    held = tmp_path / ".out.txt.b7q2m0xw.tmp"  # a writer still running holds its lock
    other = tmp_path / ".out.txt.backup.tmp"  # not our naming
    foreign = tmp_path / ".notes.txt.k3x_9aqz.tmp"  # another file's
    for path in (stale, held, other, foreign):
        path.write_text("partial")
        os.utime(path, (old, old))
    with open(held, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        result = run("month", "2024-03", "-c", "scope.yaml", "-o", "out.txt", *TODAY, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert held.exists() and other.exists() and foreign.exists()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").strip()


def test_killed_write_leaves_a_file_the_next_write_removes(tmp_path: Path, files: dict[str, Path]) -> None:
    """A real ``kill -9`` of a writer holding its temporary file, then an ordinary run."""
    import signal
    import subprocess
    import sys

    code = (
        "import fcntl, os, sys, tempfile, time\n"
        "fd, name = tempfile.mkstemp(prefix='.out.txt.', suffix='.tmp', dir=sys.argv[1])\n"
        "fcntl.flock(fd, fcntl.LOCK_EX); os.write(fd, b'half'); print(name, flush=True); time.sleep(60)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    temp = Path(writer.stdout.readline().strip())
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    old = time.time() - 60
    os.utime(temp, (old, old))
    assert temp.exists()
    result = run("month", "2024-03", "-c", "scope.yaml", "-o", "out.txt", *TODAY, cwd=tmp_path)
    assert result.returncode == 0 and not temp.exists()


@pytest.mark.parametrize(
    ("value", "hint"), [("vn", "có phải là 'vi'?"), ("EN", "có phải là 'en'?"), ("fr", "")]
)
def test_lang_accepts_only_vi_and_en(value: str, hint: str) -> None:
    result = run("--lang", value, "provinces")
    assert result.returncode == 2 and result.stdout == ""
    assert f"--lang '{value}' không phải là ngôn ngữ của calendar-gen; hãy dùng vi hoặc en" in result.stderr
    assert hint in result.stderr


def test_lang_vn_is_refused_in_vietnamese_too() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANG": "vi_VN.UTF-8", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "--lang=vn", "provinces"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "không phải là ngôn ngữ của calendar-gen; hãy dùng vi hoặc en; có phải là 'vi'?" in result.stderr
