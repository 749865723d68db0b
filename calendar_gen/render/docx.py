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
from docx.shared import Mm, Pt

from calendar_gen import __version__
from calendar_gen.formatting import solar
from calendar_gen.model import Occurrence, Precision
from calendar_gen.monthgrid import WEEKDAYS, month_grid
from calendar_gen.render.html import SheetInfo, row
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
        style = document.styles[name]
        style.font.name = FONT
        style.element.rPr.rFonts.set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", FONT
        )
    document.styles["Normal"].font.size = Pt(13)
    stamp = dt.datetime.combine(info.generated, dt.time(), dt.UTC)
    props = document.core_properties
    props.title, props.author, props.comments = title, "calendar-gen", f"calendar-gen {__version__}"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    header = info.header.context()
    if header:
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.text = (header["issuer"] or "").upper()
        nation = (
            "ĐẢNG CỘNG SẢN VIỆT NAM"
            if header["party"]
            else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        )
        right.text = nation
        for cell in (left, right):
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.bold = True
        if header["place_date"]:
            line = right.add_paragraph()
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            line.add_run(header["place_date"]).italic = True
    heading = document.add_heading(title.upper(), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return document


def _list_table(document: Any, items: Sequence[dict[str, Any]]) -> None:
    table = document.add_table(rows=1, cols=len(LIST_HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
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
        values = (item["date_cell"], item["lunar_cell"], item["text"], label, item["source"] or "")
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
        if item["highlight"]:
            for run in cells[3].paragraphs[0].runs:
                run.bold = True
        for run in cells[4].paragraphs[0].runs:
            run.font.size = Pt(8)


def _repeat_header(row_: Any) -> None:
    """Mark a table row as a header row, repeated on every page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row_._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _footer(document: Any, info: SheetInfo) -> None:
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
            paragraph.add_run(f"\n{day.lunar_label}").font.size = Pt(8)
            if day.occurrences:
                paragraph.add_run(f"\n● {len(day.occurrences)}").font.size = Pt(8)
    document.add_heading(f"Danh sách các ngày kỷ niệm ({len(dated)})", level=2)
    _list_table(document, [row(o, info.style) for o in dated])
    document.add_heading("Đoạn định hướng tuyên truyền", level=2)
    document.add_paragraph(month_text(dated, year, month, info.style, templates).strip())
    _footer(document, info)
    return _bytes(document)


def year_docx(
    occurrences: Sequence[Occurrence], year: int, info: SheetInfo, round_only: bool = False
) -> bytes:
    """The yearly list as a Word document: năm tròn and năm lẻ 5 first, then month by month."""
    title = f"Các ngày kỷ niệm năm {year}" + (" (năm tròn, năm lẻ 5)" if round_only else "")
    document = _document(info, title)
    sections = year_sections([row(o, info.style) for o in occurrences])
    if not round_only:
        document.add_heading(f"Năm tròn và năm lẻ 5 ({len(sections['jubilees'])})", level=2)
        _list_table(document, sections["jubilees"])
    if sections["whole_year"]:
        document.add_heading("Trong năm", level=2)
        _list_table(document, sections["whole_year"])
    for number, items in sections["months"]:
        document.add_heading(f"Tháng {number}", level=2)
        _list_table(document, items)
    _footer(document, info)
    return _bytes(document)
