"""``calendar-gen build``: the whole site as static files that any web server or CDN can serve.

Pure: returns a mapping of relative paths to bytes; the CLI writes it into a temporary folder and
swaps it in. The feeds are the bytes ``serve`` returns for the same query (same builder).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from calendar_gen import __version__
from calendar_gen.catalogue.types import Catalogue
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.render.feed import DEFAULT_DOMAIN, FeedQuery, build_feed, scope_label
from calendar_gen.render.formatting import DateStyle
from calendar_gen.render.html import SheetInfo, month_html, year_html
from calendar_gen.render.text import environment


@dataclass(frozen=True)
class SiteFeed:
    """One feed file of the site."""

    path: str
    title: str
    query: FeedQuery


def site_feeds(catalogue: Catalogue) -> list[SiteFeed]:
    """All, national, round-only, and one per local scope (province or sector) in the catalogue."""
    feeds = [
        SiteFeed("feed.ics", "Tất cả các ngày kỷ niệm", FeedQuery()),
        SiteFeed("feeds/toan-quoc.ics", "Các ngày kỷ niệm toàn quốc", FeedQuery(scopes=("national",))),
        SiteFeed("feeds/nam-tron.ics", "Năm tròn và năm lẻ 5", FeedQuery(round_only=True)),
    ]
    for scope in sorted({e.scope for e in catalogue.entries} - {"national"}):
        family, _, slug = scope.partition(":")
        prefix = "tinh" if family == "province" else "nganh"
        feeds.append(
            SiteFeed(f"feeds/{prefix}-{slug}.ics", scope_label(catalogue, scope), FeedQuery(scopes=(scope,)))
        )
    return feeds


def site_size(catalogue: Catalogue, first: int, last: int) -> int:
    """How many files :func:`site_files` writes (for a progress bar)."""
    return len(site_feeds(catalogue)) + (last - first + 1) * 13 + 1


def site_files(
    catalogue: Catalogue,
    today: dt.date,
    stamp: dt.datetime,
    first: int,
    last: int,
    *,
    domain: str = DEFAULT_DOMAIN,
    base_url: str = "",
    style: DateStyle = DateStyle.ND30,
    templates: Path | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Every file of the site, one at a time (the CLI shows progress)."""
    feeds = site_feeds(catalogue)
    for feed in feeds:
        query = FeedQuery(
            feed.query.scopes, feed.query.tags, feed.query.kinds, feed.query.round_only, None, first, last
        )
        if feed.path == "feed.ics" and (first, last) == FeedQuery().years(today):
            query = feed.query  # the default query, so that serve's /feed.ics gives the same bytes
        yield (
            feed.path,
            build_feed(catalogue, query, today, stamp, domain, style=style),
        )
    info = SheetInfo(tuple(f.title or Path(f.path).name for f in catalogue.files), today, style=style)
    months = []
    for year in range(first, last + 1):
        found = occurrences(catalogue.entries, dt.date(year, 1, 1), dt.date(year, 12, 31), yearly=True)
        yield f"year/{year}.html", year_html(found, year, info, templates).encode("utf-8")
        for number in range(1, 13):
            in_month = [o for o in found if o.date.month == number and o.precision.value != "year"]
            months.append({"path": f"month/{year:04d}-{number:02d}.html", "label": f"{number}/{year}"})
            yield months[-1]["path"], month_html(in_month, year, number, info, templates).encode("utf-8")
    base = base_url.rstrip("/") + "/" if base_url else ""
    listed = [
        {
            "title": feed.title,
            "path": feed.path,
            "url": base + feed.path,
            "webcal": ("webcal://" + (base + feed.path).split("://", 1)[1]) if "://" in base else None,
        }
        for feed in feeds
    ]
    page = (
        environment(templates)
        .get_template("index.html.j2")
        .render(
            title="Lịch các ngày kỷ niệm",
            static_site=True,
            absolute=bool(base),
            feeds=listed,
            months=months,
            years=[{"path": f"year/{y}.html", "label": y} for y in range(first, last + 1)],
            version=__version__,
        )
    )
    yield "index.html", page.encode("utf-8")
