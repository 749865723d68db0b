"""Writing results: standard output or a file written atomically, and the sheet formats."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from calendar_gen.cli.common import fail
from calendar_gen.cli.errors import bad_parameter, echo_error
from calendar_gen.cli.formats import SheetFormat, TextFormat
from calendar_gen.i18n import _
from calendar_gen.render.formatting import DateStyle

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from calendar_gen.catalogue.types import Catalogue
    from calendar_gen.engine.listing import Choice
    from calendar_gen.model import Occurrence
    from calendar_gen.render.html import SheetInfo


def emit(text: str, output: Path | None, bom: bool = False) -> None:
    """Print to standard output, or write the file atomically."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    emit_bytes((("\ufeff" if bom else "") + text).encode("utf-8"), output)


def emit_bytes(data: bytes, output: Path | None, option: str = "--output") -> None:
    """Write bytes to standard output, or to the file atomically (never onto one of the inputs)."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from calendar_gen.cli.inputs import refuse_input
    from calendar_gen.fileio import DanglingLinkError, ReadOnlyError, write_atomic

    refuse_input(output, option)
    try:
        replaced = output.is_file()  # raises for a name too long, as the write would
        write_atomic(output, data)
    except ReadOnlyError:
        fail(
            _(
                "{path} is read-only; nothing was written: "
                "make it writable (chmod u+w) or choose another file"
            ).format(path=output)
        )
    except DanglingLinkError:
        fail(
            _(
                "{path} is a symbolic link to a file that does not exist; nothing was written: "
                "fix the link or choose another file"
            ).format(path=output)
        )
    except OSError as exc:
        from calendar_gen.fileio import os_reason

        fail(
            _("cannot write {path}: {reason}; check that the folder exists and is writable").format(
                path=output, reason=os_reason(exc)
            )
        )
    done = _("wrote {path}, replacing the file that was there") if replaced else _("wrote {path}")
    echo_error("calendar-gen: " + done.format(path=output))


def render_list(
    occurrences: list[Occurrence],
    fmt: TextFormat,
    style: DateStyle,
    today: dt.date | None = None,
    choices: Sequence[Choice] | None = None,
) -> str:
    """The table, markdown, csv and json formats shared by the list commands.

    CSV and JSON are data: with ``choices`` they hold every item with ``listed`` and ``why``.
    """
    from calendar_gen.render import tabular

    if fmt is TextFormat.TABLE:
        return tabular.table(occurrences, style)
    if fmt is TextFormat.MARKDOWN:
        return tabular.markdown(occurrences, style)
    data: Sequence[Occurrence | Choice] = occurrences if choices is None else choices
    if fmt is TextFormat.CSV:
        return tabular.to_csv(data, style)
    return tabular.to_json(data, style, today)


def run_template(render: Callable[..., str], *args: Any, **kwargs: Any) -> str:
    """Render a text template; a broken user template is reported, not raised.

    Jinja2 is imported by whatever renders a template; a paragraph in the shipped wording needs
    none (``render.paragraph``), and without Jinja2 loaded no exception can be one of its errors.
    """
    try:
        with template_deadline():
            return render(*args, **kwargs)
    except RecursionError:
        fail(_("template error: a macro calls itself without end; check your --templates folder"))
    except Exception as exc:
        jinja2 = sys.modules.get("jinja2")
        if jinja2 is not None and isinstance(exc, jinja2.TemplateError):
            template_failure(exc)
        raise


TEMPLATE_SECONDS = 60  # a yearly Word sheet renders in a few seconds
TEMPLATE_SECONDS_VARIABLE = "CALENDAR_GEN_TEMPLATE_SECONDS"


@contextlib.contextmanager
def template_deadline() -> Iterator[None]:
    """Stop a render that runs too long (issue 23, item 13): a refusal, raised from SIGALRM.

    The sandbox bounds what a template builds; only the clock bounds a macro that calls itself
    twice 40 levels deep. Main thread only (signals); elsewhere the render runs unbounded in time.
    """
    import os
    import signal

    text = os.environ.get(TEMPLATE_SECONDS_VARIABLE, "")
    seconds = float(text) if text.replace(".", "", 1).isdigit() and float(text) > 0 else TEMPLATE_SECONDS

    def expired(signum: int, frame: Any) -> None:
        from jinja2.exceptions import SecurityError

        raise SecurityError(f"the template ran longer than {seconds:g} seconds")

    armed = hasattr(signal, "setitimer")
    previous: Any = None
    if armed:
        try:
            previous = signal.signal(signal.SIGALRM, expired)
        except ValueError:  # not the main thread: only it receives signals
            armed = False
    if not armed:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def template_failure(exc: Exception) -> NoReturn:
    """A broken or refused user template, as a message (exit 1)."""
    import jinja2
    from jinja2.exceptions import SecurityError

    from calendar_gen.cli.jinjamessages import said

    if isinstance(exc, jinja2.TemplateSyntaxError):
        fail(
            _("template {name}, line {line}: {message}").format(
                name=exc.filename or exc.name, line=exc.lineno, message=said(exc.message or "")
            )
        )
    if isinstance(exc, SecurityError):
        fail(
            _(
                "template refused: {error}; templates may only use the variables they are given and "
                "Jinja2's filters and tests (README.md, Templates)"
            ).format(error=said(str(exc)).rstrip("."))
        )
    fail(_("template error: {error}; check your --templates folder").format(error=said(str(exc))))


def sheet_info(
    loaded: Catalogue,
    now: dt.date,
    issuer: str | None,
    place: str | None,
    issued: str | None,
    party: bool,
    style: DateStyle,
    number: str | None = None,
    sources: str | None = None,
) -> SheetInfo:
    """Header and footer facts for a printable sheet (``sources`` None: the kind's default)."""
    from calendar_gen.render.html import SOURCE_MODES, Header, SheetInfo

    if sources is not None and sources not in SOURCE_MODES:
        raise bad_parameter(
            _("'{value}' is not one of {choices}").format(value=sources, choices=", ".join(SOURCE_MODES)),
            "--sources",
        )

    issued_date = None
    if issued is not None:
        try:
            issued_date = dt.date.fromisoformat(issued)
        except ValueError:
            raise bad_parameter(
                _("'{text}' is not a date; use YYYY-MM-DD").format(text=issued), "--issued"
            ) from None
    elif issuer or place or party or number:
        issued_date = now
    names = tuple(f.title or Path(f.path).name for f in loaded.files)
    return SheetInfo(names, now, Header(issuer, place, issued_date, party, number), style, sources)


def with_days_off(info: SheetInfo, year: int | None) -> SheetInfo:
    """The sheet's facts with the year's public days off (``--days-off``), or unchanged."""
    if year is None:
        return info
    import dataclasses

    from calendar_gen.catalogue.daysoff import official_days_off
    from calendar_gen.problems import CatalogueError

    try:
        days = official_days_off(year)
    except CatalogueError as exc:
        fail("; ".join(str(p) for p in exc.problems))
    return dataclasses.replace(info, days_off=tuple(days))


def render_sheet(fmt: SheetFormat, html: Callable[[], str], docx: Callable[[], bytes]) -> bytes:
    """HTML, PDF (from the HTML) or DOCX bytes; a missing optional extra is a message, not a crash."""
    import jinja2

    from calendar_gen.render.pdf import MissingExtra, html_to_pdf

    try:
        if fmt is SheetFormat.DOCX:
            with template_deadline():
                return docx()
        with template_deadline():
            page = html()
        return html_to_pdf(page) if fmt is SheetFormat.PDF else page.encode("utf-8")
    except MissingExtra as exc:
        fail(str(exc))
    except jinja2.TemplateError as exc:
        template_failure(exc)
    except RecursionError:
        fail(_("template error: a macro calls itself without end; check your --templates folder"))


def emit_sheet(fmt: SheetFormat, data: bytes, output: Path | None) -> None:
    """PDF and Word are binary: they go to a file, or to a pipe, never to a terminal."""
    if fmt in BINARY and output is None and sys.stdout.isatty():
        raise bad_parameter(
            _("--format {format} writes a file: add -o FILE.{format}").format(format=fmt.value),
            "--output",
        )
    emit_bytes(data, output)


SHEETS = (SheetFormat.HTML, SheetFormat.PDF, SheetFormat.DOCX)
BINARY = (SheetFormat.PDF, SheetFormat.DOCX, SheetFormat.XLSX)


def _render(module: str, function: str, *args: Any) -> Any:
    """Call ``calendar_gen.render.<module>.<function>``, importing only the renderer asked for."""
    import importlib

    return getattr(importlib.import_module(f"calendar_gen.render.{module}"), function)(*args)


def deliver(
    fmt: SheetFormat,
    found: list[Occurrence],
    output: Path | None,
    style: DateStyle,
    *,
    text: Callable[[], str],
    html: Callable[[SheetInfo], str],
    docx: Callable[[SheetInfo], bytes],
    info: Callable[[], SheetInfo],
    choices: Sequence[Choice] | None = None,
) -> None:
    """Render ``found`` in the chosen format and write it (month and year share this)."""
    if fmt in SHEETS:
        sheet = info()
        emit_sheet(fmt, render_sheet(fmt, lambda: html(sheet), lambda: docx(sheet)), output)
    elif fmt is SheetFormat.XLSX:
        sheet = info()
        title = "Danh sách" if output is None else output.stem
        emit_sheet(fmt, _render("xlsx", "list_xlsx", found, sheet, title), output)
    elif fmt is SheetFormat.TEXT:
        emit(run_template(text), output)
    else:
        text_format = TextFormat(fmt.value)
        emit(render_list(found, text_format, style, choices=choices), output, bom=fmt is SheetFormat.CSV)


# What a file's extension says it holds; "-o x.pdf" without -f writes a PDF (issue 13).
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".ics": "ics",
}
# Office formats calendar-gen does not write: refused rather than filled with plain text (issue 22).
FOREIGN = (".doc", ".odt", ".rtf", ".xls", ".ods", ".ppt", ".pptx", ".odp", ".wps", ".pages")
F = TypeVar("F", bound=StrEnum)
# Formats that are plain text may go to a .txt file (a table, a Markdown list).
PLAIN = ("text", "table", "markdown")


def choose_format(fmt: F | None, output: Path | None, formats: type[F]) -> F:
    """The format asked for, else the one the -o file's extension names, else text.

    A format that contradicts the extension ("-f text -o x.pdf") is refused, as is an extension
    this command cannot write (".ics" from month: that is what ``feed`` writes).
    """
    suffix = output.suffix.lower() if output is not None else ""
    if suffix in FOREIGN:
        raise bad_parameter(
            _("calendar-gen does not write {ext} files; use one of: {choices}").format(
                ext=suffix,
                choices=", ".join(ext for ext, name in EXTENSIONS.items() if name in set(formats)),
            ),
            "--output",
        )
    named = EXTENSIONS.get(suffix)
    if fmt is None:
        if named is None:
            return formats("text")
        if named not in {f.value for f in formats}:
            raise bad_parameter(
                _("this command cannot write a {ext} file; choose --format {choices}").format(
                    ext=suffix, choices="|".join(f.value for f in formats)
                )
                + (_(" (calendar feeds: calendar-gen feed -o FILE.ics)") if named == "ics" else ""),
                "--output",
            )
        return formats(named)
    if named is not None and named != fmt.value and not (named == "text" and fmt.value in PLAIN):
        raise bad_parameter(
            _("--format {format} does not match the file {path}; use -o FILE.{ext} or drop --format").format(
                format=fmt.value,
                path=output,
                ext={"text": "txt", "table": "txt", "markdown": "md"}.get(fmt.value, fmt.value),
            ),
            "--output",
        )
    return fmt
