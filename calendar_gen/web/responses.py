"""Built responses and HTTP validators: the cache, ETag / Last-Modified, 304, gzip/br, error bodies.

Every response is built once per catalogue version and query and kept with its gzip and brotli
forms (``compress``), strong ETag and Last-Modified; conditional requests get 304, HEAD gets the
headers. Each coding has its own ETag (RFC 9110, 8.8.3: a strong validator names one
representation): the body's digest, with ``-gz`` or ``-br`` for the compressed forms.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from calendar_gen.web.compress import BROTLI, GZIP, choose, compressed
from calendar_gen.web.lru import BoundedLRU

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
class Cached:
    """A response body with its compressed forms (by coding) and validators."""

    body: bytes
    encoded: dict[str, bytes]
    media_type: str
    etag: str
    last_modified: str
    max_age: int

    @property
    def size(self) -> int:
        """What this response costs the cache, in bytes."""
        return len(self.body) + sum(len(v) for v in self.encoded.values()) + 256


class ResponseCache(BoundedLRU[tuple[Any, ...], Cached]):
    """Built responses, bounded in bytes (body plus compressed forms).

    Keyed by catalogue version, day, path and the normalised query.
    """

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        super().__init__(max_bytes)

    def cost(self, key: tuple[Any, ...], item: Cached) -> int:
        return item.size


def cached(body: bytes, media_type: str, stamp: dt.datetime, max_age: int) -> Cached:
    digest = hashlib.sha256(body).hexdigest()[:24]
    return Cached(
        body=body,
        encoded=compressed(body),
        media_type=media_type,
        etag=f'"{digest}"',
        last_modified=email.utils.format_datetime(stamp.astimezone(dt.UTC), usegmt=True),
        max_age=max_age,
    )


def not_modified(request: Request, item: Cached, etag: str) -> bool:
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


ETAG_SUFFIX = {GZIP: "-gz", BROTLI: "-br"}


def respond(request: Request, item: Cached) -> Response:
    coding = choose(request.headers.get("accept-encoding", ""), item.encoded)
    etag = item.etag[:-1] + ETAG_SUFFIX[coding] + '"' if coding else item.etag
    headers = {
        "ETag": etag,
        "Last-Modified": item.last_modified,
        "Cache-Control": f"public, max-age={item.max_age}",
        "Vary": "Accept-Encoding",
        **SECURITY,
    }
    if not_modified(request, item, etag):
        return Response(status_code=304, headers=headers)
    if coding:
        headers["Content-Encoding"] = coding
    body = item.encoded[coding] if coding else item.body
    return Response(body, media_type=item.media_type, headers=headers)


def error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(f"{message}\n", status_code=status, headers=SECURITY)
