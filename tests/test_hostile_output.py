"""Hostile options and outputs through the real CLI (issue 10, items 3, 8, 12, 13, 16 and text options)."""

from __future__ import annotations

import csv
import io
import os
import stat
import time
from pathlib import Path

import pytest

from .conftest import run_cli as run

CATALOGUE = """title: Đơn vị thử
anniversaries:
  - {id: a, name: "=HYPERLINK(\\"http://x.invalid\\";\\"bấm\\")", date: 03/3/1959}
  - {id: b, name: "+1+2 <b>đậm</b> & | ống", date: 08/3/1960}
  - {id: c, name: "@SUM(A1) thử", date: 10/3/1961, note: "-2+3"}
"""


# -o: what users expect of cp and editors (item 3)


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_new_output_files_respect_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    target = tmp_path / "thang.txt"
    result = run("month", "2024-03", "--today", "2026-11-22", "-o", str(target), umask=umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "thang.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run("month", "2024-03", "--today", "2026-11-22", "-o", str(target), umask=0o022).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text(encoding="utf-8") != "old"


def test_a_read_only_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "thang.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    result = run("month", "2024-03", "--today", "2026-11-22", "-o", str(target))
    assert result.returncode == 1 and "is read-only" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "old" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["thang.txt"]  # no temporary file left


def test_a_symlink_is_written_through_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.ics"
    link.symlink_to("real.ics")
    result = run("feed", "--today", "2026-11-22", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "real.ics"
    assert real.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.ics"
    link.symlink_to(tmp_path / "missing" / "x.ics")
    result = run("feed", "--today", "2026-11-22", "-o", str(link))
    assert result.returncode == 1 and "symbolic link to a file that does not exist" in result.stderr
    assert link.is_symlink() and not (tmp_path / "missing").exists()


# Default year ranges at the ends of the calendar (item 8) and the feed span cap (item 16)


@pytest.mark.parametrize("today", ["9998-06-01", "9999-12-31", "0001-01-01"])
def test_feed_default_years_are_clamped(today: str) -> None:
    result = run("feed", "--today", today)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("BEGIN:VCALENDAR")


def test_feed_spans_are_capped_with_a_message() -> None:
    started = time.monotonic()
    result = run("feed", "--from", "1", "--to", "9998")
    assert time.monotonic() - started < 10
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "at most 100 years" in result.stderr and "--from and --to" in result.stderr
    assert run("feed", "--from", "1900", "--to", "1999").returncode == 0


# User templates run in a sandbox (item 12)

HOSTILE_TEMPLATES = [
    "{{ cycler.__init__.__globals__.os.popen('echo PWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context }}",
    "{{ 'x' * 100000000 }}",
    "{% for i in range(10**9) %}{% endfor %}",
]


@pytest.mark.parametrize("body", HOSTILE_TEMPLATES)
def test_user_templates_cannot_run_code(tmp_path: Path, body: str) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "month.txt.j2").write_text(body, encoding="utf-8")
    result = run("month", "2024-03", "--today", "2026-11-22", "--templates", str(folder))
    assert result.returncode == 1, (result.stdout[:200], result.stderr)
    assert "PWNED" not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert "template" in result.stderr


def test_html_templates_are_sandboxed_too(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "month.html.j2").write_text(HOSTILE_TEMPLATES[0], encoding="utf-8")
    result = run("month", "2024-03", "-f", "html", "--today", "2026-11-22", "--templates", str(folder))
    assert result.returncode == 1 and "template refused" in result.stderr and "PWNED" not in result.stdout


def test_ordinary_user_templates_still_work(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "month.txt.j2").write_text(
        "{% for day in days %}{% for m in day %}- {{ m.text | upper }}\n{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    result = run("month", "2024-03", "--today", "2026-11-22", "--templates", str(folder))
    assert result.returncode == 0 and result.stdout.startswith("- "), result.stderr


# CSV injection and raw HTML in Markdown (item 13)


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    result = run(
        "month", "2024-03", "--no-default", "-c", str(catalogue), "-f", "csv", "--today", "2026-11-22"
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == 4
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    names = [row[rows[0].index("name")] for row in rows[1:]]
    assert names[0].startswith("'=HYPERLINK") and names[1].startswith("'+1+2") and names[2] == "'@SUM(A1) thử"
    assert rows[3][rows[0].index("note")] == "'-2+3"


def test_markdown_escapes_raw_html_and_pipes(tmp_path: Path) -> None:
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    result = run(
        "month", "2024-03", "--no-default", "-c", str(catalogue), "-f", "markdown", "--today", "2026-11-22"
    )
    assert result.returncode == 0, result.stderr
    assert "<b>" not in result.stdout and "&lt;b&gt;đậm&lt;/b&gt; &amp; \\| ống" in result.stdout
    for line in result.stdout.splitlines()[2:]:
        assert line.replace("\\|", "").count("|") == 5, line  # four cells, no extra column


# Control characters in text options


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--issuer", "Ban\x1b[2J"),
        ("--place", "Kon\x01Tum"),
        ("--number", "12\u2028HD"),
        ("--issuer", "Ban \u202eTuyên giáo"),
        ("--place", "Kon\x85Tum"),
        ("--number", "\ufffe"),
        ("--place", "Kon\x7fTum"),
    ],
)
def test_control_characters_in_sheet_options_are_refused(option: str, value: str) -> None:
    result = run("month", "2024-03", "-f", "html", "--today", "2026-11-22", option, value)
    assert result.returncode == 2 and option in result.stderr and "control or invisible" in result.stderr
    assert "\x1b" not in result.stderr and not result.stdout


@pytest.mark.parametrize(
    ("option", "value"),
    [("--name", "Lịch\x0bA"), ("--description", "x\u2066y"), ("--domain", "example.com\n")],
)
def test_control_characters_in_feed_options_are_refused(option: str, value: str) -> None:
    result = run("feed", "--today", "2026-11-22", option, value)
    assert result.returncode == 2 and option in result.stderr and "control or invisible" in result.stderr


def test_ordinary_vietnamese_text_options_pass() -> None:
    result = run(
        "month", "2024-03", "-f", "html", "--today", "2026-11-22",
        "--issuer", "Tỉnh ủy Kon Tum|Ban Tuyên giáo và Dân vận", "--place", "Kon Tum", "--number", "125-HD/BTGDVTU",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "125-HD/BTGDVTU" in result.stdout
