"""The plain ``month`` answered without Typer (cli/quick.py) says exactly what the Typer command says.

Issue 21 moved the most typed command off the Typer app for a cold start near Python's own; these
tests hold the two ways to the same bytes on every month of three years, and check that whatever
the quick way does not recognise, or refuses, is answered by the Typer app as before.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from calendar_gen.cli import quick
from calendar_gen.cli.app import app
from calendar_gen.engine.occurrences import days_in_month, is_leap
from calendar_gen.paths import resource_dir
from calendar_gen.render import paragraph
from calendar_gen.render.formatting import DateStyle

ROOT = Path(__file__).resolve().parents[1]
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025, 2026) for month in range(1, 13)]
OPTIONS = [
    (),
    ("-p", "kon-tum"),
    ("--province=quang-ngai", "--for", "truong-hoc"),
    ("--for", "doan", "--for", "cong-doan"),
    ("--all",),
    ("-r",),
    ("-p", "ha-noi", "--round", "--all"),
]


def typer_says(args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("options", OPTIONS, ids=" ".join)
def test_the_quick_way_prints_what_the_typer_command_prints_on_every_month(options: tuple[str, ...]) -> None:
    for month in MONTHS:
        args = ["month", month, *options, "--today", "2026-11-22"]
        said = quick.answer(args, os.environ)
        assert said is not None, f"{args} should be answered without Typer"
        assert said == typer_says(args), args


def test_without_a_month_both_ways_take_the_current_month() -> None:
    args = ["month", "--today", "2025-04-30"]
    assert quick.answer(args, os.environ) == typer_says(args)


def test_what_the_quick_way_does_not_recognise_goes_to_typer() -> None:
    for args in (
        ["month", "2024-03", "--explain"],
        ["month", "2024-03", "-f", "json"],
        ["month", "2024-03", "--today", "2026-11-22", "--today", "2026-11-23"],
        ["month", "2024-03", "2024-04"],
        ["month", "--today"],
        ["month", "-pkon-tum"],
        ["month", "--help"],
        ["year", "2024"],
        ["--lang", "vn", "month"],
        [],
    ):
        assert quick._parse(args) is None, args


@pytest.mark.parametrize(
    "args",
    [
        ["month", "2024-13"],
        ["month", "2024-03", "--today", "2024-02-30"],
        ["month", "2024-03", "-p", "kon-tun"],
        ["month", "2024-03", "--for", "doan-thanh-nien"],
        ["month", "2024-03", "--help"],
        ["--lang", "vi", "month", "3/2024"],
    ],
    ids=lambda args: " ".join(args),
)
def test_refusals_and_help_are_the_typer_commands_whichever_way_runs(args: list[str]) -> None:
    """The same output, message and exit code with the quick way on and off (CALENDAR_GEN_NO_QUICK)."""
    runs = []
    for off in ("", "1"):
        env = {**os.environ, "CALENDAR_GEN_NO_QUICK": off}
        done = subprocess.run(
            [sys.executable, "-m", "calendar_gen", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        runs.append((done.returncode, done.stdout, done.stderr))
    assert runs[0] == runs[1]


def test_a_plain_month_imports_neither_typer_nor_click_nor_jinja2() -> None:
    """What makes it fast: the paragraph in the shipped wording needs no command layer or template engine.

    Nor dataclasses (with inspect): the model's classes are calendar_gen.frozen's (issue 21).
    """
    unwanted = "{'typer', 'click', 'jinja2', 'yaml', 'dataclasses', 'inspect'}"
    code = (
        "import sys; from calendar_gen.cli.main import main; main(['month', '2024-03', '--today', '2026-11-22']); "
        f"sys.stderr.write(' '.join(sorted({unwanted} & set(sys.modules))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.startswith(
        "Tuyên truyền các ngày kỷ niệm trong tháng 3/2024, gồm: 65 năm Ngày truyền thống"
    )
    assert done.stderr == ""


def test_the_shipped_template_prints_the_paragraph_as_the_engine_would() -> None:
    """Skipping Jinja2 is only right while month.txt.j2 reads as shipped; rendered, it gives the same text."""
    from calendar_gen.catalogue.load import load
    from calendar_gen.engine.occurrences import occurrences
    from calendar_gen.paths import default_catalogue
    from calendar_gen.render.text import render_month

    shipped = (resource_dir("templates") / "month.txt.j2").read_text(encoding="utf-8")
    assert shipped == paragraph.SHIPPED_TEMPLATE
    entries = load([default_catalogue()]).entries
    for month in MONTHS:
        year, number = (int(part) for part in month.split("-"))
        found = occurrences(entries, *_month_range(year, number))
        for classed in (False, True):
            fields = paragraph.month_fields(found, year, number, DateStyle.ND30, classed)
            plain = paragraph.month_text(found, year, number, DateStyle.ND30, None, classed)
            assert plain == render_month(fields) == f"{fields['paragraph']}\n", month


def test_an_edited_month_template_in_the_templates_folder_is_rendered(tmp_path: Path) -> None:
    """A --templates folder always goes through Jinja2 (the user's wording wins)."""
    (tmp_path / "month.txt.j2").write_text("{{ month_text }}: {{ days | length }} ngày\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "month", "2024-03", "--templates", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("3/2024: ") and done.stdout.endswith(" ngày\n")


def test_month_lengths_and_leap_years_agree_with_the_calendar_module() -> None:
    import calendar

    for year in (1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999):
        assert is_leap(year) == calendar.isleap(year)
        for number in range(1, 13):
            assert days_in_month(year, number) == calendar.monthrange(year, number)[1]


def _month_range(year: int, number: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, number, 1), dt.date(year, number, days_in_month(year, number))
