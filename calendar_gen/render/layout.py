"""One table of sizes for the printed sheets and documents, read by the sheet CSS and the DOCX.

Both formats take every size, weight and position from here, so the PDF (WeasyPrint) and the Word
file (docxtpl template, ``scripts/make_docx_template.py``) cannot drift apart. Each element cites
the rule it follows:

- State bodies: Nghị định 30/2020/NĐ-CP, Phụ lục I (mục I: A4, margins top/bottom 20–25 mm, left
  30–35 mm, right 15–20 mm, Times New Roman; mục I.7 page numbers: "cỡ chữ 13 đến 14, kiểu chữ
  đứng, đặt canh giữa theo chiều ngang trong phần lề trên của văn bản, không hiển thị số trang thứ
  nhất"; mục II: Quốc hiệu 12–13 pt bold capitals, Tiêu ngữ 13–14 pt bold, tên cơ quan 12–13 pt,
  số 13 pt, địa danh 13–14 pt italic, tên loại 13–14 pt bold capitals, trích yếu 13–14 pt bold,
  body 13–14 pt, chức vụ 13–14 pt bold capitals, họ tên 13–14 pt bold).
- Party bodies: Hướng dẫn 36-HD/VPTW (03/4/2018), Phụ lục 3, the table "Mẫu trình bày thể thức":
  row 1 tiêu đề "ĐẢNG CỘNG SẢN VIỆT NAM" in hoa 15 đứng đậm; row 2 tên cơ quan cấp trên 14 đứng,
  cơ quan ban hành 14 đứng đậm; row 3 số 14 đứng; row 4 địa danh 14 nghiêng; row 5 tên loại 15–16
  đứng đậm, trích yếu 14–15 đứng đậm; row 6 nội dung 14–15 đứng.

Where a row was not found in a copy of the text we could read, ``verified`` is False and the value
is the State one or the common practice, said so in ``rule`` (docs/van-ban.md lists them).
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Style:
    """How one element is set: size in points, weight, slant, underline; and the rule it follows."""

    pt: float
    rule: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    verified: bool = True

    def css(self) -> str:
        """The CSS declarations of this style."""
        return (
            f"font-size: {self.pt:g}pt; font-weight: {'bold' if self.bold else 'normal'}; "
            f"font-style: {'italic' if self.italic else 'normal'}; "
            f"text-decoration: {'underline' if self.underline else 'none'};"
        )


ND30 = "Nghị định 30/2020/NĐ-CP, Phụ lục I"
HD36 = "Hướng dẫn 36-HD/VPTW, Phụ lục 3"

STATE: dict[str, Style] = {
    # The 12 pt end of the range keeps the Quốc hiệu (87.7 mm at 12 pt) on one line beside the body.
    "nation": Style(12, f"{ND30}, mục II.1: Quốc hiệu, in hoa, 12–13, đứng, đậm", bold=True),
    "motto": Style(13, f"{ND30}, mục II.1: Tiêu ngữ, in thường, 13–14, đứng, đậm", bold=True),
    "superior": Style(12, f"{ND30}, mục II.2: cơ quan chủ quản, in hoa, 12–13, đứng"),
    "issuer": Style(12, f"{ND30}, mục II.2: cơ quan ban hành, in hoa, 12–13, đứng, đậm", bold=True),
    "number": Style(13, f"{ND30}, mục II.3: số, ký hiệu, 13, đứng"),
    "place_date": Style(13, f"{ND30}, mục II.4: địa danh và thời gian, 13–14, nghiêng", italic=True),
    "type": Style(14, f"{ND30}, mục II.5: tên loại, in hoa, 13–14, đứng, đậm", bold=True),
    "summary": Style(14, f"{ND30}, mục II.5: trích yếu, in thường, 13–14, đứng, đậm", bold=True),
    "body": Style(13, f"{ND30}, mục II.6: nội dung, in thường, 13–14, đứng"),
    "signer": Style(13, f"{ND30}, mục II.7: quyền hạn, chức vụ, in hoa, 13–14, đứng, đậm", bold=True),
    "name": Style(13, f"{ND30}, mục II.7: họ tên, in thường, 13–14, đứng, đậm", bold=True),
    "recipients_label": Style(
        12, f"{ND30}, mục II.9: từ 'Nơi nhận', in thường, 12, nghiêng, đậm", bold=True, italic=True
    ),
    "recipients": Style(11, f"{ND30}, mục II.9: tên nơi nhận, in thường, 11, đứng"),
    "page_number": Style(13, f"{ND30}, mục I.7: số trang, 13–14, đứng, giữa lề trên, không ở trang 1"),
}

PARTY: dict[str, Style] = {
    **STATE,
    "nation": Style(15, f"{HD36}, dòng 1: tiêu đề, in hoa, 15, đứng, đậm", bold=True),
    "superior": Style(14, f"{HD36}, dòng 2: cơ quan cấp trên trực tiếp, in hoa, 14, đứng"),
    "issuer": Style(14, f"{HD36}, dòng 2: cơ quan ban hành, in hoa, 14, đứng, đậm", bold=True),
    "number": Style(14, f"{HD36}, dòng 3: số và ký hiệu, 14, đứng"),
    "place_date": Style(14, f"{HD36}, dòng 4: địa danh và ngày, 14, nghiêng", italic=True),
    "type": Style(15, f"{HD36}, dòng 5: tên loại, in hoa, 15–16, đứng, đậm", bold=True),
    "summary": Style(14, f"{HD36}, dòng 5: trích yếu, in thường, 14–15, đứng, đậm", bold=True),
    "body": Style(14, f"{HD36}, dòng 6: nội dung, in thường, 14–15, đứng"),
    # Not read in a copy of Hướng dẫn 36: the body's size and the underlined "Nơi nhận:" of the
    # Party's published documents (the Hướng dẫn's own last page); the page number's position is
    # the Party handbooks' "cách mép trên 10 mm và cách đều hai mép", its size the body's.
    "signer": Style(14, f"{HD36}: quyền hạn, chức vụ, in hoa, đứng, đậm (body size)", True, verified=False),
    "name": Style(14, f"{HD36}: họ tên, đứng, đậm (body size)", bold=True, verified=False),
    "recipients_label": Style(
        14, f"{HD36}: 'Nơi nhận:', in thường, đứng, gạch chân", underline=True, verified=False
    ),
    "recipients": Style(12, f"{HD36}: tên nơi nhận, in thường, 12, đứng", verified=False),
    "page_number": Style(14, f"{HD36}: số trang, giữa lề trên, từ trang 2 (body size)", verified=False),
}

# Sheets (no profile) are not documents: their page number sits at the foot, "Trang 2/3".
SHEET_PAGE_NUMBER = Style(9, "sheet only: 'Trang N/M' at the foot of every page (issue 13)")
TABLE_TEXT_PT = 11.5  # the list table; not a text element of either rule
NOTE_PT = 9  # the sheet's footer line and the sources

# A4 portrait, margins top 20, right 15, bottom 20, left 30 mm: Nghị định 30, Phụ lục I, mục I
# (the smallest margins of each range, so the most text fits); Hướng dẫn 36 uses A4 too.
PAGE_MM = (210.0, 297.0)
MARGINS_MM = {"top": 20.0, "right": 15.0, "bottom": 20.0, "left": 30.0}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm
PAGE_NUMBER_FROM_TOP_MM = 10.0  # the number in the top margin (Party handbooks: 10 mm)

# The header's two columns: the right one holds the Quốc hiệu (87.7 mm in 12 pt bold) on one line
# with 1.3 mm to spare (LibreOffice breaks a line that fills its cell exactly); the issuing body
# gets the 76 mm left. A longer name ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 77.1 mm in 12 pt bold)
# takes two lines, broken as offices break it (render/headerlines.py), the same in both formats.
HEADER_COLUMNS_MM = (76.0, 89.0)
SIGNATURE_COLUMNS_MM = (80.0, 85.0)  # Nơi nhận on the left, the signature block on the right

# The list table: outer widths of the columns (text widest); cell padding 1 mm top and bottom and
# 1.5 mm at the sides, in both formats (the DOCX's table paragraphs have no spacing of their own).
# "Phân loại" holds "năm tròn" (16.1 mm in 11.5 pt bold) in 19 mm of text.
CELL_PADDING_MM = (1.0, 1.5)
LIST_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("date", "Ngày", 25.0),
    ("lunar", "Âm lịch", 20.0),
    ("text", "Nội dung", 82.0),
    ("class", "Phân loại", 22.0),
    ("source", "Nguồn", 16.0),
)
assert sum(width for *_, width in LIST_COLUMNS) == TEXT_WIDTH_MM


# Vertical spacing (mm), the same in both formats: not set by either rule, chosen once here.
SPACING_MM = {
    "h1": (4.0, 5.0),  # the sheet's title: before, after
    "h2": (6.0, 2.0),  # section headings
    "paragraph": (0.0, 2.0),  # body paragraphs (intro, guidance, closing)
    "signature": 6.0,  # above "Nơi nhận" and the signature block
    "signature_space": 25.0,  # room for the signature and the seal
}
INDENT_MM = 10.0  # a paragraph's first line


def styles(party: bool) -> dict[str, Style]:
    """The element styles of a Party (Hướng dẫn 36) or a State (Nghị định 30) document."""
    return PARTY if party else STATE


def css_context(party: bool) -> dict[str, object]:
    """What ``templates/sheet.css`` reads: each element's declarations and the table widths."""
    pad = CELL_PADDING_MM[1] * 2
    return {
        "style": {name: style.css() for name, style in styles(party).items()},
        "pt": {name: style.pt for name, style in styles(party).items()},
        "columns": {name: f"{width - pad:g}mm" for name, _, width in LIST_COLUMNS},
        "header_columns": [f"{width:g}mm" for width in HEADER_COLUMNS_MM],
        "margins": MARGINS_MM,
        "sheet_page_number": SHEET_PAGE_NUMBER.pt,
        "table_pt": TABLE_TEXT_PT,
        "note_pt": NOTE_PT,
        "padding": [f"{value:g}mm" for value in CELL_PADDING_MM],
        "spacing": {name: value for name, value in SPACING_MM.items()},
        "indent": INDENT_MM,
    }
