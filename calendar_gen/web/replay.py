"""Answers the server has already given, written again straight from the HTTP protocol (issue 21).

A cached feed costs microseconds to look up but a hundred more to pass through ASGI, Starlette's
routing and the response object: with bodies held in memory that made ``serve`` slower than
nginx reading the same file. So the first answer to a request is recorded (``Recorder``, an ASGI
middleware) with the catalogue version and the day it was built for, and a later request with
the same key is answered by the protocol (``server.HeaderTimeoutProtocol``) with the same bytes,
without an ASGI cycle.

Only what ``routes.respond_built`` marks is recorded: its bodies are a function of the catalogue
version, the day, the path and the query alone (pages that print the Host are not marked), and
``responses.respond`` reads only the headers of ``KEYED``. The key holds every value of those
headers, so each coding, validator and 304 is its own entry. A request is replayed only when the
app would answer it the same way: GET, HTTP/1.1 keep-alive, no body, no ``Expect``, its head
within ``limits.MAX_HEAD``, the entry's version and day still current. Anything else, and every
first request, goes through the app as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from calendar_gen.web.limits import MAX_HEAD, head_size
from calendar_gen.web.lru import BoundedLRU

MARK = "calendar_gen.replay"  # scope["state"] key: the (version, day) a response was built for
KEYED = (b"accept-encoding", b"if-none-match", b"if-modified-since")  # what respond() reads
UNSAFE = (b"content-length", b"transfer-encoding", b"expect", b"upgrade")
Key = tuple[bytes, bytes, tuple[tuple[bytes, bytes], ...]]


@dataclass(frozen=True, slots=True)
class Replay:
    """A recorded answer: what it was built for, its status, its own header lines and its body."""

    built_for: Hashable
    status: int
    head: bytes  # the header lines after uvicorn's own (date, server), with the blank line
    body: bytes


def request_key(scope: Scope) -> Key | None:
    """The key of a replayable request, or None when the app must answer it.

    Bodies, ``Expect``, ``Upgrade`` and a ``Connection`` other than keep-alive are left to the
    app and uvicorn: they change how the protocol answers, not only what.
    """
    if scope["method"] != "GET" or scope.get("http_version") != "1.1":
        return None
    keyed = []
    for name, value in scope["headers"]:
        if name in KEYED:
            keyed.append((name, value))
        elif name in UNSAFE or (name == b"connection" and value.strip().lower() != b"keep-alive"):
            return None
    return scope["raw_path"], scope["query_string"], tuple(keyed)


class ReplayTable(BoundedLRU[Key, Replay]):
    """Recorded answers, bounded in bytes, keys included (header values of up to 16 KB each).

    Bodies are the cache's own bytes objects (``responses.Cached``), so an entry costs little
    while its response is cached; the bound holds when the two diverge. ``current`` gives the
    (catalogue version, day) now; an entry built for another is stale and never written.
    """

    def __init__(self, current: Callable[[], Hashable], max_bytes: int = 32 * 1024 * 1024) -> None:
        super().__init__(max_bytes)
        self.current = current
        self.replayed = 0  # answers written from the table (benchmarks and tests read it)

    def cost(self, key: Key, item: Replay) -> int:
        return cost(key, item)

    def answer(self, scope: Scope) -> Replay | None:
        """The recorded answer to this request, when it is still the one the app would give."""
        key = request_key(scope)
        if key is None or head_size(scope) > MAX_HEAD:
            return None
        item = self.get(key)
        if item is None:
            return None
        if item.built_for != self.current():
            self.discard(key)
            return None
        self.replayed += 1
        return item


def cost(key: Key, item: Replay) -> int:
    """What an entry holds, in bytes: its key, its head and its body."""
    path, query, headers = key
    held = len(path) + len(query) + sum(len(name) + len(value) for name, value in headers)
    return held + len(item.head) + len(item.body) + 256


class Recorder:
    """ASGI middleware: keeps the answers ``respond_built`` marked, for ``ReplayTable``."""

    def __init__(self, app: ASGIApp, table: ReplayTable) -> None:
        self.app = app
        self.table = table

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = request_key(scope) if scope["type"] == "http" else None
        if key is None:
            await self.app(scope, receive, send)
            return
        sent: list[Message] = []

        async def keep(message: Message) -> None:
            sent.append(message)
            await send(message)

        await self.app(scope, receive, keep)
        built_for = scope.get("state", {}).get(MARK)
        if built_for is not None:  # never set on a refusal (a head over MAX_HEAD gets 431 first)
            item = recorded(sent, built_for)
            if item is not None:
                self.table.put(key, item)


def recorded(sent: list[Message], built_for: Hashable) -> Replay | None:
    """The answer as uvicorn wrote it (a start and one whole body, 200 or 304), or None."""
    if len(sent) != 2 or sent[0]["type"] != "http.response.start" or sent[1].get("more_body", False):
        return None
    status = sent[0]["status"]
    headers = [(bytes(name).lower(), bytes(value)) for name, value in sent[0].get("headers", [])]
    names = {name for name, _value in headers}
    if status not in (200, 304) or b"connection" in names or b"transfer-encoding" in names:
        return None
    if status == 200 and b"content-length" not in names:
        return None
    head = b"".join(name + b": " + value + b"\r\n" for name, value in headers) + b"\r\n"
    return Replay(built_for, status, head, bytes(sent[1].get("body", b"")))
