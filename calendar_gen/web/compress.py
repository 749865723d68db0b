"""Content codings of served responses: gzip and brotli forms built once per content.

Each built response is compressed once, when it enters the response cache, and the same bytes go
to every client that accepts them; a request only chooses among the forms (RFC 9110, 12.5.3).
Brotli (the ``brotli`` package, Google's reference library) is about a third of gzip's size on a
feed; quality 9 compresses a 3 MB feed in well under a second, where 11 takes seconds.
"""

from __future__ import annotations

import gzip
from collections.abc import Collection

import brotli

GZIP, BROTLI = "gzip", "br"
BROTLI_QUALITY = 9
GZIP_LEVEL = 6


def compressed(body: bytes) -> dict[str, bytes]:
    """The gzip form of ``body`` (no timestamp: the same bytes each time), and brotli's when smaller.

    Gzip is always kept, as before brotli was added (the cache's byte budget counts it); a brotli
    form no smaller than the body (already compressed data) is dropped, so such a body is not held
    three times and a client asking for br gets gzip or the body.
    """
    forms = {GZIP: gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)}
    squeezed = brotli.compress(body, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
    if len(squeezed) < len(body):
        forms[BROTLI] = squeezed
    return forms


def _qualities(header: str) -> dict[str, float]:
    """Accept-Encoding as coding → quality; a malformed quality counts as 0 (refused)."""
    found: dict[str, float] = {}
    for part in header.lower().split(","):
        coding, _, params = part.strip().partition(";")
        coding = coding.strip()
        if not coding:
            continue
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params.removeprefix("q=").strip())
            except ValueError:
                quality = 0.0
        found.setdefault("gzip" if coding == "x-gzip" else coding, quality)
    return found


def choose(header: str, available: Collection[str] = (GZIP, BROTLI)) -> str | None:
    """The coding to send for an Accept-Encoding header: br, else gzip, else None (identity).

    RFC 9110, 12.5.3: a coding with quality 0 is refused; ``*`` stands for codings not named;
    of two acceptable codings the one with the higher quality wins, brotli on a tie (smaller).
    """
    qualities = _qualities(header)
    anything = qualities.get("*", 0.0)
    br = qualities.get(BROTLI, anything) if BROTLI in available else 0.0
    gz = qualities.get(GZIP, anything) if GZIP in available else 0.0
    if br > 0 and br >= gz:
        return BROTLI
    if gz > 0:
        return GZIP
    return None
