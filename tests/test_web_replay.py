"""Recorded answers written again by the protocol (issue 21): the same bytes, and only when current.

A real uvicorn with ``serve``'s own protocol in a thread on 127.0.0.1; requests are written and
read as raw bytes, so what is compared is what a calendar client receives.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
import uvicorn

from calendar_gen.web.limits import MAX_HEAD
from calendar_gen.web.replay import Replay, ReplayTable, cost
from calendar_gen.web.server import create_app, uvicorn_options

from .test_server import CATALOGUE, free_port

DATE = re.compile(rb"^date: [^\r]*\r\n", re.M)


class Running:
    """``create_app`` on uvicorn with ``serve``'s protocol options, in a thread."""

    def __init__(self, catalogue: Path, day: list[dt.date], access_log: bool = False) -> None:
        self.app = create_app([catalogue], today=lambda: day[0], reload_interval=0.1)
        self.port = free_port()
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=self.port,
            log_level="info" if access_log else "warning",
            access_log=access_log,
            **uvicorn_options(self.app),
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)

    @property
    def replayed(self) -> int:
        return int(self.app.state.replays.replayed)

    def exchange(self, *requests: bytes) -> list[bytes]:
        """Send the requests on one connection (pipelined), return each whole answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(b"".join(requests))
            reader = sock.makefile("rb")
            return [read_answer(reader, request.startswith(b"HEAD")) for request in requests]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def read_answer(reader: BinaryIO, head_only: bool) -> bytes:
    """One HTTP/1.1 answer: the head and a body of its Content-Length."""
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        line = reader.readline()
        assert line, f"the connection closed after {head!r}"
        head += line
    length = re.search(rb"^content-length: (\d+)\r$", head, re.M | re.I)
    body = reader.read(int(length.group(1))) if length and not head_only else b""
    return head + bytes(body)


def get(path: str, *headers: str, method: str = "GET", version: str = "1.1") -> bytes:
    lines = [f"{method} {path} HTTP/{version}", "Host: 127.0.0.1", *headers, "", ""]
    return "\r\n".join(lines).encode("latin-1")


def undated(answer: bytes) -> bytes:
    """The answer without uvicorn's Date line, the one header that follows the clock."""
    assert len(DATE.findall(answer)) == 1
    return DATE.sub(b"", answer)


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[Running, Path, list[dt.date]]]:
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    day = [dt.date(2026, 11, 22)]
    instance = Running(catalogue, day)
    yield instance, catalogue, day
    instance.stop()


def etag_of(answer: bytes) -> str:
    match = re.search(rb"^etag: ([^\r]+)\r$", answer, re.M)
    assert match is not None
    return match.group(1).decode("ascii")


@pytest.mark.parametrize(
    "path",
    [
        "/feed.ics",
        "/feed.ics?round=1&scope=national",
        "/api/occurrences?from=2024-03-01&to=2024-03-31",
        "/month/2024-03",
        "/year/2025",
        "/app.js",
    ],
)
def test_a_replayed_answer_is_the_apps_answer_byte_for_byte(
    running: tuple[Running, Path, list[dt.date]], path: str
) -> None:
    server, _catalogue, _day = running
    for headers in [(), ("Accept-Encoding: gzip",), ("Accept-Encoding: br",), ("Connection: keep-alive",)]:
        first = server.exchange(get(path, *headers))[0]
        before = server.replayed
        again = server.exchange(get(path, *headers))[0]
        assert server.replayed == before + 1, f"{path} {headers} was not replayed"
        assert undated(again) == undated(first)
        assert first.startswith(b"HTTP/1.1 200 OK\r\n")
    plain = server.exchange(get(path))[0]
    for validator in (f"If-None-Match: {etag_of(plain)}", "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT"):
        first = server.exchange(get(path, validator))[0]
        again = server.exchange(get(path, validator))[0]
        assert first.startswith(b"HTTP/1.1 304 Not Modified\r\n")
        assert undated(again) == undated(first)


def test_pages_that_print_the_host_are_never_replayed(running: tuple[Running, Path, list[dt.date]]) -> None:
    server, _catalogue, _day = running
    for host in ("a.example", "b.example", "a.example"):
        answer = server.exchange(get("/qr.svg").replace(b"127.0.0.1", host.encode()))[0]
        assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
    assert server.replayed == 0


def test_requests_the_app_must_see_are_not_replayed(running: tuple[Running, Path, list[dt.date]]) -> None:
    server, _catalogue, _day = running
    server.exchange(get("/feed.ics"))
    big = "X-Padding: " + "a" * MAX_HEAD
    head, http10, close = server.exchange(get("/feed.ics", method="HEAD"))[0], b"", b""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(get("/feed.ics", version="1.0"))
        http10 = sock.makefile("rb").read()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(get("/feed.ics", "Connection: close"))
        close = sock.makefile("rb").read()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(get("/feed.ics", big))
        too_big = sock.makefile("rb").read()
    assert server.replayed == 0
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and b"content-length: " in head
    assert http10.startswith(b"HTTP/1.1 200 OK\r\n") and b"connection: close\r\n" in http10
    assert close.startswith(b"HTTP/1.1 200 OK\r\n") and b"connection: close\r\n" in close
    assert too_big.startswith(b"HTTP/1.1 431 ")


def test_pipelined_requests_are_answered_in_order(running: tuple[Running, Path, list[dt.date]]) -> None:
    server, _catalogue, _day = running
    plain, zipped = server.exchange(get("/feed.ics"), get("/feed.ics", "Accept-Encoding: gzip"))
    answers = server.exchange(
        get("/feed.ics"), get("/feed.ics", "Accept-Encoding: gzip"), get("/healthz"), get("/feed.ics")
    )
    assert [undated(a) for a in (answers[0], answers[1], answers[3])] == [
        undated(plain),
        undated(zipped),
        undated(plain),
    ]
    assert answers[2].startswith(b"HTTP/1.1 200 OK\r\n") and b'"status":"ok"' in answers[2]
    assert server.replayed == 3


def test_a_new_day_or_an_edited_catalogue_is_never_answered_from_the_record(
    running: tuple[Running, Path, list[dt.date]],
) -> None:
    server, catalogue, day = running
    path = "/month/2026-11"
    first = server.exchange(get(path))[0]
    assert undated(server.exchange(get(path))[0]) == undated(first)
    day[0] = dt.date(2026, 11, 23)  # the page has today's date: a new day is a new answer
    next_day = server.exchange(get(path))[0]
    assert server.replayed == 1
    assert etag_of(next_day) != etag_of(first)
    catalogue.write_text(
        CATALOGUE + "  - {id: moi, name: Ngày thử mới, date: 20/11/1990}\n", encoding="utf-8"
    )
    deadline = time.monotonic() + 15
    while "Ngày thử mới" not in (edited := server.exchange(get(path))[0]).decode("utf-8"):
        assert time.monotonic() < deadline, "the edit was never served"
        time.sleep(0.2)
    assert etag_of(edited) != etag_of(next_day)


def test_nothing_is_replayed_while_the_access_log_writes(tmp_path: Path) -> None:
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    server = Running(catalogue, [dt.date(2026, 11, 22)], access_log=True)
    try:
        answers = [server.exchange(get("/feed.ics"))[0] for _ in range(3)]
        assert server.replayed == 0
        assert len({undated(a) for a in answers}) == 1
    finally:
        server.stop()


def test_the_table_counts_keys_too_and_stays_within_its_bytes() -> None:
    table = ReplayTable(lambda: "now", max_bytes=64 * 1024)
    item = Replay("now", 304, b"etag: x\r\n\r\n", b"")
    for number in range(200):  # a client sending ever new 4 KB validators
        table.put((b"/feed.ics", b"", ((b"if-none-match", b"%d" % number + b"x" * 4096),)), item)
        assert table.used <= table.max_bytes
    assert 0 < len(table.items) <= 16
    assert table.used == sum(cost(key, kept) for key, kept in table.items.items())
