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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from calendar_gen.engine.listing import ListingRules, choose, listed_only
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.model import Anniversary, Occurrence
from calendar_gen.render.formatting import DateStyle
from calendar_gen.render.html import SheetInfo, month_html, year_html

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
        from calendar_gen.render.text import month_text

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
