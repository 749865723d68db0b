"""Documents as served and as Excel (issue 22): rendered ahead, phone-sized pages, xlsx, refusals.

The server is the real ``calendar-gen serve`` on 127.0.0.1 (tests/test_server.py's ``Server``),
the phone is Debian's Chromium through Playwright at 390 px, the workbook is read by openpyxl.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from calendar_gen.render.formatting import solar
from tests.test_documents import cli, tool
from tests.test_server import Server
from tests.test_sheets import browser  # noqa: F401  (the Chromium fixture)

SERVED_TODAY = "2026-11-22"  # tests/test_server.Server's --today


def wait_for(folder: Path, count: int, seconds: float) -> list[Path]:
    """The files in ``folder`` once there are ``count`` of them."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.*")) if folder.is_dir() else []
        if len(files) >= count and not any(f.name.startswith(".") for f in files):
            return files
        time.sleep(0.5)
    raise AssertionError(f"{folder}: {list(folder.glob('*')) if folder.is_dir() else 'missing'}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path, Path]]:
    folder = tmp_path_factory.mktemp("served-documents")
    catalogue = folder / "own.yaml"
    catalogue.write_text(
        "anniversaries:\n  - id: thu\n    name: Ngày thành lập Sở thử\n    date: 05/11/1976\n    source: thử\n",
        encoding="utf-8",
    )
    saved = os.environ.get("CALENDAR_GEN_CACHE_DIR")
    os.environ["CALENDAR_GEN_CACHE_DIR"] = str(folder / "cache")
    try:
        instance = Server(["-c", str(catalogue)], folder / "server.log")
    finally:
        if saved is None:
            os.environ.pop("CALENDAR_GEN_CACHE_DIR")
        else:
            os.environ["CALENDAR_GEN_CACHE_DIR"] = saved
    yield instance, folder / "cache" / "documents", catalogue
    instance.stop()


@pytest.mark.slow
def test_offered_documents_are_ready_before_the_first_request(served: tuple[Server, Path, Path]) -> None:
    server, documents, catalogue = served
    files = wait_for(documents, 4, 180)  # this month's and this year's PDF and DOCX
    assert sorted(f.suffix for f in files) == [".docx", ".docx", ".pdf", ".pdf"]
    timings = []
    for _ in range(2):
        start = time.monotonic()
        status, _, body = server.get("/year/2026.pdf")
        timings.append(time.monotonic() - start)
        assert status == 200 and body.startswith(b"%PDF")
    first, second = timings
    # A yearly PDF takes seconds to render (WeasyPrint); read from disk it takes milliseconds.
    assert first < 2.0 and first - second < 1.5, timings
    assert body in {f.read_bytes() for f in files}
    status, _, docx = server.get("/month/2026-11.docx")
    assert status == 200 and docx in {f.read_bytes() for f in files}
    # A catalogue edit: the new version's documents are rendered ahead too, under new keys.
    before = set(files)
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("Sở thử", "Sở thử mới"), encoding="utf-8"
    )
    fresh = set(wait_for(documents, 8, 180)) - before
    start = time.monotonic()
    status, _, body = server.get("/month/2026-11.pdf")
    assert status == 200 and time.monotonic() - start < 2.0
    assert body in {f.read_bytes() for f in fresh}


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/month/2026-11", "/year/2026"])
def test_sheets_reflow_on_a_phone_and_print_on_a4(
    served: tuple[Server, Path, Path],
    browser: object,  # noqa: F811
    path: str,
    tmp_path: Path,
) -> None:
    server, _, _ = served
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{server.port}{path}")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == 390, f"{path}: scrolls sideways ({widths})"
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M), info  # pdfinfo names the paper
    context.close()


def table_rows(text: str) -> list[list[str]]:
    """The rows of ``--format table``: columns cut where the rule line's dashes are."""
    lines = text.splitlines()
    spans, start = [], 0
    for part in lines[1].split("  "):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    spans[-1] = (spans[-1][0], None)  # type: ignore[assignment]
    return [[line[a:b].strip() for a, b in spans] for line in [lines[0], *lines[2:]]]


def test_xlsx_is_an_excel_table_with_the_rows_of_the_table_format(tmp_path: Path) -> None:
    import openpyxl

    # --all: every day of the month (22 rows), not only the five the editor's selection lists.
    table = cli("month", "2024-03", "-p", "kon-tum", "--all", "-f", "table", cwd=tmp_path).stdout
    cli("month", "2024-03", "-p", "kon-tum", "--all", "-o", "thang.xlsx", cwd=tmp_path)
    cli("year", "2025", "-f", "xlsx", "-o", "nam.xlsx", cwd=tmp_path)
    assert zipfile.is_zipfile(tmp_path / "thang.xlsx") and zipfile.is_zipfile(tmp_path / "nam.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "thang.xlsx").active
    values = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    expected = table_rows(table)
    assert values[0] == expected[0] == ["Ngày", "Âm lịch", "Phân loại", "Nội dung"]
    assert len(values) == len(expected) > 10
    for got, want in zip(values[1:], expected[1:], strict=True):
        assert isinstance(got[0], dt.datetime) and solar(got[0].date()) == want[0]  # a date cell
        assert got[1:] == want[1:]
    assert sheet.freeze_panes == "A2" and list(sheet.tables) == ["NgayKyNiem"]
    assert sheet.cell(2, 1).number_format == "dd/mm/yyyy"
    (tmp_path / "again").mkdir()
    cli("month", "2024-03", "-p", "kon-tum", "--all", "-o", "thang.xlsx", cwd=tmp_path / "again")
    assert (tmp_path / "again" / "thang.xlsx").read_bytes() == (tmp_path / "thang.xlsx").read_bytes()


@pytest.mark.parametrize("name", ["x.doc", "x.odt", "x.rtf", "x.xls"])
def test_office_formats_we_do_not_write_are_refused(tmp_path: Path, name: str) -> None:
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "--lang", "en", "month", "2024-03", "-o", name],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2, result.stderr
    assert "does not write" in result.stderr and ".docx" in result.stderr and ".xlsx" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / name).exists()
