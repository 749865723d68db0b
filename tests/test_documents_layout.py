"""Documents that pass for the office's own (issue 22): the PDF and the DOCX follow the rules alike.

A Party document (Hướng dẫn 36-HD/VPTW, examples/document-profile.yaml) and a State one (Nghị định
30/2020), each a month and a year, rendered by the real command to PDF (WeasyPrint) and to DOCX,
which LibreOffice (as offices without Word see it) turns into a PDF too. Both PDFs are read with
pdftotext (words and positions) and pdfminer (each character's size and font); the DOCX with
python-docx and openxml-audit (ECMA-376). Every size expected comes from render/layout.py, whose
entries cite the rules.
"""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document

from calendar_gen.render.layout import LIST_COLUMNS, MARGINS_MM, TEXT_WIDTH_MM, Style, styles
from tests.test_documents import PROFILE, assert_valid_ooxml, cli, libreoffice_pdf, tool

MM = 72 / 25.4
STATE_PROFILE = """\
party: false
issuer:
  - Ủy ban nhân dân tỉnh Lào Cai
  - Sở Văn hóa và Thể thao
place: Lào Cai
number: "     /HD-SVHTT"
type: HƯỚNG DẪN
intro:
  - "Thực hiện kế hoạch công tác năm, Sở Văn hóa và Thể thao hướng dẫn tuyên truyền như sau:"
closing:
  - "Đề nghị các cơ quan, đơn vị căn cứ Hướng dẫn này tổ chức tuyên truyền phù hợp với thực tế."
recipients:
  - Ủy ban nhân dân tỉnh (để b/c);
  - Lưu VT.
signer:
  authority: kt
  on_behalf: GIÁM ĐỐC
  role: PHÓ GIÁM ĐỐC
  name: Trần Thị B
"""
CASES = [(kind, period) for kind in ("party", "state") for period in ("month", "year")]
# The lines each header must print whole, on one line, and what the signature page starts with.
HEADER = {
    "party": ("TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    "state": (
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "SỞ VĂN HÓA VÀ THỂ THAO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ),
}
PLACE = {"party": "Quảng Ngãi, ngày 27 tháng 02 năm 2024", "state": "Lào Cai, ngày 27 tháng 02 năm 2024"}
CLOSING = {"party": "Đề nghị các cấp ủy", "state": "Đề nghị các cơ quan"}
NAME = {"party": "Nguyễn Văn A", "state": "Trần Thị B"}


@dataclass(frozen=True)
class Line:
    """One line of a PDF page: its text, the sizes and fonts of its characters, its box (pt)."""

    text: str
    sizes: frozenset[float]
    fonts: frozenset[str]
    x0: float
    x1: float
    top: float  # from the top of the page


def pdf_lines(pdf: Path) -> list[list[Line]]:
    """Every page's lines, read by pdfminer with each character's size."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    result = []
    for layout in extract_pages(str(pdf)):
        lines = []
        for element in layout:
            if not isinstance(element, LTTextContainer):
                continue
            for line in element:
                if not isinstance(line, LTTextLine):
                    continue
                chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                if chars:
                    lines.append(
                        Line(
                            line.get_text().strip(),
                            frozenset(round(c.size, 1) for c in chars),
                            frozenset(c.fontname.split("+")[-1] for c in chars),
                            line.x0,
                            line.x1,
                            layout.height - line.y1,
                        )
                    )
        result.append(sorted(lines, key=lambda item: (round(item.top), item.x0)))
    return result


@dataclass(frozen=True)
class Rendered:
    kind: str
    period: str
    pdf: Path
    docx: Path
    office: Path  # LibreOffice's PDF of the DOCX

    def both(self) -> tuple[tuple[str, Path], tuple[str, Path]]:
        return (("WeasyPrint", self.pdf), ("LibreOffice", self.office))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Rendered]:
    folder = tmp_path_factory.mktemp("documents")
    (folder / "state.yaml").write_text(STATE_PROFILE, encoding="utf-8")
    result = {}
    for kind, period in CASES:
        profile = str(PROFILE if kind == "party" else folder / "state.yaml")
        # --all: every day of the month, a document long enough to have several pages.
        what = ("month", "2024-03", "-p", "kon-tum", "--all") if period == "month" else ("year", "2025")
        stem = f"{kind}-{period}"
        for ext in ("pdf", "docx"):
            cli(*what, "--profile", profile, "--issued", "2024-02-27", "-o", f"{stem}.{ext}", cwd=folder)
        result[(kind, period)] = Rendered(
            kind,
            period,
            folder / f"{stem}.pdf",
            folder / f"{stem}.docx",
            libreoffice_pdf(folder / f"{stem}.docx", folder),
        )
    return result


def find(lines: list[Line], text: str) -> Line:
    matches = [line for line in lines if text in line.text]
    assert matches, f"{text!r} not on the page: {[line.text for line in lines][:20]}"
    return matches[0]


def expect(line: Line, style: Style, where: str) -> None:
    """The line is set as the rule says: size (±0.3 pt) and weight/slant from the font's name."""
    assert all(abs(size - style.pt) <= 0.3 for size in line.sizes), (
        f"{where}: {line.sizes} ≠ {style.pt} ({style.rule})"
    )
    for font in line.fonts:
        assert ("Bold" in font) == style.bold, f"{where}: {font} ({style.rule})"
        assert ("Italic" in font) == style.italic, f"{where}: {font} ({style.rule})"


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
def test_header_lines_whole_and_sizes_as_the_rules_say(
    rendered: dict[tuple[str, str], Rendered], case: tuple[str, str]
) -> None:
    doc = rendered[case]
    rule = styles(doc.kind == "party")
    for engine, pdf in doc.both():
        first = pdf_lines(pdf)[0]
        texts = [line.text for line in first]
        for whole in (*HEADER[doc.kind], PLACE[doc.kind]):
            assert whole in texts, f"{engine}: {whole!r} is not one line of its own: {texts[:12]}"
        issuer, body_name = HEADER[doc.kind][0], HEADER[doc.kind][1]
        expect(find(first, issuer), rule["superior"], f"{engine} superior")
        expect(find(first, body_name), rule["issuer"], f"{engine} issuer")
        nation = "ĐẢNG CỘNG SẢN VIỆT NAM" if doc.kind == "party" else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        expect(find(first, nation), rule["nation"], f"{engine} nation")
        expect(find(first, PLACE[doc.kind]), rule["place_date"], f"{engine} place and date")
        expect(find(first, "HƯỚNG DẪN"), rule["type"], f"{engine} type")
        expect(find(first, "Tuyên truyền các ngày kỷ niệm"), rule["summary"], f"{engine} summary")
        expect(
            find(first, "Thực hiện kế hoạch" if doc.kind == "state" else "Thực hiện chương trình"),
            rule["body"],
            engine,
        )


def signature_page(pages: list[list[Line]]) -> int:
    found = [n for n, lines in enumerate(pages) if any(line.text.startswith("Nơi nhận:") for line in lines)]
    assert len(found) == 1
    return found[0]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
def test_signature_block_stays_with_the_closing_paragraph(
    rendered: dict[tuple[str, str], Rendered], case: tuple[str, str]
) -> None:
    doc = rendered[case]
    rule = styles(doc.kind == "party")
    for engine, pdf in doc.both():
        pages = pdf_lines(pdf)
        number = signature_page(pages)
        lines = pages[number]
        closing = find(lines, CLOSING[doc.kind])
        label = find(lines, "Nơi nhận:")
        assert closing.top < label.top, f"{engine}: the closing paragraph is not above the signature"
        expect(label, rule["recipients_label"], f"{engine} 'Nơi nhận:'")
        expect(find(lines, "Lưu"), rule["recipients"], f"{engine} recipients")
        expect(find(lines, "PHÓ "), rule["signer"], f"{engine} chức vụ")
        expect(find(lines, NAME[doc.kind]), rule["name"], f"{engine} họ tên")
        assert number == len(pages) - 1, f"{engine}: pages after the signature"


def number_lines(page: list[Line]) -> list[Line]:
    """Lines that are only a page number, in the top margin."""
    return [line for line in page if line.text.isdigit() and line.top < MARGINS_MM["top"] * MM]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
def test_page_numbers_as_the_rules_say_and_alike(
    rendered: dict[tuple[str, str], Rendered], case: tuple[str, str]
) -> None:
    """Nghị định 30/2020, Phụ lục I, mục I.7: top centre, 13–14 pt upright, none on page 1."""
    doc = rendered[case]
    style = styles(doc.kind == "party")["page_number"]
    centre = (MARGINS_MM["left"] + TEXT_WIDTH_MM / 2) * MM
    placed = {}
    for engine, pdf in doc.both():
        pages = pdf_lines(pdf)
        assert len(pages) > 1
        assert not number_lines(pages[0]), f"{engine}: page 1 shows a number"
        for index, page in enumerate(pages[1:], start=2):
            (line,) = number_lines(page)
            assert line.text == str(index)
            expect(line, style, f"{engine} page {index}")
            assert abs((line.x0 + line.x1) / 2 - centre) < 2 * MM, (
                f"{engine}: page {index}'s number is not centred"
            )
        placed[engine] = [number_lines(page)[0].top for page in pages[1:]]
        assert not any("Trang" in line.text for page in pages for line in page), engine
    assert abs(placed["WeasyPrint"][0] - placed["LibreOffice"][0]) < 3 * MM


def class_column_lines(pdf: Path) -> list[str]:
    """The lines of the "Phân loại" column, every page (by position, from pdftotext -bbox-layout)."""
    out = subprocess.run(
        [tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    widths = [width for *_, width in LIST_COLUMNS]
    left = (MARGINS_MM["left"] + sum(widths[:3])) * MM
    right = left + widths[3] * MM
    lines = []
    for line in re.findall(r"<line [^>]*>(.*?)</line>", out, re.S):
        words = re.findall(r'<word xMin="([0-9.]+)"[^>]*>([^<]*)</word>', line)
        if words and left - 2 <= float(words[0][0]) <= right:
            lines.append(" ".join(html.unescape(word) for _, word in words))
    return lines


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
def test_the_class_column_never_wraps_its_label(
    rendered: dict[tuple[str, str], Rendered], case: tuple[str, str]
) -> None:
    doc = rendered[case]
    for engine, pdf in doc.both():
        lines = class_column_lines(pdf)
        assert any(line.startswith(("năm tròn", "năm lẻ 5")) for line in lines), engine
        broken = [
            line
            for line in lines
            if line in ("năm", "tròn", "lẻ 5", "năm lẻ", "5") or line.startswith("tròn")
        ]
        assert not broken, f"{engine}: {broken}"


def rows_per_page(pdf: Path) -> list[int]:
    """How many table rows each page holds: dates in the "Ngày" column."""
    counts = []
    for page in pdf_lines(pdf):
        left = (MARGINS_MM["left"] + LIST_COLUMNS[0][2]) * MM
        dated = [
            line
            for line in page
            if line.x0 < left and re.match(r"(\d\d/\d+/\d{4}|Năm \d{4}|\d+/\d{4})$", line.text)
        ]
        counts.append(len(dated))
    return counts


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
def test_pdf_and_libreoffice_lay_out_the_same_document(
    rendered: dict[tuple[str, str], Rendered], case: tuple[str, str]
) -> None:
    """Per page: the same rows (a row's drift at most), the header, table and signature in place."""
    doc = rendered[case]
    direct, office = pdf_lines(doc.pdf), pdf_lines(doc.office)
    assert len(direct) == len(office)
    ours, theirs = rows_per_page(doc.pdf), rows_per_page(doc.office)
    assert sum(ours) == sum(theirs)
    for page, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        assert abs(a - b) <= 2, f"page {page}: {a} rows against {b} ({ours} / {theirs})"
    drift = [sum(ours[:n]) - sum(theirs[:n]) for n in range(1, len(ours) + 1)]
    assert max(map(abs, drift)) <= 3, drift
    for text in (HEADER[doc.kind][0], "HƯỚNG DẪN", "Ngày"):
        a, b = find(direct[0], text), find(office[0], text)
        assert abs(a.top - b.top) < 4 * MM and abs(a.x0 - b.x0) < 4 * MM, text
    assert signature_page(direct) == signature_page(office)
    a = find(direct[signature_page(direct)], "Nơi nhận:")
    b = find(office[signature_page(office)], "Nơi nhận:")
    assert abs(a.x0 - b.x0) < 2 * MM
    for lines_a, lines_b in zip(direct, office, strict=True):  # the same text, line breaks aside
        text_a = "".join("".join(line.text.split()) for line in lines_a)
        text_b = "".join("".join(line.text.split()) for line in lines_b)
        assert abs(len(text_a) - len(text_b)) <= max(400, len(text_a) // 5)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
def test_docx_valid_vietnamese_true_properties_and_sizes(
    rendered: dict[tuple[str, str], Rendered], case: tuple[str, str]
) -> None:
    doc = rendered[case]
    assert_valid_ooxml(doc.docx)
    with zipfile.ZipFile(doc.docx) as package:
        names = package.namelist()
        styles_xml = package.read("word/styles.xml").decode()
        app = package.read("docProps/app.xml").decode()
    assert "docProps/thumbnail.jpeg" not in names
    assert 'w:lang w:val="vi-VN"' in styles_xml and "en-US" not in styles_xml
    assert "<Application>calendar-gen" in app and "Microsoft" not in app and "<Pages>" not in app
    document = Document(str(doc.docx))
    props = document.core_properties
    issuer = "BAN TUYÊN GIÁO VÀ DÂN VẬN" if doc.kind == "party" else "SỞ VĂN HÓA VÀ THỂ THAO"
    assert props.author == issuer and props.language == "vi-VN"
    assert props.subject.startswith("Tuyên truyền các ngày kỷ niệm") and props.title.startswith("HƯỚNG DẪN")
    rule = styles(doc.kind == "party")
    for name, style in rule.items():  # the DOCX's own styles say what the PDF shows
        font = document.styles[f"cg-{name}"].font
        assert font.size.pt == style.pt and bool(font.bold) == style.bold, name
        assert bool(font.italic) == style.italic and bool(font.underline) == style.underline, name
    assert document.styles["Normal"].font.size.pt == rule["body"].pt
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert [p.style.name for p in section.header.paragraphs if p.text.strip()] == ["cg-page_number"]
    assert not "".join(p.text for p in section.footer.paragraphs).strip()


LONG_NAMES_PROFILE = STATE_PROFILE.replace(
    "  - Ủy ban nhân dân tỉnh Lào Cai\n  - Sở Văn hóa và Thể thao\n",
    "  - Ủy ban nhân dân thành phố Hồ Chí Minh\n  - Sở Văn hóa, Thể thao và Du lịch\n",
)


@pytest.mark.slow
def test_a_long_body_name_breaks_where_an_editor_breaks_it_in_both_formats(tmp_path: Path) -> None:
    """Issue 22: "SỞ VĂN HÓA, THỂ THAO VÀ DU / LỊCH" no more; the same two lines in the PDF and the DOCX.

    Both names are wider than the 76 mm column at 12 pt (77.1 and 96 mm); Thông tư 01/2011/TT-BNV,
    Điều 7.2 lets a long name take several lines, and offices break it before "VÀ" and before the
    place, never inside a word.
    """
    (tmp_path / "state.yaml").write_text(LONG_NAMES_PROFILE, encoding="utf-8")
    args = ("month", "2024-03", "-p", "kon-tum", "--profile", "state.yaml", "--issued", "2024-02-27")
    cli(*args, "-o", "long.pdf", cwd=tmp_path)
    cli(*args, "-o", "long.docx", cwd=tmp_path)
    office = libreoffice_pdf(tmp_path / "long.docx", tmp_path)
    rule = styles(False)
    expected = [
        ("ỦY BAN NHÂN DÂN", rule["superior"]),
        ("THÀNH PHỐ HỒ CHÍ MINH", rule["superior"]),
        ("SỞ VĂN HÓA, THỂ THAO", rule["issuer"]),
        ("VÀ DU LỊCH", rule["issuer"]),
    ]
    for engine, pdf in (("WeasyPrint", tmp_path / "long.pdf"), ("LibreOffice", office)):
        first = pdf_lines(pdf)[0]
        texts = {" ".join(line.text.split()): line for line in first}
        for text, style in expected:
            assert text in texts, f"{engine}: {text!r} not a line of its own: {sorted(texts)[:30]}"
            expect(texts[text], style, f"{engine} {text}")
        tops = [texts[text].top for text, _ in expected]
        assert tops == sorted(tops), f"{engine}: header lines out of order {tops}"
    # Word gets one paragraph per name with a line break inside, and the name whole in its properties.
    document = Document(str(tmp_path / "long.docx"))
    assert document.core_properties.author == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert_valid_ooxml(tmp_path / "long.docx")
