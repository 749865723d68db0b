"""Stamps of generated files: DTSTAMP from the input's content, HTTP Last-Modified from its files.

``SOURCE_DATE_EPOCH`` (reproducible builds) wins in both when set. Otherwise:

- :func:`feed_stamp`, a feed's DTSTAMP, is derived from the bytes of the input files (SHA-256):
  the same content always gives the same stamp, so a reinstall, a copy or a ``touch`` never
  restamps a feed (calendar apps would see every event as changed), and an edit gives another.
  It names the content, it is not a clock: a time between 2001-01-01 and 2021-01-01 UTC.
- :func:`source_stamp`, the server's Last-Modified, is the newest file's modification time:
  If-Modified-Since needs a time that only moves forward, which a content hash cannot promise.

Called by the CLI and the server, which read the environment and the files.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from calendar_gen.i18n import _
from calendar_gen.problems import shown

CONTENT_EPOCH = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)
CONTENT_SPAN = 20 * 365 * 86_400  # seconds: the stamps of contents fall in 2001-2020


class StampError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set but is not a Unix time."""


def _epoch(environ: Mapping[str, str]) -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a time, None when unset; StampError when it is not a Unix time."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return None
    try:
        if not re.fullmatch(r"-?[0-9]{1,15}", epoch.strip()):  # ASCII digits, never 5,000 of them
            raise ValueError(epoch)
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise StampError(
            _("SOURCE_DATE_EPOCH='{epoch}' is not a Unix time in seconds; unset it or fix it").format(
                epoch=shown(epoch)
            )
        ) from None


def content_offset(parts: Sequence[bytes]) -> int:
    """Seconds after CONTENT_EPOCH, from the SHA-256 of ``parts`` (their bytes and order)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return int.from_bytes(digest.digest()[:8], "big") % CONTENT_SPAN


def content_stamp(parts: Sequence[bytes]) -> dt.datetime:
    """A stamp that depends only on ``parts`` (their bytes and order), to the second, in UTC."""
    return CONTENT_EPOCH + dt.timedelta(seconds=content_offset(parts))


@functools.lru_cache(maxsize=8192)
def _content_day(days: int) -> str:
    """``YYYYMMDD`` of CONTENT_EPOCH + ``days`` (7,300 distinct days: all of them fit the cache)."""
    return (CONTENT_EPOCH + dt.timedelta(days=days)).strftime("%Y%m%d")


def content_stamp_text(parts: Sequence[bytes]) -> str:
    """:func:`content_stamp` as iCalendar's UTC ``YYYYMMDDTHHMMSSZ``, without a datetime per call.

    A feed writes one per event (LAST-MODIFIED), 100,000 in a 10-year feed of a big catalogue.
    """
    days, seconds = divmod(content_offset(parts), 86_400)
    hours, rest = divmod(seconds, 3600)
    return f"{_content_day(days)}T{hours:02d}{rest // 60:02d}{rest % 60:02d}Z"


def feed_stamp(paths: Sequence[Path], environ: Mapping[str, str]) -> dt.datetime:
    """DTSTAMP: ``SOURCE_DATE_EPOCH``, or the content stamp of the files (unreadable counts as empty)."""
    epoch = _epoch(environ)
    if epoch is not None:
        return epoch
    parts = []
    for path in paths:
        try:
            parts.append(path.read_bytes())
        except OSError:
            parts.append(b"")
    return content_stamp(parts)


def source_stamp(paths: Sequence[Path], environ: Mapping[str, str]) -> dt.datetime:
    """Last-Modified: ``SOURCE_DATE_EPOCH``, or the newest file's modification time, to the second."""
    epoch = _epoch(environ)
    if epoch is not None:
        return epoch
    newest = 0.0
    for path in paths:
        try:
            newest = max(newest, path.stat().st_mtime)
        except OSError:
            continue
    return dt.datetime.fromtimestamp(int(newest), dt.UTC)
