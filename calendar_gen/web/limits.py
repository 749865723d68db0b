"""What one request may hold: worker lanes, body deadlines and budgets, the request-head size.

Every costly step of a handler runs through ``offload(request, LANE, fn, *args)``: in a worker
thread (never on the event loop, so ``/healthz`` keeps answering), at most ``workers`` at once per
lane with at most ``waiting`` more queued (beyond that ``Refused`` 503 at once, instead of a
queue without end), in Vietnamese whatever the server's own locale, and stopped when the client
hangs up or the lane's time runs out. Lanes are separate so that feeds and pages never wait behind
document renders or proofreading (issue 23, items 4 and 6).

A body is read with ``read_body(request, limit, message)``: the whole body within the app's
``body_timeout`` from the start of the request (a client sending a byte a second gets 408, not a
connection held for ever), at most ``limit`` bytes (413), and at most ``BODY_BUDGET`` bytes of all
bodies being received at once (503), so many slow uploads hold neither memory nor others' turns
(item 5). ``HeadLimit`` refuses a request head over ``MAX_HEAD`` (431), as README.md says.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from calendar_gen.i18n import MissingCatalog, speaking

LOG = logging.getLogger("calendar_gen.server")
T = TypeVar("T")

MAX_HEAD = 16 * 1024  # bytes of request line and headers (README.md, "Subscribing by URL")
BODY_TIMEOUT = 30.0  # seconds for a whole request body, counted from the start of the request
BODY_BUDGET = 64 * 1024 * 1024  # bytes of all request bodies being received at once
BUSY = "Máy chủ đang bận; hãy thử lại sau ít phút."
SLOW = "Gửi dữ liệu quá chậm: cả yêu cầu phải đến trong {seconds:g} giây; hãy gửi lại."
TOO_LONG = "Việc này cần quá {seconds:g} giây nên đã dừng; hãy gửi văn bản ngắn hơn."
HEAD_TOO_BIG = "Phần đầu yêu cầu (địa chỉ và header) dài quá 16 KB; hãy rút ngắn địa chỉ."


class Refused(Exception):
    """A request refused with an HTTP status and a Vietnamese message for the person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class Gone(Exception):
    """The client hung up: nothing is left to answer (logged, never an unexpected error)."""


class Cancelled(BaseException):
    """Raised inside a worker thread to stop its work.

    A BaseException, so that no ``except Exception`` in the work swallows it.
    """


@dataclass
class Lane:
    """A bounded queue of worker threads: ``workers`` jobs at once, ``waiting`` more in line."""

    name: str
    workers: int
    waiting: int
    seconds: float  # the longest one job may run before it is stopped
    interruptible: bool = False  # stop running work too, not only work still waiting its turn
    limiter: anyio.CapacityLimiter = field(init=False)
    queued: int = 0  # running or waiting now

    def __post_init__(self) -> None:
        self.limiter = anyio.CapacityLimiter(self.workers)


# Two cores serve everything (docs/ARCHITECTURE.md, "Limits"): feeds and pages have a lane of
# their own, so a queue of PDFs or of long drafts never delays a calendar app's refresh. Only
# the proofreader's work (our own pure Python) is interrupted while running: an exception raised
# at any instruction of a library can leave one of its locks held (WeasyPrint's renders then hung,
# measured), so a running render finishes (about a second) and only waiting ones are dropped.
PAGES = Lane("pages", workers=4, waiting=64, seconds=120.0)
DOCUMENTS = Lane("documents", workers=2, waiting=8, seconds=120.0)
CHECKS = Lane("checks", workers=2, waiting=8, seconds=60.0, interruptible=True)


@dataclass
class _Job:
    """One piece of work in a worker thread, which the event loop can stop."""

    thread: int | None = None
    stopped: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, work: Callable[..., T], args: tuple[Any, ...]) -> T:
        with self.lock:
            if self.stopped:  # the client left while the job waited for its turn
                raise Cancelled
            self.thread = threading.get_ident()
        try:
            with _vietnamese():  # the web is Vietnamese for every visitor
                return work(*args)
        finally:
            with self.lock:
                self.thread = None
            _raise_in(threading.get_ident(), None)  # drop a stop that came too late to matter

    def stop(self, interrupt: bool) -> None:
        """Drop the work if it has not started; with ``interrupt``, also if it has.

        A running job is stopped at its next Python instruction; the thread itself carries on.
        """
        with self.lock:
            self.stopped = True
            if interrupt and self.thread is not None:
                _raise_in(self.thread, Cancelled)


def _vietnamese() -> contextlib.AbstractContextManager[None]:
    """Vietnamese messages in this thread; the active ones in a tree whose catalog was never built."""
    try:
        return speaking("vi")
    except MissingCatalog:
        return contextlib.nullcontext()


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """CPython's PyThreadState_SetAsyncExc: ``exception`` in ``thread`` (None clears a pending one)."""
    pending = ctypes.py_object(exception) if exception is not None else None  # None: NULL, "clear"
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), pending)


async def offload(request: Request, lane: Lane, work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` in a worker thread of ``lane``, stopped when the client hangs up.

    ``Refused`` 503 when the lane is full or the job ran past the lane's time, ``Gone`` when the
    client hung up (the work is stopped); the work's own exceptions pass through. Call it after
    the body is read: it listens for the client's disconnect on ``receive``.
    """
    if lane.queued >= lane.workers + lane.waiting:
        raise Refused(503, BUSY)
    lane.queued += 1
    job = _Job()
    outcome: list[str] = []
    results: list[T] = []
    failures: list[Exception] = []

    async def watch(scope: anyio.CancelScope) -> None:
        with anyio.move_on_after(lane.seconds):
            await _disconnected(request.receive)
            outcome.append("gone")
        outcome.append("late")
        job.stop(lane.interruptible)
        scope.cancel()  # a job still waiting for its turn is dropped from the queue

    try:
        async with anyio.create_task_group() as group:
            group.start_soon(watch, group.cancel_scope)
            try:
                results.append(await anyio.to_thread.run_sync(job.run, work, args, limiter=lane.limiter))
            except Cancelled:
                pass  # the stop reached the work: the outcome says why
            except Exception as exc:  # the work's own refusal (bad input...), raised as it is
                failures.append(exc)
            group.cancel_scope.cancel()
    finally:
        lane.queued -= 1
    if failures:
        raise failures[0]
    if not outcome:
        return results[0]
    if outcome[0] == "gone":
        LOG.info("client left %s; its work was stopped", request.url.path)
        raise Gone(request.url.path)
    LOG.warning("%s ran past %g s in lane %s and was stopped", request.url.path, lane.seconds, lane.name)
    raise Refused(503, TOO_LONG.format(seconds=lane.seconds))


async def _disconnected(receive: Receive) -> None:
    """Return when the client has hung up (a body still unread would be consumed: read it first)."""
    while (await receive())["type"] != "http.disconnect":
        pass


@dataclass
class BodyBudget:
    """Bytes of request bodies being received now, across all requests."""

    limit: int = BODY_BUDGET
    used: int = 0


async def read_body(request: Request, limit: int, too_big: str) -> bytes:
    """The whole body of a request, within the limits.

    413 ``too_big`` past ``limit``, 408 past the app's body deadline, 503 past the shared budget,
    ``Gone`` when the client hangs up mid-upload.
    """
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise Refused(413, too_big)
    settings: Settings = getattr(request.app.state, "limits", DEFAULTS)
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.move_on_after(settings.body_timeout - (time.monotonic() - started(request))) as scope:
            async for chunk in request.stream():
                if settings.budget.used + len(chunk) > settings.budget.limit:
                    raise Refused(503, BUSY)
                size += len(chunk)
                settings.budget.used += len(chunk)
                if size > limit:
                    raise Refused(413, too_big)
                chunks.append(chunk)
    except ClientDisconnect:
        raise Gone(request.url.path) from None
    finally:
        settings.budget.used -= size
    if scope.cancelled_caught:
        raise Refused(408, SLOW.format(seconds=settings.body_timeout))
    return b"".join(chunks)


def started(request: Request) -> float:
    """When the request's head arrived (``time.monotonic``), as ``HeadLimit`` noted it."""
    value = request.scope.get("state", {}).get("started")
    return float(value) if isinstance(value, float) else time.monotonic()


@dataclass(frozen=True)
class Settings:
    """The limits of one app (``app.state.limits``); ``serve --body-timeout`` sets the deadline."""

    body_timeout: float = BODY_TIMEOUT
    budget: BodyBudget = field(default_factory=BodyBudget)


DEFAULTS = Settings()


class HeadLimit:
    """ASGI middleware: 431 for a request head over ``MAX_HEAD`` bytes; notes when a request began.

    uvicorn's ``h11_max_incomplete_event_size`` only bounds a head still incomplete, so a head of up
    to 64 KB arriving in one read was accepted (issue 23, item 15).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope.setdefault("state", {})["started"] = time.monotonic()
            if head_size(scope) > MAX_HEAD:
                await _plain(send, 431, HEAD_TOO_BIG)
                return
        await self.app(scope, receive, send)


def head_size(scope: Scope) -> int:
    """The bytes of the request line and headers as the client sent them (give or take spaces)."""
    line = len(scope["method"]) + len(scope.get("raw_path", b"")) + len(scope["query_string"]) + 12
    return line + sum(len(name) + len(value) + 4 for name, value in scope["headers"])


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ],
    }
    await send(start)
    await send({"type": "http.response.body", "body": body})
