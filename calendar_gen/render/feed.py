"""One feed per query, for the ``feed`` command, the server and the static build alike.

All three call :func:`build_feed`, so the same query gives the same bytes however it is served.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from calendar_gen.catalogue.types import KIND_LABELS, Catalogue
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.engine.selection import round_only, select
from calendar_gen.render.formatting import DateStyle
from calendar_gen.render.ics import FeedOptions, render_feed

DEFAULT_DOMAIN = "calendar-gen.invalid"
FIRST_YEAR, LAST_YEAR = 1, 9998  # the years a feed or site may cover
DEFAULT_DESCRIPTION = (
    "Các ngày kỷ niệm với số năm và phân loại năm tròn, năm lẻ 5 (Nghị định 145/2013/NĐ-CP); "
    "tạo bởi calendar-gen."
)


@dataclass(frozen=True)
class FeedQuery:
    """The filters of one feed; years default to last year through two years ahead."""

    scopes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    round_only: bool = False
    alarm: int | None = None
    first: int | None = None
    last: int | None = None

    def years(self, today: dt.date) -> tuple[int, int]:
        """The first and last year covered; a default end is kept within FIRST_YEAR..LAST_YEAR.

        A lunar date of year Y can fall in January of Y + 1, so 9998 is the last year whose
        occurrences all exist in Python's calendar (``--today 9999-12-31`` covers 9998 only).
        """
        first = self.first if self.first is not None else min(max(today.year - 1, FIRST_YEAR), LAST_YEAR)
        last = self.last if self.last is not None else min(max(today.year + 2, FIRST_YEAR), LAST_YEAR)
        return first, last


def scope_label(catalogue: Catalogue, scope: str) -> str:
    """A scope as people read it: "Toàn quốc", or the title of the catalogue that holds it."""
    if scope == "national":
        return "Toàn quốc"
    for file in catalogue.files:
        if file.title and file.entries and all(e.scope == scope for e in file.entries):
            return file.title
    family, _, slug = scope.partition(":")
    return f"{'Tỉnh' if family == 'province' else 'Ngành'} {slug}"


def feed_name(catalogue: Catalogue, query: FeedQuery, tag_labels: Mapping[str, str] | None = None) -> str:
    """The default calendar name: the titles of the catalogues the feed draws on, then the filters.

    "Các ngày kỷ niệm toàn quốc", "Các ngày kỷ niệm tỉnh Kon Tum (đến 30/6/2025)",
    "Các ngày kỷ niệm toàn quốc – chủ đề quoc-phong (năm tròn, năm lẻ 5)".
    """
    files = [f for f in catalogue.files if f.title]
    if query.scopes:
        files = [f for f in files if select(f.entries, query.scopes)]
    name = " và ".join(f.title for f in files if f.title) or "Các ngày kỷ niệm"
    if query.kinds:
        name += " – " + ", ".join(KIND_LABELS[k].lower() for k in query.kinds)
    if query.tags:
        labels = tag_labels or {}
        name += " – chủ đề " + ", ".join(labels.get(t, t) for t in query.tags)
    return name + (" (năm tròn, năm lẻ 5)" if query.round_only else "")


def build_feed(
    catalogue: Catalogue,
    query: FeedQuery,
    today: dt.date,
    stamp: dt.datetime,
    domain: str = DEFAULT_DOMAIN,
    name: str | None = None,
    description: str | None = None,
    style: DateStyle = DateStyle.ND30,
    tag_labels: Mapping[str, str] | None = None,
) -> bytes:
    """The iCalendar bytes of a query over a catalogue."""
    entries = select(catalogue.entries, query.scopes, query.tags, query.kinds)
    first, last = query.years(today)
    found = occurrences(entries, dt.date(first, 1, 1), dt.date(last, 12, 31))
    if query.round_only:
        found = round_only(found)
    options = FeedOptions(
        name=name or feed_name(catalogue, query, tag_labels),
        description=description or DEFAULT_DESCRIPTION,
        stamp=stamp,
        domain=domain,
        alarm_days=query.alarm,
        style=style,
    )
    return render_feed(found, options)
