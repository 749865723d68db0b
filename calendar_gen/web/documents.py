"""The month and year documents the served and built sites offer: HTML, PDF, DOCX, the paragraph.

One builder for ``serve`` and ``build``, so a sheet downloaded from either is the same file. Pure:
the entries, today and the settings come in; the renderers in ``render/`` do the writing. The days
are chosen as the CLI's ``month`` and ``year`` choose them without ``--all`` (Kết luận 88-KL/TW:
leaders' births only in the years it names).
"""

from __future__ import annotations

import calendar as gregorian
import dataclasses
import datetime as dt
import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from calendar_gen import __version__
from calendar_gen.engine.listing import ListingRules, choose, listed_only
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.fileio import write_atomic
from calendar_gen.model import Anniversary, Occurrence
from calendar_gen.render.formatting import DateStyle
from calendar_gen.render.html import SheetInfo, month_html, year_html

LOG = logging.getLogger("calendar_gen.server")
MEDIA = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
}
MONTH_FORMATS = ("html", "pdf", "docx", "txt")
YEAR_FORMATS = ("html", "pdf", "docx")


@dataclass(frozen=True)
class Sheet:
    """What a document is made of: the entries chosen, the catalogue names, the settings."""

    entries: Sequence[Anniversary]
    names: tuple[str, ...]
    today: dt.date
    style: DateStyle = DateStyle.ND30
    templates: Path | None = None
    rules: ListingRules | None = None  # the editor's selection; None lists every anniversary

    def listed(self, found: list[Occurrence], *, yearly: bool = False) -> list[Occurrence]:
        """What guidance lists of ``found`` (calendar_gen.engine.listing), as month and year print it."""
        if self.rules is None:
            return found
        return listed_only(choose(found, self.rules, yearly=yearly))

    @property
    def info(self) -> SheetInfo:
        return SheetInfo(self.names, self.today, style=self.style)


def month_document(sheet: Sheet, year: int, month: int, fmt: str, home: str | None = None) -> bytes:
    """A month as ``html`` (with ``home`` linked), ``pdf``, ``docx`` or ``txt`` (the paragraph)."""
    last = gregorian.monthrange(year, month)[1]
    found = sheet.listed(occurrences(sheet.entries, dt.date(year, month, 1), dt.date(year, month, last)))
    if fmt == "txt":
        from calendar_gen.render.paragraph import month_text

        return month_text(found, year, month, sheet.style, sheet.templates).encode("utf-8")
    if fmt == "docx":
        from calendar_gen.render.docx import month_docx

        return month_docx(found, year, month, sheet.info, sheet.templates)
    info = sheet.info if fmt == "pdf" else dataclasses.replace(sheet.info, home=home)
    return _html_or_pdf(month_html(found, year, month, info, sheet.templates), fmt)


def year_document(sheet: Sheet, year: int, fmt: str, home: str | None = None) -> bytes:
    """A year's list as ``html`` (with ``home`` linked), ``pdf`` or ``docx``."""
    yearly = occurrences(sheet.entries, dt.date(year, 1, 1), dt.date(year, 12, 31), yearly=True)
    found = sheet.listed(yearly, yearly=True)
    parts = None
    if sheet.rules is not None:  # the yearly plan's sections, as `calendar-gen year` prints them
        from calendar_gen.render.plan import plan, plan_parts

        parts = plan_parts(plan(choose(yearly, sheet.rules, yearly=True), sheet.rules, sheet.style))
    if fmt == "docx":
        from calendar_gen.render.docx import year_docx

        return year_docx(found, year, sheet.info, False, parts)
    info = sheet.info if fmt == "pdf" else dataclasses.replace(sheet.info, home=home)
    return _html_or_pdf(year_html(found, year, info, sheet.templates, False, parts), fmt)


def _html_or_pdf(page: str, fmt: str) -> bytes:
    if fmt == "pdf":
        from calendar_gen.render.pdf import html_to_pdf

        return html_to_pdf(page)
    return page.encode("utf-8")


def pdf_files(pages: Sequence[tuple[str, str]]) -> Iterator[tuple[str, bytes]]:
    """(path, PDF) for each (path, HTML sheet), in order, written by one process per core.

    WeasyPrint takes about a second a page set, most of a site's build time: processes share it
    out. The bytes are those of ``html_to_pdf`` in one process (``serve``'s ``.pdf``).
    """
    import os
    from concurrent.futures import ProcessPoolExecutor

    from calendar_gen.render.pdf import html_to_pdf

    if not pages:
        return
    workers = max(1, min(len(pages), os.cpu_count() or 1))
    with ProcessPoolExecutor(workers) as pool:
        results = pool.map(html_to_pdf, [page for _path, page in pages])
        for (path, _page), data in zip(pages, results, strict=True):
            yield path, data


def pdf_available() -> bool:
    """Whether WeasyPrint (and the Pango it loads) can write PDFs here."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def file_name(year: int, month: int | None, fmt: str) -> str:
    """The name a download is saved under: ``thang-03-2024.docx``, ``nam-2024.pdf``."""
    stem = f"thang-{month:02d}-{year:04d}" if month is not None else f"nam-{year:04d}"
    return f"{stem}.{fmt}"


class DocumentCache:
    """Rendered PDF and Word documents on disk, keyed by what they are made of.

    The key hashes the version of calendar-gen, the entries and catalogue names, the day (the
    footer prints it), the style, the user templates' bytes, the period and the format: the same
    content is rendered once, by the pre-renderer at start-up or after a reload, and every request
    reads the file (issue 22: a yearly PDF takes seconds to render). Files are written atomically.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            LOG.warning("documents cache: cannot create %s: %s", folder, exc)

    def key(self, sheet: Sheet, year: int, month: int | None, fmt: str) -> str:
        """The file name of this document: a hash of its content's inputs."""
        digest = hashlib.sha256()
        for part in (__version__, fmt, year, month, sheet.today, sheet.style, sheet.names, sheet.entries):
            digest.update(repr(part).encode("utf-8") + b"\0")
        if sheet.templates is not None and sheet.templates.is_dir():
            for path in sorted(sheet.templates.iterdir()):
                if path.is_file():
                    digest.update(path.name.encode() + path.read_bytes())
        return f"{digest.hexdigest()[:32]}.{fmt}"

    def get(self, sheet: Sheet, year: int, month: int | None, fmt: str) -> bytes:
        """The document from disk, else rendered now and kept."""
        path = self.folder / self.key(sheet, year, month, fmt)
        try:
            return path.read_bytes()
        except OSError:
            pass
        data = _render((sheet, year, month, fmt))
        self.put(year, month, fmt, sheet=sheet, data=data)
        return data

    def put(self, year: int, month: int | None, fmt: str, *, sheet: Sheet, data: bytes) -> None:
        """Keep a rendered document (atomically; a full disk is logged, not raised)."""
        path = self.folder / self.key(sheet, year, month, fmt)
        try:
            write_atomic(path, data)
        except OSError as exc:
            LOG.warning("documents cache: cannot write %s: %s", path, exc)

    def has(self, sheet: Sheet, year: int, month: int | None, fmt: str) -> bool:
        """Whether this document is on disk already."""
        return (self.folder / self.key(sheet, year, month, fmt)).is_file()


PRERENDERED = ("pdf", "docx")  # HTML and the paragraph take milliseconds


def offered(today: dt.date) -> list[tuple[int, int | None]]:
    """The periods the subscribe page links to: this month and this year (web/pages.py)."""
    return [(today.year, today.month), (today.year, None)]


def _render(job: tuple[Sheet, int, int | None, str]) -> bytes:
    sheet, year, month, fmt = job
    return month_document(sheet, year, month, fmt) if month else year_document(sheet, year, fmt)


def _end_with(parent: int) -> None:
    """Pool initializer: the worker ends when the server that started it is gone.

    A stopped ``serve`` (Ctrl-C, SIGTERM) left its renderer running its queue of documents as an
    orphan for minutes; a thread of the worker checks its parent each second and exits.
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def prerender(cache: DocumentCache, sheet: Sheet) -> int:
    """Render every offered document not on disk yet, in a process of its own; the number rendered.

    A separate process: WeasyPrint holds the interpreter for seconds, which would stall the
    server's threads (and so its requests) if it ran among them.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    jobs = [
        (sheet, year, month, fmt)
        for year, month in offered(sheet.today)
        for fmt in PRERENDERED
        if (fmt != "pdf" or pdf_available()) and not cache.has(sheet, year, month, fmt)
    ]
    if not jobs:
        return 0
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=_end_with, initargs=(os.getpid(),)) as pool:
        for job, data in zip(jobs, pool.map(_render, jobs), strict=True):
            cache.put(*job[1:], sheet=job[0], data=data)
    return len(jobs)
