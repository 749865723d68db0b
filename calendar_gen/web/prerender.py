"""Render the documents the server offers ahead of any request: at start-up and after a reload.

A thread of its own watches the catalogue version in service and the day; when either changes it
renders this month's and this year's PDF and Word files (the links of the subscribe page) into
the documents cache on disk (``web/documents.py``), so that nobody waits seconds for a yearly PDF
(issue 22). A failure is logged and leaves the request path to render, as before.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from calendar_gen.web.documents import prerender
from calendar_gen.web.routes import AppState, sheet_of

LOG = logging.getLogger("calendar_gen.server")


class Prerenderer:
    """The thread that keeps the offered documents rendered; ``close`` stops it."""

    def __init__(self, state: AppState, interval: float = 1.0) -> None:
        self.state = state
        self.interval = interval
        self.stopping = threading.Event()
        self.done: tuple[str, dt.date] | None = None  # the version and day last rendered
        self.thread = threading.Thread(target=self._run, name="documents-prerender", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def close(self) -> None:
        self.stopping.set()

    def once(self) -> None:
        """Render what the version in service and today offer, if not done yet."""
        snapshot = self.state.store.get()
        now = self.state.clock()
        if self.done == (snapshot.version, now):
            return
        sheet = sheet_of(snapshot, (), now, self.state)
        count = prerender(self.state.documents, sheet)
        self.done = (snapshot.version, now)
        LOG.info("documents rendered ahead: %d new, %s", count, self.state.documents.folder)

    def _run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.once()
            except Exception:  # the service goes on; requests render what is missing
                LOG.exception("rendering documents ahead failed")
                self.done = None
            if self.stopping.wait(self.interval):
                return
