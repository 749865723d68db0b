"""One feed per query, for the ``feed`` command, the server and the static build alike.

All three call :func:`build_feed`, so the same query gives the same bytes however it is served.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from calendar_gen.catalogue.types import KIND_LABELS, Catalogue
from calendar_gen.engine.listing import choose, listed_only
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.engine.selection import round_only, select
from calendar_gen.render.formatting import DateStyle
from calendar_gen.render.ics import FeedOptions, render_days_off, render_feed

DEFAULT_DOMAIN = "calendar-gen.invalid"
FIRST_YEAR, LAST_YEAR = 1, 9998  # the years a feed or site may cover
# Calendar names and descriptions hold no comma, semicolon or backslash: ical.js and the tools
# built on it show X-WR-CALNAME and X-WR-CALDESC with their escapes.
DEFAULT_DESCRIPTION = (
    "Các ngày kỷ niệm với số năm và phân loại năm tròn và năm lẻ 5 (Nghị định 145/2013/NĐ-CP) – "
    "tạo bởi calendar-gen."
)
DAYS_OFF_NAME = "Ngày nghỉ lễ tết"
DAYS_OFF_DESCRIPTION = (
    "Các ngày nghỉ lễ tết theo Bộ luật Lao động 2019 (Điều 112) cùng các ngày nghỉ bù – nghỉ hoán đổi "
    "và các ngày thứ Bảy đi làm bù do Chính phủ công bố – tạo bởi calendar-gen."
)


SHORT_NAME_FILES = 2  # calendar names name at most two catalogues (issue 18: a 1,214-character name)


def month_page_url(base_url: str, suffix: str = ".html") -> str:
    """The per-event URL template of a site's month pages: ``<base>/month/YYYY-MM.html``."""
    return base_url.rstrip("/") + "/month/{year:04d}-{month:02d}" + suffix


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
    everything: bool = False  # every anniversary, not only what guidance lists (--all)
    audiences: tuple[str, ...] = ()  # --for: what these issuers also list

    def years(self, today: dt.date) -> tuple[int, int]:
        """The first and last year covered; a default end is kept within FIRST_YEAR..LAST_YEAR.

        A lunar date of year Y can fall in January of Y + 1, so 9998 is the last year whose
        occurrences all exist in Python's calendar (``--today 9999-12-31`` covers 9998 only).
        """
        first = self.first if self.first is not None else min(max(today.year - 1, FIRST_YEAR), LAST_YEAR)
        last = self.last if self.last is not None else min(max(today.year + 2, FIRST_YEAR), LAST_YEAR)
        return first, last


def feed_scopes(scopes: tuple[str, ...]) -> tuple[str, ...]:
    """A served feed is the national days, plus a province's when one is chosen: one subscription.

    Issue 18, item 6: the default feed is the national one (all 34 overlays made a 2.85 MB feed);
    ``scope=province:kon-tum`` gives the national days and Kon Tum's.
    """
    if not scopes:
        return ("national",)
    if all(scope.startswith("province:") for scope in scopes):
        return ("national", *scopes)
    return scopes


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
    "Các ngày kỷ niệm toàn quốc – chủ đề Quốc phòng (năm tròn và năm lẻ 5)". Lists are joined
    with " và " and "/", never a comma (the name must need no escaping).
    """
    files = [f for f in catalogue.files if f.title]
    if query.scopes:
        files = [f for f in files if select(f.entries, query.scopes)]
    titles = [f.title for f in files if f.title]
    if len(titles) > SHORT_NAME_FILES:  # a name stays short: the first title, then how many more
        titles = [titles[0], f"{len(titles) - 1} danh mục khác"]
    name = " và ".join(titles) or "Các ngày kỷ niệm"
    if query.kinds:
        name += " – " + " / ".join(KIND_LABELS[k].lower() for k in query.kinds)
    if query.tags:
        labels = tag_labels or {}
        name += " – chủ đề " + " / ".join(labels.get(t, t) for t in query.tags)
    return name + (" (năm tròn và năm lẻ 5)" if query.round_only else "")


def feed_color(query: FeedQuery) -> str:
    """One colour per kind of feed, so that several subscribed feeds tell apart."""
    if query.round_only:
        return "darkorange"
    if query.scopes and all(s.startswith("province:") for s in query.scopes):
        return "steelblue"
    return "firebrick"


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
    *,
    source_url: str | None = None,
    event_url: str | None = None,
) -> bytes:
    """The iCalendar bytes of a query over a catalogue.

    ``source_url`` is where the feed is published (SOURCE); ``event_url`` a per-event page template
    (:func:`month_page_url`). Year-only entries are events on 1 January ("cả năm").
    """
    entries = select(catalogue.entries, query.scopes, query.tags, query.kinds)
    first, last = query.years(today)
    # Feeds list what guidance lists, as month does (engine/listing.py): the ngày lễ lớn, năm tròn
    # and năm lẻ 5, the province's days, leaders' births in the years Kết luận 88-KL/TW names.
    found = occurrences(entries, dt.date(first, 1, 1), dt.date(last, 12, 31), yearly=True)
    if not query.everything:
        found = listed_only(choose(found, catalogue.rules, query.audiences))
    if query.round_only:
        found = round_only(found)
    options = FeedOptions(
        name=name or feed_name(catalogue, query, tag_labels),
        description=description or DEFAULT_DESCRIPTION,
        stamp=stamp,
        domain=domain,
        alarm_days=query.alarm,
        style=style,
        source_url=source_url,
        event_url=event_url,
        color=feed_color(query),
    )
    return render_feed(found, options)


def build_days_off_feed(
    first: int,
    last: int,
    stamp: dt.datetime,
    domain: str = DEFAULT_DOMAIN,
    *,
    alarm: int | None = None,
    source_url: str | None = None,
    event_url: str | None = None,
) -> bytes:
    """The public days off of ``first``..``last`` (python-holidays and data/days-off.yaml)."""
    from calendar_gen.catalogue.daysoff import official_days_off  # python-holidays: only when asked

    days = [day for year in range(first, last + 1) for day in official_days_off(year)]
    options = FeedOptions(
        name=DAYS_OFF_NAME,
        description=DAYS_OFF_DESCRIPTION,
        stamp=stamp,
        domain=domain,
        alarm_days=alarm,
        source_url=source_url,
        event_url=event_url,
        color="crimson",
    )
    return render_days_off(days, options)
