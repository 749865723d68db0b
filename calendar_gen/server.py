"""``calendar-gen serve``: the feeds, sheets and subscribe page over HTTP (Starlette on uvicorn).

Every response is built once per catalogue version and query and kept with its gzip form, strong
ETag and Last-Modified; conditional requests get 304, HEAD gets the headers. Catalogue files are
checked for changes at most once a second: a valid edit is served from the next request on, a
broken one is logged problem by problem and the last good catalogue stays in service. Nothing is
read from disk but the catalogues and the templates, so no URL can reach another file.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import logging
import os
import re
import threading
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from calendar_gen import __version__
from calendar_gen.catalogue import Catalogue, load
from calendar_gen.feeds import DEFAULT_DOMAIN, FeedQuery, build_feed, scope_label
from calendar_gen.formatting import DateStyle, month_year
from calendar_gen.occurrences import occurrences
from calendar_gen.paths import resource_dir, tag_labels
from calendar_gen.problems import CatalogueError
from calendar_gen.render.html import SheetInfo, month_html, year_html
from calendar_gen.render.tabular import to_json
from calendar_gen.render.text import environment, view
from calendar_gen.selection import round_only, select
from calendar_gen.stamps import source_stamp
from calendar_gen.webquery import QueryError, api_query, feed_query

LOG = logging.getLogger("calendar_gen.server")
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")
CALENDAR = "text/calendar; charset=utf-8"
HTML = "text/html; charset=utf-8"
SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'"
    ),
}


@dataclass(frozen=True)
class Snapshot:
    """One valid catalogue in service, with what identifies it."""

    catalogue: Catalogue
    version: str
    stamp: dt.datetime


class CatalogueStore:
    """The catalogue in service, reloaded when its files change; the last good one stays on errors."""

    def __init__(self, paths: Sequence[Path], today: Callable[[], dt.date], interval: float = 1.0) -> None:
        self.paths = list(paths)
        self.today = today
        self.interval = interval
        self.lock = threading.Lock()
        self.checked = 0.0
        self.signature = self._signature()
        self.snapshot = self._load()  # the first load must succeed: the CLI has validated it
        self.failed_signature: tuple[Any, ...] | None = None

    def _signature(self) -> tuple[Any, ...]:
        result: list[tuple[str, int | None, int | None, int | None]] = []
        for path in self.paths:
            try:
                info = path.stat()
                result.append((str(path), info.st_mtime_ns, info.st_size, info.st_ino))
            except OSError:
                result.append((str(path), None, None, None))
        return tuple(result)

    def _load(self) -> Snapshot:
        catalogue = load(self.paths, self.today())
        version = hashlib.sha256(repr(self.signature).encode()).hexdigest()[:16]
        return Snapshot(catalogue, version, source_stamp(self.paths, os.environ))

    def due(self) -> bool:
        """Whether the files should be checked again (cheap: no I/O)."""
        return time.monotonic() - self.checked >= self.interval

    def get(self) -> Snapshot:
        """The current snapshot; checks the files at most every ``interval`` seconds."""
        now = time.monotonic()
        if now - self.checked < self.interval:
            return self.snapshot
        with self.lock:
            if now - self.checked < self.interval:
                return self.snapshot
            self.checked = now
            signature = self._signature()
            if signature == self.signature or signature == self.failed_signature:
                return self.snapshot
            previous = self.signature
            self.signature = signature
            try:
                self.snapshot = self._load()
            except CatalogueError as exc:
                self.signature = previous
                self.failed_signature = signature
                LOG.error(
                    "catalogue edit rejected, still serving the last good version (%d problems):",
                    len(exc.problems),
                )
                for problem in exc.problems:
                    LOG.error("  %s", problem)
            else:
                self.failed_signature = None
                LOG.info("catalogue reloaded: %d entries", len(self.snapshot.catalogue.entries))
            return self.snapshot


Builder = Callable[["Snapshot", dt.date], tuple[bytes, str, dt.date | None]]


@dataclass(frozen=True)
class Cached:
    """A response body with its gzip form and validators."""

    body: bytes
    gzipped: bytes
    media_type: str
    etag: str
    last_modified: str
    max_age: int


class ResponseCache:
    """A bounded LRU of built responses, keyed by catalogue version, day, path and query."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.items: OrderedDict[tuple[Any, ...], Cached] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Cached | None:
        with self.lock:
            item = self.items.get(key)
            if item is not None:
                self.items.move_to_end(key)
            return item

    def put(self, key: tuple[Any, ...], item: Cached) -> None:
        with self.lock:
            self.items[key] = item
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


def _cached(body: bytes, media_type: str, stamp: dt.datetime, max_age: int) -> Cached:
    digest = hashlib.sha256(body).hexdigest()[:24]
    return Cached(
        body=body,
        gzipped=gzip.compress(body, compresslevel=6, mtime=0),
        media_type=media_type,
        etag=f'"{digest}"',
        last_modified=email.utils.format_datetime(stamp.astimezone(dt.UTC), usegmt=True),
        max_age=max_age,
    )


def _not_modified(request: Request, item: Cached, etag: str) -> bool:
    """RFC 9110, 13.2.2: If-None-Match wins over If-Modified-Since."""
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        when = email.utils.parsedate_to_datetime(since)
        modified = email.utils.parsedate_to_datetime(item.last_modified)
    except (TypeError, ValueError):
        return False
    if when.tzinfo is None:
        return False
    return modified <= when


def accepts_gzip(header: str) -> bool:
    """RFC 9110, 12.5.3: gzip (or *) with a quality above 0."""
    for part in header.lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() not in ("gzip", "x-gzip", "*"):
            continue
        quality = params.strip().removeprefix("q=").strip() if params.strip().startswith("q=") else "1"
        try:
            return float(quality) > 0
        except ValueError:
            return False
    return False


def _respond(request: Request, item: Cached) -> Response:
    use_gzip = accepts_gzip(request.headers.get("accept-encoding", ""))
    etag = item.etag[:-1] + '-gz"' if use_gzip else item.etag
    headers = {
        "ETag": etag,
        "Last-Modified": item.last_modified,
        "Cache-Control": f"public, max-age={item.max_age}",
        "Vary": "Accept-Encoding",
        **SECURITY,
    }
    if _not_modified(request, item, etag):
        return Response(status_code=304, headers=headers)
    if use_gzip:
        headers["Content-Encoding"] = "gzip"
    return Response(item.gzipped if use_gzip else item.body, media_type=item.media_type, headers=headers)


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(f"{message}\n", status_code=status, headers=SECURITY)


def create_app(
    paths: Sequence[Path],
    *,
    domain: str = DEFAULT_DOMAIN,
    public_url: str | None = None,
    templates: Path | None = None,
    style: DateStyle = DateStyle.ND30,
    today: Callable[[], dt.date] | None = None,
    reload_interval: float = 1.0,
) -> Starlette:
    """The ASGI app over the given catalogue files (the first load has been validated by the CLI)."""
    clock = today or (lambda: dt.datetime.now(VIETNAM).date())
    store = CatalogueStore(paths, clock, reload_interval)
    cache = ResponseCache()
    app_js = _packaged("app.js", templates)
    labels = tag_labels()

    async def snapshot_now() -> Snapshot:
        # Stat-ing and reloading the catalogue is file I/O: off the event loop.
        return await run_in_threadpool(store.get) if store.due() else store.snapshot

    async def serve(request: Request, build: Builder, max_age: int) -> Response:
        snapshot = await snapshot_now()
        now = clock()
        # The Host header is part of the key: pages that print their own address must not
        # hand one client's Host to another (cache poisoning).
        key = (snapshot.version, now, request.headers.get("host", ""), request.url.path, request.url.query)
        item = cache.get(key)
        if item is None:
            try:  # building can take a while (a PDF): off the event loop
                body, media_type, since = await run_in_threadpool(build, snapshot, now)
            except QueryError as exc:
                return _error(400, str(exc))
            # Last-Modified: the catalogue's time, or the day the content last changed by the
            # calendar alone (a default range moves on 1 January, a page with today's date daily).
            changed = dt.datetime.combine(since, dt.time(), VIETNAM) if since else snapshot.stamp
            item = _cached(body, media_type, max(snapshot.stamp, changed), max_age)
            cache.put(key, item)
        return _respond(request, item)

    def query_items(request: Request) -> list[tuple[str, str]]:
        return request.query_params.multi_items()

    def base_url(request: Request) -> str:
        if public_url:
            return public_url.rstrip("/") + "/"
        return str(request.base_url)

    async def feed(request: Request) -> Response:
        def build(snapshot: Snapshot, now: dt.date) -> tuple[bytes, str, dt.date | None]:
            query = feed_query(query_items(request), len(request.url.query), snapshot.catalogue, now)
            body = build_feed(
                snapshot.catalogue, query, now, snapshot.stamp, domain, style=style, tag_labels=labels
            )
            moves = query.first is None or query.last is None  # the default range follows the year
            return body, CALENDAR, dt.date(now.year, 1, 1) if moves else None

        return await serve(request, build, 3600)

    async def api(request: Request) -> Response:
        def build(snapshot: Snapshot, now: dt.date) -> tuple[bytes, str, dt.date | None]:
            start, end, query = api_query(query_items(request), len(request.url.query), snapshot.catalogue)
            entries = select(snapshot.catalogue.entries, query.scopes, query.tags, query.kinds)
            found = occurrences(entries, start, end)
            if query.round_only:
                found = round_only(found)
            return to_json(found, style).encode("utf-8"), "application/json", None

        return await serve(request, build, 300)

    def info(snapshot: Snapshot, now: dt.date) -> SheetInfo:
        names = tuple(f.title or Path(f.path).name for f in snapshot.catalogue.files)
        return SheetInfo(names, now, style=style)

    async def month(request: Request) -> Response:
        text = request.path_params["month"]
        match = re.fullmatch(r"(\d{4})-(\d{2})(\.pdf)?", text)
        if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
            return _error(404, f"Không có trang tháng '{text}'; dùng /month/YYYY-MM hoặc /month/YYYY-MM.pdf.")
        year, number, pdf = int(match.group(1)), int(match.group(2)), match.group(3) is not None
        if request.url.query:
            return _error(400, "tham số 'query': trang này không nhận tham số")

        def build(snapshot: Snapshot, now: dt.date) -> tuple[bytes, str, dt.date | None]:
            import calendar as gregorian

            last = gregorian.monthrange(year, number)[1]
            found = occurrences(
                snapshot.catalogue.entries, dt.date(year, number, 1), dt.date(year, number, last)
            )
            page = month_html(found, year, number, info(snapshot, now), templates)
            if not pdf:
                return page.encode("utf-8"), HTML, now  # the footer carries today's date
            from calendar_gen.render.pdf import html_to_pdf

            return html_to_pdf(page), "application/pdf", now

        from calendar_gen.render.pdf import MissingExtra

        try:
            return await serve(request, build, 300)
        except MissingExtra:
            return _error(501, "PDF không có trên máy chủ này (thiếu WeasyPrint); hãy in trang HTML.")

    async def year(request: Request) -> Response:
        text = request.path_params["year"]
        if not re.fullmatch(r"\d{4}", text) or not 1 <= int(text) <= 9999:
            return _error(404, f"Không có trang năm '{text}'; dùng /year/YYYY.")
        number = int(text)
        if request.url.query:
            return _error(400, "tham số 'query': trang này không nhận tham số")

        def build(snapshot: Snapshot, now: dt.date) -> tuple[bytes, str, dt.date | None]:
            found = occurrences(
                snapshot.catalogue.entries, dt.date(number, 1, 1), dt.date(number, 12, 31), yearly=True
            )
            return year_html(found, number, info(snapshot, now), templates).encode("utf-8"), HTML, now

        return await serve(request, build, 300)

    async def qr(request: Request) -> Response:
        def build(snapshot: Snapshot, now: dt.date) -> tuple[bytes, str, dt.date | None]:
            feed_query(query_items(request), len(request.url.query), snapshot.catalogue, now)
            url = base_url(request) + "feed.ics" + (f"?{request.url.query}" if request.url.query else "")
            return qr_svg(url).encode("utf-8"), "image/svg+xml", None

        return await serve(request, build, 3600)

    async def index(request: Request) -> Response:
        def build(snapshot: Snapshot, now: dt.date) -> tuple[bytes, str, dt.date | None]:
            query = feed_query(query_items(request), len(request.url.query), snapshot.catalogue, now)
            page = index_page(
                snapshot.catalogue, query, request.url.query, base_url(request), now, style, templates, labels
            )
            return page.encode("utf-8"), HTML, now.replace(day=1)  # the preview is this month's

        return await serve(request, build, 60)

    async def script(request: Request) -> Response:
        def build(snapshot: Snapshot, now: dt.date) -> tuple[bytes, str, dt.date | None]:
            return app_js, "text/javascript; charset=utf-8", None

        return await serve(request, build, 3600)

    async def health(request: Request) -> Response:
        snapshot = store.get()
        body = {"status": "ok", "entries": len(snapshot.catalogue.entries), "version": snapshot.version}
        return JSONResponse(body, headers={"Cache-Control": "no-store", **SECURITY})

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        if status == 405:
            response = _error(405, "Phương thức không được hỗ trợ; dùng GET hoặc HEAD.")
            response.headers["Allow"] = "GET, HEAD"
            return response
        return _error(404, "Không tìm thấy trang này.")

    async def server_error(request: Request, exc: Exception) -> Response:
        LOG.exception("unexpected error on %s", request.url.path)
        return _error(500, "Lỗi máy chủ; xem nhật ký của calendar-gen.")

    routes = [
        Route("/", index),
        Route("/app.js", script),
        Route("/qr.svg", qr),
        Route("/feed.ics", feed),
        Route("/api/occurrences", api),
        Route("/month/{month:str}", month),
        Route("/year/{year:str}", year),
        Route("/healthz", health),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={404: not_found, 405: not_found, 500: server_error},
    )


def _packaged(name: str, templates: Path | None) -> bytes:
    """A file from the user's template folder, else the packaged one."""
    for folder in (templates, resource_dir("templates")):
        if folder is not None and (folder / name).is_file():
            return (folder / name).read_bytes()
    raise FileNotFoundError(name)


def qr_svg(url: str) -> str:
    """An SVG QR code of a URL, for phones (segno)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=4, xmldecl=False, svgns=True, title="Mã QR địa chỉ lịch", encoding="utf-8"
    )
    return buffer.getvalue().decode("utf-8")


def index_page(
    catalogue: Catalogue,
    query: FeedQuery,
    raw_query: str,
    base: str,
    today: dt.date,
    style: DateStyle,
    templates: Path | None,
    tag_names: Mapping[str, str],
) -> str:
    """The subscribe page: filters, the feed link in both forms, a QR code, this month's preview."""
    import calendar as gregorian

    options = [(s, scope_label(catalogue, s)) for s in sorted({e.scope for e in catalogue.entries})]
    used = {t for e in catalogue.entries for t in e.tags}
    tags = sorted(((t, tag_names.get(t, t)) for t in used), key=lambda pair: pair[1])
    start = today.replace(day=1)
    end = today.replace(day=gregorian.monthrange(today.year, today.month)[1])
    entries = select(catalogue.entries, query.scopes, query.tags, query.kinds)
    found = occurrences(entries, start, end)
    if query.round_only:
        found = round_only(found)
    feed_url = base + "feed.ics" + (f"?{raw_query}" if raw_query else "")
    webcal = "webcal://" + feed_url.split("://", 1)[1]
    chosen = {
        "scope": ",".join(query.scopes),
        "tag": ",".join(query.tags),
        "round": query.round_only,
        "alarm": "" if query.alarm is None else str(query.alarm),
    }
    template = environment(templates).get_template("index.html.j2")
    return template.render(
        title="Lịch các ngày kỷ niệm",
        static_site=False,
        scopes=options,
        tags=tags,
        chosen=chosen,
        feed_url=feed_url,
        webcal_url=webcal,
        local_only=urllib.parse.urlsplit(base).hostname in ("127.0.0.1", "localhost", "::1"),
        qr_svg=qr_svg(feed_url),
        preview_title=f"Các ngày kỷ niệm tháng {month_year(today.month, today.year, style)}",
        preview=[view(o, style) for o in found],
        month_path=f"month/{today.year:04d}-{today.month:02d}",
        year_path=f"year/{today.year}",
        year=today.year,
        month_from=start.isoformat(),
        month_to=end.isoformat(),
        version=__version__,
    )
