"""The server's routes: plain handlers over the application state (``request.app.state.calendar``).

Each handler validates its path and query, then hands ``respond_built`` a function that builds the
body from a catalogue snapshot and today's date; caching and validators live in ``responses``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from calendar_gen.engine.occurrences import occurrences
from calendar_gen.engine.selection import round_only, select
from calendar_gen.render.feed import FeedQuery, build_feed, month_page_url
from calendar_gen.render.formatting import DateStyle
from calendar_gen.render.tabular import to_json
from calendar_gen.web.documents import (
    MEDIA,
    PRERENDERED,
    DocumentCache,
    Sheet,
    file_name,
    month_document,
    year_document,
)
from calendar_gen.web.limits import DOCUMENTS, PAGES, Gone, Lane, Refused, offload
from calendar_gen.web.pages import Look, document_scopes, index_page, qr_svg
from calendar_gen.web.query import (
    API_PARAMS,
    FEED_PARAMS,
    MAX_QUERY,
    PAGE_PARAMS,
    Items,
    QueryError,
    api_query,
    feed_query,
    normalise,
    page_scopes,
    query_string,
)
from calendar_gen.web.replay import MARK
from calendar_gen.web.responses import CALENDAR, HTML, SECURITY, ResponseCache, cached, error, respond
from calendar_gen.web.scopes import catalogue_names
from calendar_gen.web.store import CatalogueStore, Snapshot

LOG = logging.getLogger("calendar_gen.server")
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")
SUBSCRIBE = "dang-ky-lich"  # the subscribe page's path, from the site's root (``/`` is the officer's page)
CORS = {"Access-Control-Allow-Origin": "*"}  # feeds and JSON: web calendars fetch them from their own origin

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
    documents: DocumentCache  # PDF and Word files rendered ahead, on disk (issue 22)


def state_of(request: Request) -> AppState:
    """The application state of the app serving ``request``."""
    state: AppState = request.app.state.calendar
    return state


async def respond_built(
    request: Request,
    build: Builder,
    max_age: int,
    items: Items = (),
    prints_address: bool = False,
    headers: Mapping[str, str] | None = None,
    lane: Lane = PAGES,
) -> Response:
    """Serve from the cache, or build (in a worker thread of ``lane``), cache and serve.

    Building is the only costly work a request can cause: the lanes of ``web/limits`` bound how
    many builds run and wait (so many different large feeds cannot all be held in memory), keep
    documents (``DOCUMENTS``) from delaying feeds and pages, and drop a build whose client left.

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
            body, media_type, since = await offload(request, lane, build, snapshot, now)
        except QueryError as exc:
            return error(400, str(exc))
        except Refused as exc:
            return error(exc.status, str(exc))
        except Gone:
            return Response(status_code=499)  # the client left: nobody reads this
        # Last-Modified: the catalogue's time, or the day the content last changed by the calendar
        # alone (a default range moves on 1 January, a page with today's date daily).
        changed = dt.datetime.combine(since, dt.time(), VIETNAM) if since else snapshot.stamp
        item = cached(body, media_type, max(snapshot.stamp, changed), max_age)
        state.cache.put(key, item)
    response = respond(request, item)
    response.headers.update(headers or {})
    if not address:  # the same answer for every client: the protocol may write it again (replay)
        request.scope["state"][MARK] = (snapshot.version, now)
    return response


def base_url(request: Request) -> str:
    """The site's public address: ``--public-url``, else the address the client used."""
    public_url = state_of(request).public_url
    return public_url.rstrip("/") + "/" if public_url else str(request.base_url)


def feed_bytes(snapshot: Snapshot, query: FeedQuery, items: Items, now: dt.date, state: AppState) -> bytes:
    """A served feed: the same builder, and so the same bytes, as ``build``'s feed files.

    With ``--public-url`` the feed names its own address (SOURCE) and each event its month page,
    for the same scope (a province's page lists the national days too); never from the Host
    header, which would let one client's Host reach every subscriber.
    """
    source_url = event_url = None
    if state.public_url:
        base = state.public_url.rstrip("/") + "/"
        source_url = base + "feed.ics" + (f"?{query_string(items)}" if items else "")
        scopes = document_scopes(query.scopes)
        event_url = month_page_url(base, f"?scope={','.join(scopes)}" if scopes else "")
    return build_feed(
        snapshot.catalogue,
        query,
        now,
        snapshot.dtstamp,
        state.domain,
        style=state.style,
        tag_labels=state.tag_labels,
        source_url=source_url,
        event_url=event_url,
    )


async def feed(request: Request) -> Response:
    """``/feed.ics``: the iCalendar feed for the query's filters; web calendars may fetch it (CORS)."""
    state = state_of(request)
    items = normalise(request.query_params.multi_items(), FEED_PARAMS)

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        query = feed_query(items, 0, snapshot.catalogue, now)
        moves = query.first is None or query.last is None  # the default range follows the year
        return (
            feed_bytes(snapshot, query, items, now, state),
            CALENDAR,
            dt.date(now.year, 1, 1) if moves else None,
        )

    return await respond_built(request, build, 3600, items, headers=CORS)


async def api(request: Request) -> Response:
    """``/api/occurrences``: the JSON list of a date range (CORS: any site may read it)."""
    state = state_of(request)
    items = normalise(request.query_params.multi_items(), API_PARAMS)

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        start, end, query = api_query(items, 0, snapshot.catalogue)
        entries = select(snapshot.catalogue.entries, query.scopes, query.tags, query.kinds)
        found = occurrences(entries, start, end)
        if query.round_only:
            found = round_only(found)
        return to_json(found, state.style).encode("utf-8"), "application/json", None

    return await respond_built(request, build, 300, items, headers=CORS)


def sheet_of(snapshot: Snapshot, items: Items, now: dt.date, state: AppState) -> Sheet:
    """The entries of the scopes asked for (all without ``scope``) and the names of their files."""
    scopes = page_scopes(items, snapshot.catalogue)
    entries = select(snapshot.catalogue.entries, scopes)
    names = catalogue_names(snapshot.catalogue, scopes)
    return Sheet(entries, names, now, state.style, state.templates, snapshot.catalogue.rules)


async def document(request: Request, build: Builder, items: Items, name: str, fmt: str) -> Response:
    """A sheet in one format; PDF needs WeasyPrint (501 without), downloads get their file name."""
    from calendar_gen.render.pdf import MissingExtra

    disposition = {"pdf": "inline", "docx": "attachment"}.get(fmt)
    headers = {"Content-Disposition": f'{disposition}; filename="{name}"'} if disposition else {}
    try:
        lane = DOCUMENTS if fmt in ("pdf", "docx") else PAGES
        return await respond_built(request, build, 300, items, headers=headers, lane=lane)
    except MissingExtra:
        return error(501, "PDF không có trên máy chủ này (thiếu WeasyPrint); hãy in trang HTML.")


async def month(request: Request) -> Response:
    """``/month/YYYY-MM[.pdf|.docx|.txt]?scope=``: a month's sheet, Word file or paragraph."""
    state = state_of(request)
    text = request.path_params["month"]
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})(?:\.(pdf|docx|txt))?", text)
    if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        return error(
            404, f"Không có trang tháng '{text}'; dùng /month/YYYY-MM hoặc /month/YYYY-MM.pdf, .docx, .txt."
        )
    year, number, fmt = int(match.group(1)), int(match.group(2)), match.group(3) or "html"
    items = normalise(request.query_params.multi_items(), PAGE_PARAMS)
    home = "../" + SUBSCRIBE + (f"?{query_string(items)}" if items else "")

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        sheet = sheet_of(snapshot, items, now, state)
        if fmt in PRERENDERED:  # rendered ahead at start-up and on reload, or once and kept
            return state.documents.get(sheet, year, number, fmt), MEDIA[fmt], now
        return month_document(sheet, year, number, fmt, home), MEDIA[fmt], now  # the footer has today

    return await document(request, build, items, file_name(year, number, fmt), fmt)


async def year(request: Request) -> Response:
    """``/year/YYYY[.pdf|.docx]?scope=``: a year's list; the page links back to the subscribe page."""
    state = state_of(request)
    text = request.path_params["year"]
    match = re.fullmatch(r"([0-9]{4})(?:\.(pdf|docx))?", text)
    if match is None or not 1 <= int(match.group(1)) <= 9999:
        return error(404, f"Không có trang năm '{text}'; dùng /year/YYYY hoặc /year/YYYY.pdf, .docx.")
    number, fmt = int(match.group(1)), match.group(2) or "html"
    items = normalise(request.query_params.multi_items(), PAGE_PARAMS)
    home = "../" + SUBSCRIBE + (f"?{query_string(items)}" if items else "")

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        sheet = sheet_of(snapshot, items, now, state)
        if fmt in PRERENDERED:
            return state.documents.get(sheet, number, None, fmt), MEDIA[fmt], now
        return year_document(sheet, number, fmt, home), MEDIA[fmt], now

    return await document(request, build, items, file_name(number, None, fmt), fmt)


async def qr(request: Request) -> Response:
    """``/qr.svg``: the QR code of the feed address for the query's filters."""
    items = normalise(request.query_params.multi_items(), FEED_PARAMS)

    def build(snapshot: Snapshot, now: dt.date) -> Built:
        feed_query(items, 0, snapshot.catalogue, now)
        url = base_url(request) + "feed.ics" + (f"?{query_string(items)}" if items else "")
        return qr_svg(url).encode("utf-8"), "image/svg+xml", None

    return await respond_built(request, build, 3600, items, prints_address=True)


async def index(request: Request) -> Response:
    """``/dang-ky-lich``: the subscribe page with every feed choice (``/`` is the officer's page)."""
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
            Look(state.style, state.templates, state.tag_labels),
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
