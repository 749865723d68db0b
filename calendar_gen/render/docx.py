"""Word documents (python-docx) with real headings and tables, so offices can edit the sheet.

Deterministic: document properties take the generation date, and the ZIP entries get a fixed
timestamp, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from calendar_gen import __version__
from calendar_gen.engine.monthgrid import WEEKDAYS, month_grid
from calendar_gen.engine.selection import ROUND
from calendar_gen.model import Occurrence, Precision
from calendar_gen.render.formatting import solar
from calendar_gen.render.html import SheetInfo, number_sources, row
from calendar_gen.render.text import month_text, year_sections

FONT = "Times New Roman"  # Nghị định 30/2020; Word substitutes a metric-compatible font where missing
LIST_HEADERS = ("Ngày", "Âm lịch", "Nội dung", "Phân loại", "Nguồn")


def _document(info: SheetInfo, title: str) -> Any:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid"):
        _plain_font(document.styles[name])
    document.styles["Normal"].font.size = Pt(13)
    document.styles["Heading 1"].font.size = Pt(14)
    document.styles["Heading 2"].font.size = Pt(13)
    stamp = dt.datetime.combine(info.generated, dt.time(), dt.UTC)
    props = document.core_properties
    props.title, props.author, props.comments = title, "calendar-gen", f"calendar-gen {__version__}"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    header = info.header.context()
    if header:
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        # Nghị định 30/2020 (Party bodies: Hướng dẫn 36-HD/VPTW): superior body upright, issuing
        # body bold, a rule or an asterisk below, then the number.
        lines = [(text, False) for text in header["superior"]] + [(header["issuer"], True)]
        if header["issuer"]:
            lines.append(("*" if header["party"] else "———", False))
        if header["number"]:
            lines.append((f"Số: {header['number']}", False))
        nation = (
            [("ĐẢNG CỘNG SẢN VIỆT NAM", True)]
            if header["party"]
            else [
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
                ("Độc lập - Tự do - Hạnh phúc", True),
            ]
        )
        for cell, cell_lines in ((left, lines), (right, nation)):
            paragraph = cell.paragraphs[0]
            for index, (text, bold) in enumerate(line for line in cell_lines if line[0]):
                if index:
                    paragraph = cell.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = paragraph.add_run(text)
                run.bold = bold
                run.font.size = Pt(12)
        if header["place_date"]:
            line = right.add_paragraph()
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            line.add_run(header["place_date"]).italic = True
    heading = document.add_heading(title.upper(), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return document


WIDTHS_MM = (24, 15, 92, 22, 12)  # 165 mm: A4 less the 30 + 15 mm margins
HIGHLIGHT = "FFF3C4"  # the shading of năm tròn and năm lẻ 5 rows, as on the HTML sheet


def _plain_font(style: Any) -> None:
    """Times New Roman in black for every script: drop the theme fonts and colours Word would prefer."""
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    style.font.name = FONT
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _list_table(document: Any, items: Sequence[dict[str, Any]]) -> None:
    table = document.add_table(rows=1, cols=len(LIST_HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, name in zip(table.rows[0].cells, LIST_HEADERS, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(table.rows[0])
    for item in items:
        label = item["round_label"] if item["highlight"] else ""
        if label and not item["count_shown"] and item["count"]:
            label += f" ({item['count']} năm)"
        if item["major"]:
            label = f"{label}, sự kiện trọng đại".strip(", ")
        cells = table.add_row().cells
        note = f"[{item['source_ref']}]" if item.get("source_ref") else ""
        values = (item["date_cell"], item["lunar_cell"], item["text"], label, note)
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
        if item["highlight"]:
            for cell in cells:
                _shade(cell, HIGHLIGHT)
            for run in cells[3].paragraphs[0].runs:
                run.bold = True
    for row_ in table.rows:
        for cell, width in zip(row_.cells, WIDTHS_MM, strict=True):
            cell.width = Mm(width)


def _repeat_header(row_: Any) -> None:
    """Mark a table row as a header row, repeated on every page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row_._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _footer(document: Any, info: SheetInfo, sources: Sequence[str] = ()) -> None:
    if sources:
        document.add_heading("Nguồn", level=2)
        for index, source in enumerate(sources, start=1):
            run = document.add_paragraph().add_run(f"[{index}] {source}")
            run.font.size = Pt(9)
    paragraph = document.add_paragraph()
    run = paragraph.add_run(
        f"Lập từ danh mục: {'; '.join(info.catalogues)}. "
        f"Tạo bằng calendar-gen {__version__} ngày {solar(info.generated)}."
    )
    run.font.size = Pt(9)


def _bytes(document: Any) -> bytes:
    """Save with fixed ZIP timestamps, so that the same document gives the same bytes."""
    raw = io.BytesIO()
    document.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            clone = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            clone.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(clone, source.read(entry.filename))
    return fixed.getvalue()


def month_docx(
    occurrences: Sequence[Occurrence], year: int, month: int, info: SheetInfo, templates: Path | None = None
) -> bytes:
    """The monthly sheet as a Word document: grid, table of anniversaries, paragraph."""
    title = f"Các ngày kỷ niệm tháng {month} năm {year}"
    document = _document(info, title)
    dated = [o for o in occurrences if o.precision is not Precision.YEAR]
    in_grid = [o for o in dated if not o.whole_month]
    weeks = month_grid(year, month, in_grid)
    grid = document.add_table(rows=1, cols=7)
    grid.style = "Table Grid"
    for cell, name in zip(grid.rows[0].cells, WEEKDAYS, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    for week in weeks:
        cells = grid.add_row().cells
        for cell, day in zip(cells, week, strict=True):
            if not day.in_month:
                continue
            paragraph = cell.paragraphs[0]
            number = paragraph.add_run(str(day.date.day))
            number.bold = True
            if day.date.weekday() == 6:  # Sundays in red, as on wall calendars
                number.font.color.rgb = RGBColor(0xB0, 0, 0)
            paragraph.add_run(f"\n{day.lunar_label}").font.size = Pt(8)
            if day.occurrences:
                paragraph.add_run(f"\n● {len(day.occurrences)}").font.size = Pt(8)
                jubilee = any(o.round_class in ROUND for o in day.occurrences)
                _shade(cell, "FFE49A" if jubilee else "FFF6D5")
    rows = [row(o, info.style) for o in dated]
    sources = number_sources(rows, info.sources)
    document.add_heading(f"Danh sách các ngày kỷ niệm ({len(dated)})", level=2)
    _list_table(document, rows)
    document.add_heading("Đoạn định hướng tuyên truyền", level=2)
    guidance = document.add_paragraph(month_text(dated, year, month, info.style, templates).strip())
    guidance.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    guidance.paragraph_format.first_line_indent = Mm(10)
    _footer(document, info, sources)
    return _bytes(document)


def year_docx(
    occurrences: Sequence[Occurrence], year: int, info: SheetInfo, round_only: bool = False
) -> bytes:
    """The yearly list as a Word document: năm tròn and năm lẻ 5 first, then month by month."""
    title = f"Các ngày kỷ niệm năm {year}" + (" (năm tròn, năm lẻ 5)" if round_only else "")
    document = _document(info, title)
    rows = [row(o, info.style) for o in occurrences]
    sources = number_sources(rows, info.sources)
    sections = year_sections(rows)
    if not round_only:
        document.add_heading(f"Năm tròn và năm lẻ 5 ({len(sections['jubilees'])})", level=2)
        _list_table(document, sections["jubilees"])
    if sections["whole_year"]:
        document.add_heading("Trong năm", level=2)
        _list_table(document, sections["whole_year"])
    for number, items in sections["months"]:
        document.add_heading(f"Tháng {number}", level=2)
        _list_table(document, items)
    _footer(document, info, sources)
    return _bytes(document)
