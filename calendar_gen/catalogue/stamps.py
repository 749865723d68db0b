"""DTSTAMP and Last-Modified of generated files: when their input last changed.

``SOURCE_DATE_EPOCH`` (reproducible builds) wins when set; otherwise the newest catalogue file's
modification time. Called by the CLI and the server, which read the environment and the files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path


class StampError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set but is not a Unix time."""


def source_stamp(paths: Sequence[Path], environ: Mapping[str, str]) -> dt.datetime:
    """The stamp, to the second, in UTC."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise StampError(
                f"SOURCE_DATE_EPOCH='{epoch}' is not a Unix time in seconds; unset it or fix it"
            ) from None
    newest = 0.0
    for path in paths:
        try:
            newest = max(newest, path.stat().st_mtime)
        except OSError:
            continue
    return dt.datetime.fromtimestamp(int(newest), dt.UTC)
