"""Served responses in gzip and brotli, built once per content, against a real ``calendar-gen serve``."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator

import brotli
import pytest

from calendar_gen.web.compress import choose

from .test_server import Server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("serve-compress")
    os.environ.setdefault("CALENDAR_GEN_CACHE_DIR", str(folder / "cache"))
    instance = Server([], folder / "server.log")
    yield instance
    instance.stop()


def test_brotli_and_gzip_forms_with_their_own_etags(server: Server) -> None:
    _, plain_headers, body = server.get("/feed.ics")
    status, headers, squeezed = server.get("/feed.ics", {"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and headers["content-encoding"] == "br" and headers["vary"] == "Accept-Encoding"
    assert brotli.decompress(squeezed) == body and len(squeezed) < len(body) / 5
    _, gz_headers, zipped = server.get("/feed.ics", {"Accept-Encoding": "gzip"})
    assert gzip.decompress(zipped) == body and len(squeezed) < len(zipped)
    etags = {plain_headers["etag"], headers["etag"], gz_headers["etag"]}
    assert len(etags) == 3 and headers["etag"] == plain_headers["etag"][:-1] + '-br"'
    # The same bytes for every client: built once per content, not per request.
    assert server.get("/feed.ics", {"Accept-Encoding": "br"})[2] == squeezed
    assert server.get("/feed.ics", {"Accept-Encoding": "br", "If-None-Match": headers["etag"]})[0] == 304
    # A validator of one coding does not match another's representation.
    assert server.get("/feed.ics", {"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})[0] == 200
    status, head_headers, head_body = server.request("HEAD", "/feed.ics", {"Accept-Encoding": "br"})
    assert status == 200 and head_body == b"" and head_headers["content-length"] == str(len(squeezed))


def test_pages_are_compressed_too(server: Server) -> None:
    _, _, body = server.get("/dang-ky-lich")
    _, headers, squeezed = server.get("/dang-ky-lich", {"Accept-Encoding": "br"})
    assert headers["content-encoding"] == "br" and brotli.decompress(squeezed) == body


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        ("", None),
        ("identity", None),
        ("gzip", "gzip"),
        ("x-gzip", "gzip"),
        ("br", "br"),
        ("gzip, br", "br"),
        ("br;q=0.5, gzip", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("*", "br"),
        ("*;q=0, gzip", "gzip"),
        ("gzip;q=nonsense, br;q=0", None),
        ("GZIP;Q=0.8", "gzip"),
    ],
)
def test_accept_encoding_choice(header: str, coding: str | None) -> None:
    assert choose(header) == coding


def test_incompressible_bodies_are_sent_as_they_are() -> None:
    from calendar_gen.web.compress import compressed

    assert list(compressed(os.urandom(100_000))) == ["gzip"]
    assert choose("br, gzip", available={}) is None
    assert choose("br, gzip", available={"gzip": b""}) == "gzip"
