"""The catalogue in service: reloaded when its files change, the last good version kept on errors.

Requests never touch the files: they read the snapshot in service. A watcher thread of its own
checks the files' fingerprints (size, mode and a BLAKE2b hash of the content, read only from
regular files, so a pipe never blocks it) every half ``interval`` and reloads when they change,
so a slow or hung reload (a catalogue path that became a FIFO, a stuck network share) only delays
the new version; every request, ``/healthz`` included, is still served from the last good one.
Files that are not regular files are skipped with a logged problem.

A file being rewritten in place can be valid YAML half-way through (the first 201 of 400
entries), and a calendar app that refreshes then deletes the rest from every subscriber (issue
23, item 8). So an edit is published only when it is stable: the fingerprint is the same on a
second read ``settle`` seconds later and again after the catalogue loaded and validated. The
content hash sees an edit that keeps the size and the old mtime (``cp -p``), as the CLI does.
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

from calendar_gen.catalogue.files import MAX_BYTES
from calendar_gen.catalogue.load import load
from calendar_gen.catalogue.provinces import Choice, restrict
from calendar_gen.catalogue.stamps import feed_stamp, source_stamp
from calendar_gen.catalogue.types import Catalogue
from calendar_gen.problems import CatalogueError

LOG = logging.getLogger("calendar_gen.server")

Signature = tuple[tuple[str, int | None, int | None, str | None], ...]  # path, size, mode, hash


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
        self.settle = max(interval / 2, 0.05)  # a second read this much later must agree
        self.signature = self._signature()
        self.snapshot = self._load(self.signature)  # the first load must succeed: the CLI validated it
        self.failed_signature: Signature | None = None
        self.stopping = threading.Event()
        self.watcher: threading.Thread | None = None
        self.start_lock = threading.Lock()

    def _signature(self) -> Signature:
        return tuple((str(path), *fingerprint(path)) for path in self.paths)

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
        """Reload if the files changed and are stable; keep the last good version on any problem."""
        signature = self._signature()
        if signature in (self.signature, self.failed_signature):
            return
        odd = [entry[0] for entry in signature if entry[2] is not None and not stat.S_ISREG(entry[2])]
        if odd:
            self.failed_signature = signature
            for name in odd:
                LOG.error(
                    "catalogue edit rejected, still serving the last good version: %s is not a regular "
                    "file (a pipe, device or folder); skipped",
                    name,
                )
            return
        if self.stopping.wait(self.settle) or self._signature() != signature:
            return  # still being written: look again on the next round
        snapshot = self._try_load(signature)
        if snapshot is None:
            return
        if self._signature() != signature:
            LOG.info("catalogue changed while it was loading; not published, reading it again")
            return
        self.snapshot, self.signature, self.failed_signature = snapshot, signature, None
        LOG.info("catalogue reloaded: %d entries", len(snapshot.catalogue.entries))

    def _try_load(self, signature: Signature) -> Snapshot | None:
        """The files loaded and validated, or None with every problem logged."""
        try:
            return self._load(signature)
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
        return None


def fingerprint(path: Path) -> tuple[int | None, int | None, str | None]:
    """Size, mode and content hash of a file.

    No hash for what is not a regular file (never opened, so a FIFO cannot block) or cannot be
    read (the load then reports it); O_NONBLOCK covers a file swapped for a FIFO after ``stat``.
    """
    try:
        info = path.stat()
    except OSError:
        return None, None, None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
        return info.st_size, info.st_mode, None
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:
            digest = hashlib.file_digest(file, "blake2b").hexdigest()
    except OSError:
        return info.st_size, info.st_mode, None
    return info.st_size, info.st_mode, digest


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
