"""Build templates/sheet.docx, the Word template of the printed sheets (docxtpl tags inside).

Run it after changing the layout: .venv/bin/python scripts/make_docx_template.py
An officer restyles a copy in Word or LibreOffice (fonts, sizes, column widths, spacing) and passes
it back with --docx-template; the tags ({{ ... }}, {%p ... %}, {%tr ... %}) must stay in place.

Layout (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4 portrait, margins 20/15/20/30 mm, Times New Roman.
The anniversary table has a fixed layout whose grid (w:tblGrid) matches the cell widths with the
content column widest, a header row repeated on each page (w:tblHeader) and rows that never split
(w:cantSplit); the footer holds a PAGE field.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "Times New Roman"
LIST_WIDTHS_MM = (22, 17, 91, 19, 16)  # 165 mm: A4 less the 30 + 15 mm margins; content widest
LIST_HEADERS = ("Ngày", "Âm lịch", "Nội dung", "Phân loại", "Nguồn")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
OUT = Path(__file__).resolve().parents[1] / "templates" / "sheet.docx"


def plain_font(style: Any, size: float | None = None, bold: bool | None = None) -> None:
    """Times New Roman in black for every script, no theme fonts."""
    style.font.name = FONT
    style.font.color.rgb = RGBColor(0, 0, 0)
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)


def styles(document: Any) -> None:
    """Normal 13 pt; headings; "Bảng" (table text, 11.5 pt as on the PDF); "Ghi chú" (9 pt)."""
    from docx.enum.style import WD_STYLE_TYPE

    normal = document.styles["Normal"]
    plain_font(normal, 13)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15  # the PDF's line-height is 1.3 of a serif's 1.15
    for name, size in (("Title", 15), ("Heading 1", 15), ("Heading 2", 13)):
        style = document.styles[name]
        plain_font(style, size, True)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(8 if name == "Heading 2" else 6)
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.keep_with_next = True
    table_text = document.styles.add_style("Bảng", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    plain_font(table_text, 11.5)
    table_text.paragraph_format.space_before = Pt(1.5)
    table_text.paragraph_format.space_after = Pt(1.5)
    small = document.styles.add_style("Ghi chú", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    plain_font(small, 9)
    plain_font(document.styles["Table Grid"])
    # Every other style of Word's blank document too (Courier in "Macro Text", theme fonts), and the
    # document defaults: Times New Roman throughout (Nghị định 30/2020, Phụ lục I).
    for style in document.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            for script in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{script}"), FONT)
            for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{theme}"), None)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for script in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{script}"), FONT)
            for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{theme}"), None)


def para(container: Any, text: str = "", style: str | None = None, **fmt: Any) -> Any:
    """A paragraph with one run (docxtpl needs each tag inside one run)."""
    paragraph = container.add_paragraph(style=style)
    if "align" in fmt:
        paragraph.alignment = fmt.pop("align")
    run = paragraph.add_run(text)
    for key, value in fmt.items():
        if key == "size":
            run.font.size = Pt(value)
        else:
            setattr(run, key, value)
    return paragraph


def no_borders(table: Any) -> None:
    """A layout table: no borders (the header and the signature block)."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def cell_margins(table: Any, side_mm: float = 1.5, top_mm: float = 0.5) -> None:
    """Cell padding as on the PDF (1 mm / 1.5 mm), not the applications' own defaults."""
    margins = OxmlElement("w:tblCellMar")
    for edge, size in (("top", top_mm), ("left", side_mm), ("bottom", top_mm), ("right", side_mm)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(size * 56.7)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def fixed_grid(table: Any, widths_mm: tuple[float, ...]) -> None:
    """Fixed layout; the grid columns and every cell get the same widths."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def row_flag(row: Any, name: str) -> None:
    """w:tblHeader (repeat on each page) or w:cantSplit (never split across pages)."""
    flag = OxmlElement(f"w:{name}")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def first_paragraph(cell: Any, text: str, **fmt: Any) -> None:
    paragraph = cell.paragraphs[0]
    if "align" in fmt:
        paragraph.alignment = fmt.pop("align")
    if "style" in fmt:
        paragraph.style = fmt.pop("style")
    run = paragraph.add_run(text)
    for key, value in fmt.items():
        if key == "size":
            run.font.size = Pt(value)
        else:
            setattr(run, key, value)


def header(document: Any) -> None:
    """Nghị định 30/2020 (Party: Hướng dẫn 36-HD/VPTW) header, as on the HTML and PDF sheet."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(document, "{%p if header %}")
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_grid(table, (75, 90))
    left, right = table.rows[0].cells
    first_paragraph(left, "{%p for line in header.superior %}", align=center)
    para(left, "{{ line }}", align=center, size=12)
    para(left, "{%p endfor %}", align=center)
    para(left, "{{ header.issuer }}", align=center, size=12, bold=True)
    para(left, "{{ header.mark }}", align=center, size=12)
    para(left, "{%p if header.number %}", align=center)
    para(left, "Số: {{ header.number }}", align=center, size=12)
    para(left, "{%p endif %}", align=center)
    first_paragraph(right, "{%p if header.party %}", align=center)
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align=center, size=12, bold=True, underline=True)
    para(right, "{%p else %}", align=center)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align=center, size=12, bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", align=center, size=12, bold=True, underline=True)
    para(right, "{%p endif %}", align=center)
    para(right, "{{ header.place_date }}", align=center, italic=True)
    para(document, "{%p endif %}")


def title(document: Any) -> None:
    """The sheet's title, or the document's tên loại and trích yếu (--profile)."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(document, "{%p if document %}")
    para(
        document, "{{ document.type }}", align=center, bold=True, size=14
    ).paragraph_format.space_before = Pt(8)
    para(document, "{{ document.summary }}", align=center, bold=True, size=14)
    para(document, "———————", align=center, size=10).paragraph_format.space_after = Pt(6)
    para(document, "{%p for line in document.intro %}")
    body = para(document, "{{ line }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    body.paragraph_format.first_line_indent = Mm(10)
    body.paragraph_format.space_after = Pt(3)
    para(document, "{%p endfor %}")
    para(document, "{%p else %}")
    document.add_paragraph("{{ title | upper }}", style="Heading 1").alignment = center
    para(document, "{%p endif %}")


def grid(document: Any) -> None:
    """The month grid from Monday; each cell: the day, the lunar day, the number of anniversaries."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(document, "{%p if weeks %}")
    table = document.add_table(rows=3, cols=7)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, WEEKDAYS, strict=True):
        first_paragraph(cell, name, align=center, bold=True, size=10)
    row_flag(table.rows[0], "tblHeader")
    first_paragraph(table.rows[1].cells[0], "{%tr for week in weeks %}")
    for index, cell in enumerate(table.rows[2].cells):
        first_paragraph(
            cell, f"{{% cellbg week[{index}].fill %}}{{{{ week[{index}].day }}}}", bold=True, size=14
        )
        para(cell, f"{{{{ week[{index}].lunar }}}}", size=8)
        para(cell, f"{{{{ week[{index}].mark }}}}", size=8)
    row_flag(table.rows[2], "cantSplit")
    last = table.add_row()
    first_paragraph(last.cells[0], "{%tr endfor %}")
    fixed_grid(table, (165 / 7,) * 7)
    para(document, "{%p endif %}")


def list_tables(document: Any) -> None:
    """One table per section (the month's list; the year's jubilees, whole year, months)."""
    para(document, "{%p for section in sections %}")
    document.add_paragraph("{{ section.title }}", style="Heading 2")
    table = document.add_table(rows=4, cols=len(LIST_HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, LIST_HEADERS, strict=True):
        first_paragraph(cell, name, bold=True, style="Bảng")
        cell._tc.get_or_add_tcPr().append(shade("F0F0F0"))
    row_flag(table.rows[0], "tblHeader")
    first_paragraph(table.rows[1].cells[0], "{%tr for item in section.rows %}")
    cells = table.rows[2].cells
    for cell, field in zip(cells, ("date", "lunar", "text", None, "note"), strict=True):
        if field is None:  # the class: bold for năm tròn and năm lẻ 5, as on the PDF
            paragraph = cell.paragraphs[0]
            paragraph.style = "Bảng"
            paragraph.add_run("{% cellbg item.fill %}{{ item.label_bold }}").bold = True
            paragraph.add_run("{{ item.label }}")
        else:
            first_paragraph(cell, f"{{% cellbg item.fill %}}{{{{ item.{field} }}}}", style="Bảng")
    row_flag(table.rows[2], "cantSplit")
    first_paragraph(table.rows[3].cells[0], "{%tr endfor %}")
    fixed_grid(table, LIST_WIDTHS_MM)
    cell_margins(table)
    para(document, "{%p endfor %}")


def shade(fill: str) -> Any:
    element = OxmlElement("w:shd")
    element.set(qn("w:val"), "clear")
    element.set(qn("w:color"), "auto")
    element.set(qn("w:fill"), fill)
    return element


def ending(document: Any) -> None:
    """The paragraph, the sources, and the document's end or the sheet's footer line."""
    para(document, "{%p if paragraph %}")
    document.add_paragraph("Đoạn định hướng tuyên truyền", style="Heading 2")
    guidance = para(document, "{{ paragraph }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    guidance.paragraph_format.first_line_indent = Mm(10)
    para(document, "{%p endif %}")
    para(document, "{%p if sources %}")
    document.add_paragraph("Nguồn", style="Heading 2")
    para(document, "{%p for source in sources %}")
    para(document, "[{{ loop.index }}] {{ source }}", style="Ghi chú")
    para(document, "{%p endfor %}")
    para(document, "{%p endif %}")
    para(document, "{%p if document %}")
    para(document, "{%p for line in document.closing %}")
    closing = para(document, "{{ line }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    closing.paragraph_format.first_line_indent = Mm(10)
    para(document, "{%p endfor %}")
    signature(document)
    para(document, "{%p else %}")
    line = para(document, "{{ footer }}", style="Ghi chú")
    line.paragraph_format.space_before = Pt(12)
    line.paragraph_format.keep_together = True
    para(document, "{%p endif %}")


def signature(document: Any) -> None:
    """Nơi nhận (left) and the signature block (right): quyền hạn, chức vụ, space, họ tên."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_grid(table, (80, 85))
    row_flag(table.rows[0], "cantSplit")
    left, right = table.rows[0].cells
    first_paragraph(left, "{%p if document.recipients %}")
    para(left, "Nơi nhận:", size=12, bold=True, italic=True)
    para(left, "{%p for line in document.recipients %}")
    para(left, "- {{ line }}", size=11)
    para(left, "{%p endfor %}")
    para(left, "{%p endif %}")
    first_paragraph(right, "{%p for line in document.authority_lines %}", align=center)
    para(right, "{{ line }}", align=center, bold=True)
    para(right, "{%p endfor %}", align=center)
    for _ in range(4):
        para(right, "", align=center)
    para(right, "{{ document.name }}", align=center, bold=True)


def page_number(document: Any) -> None:
    """A centred PAGE field in the footer: "Trang 3"."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.style = document.styles["Ghi chú"]
    paragraph.add_run("Trang ")
    field(paragraph, "PAGE")


def field(paragraph: Any, code: str) -> None:
    """A complex field (w:fldChar begin / instrText / separate / result / end)."""
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == code:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def build(path: Path = OUT) -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.footer_distance = Mm(8)
    styles(document)
    header(document)
    title(document)
    grid(document)
    list_tables(document)
    ending(document)
    page_number(document)
    props = document.core_properties
    props.title, props.author, props.comments = "{{ title }}", "calendar-gen", "{{ generator }}"
    document.save(str(path))


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {OUT if len(sys.argv) == 1 else sys.argv[1]}")
