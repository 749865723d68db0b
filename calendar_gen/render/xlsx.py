"""The list as an Excel workbook (``-o x.xlsx``, ``-f xlsx``): officers keep their lists in Excel.

The columns of ``--format table`` (Ngày, Âm lịch, Phân loại, Nội dung) as a real Excel table
(openpyxl: a named table with filters), the solar date as a date cell where the day is known, the
header row frozen. Pure and deterministic: the properties take the generation date and the ZIP
entries a fixed timestamp, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from calendar_gen import __version__
from calendar_gen.model import Occurrence, Precision
from calendar_gen.render.docxparts import fixed_zip
from calendar_gen.render.html import SheetInfo
from calendar_gen.render.tabular import HEADERS, rows

if TYPE_CHECKING:
    from openpyxl import Workbook

DATE_FORMAT = "dd/mm/yyyy"  # Nghị định 30's numeric dates keep the leading zero of day and month
WIDTHS = (12, 10, 12, 90)


def list_xlsx(occurrences: Sequence[Occurrence], info: SheetInfo, title: str) -> bytes:
    """The occurrences as one sheet named ``title`` (at most 31 characters, as Excel allows)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    book = Workbook()
    sheet = book.create_sheet(_sheet_name(title), 0)
    book.remove(book.worksheets[1])  # the blank "Sheet" a new workbook starts with
    sheet.title = _sheet_name(title)
    sheet.append(list(HEADERS))
    for occ, cells in zip(occurrences, rows(occurrences, info.style), strict=True):
        # A day-precise date is a date cell Excel can sort and filter; "12/1972" stays text.
        day = occ.date if occ.precision is Precision.DAY and not occ.whole_month else cells[0]
        sheet.append([day, *cells[1:]])
        if isinstance(day, dt.date):
            sheet.cell(sheet.max_row, 1).number_format = DATE_FORMAT
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if occurrences:
        table = Table(displayName="NgayKyNiem", ref=f"A1:D{sheet.max_row}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(table)
    _properties(book, info, title)
    raw = io.BytesIO()
    book.save(raw)
    # openpyxl stamps "modified" with the clock when it saves: the generation date instead.
    stamp = f"{info.generated.isoformat()}T00:00:00Z".encode()

    def change(name: str, content: bytes) -> bytes:
        if name != "docProps/core.xml":
            return content
        modified = rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"
        return re.sub(modified, rb"\g<1>" + stamp + rb"\2", content)

    return fixed_zip(raw.getvalue(), change)


def _sheet_name(title: str) -> str:
    """Excel's sheet names: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()
    return cleaned[:31] or "Danh sách"


def _properties(book: Workbook, info: SheetInfo, title: str) -> None:
    """Title, author (the issuing body, else calendar-gen), the generation date, vi-VN."""
    stamp = dt.datetime.combine(info.generated, dt.time())
    props = book.properties
    header = info.header.context() or {}
    props.title = title
    props.creator = props.lastModifiedBy = header.get("issuer_name") or "calendar-gen"
    props.description = f"calendar-gen {__version__}"
    props.language = "vi-VN"
    props.created = props.modified = stamp
