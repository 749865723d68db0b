"""DTSTAMP and Last-Modified of generated files: when their input last changed.

``SOURCE_DATE_EPOCH`` (reproducible builds) wins when set; otherwise the newest catalogue file's
modification time. Called by the CLI and the server, which read the environment and the files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from calendar_gen.i18n import _
from calendar_gen.problems import shown


class StampError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set but is not a Unix time."""


def source_stamp(paths: Sequence[Path], environ: Mapping[str, str]) -> dt.datetime:
    """The stamp, to the second, in UTC."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
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
    newest = 0.0
    for path in paths:
        try:
            newest = max(newest, path.stat().st_mtime)
        except OSError:
            continue
    return dt.datetime.fromtimestamp(int(newest), dt.UTC)
