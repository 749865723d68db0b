"""What a template sees of an occurrence: its JSON record plus the phrases templates put together.

Without Jinja2, so that the shipped paragraph (``render.paragraph``) is built without importing it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from calendar_gen.engine.selection import ROUND
from calendar_gen.model import Occurrence
from calendar_gen.render.formatting import DateStyle, counted, date_label, period
from calendar_gen.render.order import editorial
from calendar_gen.render.records import record


def view(
    occ: Occurrence, style: DateStyle, today: dt.date | None = None, classed: bool = False
) -> dict[str, Any]:
    """The record a template sees for one occurrence.

    ``classed``: the occurrence is listed for its round class (yearly lists, ``--round``,
    ``upcoming``), so a năm tròn or năm lẻ 5 shows the count it was classified by even where the
    catalogue hides it: "115 năm Ngày Quốc tế Phụ nữ (08/3/1910 – 08/3/2025)".
    """
    if classed and occ.round_class in ROUND:
        occ = counted(occ)
    result = record(occ, style, today)
    result["period"] = period(occ, style)
    result["date_text"] = date_label(occ, style)
    result["day_text"] = date_label(occ, style, short=True)
    result["whole_month"] = occ.whole_month
    return result


def _day_key(occ: Occurrence) -> tuple[dt.date, str]:
    """Same-day mentions share a key; a month-only entry without a day stands alone."""
    return occ.date, occ.anniversary.id if occ.whole_month else ""


def by_day(
    occurrences: Sequence[Occurrence], style: DateStyle, classed: bool = False
) -> list[list[dict[str, Any]]]:
    """Mentions grouped by day in editorial order (templates join them with ``join_day``)."""
    return [
        [view(o, style, classed=classed) for o in group]
        for _, group in itertools.groupby(editorial(occurrences), key=_day_key)
    ]
