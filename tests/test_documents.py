"""Documents an officer hands in (issue 13): the Word template, the PDF's pages, the profile.

LibreOffice (Debian's libreoffice-writer-nogui) renders the DOCX to PDF, as offices without Word
see it; poppler-utils (pdftotext, pdfinfo) reads both PDFs.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from calendar_gen.render.layout import LIST_COLUMNS, MARGINS_MM

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "examples" / "document-profile.yaml"
A4_WIDTH_PT = 595.28
RIGHT_MARGIN_PT = 15 / 25.4 * 72


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "--lang", "en", *args, "--today", "2024-02-27"],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return result


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found is not None, f"{name} is missing: apt-get install -y poppler-utils libreoffice-writer-nogui"
    return found


def pages(pdf: Path) -> int:
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert match is not None
    return int(match.group(1))


def page_text(pdf: Path, page: int, layout: bool = True) -> str:
    args = [
        tool("pdftotext"),
        "-f",
        str(page),
        "-l",
        str(page),
        *(["-layout"] if layout else []),
        str(pdf),
        "-",
    ]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def openxml_audit() -> str:
    found = Path(sys.executable).parent / "openxml-audit"
    assert found.exists(), "pip install openxml-audit (the test extra)"
    return str(found)


def assert_valid_ooxml(docx: Path) -> None:
    """openxml-audit (ECMA-376 schema and semantics) reports nothing on this Word file."""
    report = subprocess.run(
        [openxml_audit(), "-m", "0", str(docx)], capture_output=True, text=True, check=False
    )
    assert report.returncode == 0 and "Errors: 0" in report.stdout, report.stdout[-3000:]


def libreoffice_pdf(docx: Path, tmp_path: Path) -> Path:
    soffice = tool("soffice")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "lo-out"),
            str(docx),
        ],
        capture_output=True,
        check=True,
        timeout=240,
    )
    return tmp_path / "lo-out" / (docx.stem + ".pdf")


def squeeze(text: str) -> str:
    """Text without any whitespace: mentions wrap differently in table cells."""
    return re.sub(r"\s+", "", text)


def content_column(pdf: Path) -> str:
    """The words of the "Nội dung" column (placed by render/layout.py) in reading order.

    Read by position: pdftotext's reading order interleaves a wrapped cell with its neighbours.
    """
    out = subprocess.run(
        [tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    widths = [width for *_, width in LIST_COLUMNS]
    left = (MARGINS_MM["left"] + widths[0] + widths[1]) / 25.4 * 72 - 2
    right = left + (widths[2] - 1) / 25.4 * 72
    words = []
    for number, page in enumerate(re.findall(r"<page[^>]*>(.*?)</page>", out, re.S)):
        for x, y, word in re.findall(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>([^<]*)</word>', page):
            if left <= float(x) <= right:
                words.append((number, round(float(y)), float(x), html.unescape(word)))
    return "".join(word for *_, word in sorted(words))


SHEET = (
    "month",
    "2024-03",
    "-p",
    "kon-tum",
    "--issuer",
    "Tỉnh ủy Kon Tum|Ban Tuyên giáo và Dân vận",
    "--place",
    "Kon Tum",
    "--party",
    "--issued",
    "2024-02-27",
)


@pytest.fixture(scope="module")
def year_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The 2025 yearly list as PDF (WeasyPrint), DOCX and the DOCX rendered by LibreOffice."""
    folder = tmp_path_factory.mktemp("year")
    cli("year", "2025", "--all", "-o", "y.pdf", cwd=folder)  # every item: a long list to lay out
    cli("year", "2025", "--all", "-o", "y.docx", cwd=folder)
    return folder / "y.pdf", folder / "y.docx", libreoffice_pdf(folder / "y.docx", folder)


@pytest.mark.slow
def test_sheet_pages_numbered_alike_in_both_formats(year_files: tuple[Path, Path, Path]) -> None:
    """A sheet: "Trang N/M" at the foot of every page of the PDF and of the DOCX in LibreOffice."""
    pdf, docx, office = year_files
    assert_valid_ooxml(docx)
    for printed in (pdf, office):
        count = pages(printed)
        for number in (1, count):
            assert f"Trang {number}/{count}" in page_text(printed, number), printed.name


@pytest.mark.slow
def test_docx_in_libreoffice_keeps_every_mention_and_the_page_count(
    year_files: tuple[Path, Path, Path],
) -> None:
    pdf, _docx, office = year_files
    ours, theirs = pages(pdf), pages(office)
    assert theirs <= 1.3 * ours and ours <= 1.3 * theirs, (ours, theirs)
    text = content_column(office)
    json_out = subprocess.run(
        [
            sys.executable,
            "-m",
            "calendar_gen",
            "year",
            "2025",
            "--all",
            "-f",
            "json",
            "--today",
            "2025-01-01",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = [item["name"] for item in json.loads(json_out)]
    assert len(names) > 100
    missing = [name for name in names if squeeze(name) not in text]
    assert missing == []


def test_docx_table_grid_rows_header_and_page_field(tmp_path: Path) -> None:
    cli(*SHEET, "-o", "m.docx", cwd=tmp_path)
    with zipfile.ZipFile(tmp_path / "m.docx") as archive:
        body = archive.read("word/document.xml").decode()
        footers = "".join(archive.read(n).decode() for n in archive.namelist() if "footer" in n)
    assert "<w:cantSplit" in body and "<w:tblHeader" in body
    # A sheet (no profile): "Trang N/M" at the foot of every page, as the PDF prints it (issue 22).
    assert "PAGE" in footers and "NUMPAGES" in footers and "fldChar" in footers
    assert_valid_ooxml(tmp_path / "m.docx")
    document = Document(str(tmp_path / "m.docx"))
    lists = [t for t in document.tables if len(t.columns) == 5]
    assert lists
    for table in lists:
        grid = [
            int(col.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
            for col in table._tbl.tblGrid.gridCol_lst
        ]
        assert max(grid) == grid[2], grid  # "Nội dung" is the widest column
        for row in table.rows:
            assert [c.width.twips if c.width else None for c in row.cells] == grid
    fonts = re.findall(
        r'w:ascii="([^"]+)"',
        body + "".join(zipfile.ZipFile(tmp_path / "m.docx").read("word/styles.xml").decode()),
    )
    assert set(fonts) <= {"Times New Roman"}, set(fonts)


def test_docx_header_matches_the_pdf(tmp_path: Path) -> None:
    cli(*SHEET, "--number", "125-HD/BTGDVTU", "-o", "m.docx", cwd=tmp_path)
    cli(*SHEET, "--number", "125-HD/BTGDVTU", "-o", "m.pdf", cwd=tmp_path)
    assert_valid_ooxml(tmp_path / "m.docx")
    document = Document(str(tmp_path / "m.docx"))
    header = [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs if p.text]
    assert header == [
        "TỈNH ỦY KON TUM",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
        "Số: 125-HD/BTGDVTU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Kon Tum, ngày 27 tháng 02 năm 2024",
    ]
    first = page_text(tmp_path / "m.pdf", 1)
    for line in header:
        assert line in first


def test_docx_template_of_the_officer_is_used(tmp_path: Path) -> None:
    restyled = tmp_path / "mine.docx"
    document = Document(str(ROOT / "templates" / "sheet.docx"))
    document.add_paragraph("Bản của văn phòng")
    document.save(str(restyled))
    cli(*SHEET, "--docx-template", str(restyled), "-o", "m.docx", cwd=tmp_path)
    texts = [p.text for p in Document(str(tmp_path / "m.docx")).paragraphs]
    assert "Bản của văn phòng" in texts


def test_pdf_numbers_every_page_and_never_ends_on_the_footer_alone(tmp_path: Path) -> None:
    cli(*SHEET, "-o", "m.pdf", cwd=tmp_path)
    cli("year", "2025", "--round", "-o", "y.pdf", cwd=tmp_path)
    for pdf in (tmp_path / "m.pdf", tmp_path / "y.pdf"):
        count = pages(pdf)
        assert count > 1
        for number in range(1, count + 1):
            assert f"Trang {number}/{count}" in page_text(pdf, number)
        last = [line for line in page_text(pdf, count).splitlines() if line.strip()]
        body = [
            line
            for line in last
            if "Trang " not in line and "Lập từ danh mục" not in line and "calendar-gen" not in line
        ]
        assert body, f"{pdf.name}: the last page holds only the footer"


def test_a_110_character_word_stays_inside_a4(tmp_path: Path) -> None:
    word = "Tuyêntruyền" * 10
    assert len(word) == 110
    catalogue = tmp_path / "long.yaml"
    catalogue.write_text(
        f"anniversaries:\n  - id: dai\n    name: Ngày {word} dài\n    date: 05/3/1990\n    source: thử\n",
        encoding="utf-8",
    )
    cli("month", "2024-03", "--no-default", "-c", str(catalogue), "-o", "long.pdf", cwd=tmp_path)
    bbox = subprocess.run(
        [tool("pdftotext"), "-bbox", str(tmp_path / "long.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    right = [float(x) for x in re.findall(r'xMax="([0-9.]+)"', bbox)]
    assert right and max(right) <= A4_WIDTH_PT - RIGHT_MARGIN_PT + 1
    assert word in squeeze(
        subprocess.run(
            [tool("pdftotext"), str(tmp_path / "long.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
    )


def test_profile_makes_a_complete_document(tmp_path: Path) -> None:
    cli("month", "2024-03", "-p", "kon-tum", "--profile", str(PROFILE), "-o", "d.pdf", cwd=tmp_path)
    cli("month", "2024-03", "-p", "kon-tum", "--profile", str(PROFILE), "-o", "d.docx", cwd=tmp_path)
    count = pages(tmp_path / "d.pdf")
    pdf = "\n".join(page_text(tmp_path / "d.pdf", n) for n in range(1, count + 1))
    document = Document(str(tmp_path / "d.docx"))
    docx = "\n".join(
        [p.text for p in document.paragraphs]
        + [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    )
    for text in (pdf, docx):
        for element in (
            "HƯỚNG DẪN",
            "Tuyên truyền các ngày kỷ niệm tháng 3/2024",
            "Nơi nhận:",
            "- Thường trực Tỉnh ủy (để b/c),",
            "K/T TRƯỞNG BAN",
            "PHÓ TRƯỞNG BAN",
            "Nguyễn Văn A",
            "TỈNH ỦY QUẢNG NGÃI",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
        ):
            assert element in text, element
        assert "CÁC NGÀY KỶ NIỆM THÁNG 3 NĂM 2024" not in text  # the type and summary replace the title
    # Nghị định 30/2020, Phụ lục I, mục I.7: no number on the first page, the others numbered at the top.
    assert not re.search(r"^\s*1\s*$", page_text(tmp_path / "d.pdf", 1).splitlines()[0])
    if count > 1:
        assert page_text(tmp_path / "d.pdf", 2).strip().splitlines()[0].strip() == "2"
    assert document.sections[0].different_first_page_header_footer


def test_profile_errors_name_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("type: HƯỚNG DẪN\nsigner:\n  authority: tl\n", encoding="utf-8")
    party = tmp_path / "party.yaml"
    party.write_text("party: true\nsigner:\n  authority: tl\n", encoding="utf-8")
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("nguoi_ky: A\n", encoding="utf-8")
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "calendar_gen",
            "--lang",
            "en",
            "month",
            "2024-03",
            "--profile",
            str(bad),
            "-f",
            "html",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr  # TL. is a State authority
    for path, words in ((party, "signer.authority"), (unknown, "nguoi_ky")):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "calendar_gen",
                "--lang",
                "en",
                "month",
                "2024-03",
                "--profile",
                str(path),
                "-f",
                "html",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2
        assert words in result.stderr


@pytest.mark.parametrize(
    ("args", "magic"),
    [
        (("-o", "x.pdf"), b"%PDF"),
        (("-o", "x.docx"), b"PK"),
        (("-o", "x.json"), b"["),
        (("-o", "x.html"), b"<!doc"),
    ],
)
def test_output_extension_picks_the_format(tmp_path: Path, args: tuple[str, str], magic: bytes) -> None:
    cli("month", "2024-03", *args, cwd=tmp_path)
    assert (tmp_path / args[1]).read_bytes().startswith(magic)


@pytest.mark.parametrize(
    "args",
    [
        ("-f", "text", "-o", "x.pdf"),
        ("-f", "pdf", "-o", "x.docx"),
        ("-o", "x.ics"),
        ("-f", "json", "-o", "x.csv"),
    ],
)
def test_output_extension_and_format_must_agree(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "--lang", "en", "month", "2024-03", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert not (tmp_path / args[-1]).exists()


@pytest.mark.parametrize(("year", "guess"), [("25", "2025"), ("5", "2005"), ("99", "2099")])
def test_short_year_is_refused_with_a_guess(year: str, guess: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "--lang", "en", "year", year],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert f"did you mean {guess}?" in result.stderr
