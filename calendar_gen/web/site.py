"""``calendar-gen build``: the whole site as static files that any web server or CDN can serve.

Pure: returns the site's files one at a time as (relative path, bytes); the CLI writes them into a
temporary folder and swaps it in. The feeds are the bytes ``serve`` returns for the same query,
and the documents the bytes of ``serve``'s ``/month/`` and ``/year/`` for the same entries (same
builders).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calendar_gen import __version__
from calendar_gen.catalogue.types import Catalogue
from calendar_gen.model import Anniversary
from calendar_gen.render.feed import DEFAULT_DOMAIN, FeedQuery, build_feed, feed_scopes, month_page_url
from calendar_gen.render.formatting import DateStyle
from calendar_gen.render.text import environment
from calendar_gen.web.documents import Sheet, month_document, pdf_files, year_document
from calendar_gen.web.links import calendar_name, subscribe_links
from calendar_gen.web.pages import TITLE, packaged, qr_svg, span_text
from calendar_gen.web.scopes import scope_choices


@dataclass(frozen=True)
class SiteFeed:
    """One feed file of the site; ``group`` is the provincial unit it belongs to, if any."""

    path: str
    title: str
    query: FeedQuery
    group: str | None = None

    @property
    def stem(self) -> str:
        """``toan-quoc`` for ``feeds/toan-quoc.ics``: names its QR code and its place on the page."""
        return Path(self.path).stem


@dataclass(frozen=True)
class SiteSettings:
    """How the site is written: UID domain, public address, date style, templates, PDF or not."""

    domain: str = DEFAULT_DOMAIN
    base_url: str = ""
    style: DateStyle = DateStyle.ND30
    templates: Path | None = None
    pdf: bool = False

    @property
    def base(self) -> str:
        return self.base_url.rstrip("/") + "/" if self.base_url else ""


def _scope_path(scope: str) -> str:
    family, _, slug = scope.partition(":")
    return (
        "feeds/toan-quoc.ics"
        if scope == "national"
        else f"feeds/{'tinh' if family == 'province' else 'nganh'}-{slug}.ics"
    )


def site_feeds(catalogue: Catalogue) -> list[SiteFeed]:
    """All, round-only, national, other scopes of no unit, then each unit and its former provinces."""
    national, groups = scope_choices(catalogue)
    feeds = [
        SiteFeed("feed.ics", "Các ngày kỷ niệm toàn quốc", FeedQuery(scopes=feed_scopes(()))),
        SiteFeed(
            "feeds/nam-tron.ics", "Năm tròn và năm lẻ 5", FeedQuery(scopes=feed_scopes(()), round_only=True)
        ),
    ]
    feeds += [
        SiteFeed(_scope_path(o.value), o.label, FeedQuery(scopes=feed_scopes((o.value,)))) for o in national
    ]
    for group in groups:
        feeds += [
            SiteFeed(_scope_path(o.value), o.label, FeedQuery(scopes=feed_scopes((o.value,))), group.label)
            for o in group.options
        ]
    return feeds


def site_size(catalogue: Catalogue, first: int, last: int, settings: SiteSettings = SiteSettings()) -> int:
    """How many files :func:`site_files` writes (for a progress bar)."""
    feeds = len(site_feeds(catalogue)) * (2 if settings.base else 1)
    per_year = 2 + 12 * 3 + (13 if settings.pdf else 0)
    return feeds + (last - first + 1) * per_year + 2


def site_files(
    catalogue: Catalogue,
    today: dt.date,
    stamp: dt.datetime,
    first: int,
    last: int,
    settings: SiteSettings = SiteSettings(),
    sheet_entries: Sequence[Anniversary] | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Every file of the site, one at a time (the CLI shows progress).

    The documents (month and year sheets, Word files, PDFs, paragraphs) cover ``sheet_entries``,
    by default the whole catalogue.
    """
    feeds = site_feeds(catalogue)
    for feed in feeds:
        query = dataclasses.replace(feed.query, first=first, last=last)
        if feed.path == "feed.ics" and (first, last) == FeedQuery().years(today):
            query = feed.query  # the default query, so that serve's /feed.ics gives the same bytes
        # With --base-url: SOURCE is the file's own address, each event links to its month page.
        source_url = settings.base + feed.path if settings.base else None
        event_url = month_page_url(settings.base) if settings.base else None
        data = build_feed(
            catalogue,
            query,
            today,
            stamp,
            settings.domain,
            style=settings.style,
            source_url=source_url,
            event_url=event_url,
        )
        yield feed.path, data
        if settings.base:
            yield f"qr/{feed.stem}.svg", qr_svg(settings.base + feed.path).encode("utf-8")
    yield "app.js", packaged("app.js", settings.templates)
    entries = catalogue.entries if sheet_entries is None else tuple(sheet_entries)
    ids = {e.id for e in entries}
    names = tuple(
        f.title or Path(f.path).name for f in catalogue.files if any(e.id in ids for e in f.entries)
    )
    sheet = Sheet(entries, names, today, settings.style, settings.templates, catalogue.rules)
    yield from _documents(sheet, first, last, settings.pdf)
    page = _index(catalogue, feeds, sheet, today, first, last, settings)
    yield "index.html", page.encode("utf-8")


def _documents(sheet: Sheet, first: int, last: int, pdf: bool) -> Iterator[tuple[str, bytes]]:
    """Each year's list and each month's sheet, Word file and paragraph; then the PDFs, if asked."""
    home = "../index.html"
    pages: list[tuple[str, str]] = []
    for year in range(first, last + 1):
        yield f"year/{year}.html", year_document(sheet, year, "html", home)
        yield f"year/{year}.docx", year_document(sheet, year, "docx")
        if pdf:
            pages.append((f"year/{year}.pdf", year_document(sheet, year, "html").decode("utf-8")))
        for number in range(1, 13):
            stem = f"month/{year:04d}-{number:02d}"
            for fmt in ("html", "docx", "txt"):
                yield f"{stem}.{fmt}", month_document(sheet, year, number, fmt, home)
            if pdf:
                pages.append((f"{stem}.pdf", month_document(sheet, year, number, "html").decode("utf-8")))
    yield from pdf_files(pages)


def _index(
    catalogue: Catalogue,
    feeds: list[SiteFeed],
    sheet: Sheet,
    today: dt.date,
    first: int,
    last: int,
    settings: SiteSettings,
) -> str:
    """The built subscribe page: a choice of feed with its links and QR code, then the documents."""
    base = settings.base
    listed: list[dict[str, Any]] = []
    for feed in feeds:
        name = calendar_name("" if feed.path == "feed.ics" else feed.title)
        links = subscribe_links(base + feed.path, name) if "://" in base else None
        listed.append(
            {
                "title": feed.title,
                "path": feed.path,
                "id": f"f-{feed.stem}",
                "group": feed.group,
                "links": links,
            }
        )
    current = min(max(today.replace(day=1), dt.date(first, 1, 1)), dt.date(last, 12, 1))
    months = [
        {"path": f"month/{y:04d}-{m:02d}", "label": f"{m}/{y}", "current": dt.date(y, m, 1) == current}
        for y in range(first, last + 1)
        for m in range(1, 13)
    ]
    paragraph = month_document(sheet, current.year, current.month, "txt").decode("utf-8").strip()
    template = environment(settings.templates).get_template("index.html.j2")
    return template.render(
        title=TITLE,
        static_site=True,
        absolute="://" in base,
        feeds=listed,
        groups=sorted({f.group for f in feeds if f.group}, key=[f.group for f in feeds].index),
        span=span_text(first, last, served=False),
        documents_label=", ".join(sheet.names),
        pdf=settings.pdf,
        months=months,
        years=[{"path": f"year/{y}", "label": y} for y in range(first, last + 1)],
        paragraph=paragraph,
        version=__version__,
    )
