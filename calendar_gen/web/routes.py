"""The server's routes: plain handlers over the application state (``request.app.state.calendar``).

Each handler validates its path and query, then hands ``respond_built`` a function that builds the
body from a catalogue snapshot and today's date; caching and validators live in ``responses``.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import anyio
import anyio.to_thread
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from calendar_gen.engine.occurrences import occurrences
from calendar_gen.engine.selection import round_only, select
from calendar_gen.render.feed import build_feed
from calendar_gen.render.formatting import DateStyle
from calendar_gen.render.html import SheetInfo, month_html, year_html
from calendar_gen.render.tabular import to_json
from calendar_gen.web.pages import index_page, qr_svg
from calendar_gen.web.query import (
    API_PARAMS,
    FEED_PARAMS,
    MAX_QUERY,
    Items,
    QueryError,
    api_query,
    feed_query,
    normalise,
    query_string,
)
from calendar_gen.web.responses import CALENDAR, HTML, SECURITY, ResponseCache, cached, error, respond
from calendar_gen.web.store import CatalogueStore, Snapshot

LOG = logging.getLogger("calendar_gen.server")
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")

Built = tuple[bytes, str, dt.date | None]  # body, media type, the day the content last changed by date
Builder = Callable[[Snapshot, dt.date], Built]


@dataclass(frozen=True)
class AppState:
    """Everything the handlers share: the catalogue store, the response cache and the settings."""

    store: CatalogueStore
    cache: ResponseCache
    clock: Callable[[], dt.date]
    domain: str
    public_url: str | None
    templates: Path | None
    style: DateStyle
    tag_labels: dict[str, str]
    app_js: bytes


def state_of(request: Request) -> AppState:
    """The application state of the app serving ``request``."""
    state: AppState = request.app.state.calendar
    return state


# Building a response is the only costly work a request can cause: at most this many at once,
# so that many clients asking for different large feeds cannot hold many of them in memory.
BUILDS = anyio.CapacityLimiter(4)


async def respond_built(
    request: Request, build: Builder, max_age: int, items: Items = (), prints_address: bool = False
) -> Response:
    """Serve from the cache, or build (off the event loop), cache and serve.

    The key is the catalogue version, the day, the path and the normalised query ``items``. Only
    pages that print their own address (``prints_address``) depend on the Host header, and only
    when no ``--public-url`` fixes that address: one client's Host must never reach another
    (cache poisoning), and Host values must not multiply identical bodies.
    """
    state = state_of(request)
    if len(request.url.query) > MAX_QUERY:
        return error(400, str(QueryError("query", f"chuỗi tham số dài quá {MAX_QUERY} ký tự")))
    snapshot = state.store.get()  # never waits: reloads happen in the store's own thread
    now = state.clock()
    address = base_url(request) if prints_address and state.public_url is None else ""
    key = (snapshot.version, now, address, request.url.path, items)
    item = state.cache.get(key)
    if item is None:
        try:
            body, media_type, since = await anyio.to_thread.run_sync(build, snapshot, now, limiter=BUILDS)
        except QueryError as exc:
            return error(400, str(exc))
        # Last-Modified: the catalogue's time, or the day the content last changed by the calendar
        # alone (a default range moves on 1 January, a page with today's date daily).
        changed = dt.datetime.combine(since, dt.time(), VIETNAM) if since else snapshot.stamp
        item = cached(body, media_type, max(snapshot.stamp, changed), max_age)
        state.cache.put(key, item)
    return respond(request, item)


def base_url(request: Request) -> str:
    """The site's public address: ``--public-url``, else the address the client used."""
    public_url = state_of(request).public_url
    return public_url.rstrip("/") + "/" if public_url else str(request.base_url)


def sheet_info(snapshot: Snapshot, now: dt.date, style: DateStyle) -> SheetInfo:
    """Footer facts of a served sheet: the catalogue titles and today's date."""
    names = tuple(f.title or Path(f.path).name for f in snapshot.catalogue.files)
    return SheetInfo(names, now, style=style)


async def feed(request: Request) -> Response:
    """``/feed.ics``: the iCalendar feed for the query's filters."""
    state = state_of(request)
    items = normalise(request.query_params.multi_items(), FEED_PARAMS)

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        query = feed_query(items, 0, snapshot.catalogue, now)
        body = build_feed(
            snapshot.catalogue,
            query,
            now,
            snapshot.stamp,
            state.domain,
            style=state.style,
            tag_labels=state.tag_labels,
        )
        moves = query.first is None or query.last is None  # the default range follows the year
        return body, CALENDAR, dt.date(now.year, 1, 1) if moves else None

    return await respond_built(request, build, 3600, items)


async def api(request: Request) -> Response:
    """``/api/occurrences``: the JSON list of a date range."""
    state = state_of(request)
    items = normalise(request.query_params.multi_items(), API_PARAMS)

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        start, end, query = api_query(items, 0, snapshot.catalogue)
        entries = select(snapshot.catalogue.entries, query.scopes, query.tags, query.kinds)
        found = occurrences(entries, start, end)
        if query.round_only:
            found = round_only(found)
        return to_json(found, state.style).encode("utf-8"), "application/json", None

    return await respond_built(request, build, 300, items)


async def month(request: Request) -> Response:
    """``/month/YYYY-MM`` and ``/month/YYYY-MM.pdf``: the printable sheet of a month."""
    from calendar_gen.render.pdf import MissingExtra, html_to_pdf

    state = state_of(request)
    text = request.path_params["month"]
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})(\.pdf)?", text)
    if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        return error(404, f"Không có trang tháng '{text}'; dùng /month/YYYY-MM hoặc /month/YYYY-MM.pdf.")
    year, number, pdf = int(match.group(1)), int(match.group(2)), match.group(3) is not None
    if request.url.query:
        return error(400, "tham số 'query': trang này không nhận tham số")

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        last = gregorian.monthrange(year, number)[1]
        found = occurrences(snapshot.catalogue.entries, dt.date(year, number, 1), dt.date(year, number, last))
        page = month_html(found, year, number, sheet_info(snapshot, now, state.style), state.templates)
        if not pdf:
            return page.encode("utf-8"), HTML, now  # the footer carries today's date
        return html_to_pdf(page), "application/pdf", now

    try:
        return await respond_built(request, build, 300)
    except MissingExtra:
        return error(501, "PDF không có trên máy chủ này (thiếu WeasyPrint); hãy in trang HTML.")


async def year(request: Request) -> Response:
    """``/year/YYYY``: the printable yearly list."""
    state = state_of(request)
    text = request.path_params["year"]
    if not re.fullmatch(r"[0-9]{4}", text) or not 1 <= int(text) <= 9999:
        return error(404, f"Không có trang năm '{text}'; dùng /year/YYYY.")
    number = int(text)
    if request.url.query:
        return error(400, "tham số 'query': trang này không nhận tham số")

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        found = occurrences(
            snapshot.catalogue.entries, dt.date(number, 1, 1), dt.date(number, 12, 31), yearly=True
        )
        page = year_html(found, number, sheet_info(snapshot, now, state.style), state.templates)
        return page.encode("utf-8"), HTML, now

    return await respond_built(request, build, 300)


async def qr(request: Request) -> Response:
    """``/qr.svg``: the QR code of the feed address for the query's filters."""
    items = normalise(request.query_params.multi_items(), FEED_PARAMS)

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        feed_query(items, 0, snapshot.catalogue, now)
        url = base_url(request) + "feed.ics" + (f"?{query_string(items)}" if items else "")
        return qr_svg(url).encode("utf-8"), "image/svg+xml", None

    return await respond_built(request, build, 3600, items, prints_address=True)


async def index(request: Request) -> Response:
    """``/``: the subscribe page."""
    state = state_of(request)
    items = normalise(request.query_params.multi_items(), FEED_PARAMS)

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        query = feed_query(items, 0, snapshot.catalogue, now)
        page = index_page(
            snapshot.catalogue,
            query,
            query_string(items),
            base_url(request),
            now,
            state.style,
            state.templates,
            state.tag_labels,
        )
        return page.encode("utf-8"), HTML, now.replace(day=1)  # the preview is this month's

    return await respond_built(request, build, 60, items, prints_address=True)


async def script(request: Request) -> Response:
    """``/app.js``: the subscribe page's script."""
    body = state_of(request).app_js
    return await respond_built(
        request, lambda snapshot, now: (body, "text/javascript; charset=utf-8", None), 3600
    )


async def health(request: Request) -> Response:
    """``/healthz``: the catalogue in service; never waits for a reload."""
    snapshot = state_of(request).store.snapshot
    body = {"status": "ok", "entries": len(snapshot.catalogue.entries), "version": snapshot.version}
    return JSONResponse(body, headers={"Cache-Control": "no-store", **SECURITY})


async def not_found(request: Request, exc: Exception) -> Response:
    """404 and 405 in Vietnamese; 405 names the methods allowed."""
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    if status == 405:
        response = error(405, "Phương thức không được hỗ trợ; dùng GET hoặc HEAD.")
        response.headers["Allow"] = "GET, HEAD"
        return response
    return error(404, "Không tìm thấy trang này.")


async def server_error(request: Request, exc: Exception) -> Response:
    """500 without details for the client; the traceback goes to the log."""
    LOG.exception("unexpected error on %s", request.url.path)
    return error(500, "Lỗi máy chủ; xem nhật ký của calendar-gen.")
