"""The catalogue in service: reloaded when its files change, the last good version kept on errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calendar_gen.catalogue.load import load
from calendar_gen.catalogue.stamps import source_stamp
from calendar_gen.catalogue.types import Catalogue
from calendar_gen.problems import CatalogueError

LOG = logging.getLogger("calendar_gen.server")


@dataclass(frozen=True)
class Snapshot:
    """One valid catalogue in service, with what identifies it."""

    catalogue: Catalogue
    version: str
    stamp: dt.datetime


class CatalogueStore:
    """The catalogue in service, reloaded when its files change; the last good one stays on errors."""

    def __init__(self, paths: Sequence[Path], interval: float = 1.0) -> None:
        self.paths = list(paths)
        self.interval = interval
        self.lock = threading.Lock()
        self.checked = 0.0
        self.signature = self._signature()
        self.snapshot = self._load()  # the first load must succeed: the CLI has validated it
        self.failed_signature: tuple[Any, ...] | None = None

    def _signature(self) -> tuple[Any, ...]:
        result: list[tuple[str, int | None, int | None, int | None]] = []
        for path in self.paths:
            try:
                info = path.stat()
                result.append((str(path), info.st_mtime_ns, info.st_size, info.st_ino))
            except OSError:
                result.append((str(path), None, None, None))
        return tuple(result)

    def _load(self) -> Snapshot:
        catalogue = load(self.paths)
        version = hashlib.sha256(repr(self.signature).encode()).hexdigest()[:16]
        return Snapshot(catalogue, version, source_stamp(self.paths, os.environ))

    def due(self) -> bool:
        """Whether the files should be checked again (cheap: no I/O)."""
        return time.monotonic() - self.checked >= self.interval

    def get(self) -> Snapshot:
        """The current snapshot; checks the files at most every ``interval`` seconds."""
        now = time.monotonic()
        if now - self.checked < self.interval:
            return self.snapshot
        with self.lock:
            if now - self.checked < self.interval:
                return self.snapshot
            self.checked = now
            signature = self._signature()
            if signature == self.signature or signature == self.failed_signature:
                return self.snapshot
            previous = self.signature
            self.signature = signature
            try:
                self.snapshot = self._load()
            except CatalogueError as exc:
                self.signature = previous
                self.failed_signature = signature
                LOG.error(
                    "catalogue edit rejected, still serving the last good version (%d problems):",
                    len(exc.problems),
                )
                for problem in exc.problems:
                    LOG.error("  %s", problem)
            else:
                self.failed_signature = None
                LOG.info("catalogue reloaded: %d entries", len(self.snapshot.catalogue.entries))
            return self.snapshot
