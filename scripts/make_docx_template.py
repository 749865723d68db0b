"""Build templates/sheet.docx, the Word template of the printed sheets (docxtpl tags inside).

Run it after changing the layout: .venv/bin/python scripts/make_docx_template.py
An officer restyles a copy in Word or LibreOffice (fonts, sizes, column widths, spacing) and passes
it back with --docx-template; the tags ({{ ... }}, {%p ... %}, {%tr ... %}) must stay in place.

Every size, weight, width and margin comes from calendar_gen/render/layout.py, the table the sheet
CSS reads too (each entry cites Nghị định 30/2020/NĐ-CP, Phụ lục I or Hướng dẫn 36-HD/VPTW): one
paragraph style per element ("cg-nation", "cg-issuer", ...), set for a State body here and for a
Party body by the renderer. The anniversary table has a fixed layout whose grid (w:tblGrid) matches
the cell widths, a header row repeated on each page (w:tblHeader) and rows that never split
(w:cantSplit). The page header holds the document's page number (top centre), the footer the
sheet's "Trang N/M"; the renderer keeps the one that applies. Language vi-VN throughout.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from calendar_gen.render import layout

FONT = "Times New Roman"
LIST_WIDTHS_MM = tuple(width for *_, width in layout.LIST_COLUMNS)
LIST_HEADERS = tuple(name for _, name, _ in layout.LIST_COLUMNS)
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


def element_styles(document: Any) -> None:
    """One paragraph style per element of layout.STATE ("cg-nation" ...): size, weight, slant."""
    from docx.enum.style import WD_STYLE_TYPE

    for name, spec in layout.STATE.items():
        style = document.styles.add_style(f"cg-{name}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        plain_font(style, spec.pt, spec.bold)
        style.font.italic = spec.italic
        style.font.underline = spec.underline


def language(document: Any) -> None:
    """vi-VN in the document defaults and the settings, so Word's spell checker reads Vietnamese."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for lang in [*defaults.iter(qn("w:lang")), *document.styles.element.iter(qn("w:lang"))]:
        for key in ("w:val", "w:eastAsia"):
            lang.set(qn(key), "vi-VN")
    settings = document.settings.element
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "vi-VN")
        lang.set(qn("w:eastAsia"), "vi-VN")


def styles(document: Any) -> None:
    """Normal (the body size); headings; "Bảng" (table text); "Ghi chú" (notes); the elements."""
    from docx.enum.style import WD_STYLE_TYPE

    normal = document.styles["Normal"]
    plain_font(normal, layout.STATE["body"].pt)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15  # the PDF's line-height is 1.3 of a serif's 1.15
    for name, size in (("Title", 15), ("Heading 1", 15), ("Heading 2", 13)):
        style = document.styles[name]
        plain_font(style, size, True)
        style.font.italic = False
        before, after = layout.SPACING_MM["h2" if name == "Heading 2" else "h1"]
        style.paragraph_format.space_before, style.paragraph_format.space_after = Mm(before), Mm(after)
        style.paragraph_format.keep_with_next = True
    table_text = document.styles.add_style("Bảng", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    plain_font(table_text, layout.TABLE_TEXT_PT)
    table_text.paragraph_format.space_before = Pt(0)  # the cell's padding is the PDF's (layout.py)
    table_text.paragraph_format.space_after = Pt(0)
    small = document.styles.add_style("Ghi chú", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    plain_font(small, layout.NOTE_PT)
    plain_font(document.styles["Table Grid"])
    element_styles(document)
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
    # ECMA-376 CT_TblPr order: tblBorders before shd, tblLayout, tblCellMar and tblLook.
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )


def cell_margins(
    table: Any, side_mm: float = layout.CELL_PADDING_MM[1], top_mm: float = layout.CELL_PADDING_MM[0]
) -> None:
    """Cell padding as on the PDF (layout.CELL_PADDING_MM), not the applications' own defaults.

    Inserted where ECMA-376 (CT_TblPr) puts it: after w:tblLayout and before w:tblLook.
    """
    margins = OxmlElement("w:tblCellMar")
    for edge, size in (("top", top_mm), ("left", side_mm), ("bottom", top_mm), ("right", side_mm)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(size * 56.7)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


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
    flag = OxmlElement(f"w:{name}")  # no w:val: on (ECMA-376 ST_OnOff; "true" fails strict checks)
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
    """Nghị định 30/2020 (Party: Hướng dẫn 36-HD/VPTW) header, as on the HTML and PDF sheet.

    Two columns of layout.HEADER_COLUMNS_MM without side padding: the Quốc hiệu (or the Party's
    title) and the place and date each hold one line, as on the PDF.
    """
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(document, "{%p if header %}")
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_grid(table, layout.HEADER_COLUMNS_MM)
    cell_margins(table, side_mm=0, top_mm=0)
    left, right = table.rows[0].cells
    first_paragraph(left, "{%p for line in header.superior %}", align=center)
    para(left, "{{ line }}", style="cg-superior", align=center)
    para(left, "{%p endfor %}", align=center)
    para(left, "{{ header.issuer }}", style="cg-issuer", align=center)
    para(left, "{{ header.mark }}", style="cg-superior", align=center)
    para(left, "{%p if header.number %}", align=center)
    para(left, "Số: {{ header.number }}", style="cg-number", align=center)
    para(left, "{%p endif %}", align=center)
    first_paragraph(right, "{%p if header.party %}", align=center)
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", style="cg-nation", align=center, underline=True)
    para(right, "{%p else %}", align=center)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style="cg-nation", align=center)
    para(right, "Độc lập - Tự do - Hạnh phúc", style="cg-motto", align=center, underline=True)
    para(right, "{%p endif %}", align=center)
    para(right, "{{ header.place_date }}", style="cg-place_date", align=center)
    para(document, "{%p endif %}")


def title(document: Any) -> None:
    """The sheet's title, or the document's tên loại and trích yếu (--profile)."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(document, "{%p if document %}")
    para(document, "{{ document.type }}", style="cg-type", align=center).paragraph_format.space_before = Pt(8)
    para(document, "{{ document.summary }}", style="cg-summary", align=center)
    para(document, "———————", align=center, size=10).paragraph_format.space_after = Pt(6)
    para(document, "{%p for line in document.intro %}")
    body = para(document, "{{ line }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    body.paragraph_format.first_line_indent = Mm(layout.INDENT_MM)
    body.paragraph_format.space_after = Mm(layout.SPACING_MM["paragraph"][1])
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
        # The day as RichText (docx.py): Sundays red, as on the PDF's grid.
        first_paragraph(cell, f"{{% cellbg week[{index}].fill %}}{{{{r week[{index}].day }}}}")
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
    guidance.paragraph_format.first_line_indent = Mm(layout.INDENT_MM)
    guidance.paragraph_format.space_after = Mm(layout.SPACING_MM["paragraph"][1])
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
    closing.paragraph_format.first_line_indent = Mm(layout.INDENT_MM)
    closing.paragraph_format.space_after = Mm(layout.SPACING_MM["paragraph"][1])
    closing.paragraph_format.keep_with_next = True  # never the signature alone on the last page
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
    fixed_grid(table, layout.SIGNATURE_COLUMNS_MM)
    cell_margins(table, side_mm=0, top_mm=0)
    row_flag(table.rows[0], "cantSplit")
    left, right = table.rows[0].cells
    for cell in (left, right):  # the PDF's margin above the block (layout.SPACING_MM)
        cell.paragraphs[0].paragraph_format.space_before = Mm(layout.SPACING_MM["signature"])
    first_paragraph(left, "{%p if document.recipients %}")
    para(left, "Nơi nhận:", style="cg-recipients_label")
    para(left, "{%p for line in document.recipients %}")
    para(left, "- {{ line }}", style="cg-recipients")
    para(left, "{%p endfor %}")
    para(left, "{%p endif %}")
    first_paragraph(right, "{%p for line in document.authority_lines %}", align=center)
    para(right, "{{ line }}", style="cg-signer", align=center)
    para(right, "{%p endfor %}", align=center)
    space = para(right, "", style="cg-signer", align=center)  # room for signature and seal
    space.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    space.paragraph_format.line_spacing = Mm(layout.SPACING_MM["signature_space"])
    para(right, "{{ document.name }}", style="cg-name", align=center)


def page_number(document: Any) -> None:
    """The header: the document's page number (top centre); the footer: the sheet's "Trang 3/5".

    The renderer keeps the one that applies (docx.py, _page_numbers).
    """
    section = document.sections[0]
    top = section.header.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.CENTER
    top.style = document.styles["cg-page_number"]
    field(top, "PAGE")
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.style = document.styles["Ghi chú"]
    paragraph.add_run("Trang ")
    field(paragraph, "PAGE")
    paragraph.add_run("/")
    field(paragraph, "NUMPAGES")


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
    section.page_width, section.page_height = (Mm(side) for side in layout.PAGE_MM)
    section.top_margin, section.bottom_margin = Mm(layout.MARGINS_MM["top"]), Mm(layout.MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(layout.MARGINS_MM["left"]), Mm(layout.MARGINS_MM["right"])
    section.header_distance = Mm(layout.PAGE_NUMBER_FROM_TOP_MM)
    section.footer_distance = Mm(8)
    styles(document)
    language(document)
    header(document)
    title(document)
    grid(document)
    list_tables(document)
    ending(document)
    page_number(document)
    props = document.core_properties
    props.title, props.author, props.comments = "", "calendar-gen", ""
    props.language = "vi-VN"
    document.save(str(path))


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {OUT if len(sys.argv) == 1 else sys.argv[1]}")
