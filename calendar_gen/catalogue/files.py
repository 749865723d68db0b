"""Reading a catalogue file safely: a regular file within the size limit, read without YAML.

Kept apart from ``yamlfile`` so that the cache's hit path (hash the bytes, read the JSON) does
not import PyYAML.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

from calendar_gen.i18n import _
from calendar_gen.problems import CatalogueError, Problem

MAX_BYTES = 20_000_000  # the shipped catalogue is ~0.2 MB; a bigger file is a mistake or an attack
MAX_BYTES_VARIABLE = "CALENDAR_GEN_MAX_CATALOGUE_BYTES"


def max_bytes(environ: Mapping[str, str]) -> int:
    """The size limit of a catalogue file: ``CALENDAR_GEN_MAX_CATALOGUE_BYTES`` or 20 MB."""
    value = environ.get(MAX_BYTES_VARIABLE, "").strip()
    if re.fullmatch(r"[0-9]{1,15}", value) and int(value) > 0:
        return int(value)
    return MAX_BYTES


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file no larger than :func:`max_bytes`, or raise CatalogueError."""
    name = str(path)
    limit = max_bytes(os.environ)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise CatalogueError([Problem(name, _("file not found; check the path"))]) from None
    except IsADirectoryError:
        raise CatalogueError([Problem(name, _("is a folder; give a .yaml file"))]) from None
    except OSError as exc:
        from calendar_gen.fileio import os_reason

        raise CatalogueError(
            [Problem(name, _("cannot be read: {reason}").format(reason=os_reason(exc)))]
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise CatalogueError([Problem(name, _("is a folder; give a .yaml file"))])
        if not stat.S_ISREG(info.st_mode):
            raise CatalogueError(
                [Problem(name, _("is not a regular file (a pipe, device or socket); give a .yaml file"))]
            )
        if info.st_size > limit:
            raise CatalogueError([_too_big(name, limit)])
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # read at most limit + 1 bytes, whatever st_size said
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        from calendar_gen.fileio import os_reason

        raise CatalogueError(
            [Problem(name, _("cannot be read: {reason}").format(reason=os_reason(exc)))]
        ) from None
    finally:
        os.close(fd)
    if size > limit:
        raise CatalogueError([_too_big(name, limit)])
    return b"".join(chunks)


def _too_big(name: str, limit: int) -> Problem:
    return Problem(
        name,
        _(
            "is larger than {limit} bytes, the most a catalogue file may hold; split it into several "
            "files, or raise the limit with the environment variable {variable}=<bytes>"
        ).format(limit=limit, variable=MAX_BYTES_VARIABLE),
    )
