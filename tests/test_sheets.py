"""Printable sheets checked as a person would.

In Debian's Chromium (Playwright), in WeasyPrint's PDF and in Word's format: every mention is
present and every font covers Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.shared import RGBColor
from fontTools.ttLib import TTFont

from calendar_gen.catalogue.load import load
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.engine.selection import ROUND
from calendar_gen.paths import default_catalogue, province_catalogues
from calendar_gen.render.docx import month_docx, year_docx
from calendar_gen.render.formatting import counted, mention
from calendar_gen.render.html import Header, SheetInfo, month_html, year_html
from calendar_gen.render.pdf import html_to_pdf

from .conftest import TODAY
from .test_documents import assert_valid_ooxml

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIETNAMESE = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
VIETNAMESE += VIETNAMESE.upper()
INFO = SheetInfo(
    ("Các ngày kỷ niệm toàn quốc", "Tỉnh Kon Tum"),
    TODAY,
    Header("Ban Tuyên giáo và Dân vận Tỉnh ủy Kon Tum", "Kon Tum", dt.date(2024, 2, 27), party=True),
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (installed by .ci/run; no browser download)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "apt-get install -y chromium (see .ci/run)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def march_2024() -> list:  # type: ignore[type-arg]
    paths = [default_catalogue(), province_catalogues()["quang-ngai"]]
    entries = [e for e in load(paths).entries if e.scope == "national" or e.former == "kon-tum"]
    return occurrences(entries, dt.date(2024, 3, 1), dt.date(2024, 3, 31))


def busy_month(write_yaml: Callable[..., Path]) -> list:  # type: ignore[type-arg]
    """60 anniversaries in June 2025, two a day, with long names."""
    lines = ["anniversaries:"]
    for index in range(60):
        day = index // 2 + 1
        lines.append(
            f"  - {{id: muc-{index:02d}, name: Ngày truyền thống lực lượng thanh niên xung phong "
            f"và ngành giao thông vận tải số {index:02d}, date: {day}/6/{1950 + index}}}"
        )
    path = write_yaml("\n".join(lines) + "\n", "busy.yaml")
    return occurrences(load([path]).entries, dt.date(2025, 6, 1), dt.date(2025, 6, 30))


def pdf_text(pdf: Path) -> str:
    """The PDF's text, NFC, with all white space folded (lines wrap inside mentions)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    # pdftotext may read the class cell ("năm tròn", bold, a hair lower) into the wrapped mention
    # beside it; no mention contains these labels, so they are dropped before mentions are looked for.
    return re.sub(r" năm (tròn|lẻ 5)(?= )", "", folded)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def font_files() -> dict[str, str]:
    """PostScript name → font file, from fontconfig."""
    listing = subprocess.run(
        ["fc-list", ":", "postscriptname", "file"], capture_output=True, text=True, check=True
    )
    files = {}
    for line in listing.stdout.splitlines():
        path, _, rest = line.partition(":")
        match = re.search(r"postscriptname=(\S+)", rest)
        if match:
            files[match.group(1)] = path
    return files


def assert_fonts_cover_vietnamese(pdf: Path, text: str) -> None:
    """Every font in the PDF is embedded and has a glyph for every character printed."""
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows
    files = font_files()
    needed = {c for c in text + VIETNAMESE if not c.isspace()}
    for line in rows:
        name, embedded = line.split()[0], line.split()[-5]
        assert embedded == "yes", line
        postscript = name.split("+", 1)[-1]
        cmap = TTFont(files[postscript], fontNumber=0).getBestCmap()
        missing = {c for c in needed if ord(c) not in cmap}
        assert not missing, (postscript, sorted(missing)[:20])


def print_in_chromium(browser: object, html: str, folder: Path, name: str) -> Path:
    page_file = folder / f"{name}.html"
    page_file.write_text(html, encoding="utf-8")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(page_file.as_uri())
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True, print_background=True))
    page.set_viewport_size({"width": 900, "height": 1270})
    page.screenshot(path=str(folder / f"{name}.png"))
    page.close()
    return pdf


def check_pdf(pdf: Path, found: list) -> str:  # type: ignore[type-arg]
    text = pdf_text(pdf)
    for occ in found:
        assert mention(occ) in text, mention(occ)
    assert_fonts_cover_vietnamese(pdf, text)
    return text


def test_march_2024_in_chromium(browser: object, tmp_path: Path) -> None:
    found = march_2024()
    pdf = print_in_chromium(browser, month_html(found, 2024, 3, INFO), tmp_path, "march")
    text = check_pdf(pdf, found)
    assert 2 <= page_count(pdf) <= 5
    assert "Kon Tum, ngày 27 tháng 02 năm 2024" in text
    assert "CÁC NGÀY KỶ NIỆM THÁNG 3 NĂM 2024" in text
    assert (tmp_path / "march.png").stat().st_size > 50_000


def test_busy_month_flows_onto_more_pages_without_losing_rows(
    browser: object, tmp_path: Path, write_yaml: Callable[..., Path]
) -> None:
    found = busy_month(write_yaml)
    assert len(found) == 60
    info = SheetInfo(("Thử",), TODAY)
    pdf = print_in_chromium(browser, month_html(found, 2025, 6, info), tmp_path, "busy")
    check_pdf(pdf, found)
    assert page_count(pdf) == 8  # grid + 5 pages of table (header repeated) + 2 of paragraph, checked by eye
    # The table header is repeated on each page the table spans.
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert sum("Nội dung" in p and "Âm lịch" in p for p in pages) >= 4


def test_weasyprint_pdf(tmp_path: Path, write_yaml: Callable[..., Path]) -> None:
    found = march_2024()
    pdf = tmp_path / "march.pdf"
    pdf.write_bytes(html_to_pdf(month_html(found, 2024, 3, INFO)))
    check_pdf(pdf, found)
    assert 2 <= page_count(pdf) <= 5
    busy = busy_month(write_yaml)
    pdf.write_bytes(html_to_pdf(month_html(busy, 2025, 6, SheetInfo(("Thử",), TODAY))))
    check_pdf(pdf, busy)
    assert page_count(pdf) == 8  # as in Chromium: the rows flow, none is cut


def test_docx_reads_back_with_every_mention(tmp_path: Path) -> None:
    found = march_2024()
    path = tmp_path / "march.docx"
    path.write_bytes(month_docx(found, 2024, 3, INFO))
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    for occ in found:
        assert mention(occ) in cells
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "CÁC NGÀY KỶ NIỆM THÁNG 3 NĂM 2024"
    assert any(
        p.text.startswith("Tuyên truyền các ngày kỷ niệm trong tháng 3/2024, gồm:")
        for p in document.paragraphs
    )
    assert month_docx(found, 2024, 3, INFO) == path.read_bytes()  # deterministic
    assert_valid_ooxml(path)
    # Sundays red in the grid, as on the PDF (sheet.css: table.month td.sunday .solar).
    (grid,) = [t for t in document.tables if len(t.columns) == 7]

    def day_colours(column: int) -> list[object]:
        runs = [r for row in grid.rows[1:] for r in row.cells[column].paragraphs[0].runs if r.text.strip()]
        return [r.font.color.rgb for r in runs]

    assert len(day_colours(6)) == 5 and set(day_colours(6)) == {RGBColor(0xB0, 0, 0)}  # March 2024's Sundays
    assert len(day_colours(0)) == 4 and set(day_colours(0)) <= {None, RGBColor(0, 0, 0)}


def test_year_sheet_lists_jubilees_first(tmp_path: Path) -> None:
    entries = load([default_catalogue()]).entries
    found = occurrences(entries, dt.date(2025, 1, 1), dt.date(2025, 12, 31), yearly=True)
    html = year_html(found, 2025, SheetInfo(("Các ngày kỷ niệm toàn quốc",), TODAY))
    jubilees, _, months = html.partition("<h2>Tháng 1</h2>")
    assert "95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2025)" in jubilees
    assert "<h2>Tháng 12</h2>" in months
    (tmp_path / "year.docx").write_bytes(year_docx(found, 2025, SheetInfo(("x",), TODAY)))
    assert_valid_ooxml(tmp_path / "year.docx")
    document = Document(str(tmp_path / "year.docx"))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    # A yearly list shows a năm tròn or năm lẻ 5 with the count it was classified by (issue 13).
    assert all(mention(counted(o) if o.round_class in ROUND else o) in cells for o in found)
    assert "115 năm Ngày Quốc tế Phụ nữ (08/3/1910 – 08/3/2025)" in cells


def test_names_with_markup_render_as_text_and_run_nothing(
    browser: object, tmp_path: Path, write_yaml: Callable[..., Path]
) -> None:
    path = write_yaml(
        "anniversaries:\n"
        "  - {id: xss-a, name: '<script>window.__xss = 1</script>Ngày A', date: 1/3/1990}\n"
        "  - {id: xss-b, name: '<img src=x onerror=\"window.__xss = 2\">Ngày B', date: 2/3/1990,"
        " source: '<script>window.__xss = 3</script>'}\n",
        "xss.yaml",
    )
    found = occurrences(load([path]).entries, dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    page_file = tmp_path / "xss.html"
    page_file.write_text(month_html(found, 2024, 3, SheetInfo(("<b>x</b>",), TODAY)), encoding="utf-8")
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message))
    page.goto(page_file.as_uri())
    assert page.evaluate("window.__xss") is None and not dialogs
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    body = page.inner_text("body")
    assert "<script>window.__xss = 1</script>Ngày A" in body
    assert '<img src=x onerror="window.__xss = 2">Ngày B' in body
    page.close()


def test_cli_sheet_formats(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from calendar_gen.cli.app import app

    runner = CliRunner()
    for fmt in ("html", "pdf", "docx"):
        target = tmp_path / f"thang-3.{fmt}"
        result = runner.invoke(
            app,
            [
                "month",
                "2024-03",
                "-p",
                "kon-tum",
                "-f",
                fmt,
                "-o",
                str(target),
                "--issuer",
                "Ban Tuyên giáo",
                "--place",
                "Kon Tum",
                "--issued",
                "2024-02-27",
                "--today",
                "2026-11-22",
            ],
        )
        assert result.exit_code == 0, result.stderr
        assert target.stat().st_size > 5_000
    assert target.read_bytes()[:2] == b"PK"
    result = runner.invoke(app, ["year", "2025", "--round", "-f", "html", "--today", "2026-11-22"])
    assert result.exit_code == 0 and "NĂM TRÒN" in result.stdout.upper()
    bad = runner.invoke(app, ["month", "2024-03", "-f", "html", "--issued", "27/02/2024"])
    assert bad.exit_code == 2 and "--issued" in bad.stderr


def test_missing_weasyprint_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from typer.testing import CliRunner

    from calendar_gen.cli.app import app

    real_import = builtins.__import__

    def no_weasyprint(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    result = CliRunner().invoke(app, ["month", "2024-03", "-f", "pdf", "-o", "/tmp/never.pdf"])
    assert result.exit_code == 1
    assert "-m pip install -e " in result.stderr and "[pdf]'" in result.stderr
    assert "Traceback" not in result.stderr and "No module named" not in result.stderr


def test_readme_screenshot_exists() -> None:
    shot = Path(__file__).resolve().parents[1] / "docs" / "thang-3-2024.png"
    assert shot.stat().st_size > 50_000
    assert shutil.which("pdftotext"), "apt-get install -y poppler-utils (see .ci/run)"
