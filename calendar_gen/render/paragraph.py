"""The monthly guidance paragraph: "Tuyên truyền các ngày kỷ niệm trong tháng 3/2024, gồm: ...".

The wording is built here, in Python: the mentions of each day joined with at most one "và"
(``order.join_day``), the days in editorial order separated by "; ", one full stop. The shipped
``month.txt.j2`` prints ``paragraph`` as it is, and a user's template (``--templates``) gets the
same ``paragraph`` plus ``days``, ``month_text``, ``year`` and ``month`` to write its own. When
the shipped template is the one in use and reads as shipped, rendering it would print exactly
``paragraph``, so no template engine is started (issue 21: a cold ``month`` near Python's start).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from calendar_gen.model import Occurrence, Precision
from calendar_gen.paths import resource_dir
from calendar_gen.render.formatting import DateStyle, month_year
from calendar_gen.render.order import join_day
from calendar_gen.render.views import by_day

# templates/month.txt.j2 as shipped: its comment, then the paragraph and the line's end.
SHIPPED_TEMPLATE = (
    "{#- Monthly guidance paragraph. paragraph: the shipped wording; days: list of days, each a list of\n"
    '    mentions, to write another (README.md, "Templates"). -#}\n'
    "{{ paragraph }}\n"
)


def month_paragraph(days: Sequence[Sequence[dict[str, Any]]], month_text: str) -> str:
    """The paragraph of a month whose listed days are ``days`` (``views.by_day``), no line end."""
    if not days:
        return f"Tháng {month_text} không có ngày kỷ niệm nào trong danh mục đã chọn."
    listed = "; ".join(join_day(mention["text"] for mention in day) for day in days)
    return f"Tuyên truyền các ngày kỷ niệm trong tháng {month_text}, gồm: {listed}."


def month_fields(
    occurrences: Sequence[Occurrence], year: int, month: int, style: DateStyle, classed: bool
) -> dict[str, Any]:
    """What ``month.txt.j2`` is given: year, month, month_text, days and the paragraph.

    A year-only date has no day in the month and is not a mention of it.
    """
    dated = [o for o in occurrences if o.precision is not Precision.YEAR]
    month_text = month_year(month, year, style)
    days = by_day(dated, style, classed)
    return {
        "year": year,
        "month": month,
        "month_text": month_text,
        "days": days,
        "paragraph": month_paragraph(days, month_text),
    }


def month_text(
    occurrences: Sequence[Occurrence],
    year: int,
    month: int,
    style: DateStyle = DateStyle.ND30,
    templates: Path | None = None,
    classed: bool = False,
) -> str:
    """The monthly guidance paragraph with its line end (``classed``: a ``--round`` list, counts shown)."""
    fields = month_fields(occurrences, year, month, style, classed)
    if templates is None and _shipped_as_shipped():
        return f"{fields['paragraph']}\n"
    from calendar_gen.render.text import render_month

    return render_month(fields, templates)


def _shipped_as_shipped() -> bool:
    """Whether the packaged month.txt.j2 still reads as shipped (an edited checkout renders it).

    Read again only when its size or time changes, as Jinja2 reloads a template: a site build
    writes hundreds of paragraphs.
    """
    path = resource_dir("templates") / "month.txt.j2"
    try:
        info = path.stat()
    except OSError:
        return False
    return _reads_as_shipped(path, info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _reads_as_shipped(path: Path, size: int, mtime_ns: int) -> bool:
    if size != len(SHIPPED_TEMPLATE.encode("utf-8")):
        return False
    try:
        return path.read_text(encoding="utf-8") == SHIPPED_TEMPLATE
    except OSError:
        return False
