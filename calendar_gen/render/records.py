"""Occurrences as flat records: the stable JSON contract, also used for CSV."""

from __future__ import annotations

import datetime as dt
from typing import Any

from calendar_gen.engine import lunar
from calendar_gen.engine.listing import Choice
from calendar_gen.model import Calendar, Occurrence, Precision
from calendar_gen.render.formatting import DateStyle, lunar_short, mention

# The JSON contract (README.md, "JSON output"): keys are added, never renamed or removed.
FIELDS = (
    "id",
    "name",
    "date",
    "year",
    "founded",
    "founded_lunar",
    "count",
    "count_shown",
    "round_class",
    "round_label",
    "calendar",
    "lunar_date",
    "lunar_leap",
    "precision",
    "scope",
    "kind",
    "tags",
    "major",
    "text",
    "source",
    "note",
    "listed",
    "why",
    "section",
)


def lunar_cell(occ: Occurrence) -> str:
    """The lunar date column of tables and sheets: "23/1"; empty for whole-month and year-only entries."""
    if occ.whole_month or occ.precision is Precision.YEAR:
        return ""
    return lunar_short(occ.lunar or lunar.from_solar(occ.date))


def record(
    item: Occurrence | Choice, style: DateStyle = DateStyle.ND30, today: dt.date | None = None
) -> dict[str, Any]:
    """One occurrence as a JSON-ready dict; ``days_until`` is added when ``today`` is given.

    A :class:`Choice` adds the editor's decision: ``listed``, ``why`` and the yearly plan's
    ``section``; a bare occurrence is listed, with no reason.
    """
    choice = item if isinstance(item, Choice) else Choice(item, True, "")
    occ = choice.occurrence
    entry = occ.anniversary
    lunar = occ.lunar
    result: dict[str, Any] = {
        "id": entry.id,
        "name": entry.name,
        "date": occ.date.isoformat(),
        "year": occ.year,
        "founded": entry.founded.iso(),
        "founded_lunar": entry.founded.calendar is Calendar.LUNAR,
        "count": occ.count,
        "count_shown": occ.count_shown,
        "round_class": occ.round_class.value if occ.round_class else None,
        "round_label": occ.round_class.label if occ.round_class else None,
        "calendar": entry.founded.calendar.value,
        "lunar_date": f"{lunar.year:04d}-{lunar.month:02d}-{lunar.day:02d}" if lunar else None,
        "lunar_leap": lunar.leap if lunar else None,
        "precision": occ.precision.value,
        "scope": entry.scope,
        "kind": entry.kind,
        "tags": list(entry.tags),
        "major": entry.is_major(occ.year),
        "text": mention(occ, style),
        "source": entry.source,
        "note": entry.note,
        "listed": choice.listed,
        "why": choice.why or None,
        "section": choice.section,
    }
    if today is not None:
        result["days_until"] = max(0, (occ.date - today).days)
    return result
