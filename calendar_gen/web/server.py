"""``calendar-gen serve``: the ASGI application (Starlette on uvicorn) over the catalogue files.

Catalogue files are checked for changes by a thread of the store, never by a request: a valid
edit is served once loaded, a broken one is logged problem by problem and the last good catalogue
stays in service. Nothing is read from disk but the catalogues and the templates, so no URL can reach
another file. The handlers are in ``routes``, the cache and validators in ``responses``; an
answer given before is written again by the protocol itself (``replay``).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol, RequestResponseCycle

from calendar_gen.catalogue.provinces import Choice
from calendar_gen.paths import tag_labels
from calendar_gen.render.feed import DEFAULT_DOMAIN
from calendar_gen.render.formatting import DateStyle
from calendar_gen.web import check, languagetool, routes, workspace, workspace_docs
from calendar_gen.web.documents import DocumentCache
from calendar_gen.web.limits import BODY_TIMEOUT, HEAD_TOO_BIG, MAX_HEAD, HeadLimit, Settings
from calendar_gen.web.pages import packaged
from calendar_gen.web.prerender import Prerenderer
from calendar_gen.web.replay import Recorder, ReplayTable
from calendar_gen.web.responses import ResponseCache
from calendar_gen.web.store import CatalogueStore

ROUTES = [
    Route("/", workspace_docs.page),  # the officer's page (issue 20)
    Route("/soan", workspace_docs.moved),  # its first address: 308 to ./, the query kept
    Route("/dang-ky-lich", routes.index),  # the subscribe page with every feed choice
    Route("/app.js", routes.script),
    Route("/qr.svg", routes.qr),
    Route("/feed.ics", routes.feed),
    Route("/api/occurrences", routes.api),
    Route("/month/{month:str}", routes.month),
    Route("/year/{year:str}", routes.year),
    Route("/healthz", routes.health),
    Route("/check", check.check_page, methods=["GET", "POST"]),
    Route("/v2/check", languagetool.check, methods=["GET", "POST", "OPTIONS"]),
    Route("/v2/languages", languagetool.languages),
    Route("/workspace.js", workspace_docs.script),
    Route("/sw.js", workspace_docs.service_worker),  # the page works offline once loaded
    Route("/huong-dan-su-dung", workspace_docs.guide),
    Route("/api/selection", workspace.selection, methods=["GET", "POST"]),
    Route("/api/document", workspace_docs.document, methods=["GET", "POST"]),
    Route("/api/profile", workspace_docs.profile, methods=["GET", "POST"]),
]


def create_app(
    paths: Sequence[Path],
    *,
    domain: str = DEFAULT_DOMAIN,
    public_url: str | None = None,
    templates: Path | None = None,
    style: DateStyle = DateStyle.ND30,
    today: Callable[[], dt.date] | None = None,
    reload_interval: float = 1.0,
    choices: Sequence[Choice] = (),
    body_timeout: float = BODY_TIMEOUT,
    documents_dir: Path | None = None,
) -> Starlette:
    """The ASGI app over the given catalogue files (the first load has been validated by the CLI).

    ``choices`` (``-p``) keep only the chosen units and former provinces of the overlays;
    ``body_timeout`` is the time a whole request body may take (``web/limits``).
    ``documents_dir`` keeps the PDF and Word files rendered ahead (default: a temporary folder).
    """
    clock = today or (lambda: dt.datetime.now(routes.VIETNAM).date())
    store = CatalogueStore(paths, reload_interval, choices)
    scratch = tempfile.TemporaryDirectory(prefix="calendar-gen-documents-") if documents_dir is None else None
    documents = DocumentCache(documents_dir or Path(scratch.name if scratch else "."))
    prerenderer: list[Prerenderer] = []
    replays = ReplayTable(lambda: (store.get().version, clock()))

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        store.start()  # watch the catalogue files from the start, in a thread of their own
        prerenderer.append(Prerenderer(app.state.calendar, reload_interval))
        prerenderer[0].start()  # this month's and year's PDF and DOCX, before anyone asks
        try:
            yield
        finally:
            prerenderer[0].close()
            store.close()

    app = Starlette(
        routes=ROUTES,
        exception_handlers={404: routes.not_found, 405: routes.not_found, 500: routes.server_error},
        lifespan=lifespan,
        middleware=[Middleware(Recorder, table=replays), Middleware(HeadLimit)],
    )
    app.state.replays = replays
    app.state.limits = Settings(body_timeout=body_timeout)
    app.state.calendar = routes.AppState(
        store=store,
        cache=ResponseCache(),
        clock=clock,
        domain=domain,
        public_url=public_url,
        templates=templates,
        style=style,
        tag_labels=tag_labels(),
        app_js=packaged("app.js", templates),
        documents=documents,
    )
    app.state.scratch = scratch  # the temporary folder lives as long as the app
    return app


# Limits for slow or greedy clients (README.md, "Subscribing by URL"): a connection must send a
# complete request head within HEADER_TIMEOUT seconds, and an idle keep-alive connection is closed
# after KEEP_ALIVE seconds; a request head may be at most MAX_HEAD bytes (web/limits.py refuses a
# complete one over it, the protocol below an incomplete one); beyond CONCURRENCY open connections
# or running requests new requests get 503 instead of queueing without end. CONCURRENCY is well
# above what slow clients can hold before the body deadline closes them (255 of them must not
# starve the others, issue 23 item 5); the memory they may hold is bounded by web/limits.py's
# BODY_BUDGET.
HEADER_TIMEOUT = 10.0
KEEP_ALIVE = 5
CONCURRENCY = 768  # under the usual 1,024 open files of a service


def uvicorn_options(app: Starlette) -> dict[str, Any]:
    """uvicorn.run() keyword arguments that bound what one slow or greedy client can hold.

    The protocol is bound to the app's replay table, to write its recorded answers (``replay``).
    """
    protocol = type("ReplayingProtocol", (HeaderTimeoutProtocol,), {"replays": app.state.replays})
    return {
        "http": protocol,
        "timeout_keep_alive": KEEP_ALIVE,
        "limit_concurrency": CONCURRENCY,
    }


_TOO_BIG = HEAD_TOO_BIG.encode("utf-8")
_REFUSAL = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
    + b"content-length: %d\r\nconnection: close\r\n\r\n" % len(_TOO_BIG)
    + _TOO_BIG
)


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """Uvicorn's httptools protocol with a deadline and a size bound for the request head.

    httptools (llhttp, in C; part of uvicorn[standard]) parses a request in a fraction of the time
    of h11, pure Python, which was most of a cached feed's cost (issue 21). Uvicorn has neither
    bound of its own for it: a head not complete within HEADER_TIMEOUT closes the connection, and
    one still incomplete past MAX_HEAD bytes gets 431 and is closed instead of being buffered.
    """

    replays: ReplayTable | None = None  # answers the app gave before, written again (replay)
    header_timer: asyncio.TimerHandle | None = None
    armed_cycle: object = None
    in_head = False  # between the first byte of a request and the end of its head
    head_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.in_head and not self.transport.is_closing():
            # This read ended inside a head: count it (a read that also held the end of the
            # previous request counts whole, at most one read more than the head itself).
            self.head_bytes += len(data)
            if self.head_bytes > MAX_HEAD:
                self.transport.write(_REFUSAL)
                self.transport.close()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.in_head, self.head_bytes = True, 0

    def on_headers_complete(self) -> None:
        self.in_head = False
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self.arm()

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: Any) -> None:
        # uvicorn's own step between a parsed head and the app (0.30 to 0.55); were it renamed,
        # every request would reach the app as before, and tests/test_web_replay.py would fail.
        if app is not self.app or not self.replayed(cycle):  # else uvicorn's 503 for too many
            super()._start_asgi_task(cycle, app)

    def replayed(self, cycle: RequestResponseCycle) -> bool:
        """Write the recorded answer to this request, as uvicorn would write it, if there is one.

        Not while the access log writes lines (they are written by the cycle), to a client that
        does not read (the transport paused writing), nor to a request the app has to see
        (``replay.request_key``).
        """
        logs = self.access_log and self.access_logger.isEnabledFor(logging.INFO)
        if self.replays is None or logs or self.flow.write_paused or not cycle.keep_alive:
            return False
        if cycle.waiting_for_100_continue:
            return False
        item = self.replays.answer(cycle.scope)  # type: ignore[arg-type]  # an HTTPScope is a Scope
        if item is None:
            return False
        cycle.response_started = cycle.response_complete = True
        cycle.more_body = False
        head = [STATUS_LINE[item.status]]
        for name, value in self.server_state.default_headers:
            head += (name, b": ", value, b"\r\n")
        head.append(item.head)
        self.transport.writelines((b"".join(head), item.body))
        self.on_response_complete()
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
        super().connection_lost(exc)

    def arm(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
        self.armed_cycle = self.cycle
        self.header_timer = self.loop.call_later(HEADER_TIMEOUT, self.deadline)

    def deadline(self) -> None:
        idle = self.cycle is None or self.cycle.response_complete
        if self.cycle is self.armed_cycle and idle and not self.transport.is_closing():
            self.transport.close()  # no new request head since the last response (or ever)
