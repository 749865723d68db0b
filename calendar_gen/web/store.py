"""The catalogue in service: reloaded when its files change, the last good version kept on errors.

Requests never touch the files: they read the snapshot in service. A watcher thread of its own
checks the files' signatures (``stat``, which never blocks on a pipe) every half ``interval`` and
reloads when they change, so a slow or hung reload (a catalogue path that became a FIFO, a stuck
network share) only delays the new version; every request, ``/healthz`` included, is still served
from the last good one. Files that are not regular files are skipped with a logged problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import stat
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from calendar_gen.catalogue.load import load
from calendar_gen.catalogue.provinces import Choice, restrict
from calendar_gen.catalogue.stamps import feed_stamp, source_stamp
from calendar_gen.catalogue.types import Catalogue
from calendar_gen.problems import CatalogueError

LOG = logging.getLogger("calendar_gen.server")

Signature = tuple[tuple[str, int | None, int | None, int | None, int | None], ...]


@dataclass(frozen=True)
class Snapshot:
    """One valid catalogue in service, with what identifies it."""

    catalogue: Catalogue
    version: str
    stamp: dt.datetime  # HTTP Last-Modified: the newest file's time, which only moves forward
    dtstamp: dt.datetime  # the feeds' DTSTAMP: from the content, so a reinstall never restamps


class CatalogueStore:
    """The catalogue in service, reloaded when its files change; the last good one stays on errors."""

    def __init__(self, paths: Sequence[Path], interval: float = 1.0, choices: Sequence[Choice] = ()) -> None:
        self.paths = list(paths)
        self.choices = list(choices)  # -p: only these units and former provinces of the overlays
        self.interval = interval
        self.signature = self._signature()
        self.snapshot = self._load(self.signature)  # the first load must succeed: the CLI validated it
        self.failed_signature: Signature | None = None
        self.stopping = threading.Event()
        self.watcher: threading.Thread | None = None
        self.start_lock = threading.Lock()

    def _signature(self) -> Signature:
        result: list[tuple[str, int | None, int | None, int | None, int | None]] = []
        for path in self.paths:
            try:
                info = path.stat()
                result.append((str(path), info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode))
            except OSError:
                result.append((str(path), None, None, None, None))
        return tuple(result)

    def _load(self, signature: Signature) -> Snapshot:
        catalogue = load(self.paths)
        if self.choices:
            catalogue = restrict(catalogue, self.choices)
        version = hashlib.sha256(repr(signature).encode()).hexdigest()[:16]
        stamps = source_stamp(self.paths, os.environ), feed_stamp(self.paths, os.environ)
        return Snapshot(catalogue, version, *stamps)

    def get(self) -> Snapshot:
        """The snapshot in service; never waits (the first call starts the watcher thread)."""
        if self.watcher is None:
            self.start()
        return self.snapshot

    def start(self) -> None:
        """Start watching the files (idempotent); the thread ends when the store is closed or freed."""
        with self.start_lock:
            if self.watcher is not None:
                return
            self.watcher = threading.Thread(
                target=_watch, args=(weakref.ref(self), self.stopping), name="catalogue-watcher", daemon=True
            )
            self.watcher.start()

    def close(self) -> None:
        """Stop the watcher thread."""
        self.stopping.set()

    def check(self) -> None:
        """Reload if the files changed; keep the last good version on any problem."""
        signature = self._signature()
        if signature in (self.signature, self.failed_signature):
            return
        odd = [entry[0] for entry in signature if entry[4] is not None and not stat.S_ISREG(entry[4])]
        if odd:
            self.failed_signature = signature
            for name in odd:
                LOG.error(
                    "catalogue edit rejected, still serving the last good version: %s is not a regular "
                    "file (a pipe, device or folder); skipped",
                    name,
                )
            return
        try:
            snapshot = self._load(signature)
        except CatalogueError as exc:
            self.failed_signature = signature
            LOG.error(
                "catalogue edit rejected, still serving the last good version (%d problems):",
                len(exc.problems),
            )
            for problem in exc.problems:
                LOG.error("  %s", problem)
        except Exception:  # an unexpected failure must not stop the watcher or the service
            self.failed_signature = signature
            LOG.exception("catalogue reload failed, still serving the last good version")
        else:
            self.snapshot, self.signature, self.failed_signature = snapshot, signature, None
            LOG.info("catalogue reloaded: %d entries", len(snapshot.catalogue.entries))


def _watch(store_ref: weakref.ref[CatalogueStore], stopping: threading.Event) -> None:
    """Check the files every half interval until the store is closed or garbage-collected."""
    while True:
        store = store_ref()
        if store is None:
            return
        interval = max(store.interval / 2, 0.05)
        store.check()
        del store  # hold no reference while sleeping, so the store can be freed
        if stopping.wait(interval):
            return
