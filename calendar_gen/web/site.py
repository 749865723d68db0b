"""``calendar-gen build``: the whole site as static files that any web server or CDN can serve.

Pure: returns the site's files one at a time as (relative path, bytes); the CLI writes them into a
temporary folder and swaps it in. The feeds are the bytes ``serve`` returns for the same query,
and the documents the bytes of ``serve``'s ``/month/`` and ``/year/`` for the same entries (same
builders).

``index.html`` is the officer's page (templates/workspace.html.j2) without a server: each month's
and year's list is ``serve``'s ``/api/selection`` answer for the site's units, computed here by the
same function (``selection/YYYY-MM.json``, ``selection/YYYY.json``); the documents are the prebuilt
ones; what needs the server (editing the list, the office's profile, checking a draft) is left out
with a sentence saying so. The full subscribe page, every feed of the site, is ``dang-ky-lich.html``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
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
from calendar_gen.web.scopes import scope_choices, scope_label
from calendar_gen.web.workspace import asked_of, next_month, selection_data

OLD_INDEX = "dang-ky-lich.html"  # the subscribe page that was index.html: every feed, every document
GUIDE = "huong-dan-su-dung.html"


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
    per_year = 2 + 12 * 3 + (13 if settings.pdf else 0) + 13  # and the 13 lists (selection/)
    return feeds + (last - first + 1) * per_year + 6  # app.js, workspace.js, sw.js, the three pages


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
    yield OLD_INDEX, page.encode("utf-8")
    yield "workspace.js", packaged("workspace.js", settings.templates)
    yield "sw.js", packaged("sw.js", settings.templates)
    yield GUIDE, _guide(settings)
    site = _Site(catalogue.replace(entries=entries), settings)
    for year in range(first, last + 1):
        for period in [f"{year:04d}", *(f"{year:04d}-{m:02d}" for m in range(1, 13))]:
            yield f"selection/{period}.json", _json(site.selection(period))
    yield "index.html", _officer_page(site, sheet, today, first, last).encode("utf-8")


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


@dataclass(frozen=True)
class _Site:
    """The site's units (those its documents cover) and their lists, as ``serve`` answers them."""

    catalogue: Catalogue  # the documents' entries only (web/site.py, site_files)
    settings: SiteSettings

    def units(self) -> list[tuple[str, str, str | None]]:
        """(value, label, group) of national, then each unit and its former provinces."""
        national, groups = scope_choices(self.catalogue)
        found = [(o.value, o.label, None) for o in national if o.value == "national"]
        return found + [(o.value, o.label, g.label) for g in groups for o in g.options]

    def selection(self, period: str) -> dict[str, Any]:
        """``{"units": {unit: /api/selection's answer}}`` for one month or year."""
        answers: dict[str, Any] = {}
        for unit, _label, _group in self.units():
            asked = asked_of({"unit": unit, "period": period}, self.catalogue, dt.date(2000, 1, 1))
            data = selection_data(self.catalogue, asked, self.settings.style, self.settings.templates)
            data["subscribe"] = self.subscribe(unit)
            answers[unit] = data
        return {"units": answers}

    def subscribe(self, unit: str) -> dict[str, str]:
        """The unit's feed file with the page's links and QR code (links and QR need --base-url)."""
        path = "feed.ics" if unit == "national" else _scope_path(unit)
        base = self.settings.base
        if "://" not in base:  # no public address: the file to download, no app can subscribe
            return {
                "name": "",
                "url": path,
                "webcal": "",
                "google": "",
                "outlook": "",
                "qr": "",
                "more": OLD_INDEX,
            }
        links = subscribe_links(base + path, calendar_name(scope_label(self.catalogue, unit)))
        return {
            "name": calendar_name(scope_label(self.catalogue, unit)),
            "url": links.url,
            "webcal": links.webcal,
            "google": links.google,
            "outlook": links.outlook,
            "qr": f"qr/{Path(path).stem}.svg",
            "more": OLD_INDEX,
        }


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _officer_page(site: _Site, sheet: Sheet, today: dt.date, first: int, last: int) -> str:
    """The officer's page of the built site: the lists and documents prebuilt, no server control."""
    following = next_month(today)
    default = min(max(following, dt.date(first, 1, 1)), dt.date(last, 12, 1))
    period = f"{default.year:04d}-{default.month:02d}"
    units = site.units()
    groups: list[dict[str, Any]] = []
    for value, label, group in units:
        if group is None:
            continue
        if not groups or groups[-1]["label"] != group:
            groups.append({"label": group, "options": []})
        groups[-1]["options"].append({"value": value, "label": label})
    data = {
        "period": period,
        "first": first,
        "last": last,
        "pdf": site.settings.pdf,
        "selection": site.selection(period),  # shown at once, even from a file:// copy
    }
    template = environment(site.settings.templates).get_template("workspace.html.j2")
    return template.render(
        title="Soạn hướng dẫn tuyên truyền các ngày kỷ niệm",
        site=True,
        choices={
            "national": [{"value": v, "label": lab} for v, lab, g in units if g is None],
            "groups": groups,
            "audiences": [],
        },
        next_month=period,
        first_month=f"{first:04d}-01",
        last_month=f"{last:04d}-12",
        pdf=site.settings.pdf,
        documents_label=", ".join(sheet.names),
        absolute="://" in site.settings.base,
        site_data=json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"),
        version=__version__,
    )


def _guide(settings: SiteSettings) -> bytes:
    """The user's guide (docs/huong-dan-su-dung.md) as a page of its text, for the site's link."""
    import html

    from calendar_gen.paths import resource_dir

    try:
        text = (resource_dir("docs") / "huong-dan-su-dung.md").read_text(encoding="utf-8")
    except OSError:
        text = "Không tìm thấy hướng dẫn sử dụng trong bản cài đặt này."
    page = (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Hướng dẫn sử dụng calendar-gen</title>\n<style>body { margin: 0 auto; max-width: 860px; "
        "padding: 12px 16px; } pre { white-space: pre-wrap; font: 16px/1.5 serif; }</style>\n</head>\n"
        f'<body>\n<p><a href="index.html">Trang soạn hướng dẫn</a></p>\n<pre>{html.escape(text)}</pre>\n'
        "</body>\n</html>\n"
    )
    return page.encode("utf-8")
