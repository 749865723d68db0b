"""Word documents from a Word template (docxtpl), so offices can restyle and edit the sheet.

The packaged template is ``templates/sheet.docx`` (built by ``scripts/make_docx_template.py``);
``--docx-template FILE`` takes an officer's restyled copy. Its tags render in the same sandbox as
the HTML templates, with XML escaping, so catalogue text always prints as text.

Deterministic: document properties take the generation date, and the ZIP entries get a fixed
timestamp, so the same input gives the same bytes. Sizes come from ``render/layout.py``, as the
sheet CSS's do (``render/docxparts.py`` applies them, with the page numbers and the package).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from calendar_gen import __version__
from calendar_gen.engine.monthgrid import month_grid
from calendar_gen.engine.selection import ROUND
from calendar_gen.model import Occurrence, Precision
from calendar_gen.paths import resource_dir
from calendar_gen.render.docxparts import apply_layout, fixed_package, page_numbers, schema_order
from calendar_gen.render.formatting import solar
from calendar_gen.render.html import SheetInfo, number_sources, row
from calendar_gen.render.order import editorial
from calendar_gen.render.paragraph import month_text
from calendar_gen.render.text import Sandbox, year_sections

HIGHLIGHT = "FFF3C4"  # the shading of năm tròn and năm lẻ 5 rows, as on the HTML sheet
NO_FILL = "auto"
DAY_FILLS = ("FFF6D5", "FFE49A")  # a day with anniversaries; with a năm tròn or năm lẻ 5
SUNDAY_RED = "B00000"  # sheet.css: table.month td.sunday .solar


def template_path(info: SheetInfo) -> Path:
    """The officer's template (``--docx-template``) or the packaged one."""
    return info.docx_template or resource_dir("templates") / "sheet.docx"


def _cells(item: dict[str, Any]) -> dict[str, Any]:
    """One table row as the template's cells."""
    label = item["round_label"] if item["highlight"] else ""
    if label and not item["count_shown"] and item["count"]:
        label += f" ({item['count']} năm)"
    major = "sự kiện trọng đại" if item["major"] else ""
    return {
        "date": item["date_cell"],
        "lunar": item["lunar_cell"],
        "text": item["text"],
        "label_bold": label,
        "label": f"{', ' if label and major else ''}{major}",
        "note": f"[{item['source_ref']}]" if item.get("source_ref") else "",
        "fill": HIGHLIGHT if item["highlight"] else NO_FILL,
    }


def _header(info: SheetInfo) -> dict[str, Any] | None:
    header = info.header.context()
    if header is not None:
        header["mark"] = "*" if header["party"] else ("—————" if header["issuer"] else "")
    return header


def _context(info: SheetInfo, title: str, document: dict[str, Any] | None) -> dict[str, Any]:
    footer = (
        f"Lập từ danh mục: {'; '.join(info.catalogues)}. "
        f"Tạo bằng calendar-gen {__version__} ngày {solar(info.generated)}."
    )
    return {
        "title": title,
        "header": _header(info),
        "document": document,
        "footer": footer,
        "generator": f"calendar-gen {__version__}",
        "weeks": [],
        "paragraph": "",
    }


def _render(info: SheetInfo, context: dict[str, Any]) -> bytes:
    """Fill the template, set the layout's sizes, the page numbers and the properties; fix the bytes."""
    from docx import Document
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]

    template = DocxTemplate(str(template_path(info)))
    env = Sandbox(autoescape=True, undefined=jinja2.StrictUndefined)
    template.render(context, jinja_env=env, autoescape=True)
    raw = io.BytesIO()
    template.save(raw)
    # Reopened: docxtpl swaps the header and footer parts it rendered behind python-docx's back.
    document = Document(io.BytesIO(raw.getvalue()))
    if info.docx_template is None:  # an officer's restyled template keeps its own sizes
        apply_layout(document, info.party)
    page_numbers(document, complete=info.profile is not None)
    schema_order(document)
    _properties(document, info, context)
    raw = io.BytesIO()
    document.save(raw)
    return fixed_package(raw.getvalue(), f"calendar-gen {__version__}")


def _properties(document: Any, info: SheetInfo, context: dict[str, Any]) -> None:
    """True core properties: title, subject, author = the issuing body, vi-VN, fixed dates."""
    header = context["header"] or {}
    parts = context["document"]
    props = document.core_properties
    props.title = f"{parts['type']} {parts['summary']}" if parts else context["title"]
    props.subject = parts["summary"] if parts else context["title"]
    props.author = props.last_modified_by = header.get("issuer_name") or "calendar-gen"
    props.comments = context["generator"]
    props.language = "vi-VN"
    props.keywords = ""
    stamp = dt.datetime.combine(info.generated, dt.time(), dt.UTC)
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1


def _weeks(year: int, month: int, in_grid: list[Occurrence], info: SheetInfo) -> list[list[dict[str, Any]]]:
    from docxtpl import RichText

    red = {d.date for d in info.days_off if d.kind != "working"}
    weeks = []
    for week in month_grid(year, month, in_grid):
        cells = []
        for day in week:
            jubilee = any(o.round_class in ROUND for o in day.occurrences)
            marked = bool(day.occurrences) and day.in_month
            # Sundays and public days off in red, as on the PDF's grid (sheet.css, .sunday .solar).
            sunday = day.date.weekday() == 6 or day.date in red
            cells.append(
                {
                    "day": RichText(
                        str(day.date.day) if day.in_month else "",
                        bold=True,
                        size=28,
                        color=SUNDAY_RED if sunday else None,
                    ),
                    "lunar": day.lunar_label if day.in_month else "",
                    "mark": f"● {len(day.occurrences)}" if marked else "",
                    "fill": DAY_FILLS[jubilee] if marked else NO_FILL,
                }
            )
        weeks.append(cells)
    return weeks


def month_docx(
    occurrences: Sequence[Occurrence], year: int, month: int, info: SheetInfo, templates: Path | None = None
) -> bytes:
    """The monthly sheet as a Word document: grid, table of anniversaries, paragraph."""
    title = f"Các ngày kỷ niệm tháng {month} năm {year}"
    document = info.document(f"tháng {month}/{year}", year, month)
    context = _context(info, title, document)
    dated = editorial(o for o in occurrences if o.precision is not Precision.YEAR)
    rows = [row(o, info.style) for o in dated]
    context["sources"] = number_sources(rows, info.source_mode())
    if document is None:
        context["weeks"] = _weeks(year, month, [o for o in dated if not o.whole_month], info)
    context["sections"] = [
        {"title": f"Danh sách các ngày kỷ niệm ({len(dated)})", "rows": [_cells(r) for r in rows]}
    ]
    context["paragraph"] = month_text(dated, year, month, info.style, templates).strip()
    return _render(info, context)


def year_docx(
    occurrences: Sequence[Occurrence],
    year: int,
    info: SheetInfo,
    round_only: bool = False,
    plan: Sequence[tuple[str, Sequence[Occurrence]]] | None = None,
) -> bytes:
    """The yearly list as a Word document: the plan's sections, or the jubilees then each month."""
    title = f"Các ngày kỷ niệm năm {year}" + (" (năm tròn, năm lẻ 5)" if round_only else "")
    context = _context(info, title, info.document(f"năm {year}", year))
    rows = [row(o, info.style, classed=True) for o in editorial(occurrences)]
    context["sources"] = number_sources(rows, info.source_mode())
    if plan is not None:
        by_occurrence = dict(zip(editorial(occurrences), rows, strict=True))
        context["sections"] = [
            {"title": heading, "rows": [_cells(by_occurrence[o]) for o in found if o in by_occurrence]}
            for heading, found in plan
        ]
        return _render(info, context)
    parts = year_sections(rows)
    sections = []
    if not round_only:
        sections.append(
            {"title": f"Năm tròn và năm lẻ 5 ({len(parts['jubilees'])})", "items": parts["jubilees"]}
        )
    if parts["whole_year"]:
        sections.append({"title": "Trong năm", "items": parts["whole_year"]})
    sections += [{"title": f"Tháng {number}", "items": items} for number, items in parts["months"]]
    context["sections"] = [{"title": s["title"], "rows": [_cells(i) for i in s["items"]]} for s in sections]
    return _render(info, context)
