"""The ``calendar-gen`` command: parse options, call the library, print.

The CLI (and later the server) is the only place that reads the clock and the environment.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from calendar_gen import __version__
from calendar_gen.formatting import DateStyle

if TYPE_CHECKING:
    from collections.abc import Callable

    from calendar_gen.catalogue import Catalogue
    from calendar_gen.model import Anniversary, Occurrence
    from calendar_gen.render.html import SheetInfo

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # Vietnam keeps UTC+7 all year, no DST

app = typer.Typer(
    name="calendar-gen",
    help="Vietnamese commemoration calendars: anniversaries with correct 'N năm' counts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class TextFormat(StrEnum):
    """Output formats of the list commands."""

    TEXT = "text"
    TABLE = "table"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"


class SheetFormat(StrEnum):
    """Output formats of month and year: the list formats and the printable sheets."""

    TEXT = "text"
    TABLE = "table"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


# Options shared by the commands (Annotated aliases keep each signature short and the help uniform).
CatalogueOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer reads this annotation at run time
    typer.Option(
        "--catalogue",
        "-c",
        help="Extra catalogue YAML file; repeatable. Later files override entries with the same id.",
        show_default=False,
    ),
]
NoDefaultOpt = Annotated[bool, typer.Option("--no-default", help="Leave out the shipped national catalogue.")]
ProvinceOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--province", "-p", help="Add a shipped province overlay by slug, e.g. kon-tum.", show_default=False
    ),
]
ScopeOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--scope",
        "-s",
        help="Keep entries of this scope: national, province, province:<slug>, sector, sector:<slug>.",
        show_default=False,
    ),
]
TagOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--tag", "-t", help="Keep entries with this tag; repeatable (any of them).", show_default=False
    ),
]
KindOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--kind", "-k", help="Keep entries of this kind (holiday, event, sector, ...).", show_default=False
    ),
]
RoundOpt = Annotated[
    bool, typer.Option("--round", "-r", help="Keep only năm tròn and năm lẻ 5 (Nghị định 145/2013, Điều 3).")
]
TodayOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--today", help="Take this date (YYYY-MM-DD) as today instead of the clock.", show_default=False
    ),
]
FormatOpt = Annotated[TextFormat, typer.Option("--format", "-f", help="Output format.", show_envvar=False)]
SheetFormatOpt = Annotated[
    SheetFormat,
    typer.Option(
        "--format", "-f", help="Output format; html, pdf and docx are printable sheets.", show_envvar=False
    ),
]
IssuerOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--issuer",
        help="Sheets: issuing body; superior body first, split by '|': 'Tỉnh ủy Kon Tum|Ban Tuyên giáo'.",
        show_default=False,
    ),
]
PlaceOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--place", help="Sheets: place in the header date line, e.g. 'Kon Tum'.", show_default=False
    ),
]
IssuedOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--issued",
        help="Sheets: document date (YYYY-MM-DD); default today when a header is asked for.",
        show_default=False,
    ),
]
NumberOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--number", help="Sheets: document number for the header, e.g. '125-HD/BTGDVTU'.", show_default=False
    ),
]
SourcesOpt = Annotated[
    str,
    typer.Option(
        "--sources",
        help="Sheets: source notes in full, short (first reference of each), or none.",
        show_envvar=False,
    ),
]
PartyOpt = Annotated[
    bool,
    typer.Option("--party", help="Sheets: Party header (ĐẢNG CỘNG SẢN VIỆT NAM) instead of the state motto."),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of standard output.",
        show_default=False,
    ),
]
StyleOpt = Annotated[
    DateStyle,
    typer.Option(
        "--date-style",
        help="nd30: 03/3/1959 (Nghị định 30/2020); plain: 3/3/1959; padded: 03/03/1959.",
        show_envvar=False,
    ),
]
TemplatesOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--templates",
        help="Folder of your own templates, used before the packaged ones.",
        show_default=False,
        exists=True,
        file_okay=False,
        show_envvar=False,
    ),
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a message for the user on standard error and exit."""
    typer.echo(f"calendar-gen: {message}", err=True)
    raise typer.Exit(code)


def resolve_today(text: str | None) -> dt.date:
    """``--today`` or the current date in Vietnam."""
    if text is None:
        return dt.datetime.now(VIETNAM).date()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2024-03-01", param_hint="--today"
        ) from None


def catalogue_paths(catalogue: list[Path] | None, no_default: bool, province: list[str] | None) -> list[Path]:
    """The files to read, in order: shipped catalogue, province overlays, then the user's files."""
    from calendar_gen.paths import default_catalogue, province_catalogues

    paths = [] if no_default else [default_catalogue()]
    if province:
        known = province_catalogues()
        for slug in province:
            if slug not in known:
                choices = ", ".join(known) or "none shipped"
                raise typer.BadParameter(
                    f"no province overlay '{slug}'; shipped: {choices}", param_hint="--province"
                )
            paths.append(known[slug])
    paths.extend(catalogue or [])
    if not paths:
        raise typer.BadParameter(
            "nothing to read: with --no-default give at least one --catalogue FILE", param_hint="--no-default"
        )
    return paths


def cache_dir() -> Path | None:
    """Where validated catalogues are cached (README.md, "Cache"); None when disabled."""
    import os

    if os.environ.get("CALENDAR_GEN_NO_CACHE"):
        return None
    if explicit := os.environ.get("CALENDAR_GEN_CACHE_DIR"):
        return Path(explicit)
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home folder
        return None
    return base / "calendar-gen"


def load_catalogue(paths: list[Path], today: dt.date) -> Catalogue:
    """Load and validate (through the cache); on problems print every one and exit 1."""
    from calendar_gen import cache
    from calendar_gen.problems import CatalogueError

    try:
        return cache.load(paths, today, cache_dir())
    except CatalogueError as exc:
        count = len(exc.problems)
        typer.echo(f"calendar-gen: {count} problem{'s' if count != 1 else ''} in the catalogue:", err=True)
        for problem in exc.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(1) from None


def selected_entries(
    catalogue: list[Path] | None,
    no_default: bool,
    province: list[str] | None,
    scope: list[str] | None,
    tag: list[str] | None,
    kind: list[str] | None,
    today: dt.date,
) -> tuple[Catalogue, list[Anniversary]]:
    """Load the catalogues and apply the scope, tag and kind filters."""
    from calendar_gen.selection import select

    check_filters(scope, kind)
    loaded = load_catalogue(catalogue_paths(catalogue, no_default, province), today)
    check_tags(tag, loaded)
    return loaded, select(loaded.entries, scope or (), tag or (), kind or ())


def check_tags(tags: list[str] | None, loaded: Catalogue) -> None:
    """A tag no entry carries is a typo, not an empty result."""
    from calendar_gen.problems import did_you_mean

    known = sorted({t for e in loaded.entries for t in e.tags})
    for tag in tags or []:
        if tag not in known:
            hint = did_you_mean(tag, known) or "; calendar-gen month -f json lists the tags of each entry"
            raise typer.BadParameter(f"no entry has the tag '{tag}'{hint}", param_hint="--tag")


def check_filters(scope: list[str] | None, kind: list[str] | None) -> None:
    """Reject scopes and kinds that cannot match anything, naming the option."""
    from calendar_gen.catalogue import KINDS

    for value in scope or []:
        if (
            not re.match(r"^(national|province|sector)(:[a-z0-9]+(-[a-z0-9]+)*)?$", value)
            or value == "national:"
        ):
            raise typer.BadParameter(
                f"'{value}' is not a scope; use national, province, province:<slug>, sector or sector:<slug>",
                param_hint="--scope",
            )
    for value in kind or []:
        if value not in KINDS:
            raise typer.BadParameter(
                f"'{value}' is not a kind; use one of {', '.join(KINDS)}", param_hint="--kind"
            )


def emit(text: str, output: Path | None, bom: bool = False) -> None:
    """Print to standard output, or write the file atomically."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    emit_bytes((("\ufeff" if bom else "") + text).encode("utf-8"), output)


def emit_bytes(data: bytes, output: Path | None) -> None:
    """Write bytes to standard output, or to the file atomically."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from calendar_gen.output import write_atomic

    try:
        write_atomic(output, data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}; check that the folder exists and is writable")
    typer.echo(f"calendar-gen: wrote {output}", err=True)


def render_list(
    occurrences: list[Occurrence], fmt: TextFormat, style: DateStyle, today: dt.date | None = None
) -> str:
    """The table, markdown, csv and json formats shared by the list commands."""
    from calendar_gen.render import tabular

    if fmt is TextFormat.TABLE:
        return tabular.table(occurrences, style)
    if fmt is TextFormat.MARKDOWN:
        return tabular.markdown(occurrences, style)
    if fmt is TextFormat.CSV:
        return tabular.to_csv(occurrences, style)
    return tabular.to_json(occurrences, style, today)


def run_template(render: Callable[..., str], *args: Any, **kwargs: Any) -> str:
    """Render a text template; a broken user template is reported, not raised."""
    import jinja2

    try:
        return render(*args, **kwargs)
    except jinja2.TemplateSyntaxError as exc:
        fail(f"template {exc.filename or exc.name}, line {exc.lineno}: {exc.message}")
    except jinja2.TemplateError as exc:
        fail(f"template error: {exc}; check your --templates folder")


def parse_month(text: str | None, today: dt.date) -> tuple[int, int]:
    """YYYY-MM (or MM/YYYY); the current month when absent."""
    if text is None:
        return today.year, today.month
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip()) or None
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    elif m2 := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text.strip()):
        month, year = int(m2.group(1)), int(m2.group(2))
    else:
        raise typer.BadParameter(f"'{text}' is not a month; use YYYY-MM, e.g. 2024-03", param_hint="MONTH")
    if not 1 <= month <= 12 or year < 1:
        raise typer.BadParameter(f"'{text}' is not a month; months run from 01 to 12", param_hint="MONTH")
    return year, month


def sheet_info(
    loaded: Catalogue,
    now: dt.date,
    issuer: str | None,
    place: str | None,
    issued: str | None,
    party: bool,
    style: DateStyle,
    number: str | None = None,
    sources: str = "short",
) -> SheetInfo:
    """Header and footer facts for a printable sheet."""
    from calendar_gen.render.html import SOURCE_MODES, Header, SheetInfo

    if sources not in SOURCE_MODES:
        raise typer.BadParameter(
            f"'{sources}' is not one of {', '.join(SOURCE_MODES)}", param_hint="--sources"
        )

    issued_date = None
    if issued is not None:
        try:
            issued_date = dt.date.fromisoformat(issued)
        except ValueError:
            raise typer.BadParameter(
                f"'{issued}' is not a date; use YYYY-MM-DD", param_hint="--issued"
            ) from None
    elif issuer or place or party or number:
        issued_date = now
    names = tuple(f.title or Path(f.path).name for f in loaded.files)
    return SheetInfo(names, now, Header(issuer, place, issued_date, party, number), style, sources)


def render_sheet(fmt: SheetFormat, html: Callable[[], str], docx: Callable[[], bytes]) -> bytes:
    """HTML, PDF (from the HTML) or DOCX bytes; a missing optional extra is a message, not a crash."""
    import jinja2

    from calendar_gen.render.pdf import MissingExtra, html_to_pdf

    try:
        if fmt is SheetFormat.DOCX:
            return docx()
        page = html()
        return html_to_pdf(page) if fmt is SheetFormat.PDF else page.encode("utf-8")
    except MissingExtra as exc:
        fail(str(exc))
    except jinja2.TemplateSyntaxError as exc:
        fail(f"template {exc.filename or exc.name}, line {exc.lineno}: {exc.message}")
    except jinja2.TemplateError as exc:
        fail(f"template error: {exc}; check your --templates folder")


def emit_sheet(fmt: SheetFormat, data: bytes, output: Path | None) -> None:
    """PDF and Word are binary: they go to a file, or to a pipe, never to a terminal."""
    if fmt in (SheetFormat.PDF, SheetFormat.DOCX) and output is None and sys.stdout.isatty():
        raise typer.BadParameter(
            f"--format {fmt.value} writes a file: add -o FILE.{fmt.value}", param_hint="--output"
        )
    emit_bytes(data, output)


SHEETS = (SheetFormat.HTML, SheetFormat.PDF, SheetFormat.DOCX)


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
) -> None:
    """Render ``found`` in the chosen format and write it (month and year share this)."""
    if fmt in SHEETS:
        sheet = info()
        emit_sheet(fmt, render_sheet(fmt, lambda: html(sheet), lambda: docx(sheet)), output)
    elif fmt is SheetFormat.TEXT:
        emit(run_template(text), output)
    else:
        emit(render_list(found, TextFormat(fmt.value), style), output, bom=fmt is SheetFormat.CSV)


@app.command()
def month(
    month_arg: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="YYYY-MM", help="The month; default: the current month.", show_default=False),
    ] = None,
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    scope: ScopeOpt = None,
    tag: TagOpt = None,
    kind: KindOpt = None,
    round_: RoundOpt = False,
    fmt: SheetFormatOpt = SheetFormat.TEXT,
    output: OutputOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    templates: TemplatesOpt = None,
    issuer: IssuerOpt = None,
    place: PlaceOpt = None,
    issued: IssuedOpt = None,
    party: PartyOpt = False,
    doc_number: NumberOpt = None,
    sources: SourcesOpt = "short",
    today: TodayOpt = None,
) -> None:
    """The anniversaries of a month: the guidance paragraph, a list, or a printable sheet."""
    import calendar as gregorian

    from calendar_gen.occurrences import occurrences
    from calendar_gen.selection import round_only

    now = resolve_today(today)
    year, number = parse_month(month_arg, now)
    loaded, entries = selected_entries(catalogue, no_default, province, scope, tag, kind, now)
    start = dt.date(year, number, 1)
    end = dt.date(year, number, gregorian.monthrange(year, number)[1])
    found = occurrences(entries, start, end)
    if round_:
        found = round_only(found)
    deliver(
        fmt,
        found,
        output,
        date_style,
        text=lambda: _render("text", "month_text", found, year, number, date_style, templates),
        html=lambda info: _render("html", "month_html", found, year, number, info, templates),
        docx=lambda info: _render("docx", "month_docx", found, year, number, info, templates),
        info=lambda: sheet_info(loaded, now, issuer, place, issued, party, date_style, doc_number, sources),
    )


@app.command()
def year(
    year_arg: Annotated[int, typer.Argument(metavar="YYYY", help="The year.", min=1, max=9999)],
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    scope: ScopeOpt = None,
    tag: TagOpt = None,
    kind: KindOpt = None,
    round_: RoundOpt = False,
    fmt: SheetFormatOpt = SheetFormat.TEXT,
    output: OutputOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    templates: TemplatesOpt = None,
    issuer: IssuerOpt = None,
    place: PlaceOpt = None,
    issued: IssuedOpt = None,
    party: PartyOpt = False,
    doc_number: NumberOpt = None,
    sources: SourcesOpt = "short",
    today: TodayOpt = None,
) -> None:
    """The yearly jubilee list, month by month, năm tròn and năm lẻ 5 first."""
    from calendar_gen.occurrences import occurrences
    from calendar_gen.selection import round_only

    now = resolve_today(today)
    loaded, entries = selected_entries(catalogue, no_default, province, scope, tag, kind, now)
    found = occurrences(entries, dt.date(year_arg, 1, 1), dt.date(year_arg, 12, 31), yearly=True)
    if round_:
        found = round_only(found)
    deliver(
        fmt,
        found,
        output,
        date_style,
        text=lambda: _render("text", "year_text", found, year_arg, date_style, templates, round_),
        html=lambda info: _render("html", "year_html", found, year_arg, info, templates, round_),
        docx=lambda info: _render("docx", "year_docx", found, year_arg, info, round_),
        info=lambda: sheet_info(loaded, now, issuer, place, issued, party, date_style, doc_number, sources),
    )


@app.command()
def upcoming(
    days: Annotated[
        int,
        typer.Option(
            "--days", "-d", help="How many days ahead, today included.", min=1, max=3660, show_envvar=False
        ),
    ] = 30,
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    scope: ScopeOpt = None,
    tag: TagOpt = None,
    kind: KindOpt = None,
    round_: RoundOpt = False,
    fmt: FormatOpt = TextFormat.TEXT,
    output: OutputOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    templates: TemplatesOpt = None,
    today: TodayOpt = None,
) -> None:
    """What comes next, with the days remaining."""
    from calendar_gen.occurrences import occurrences
    from calendar_gen.selection import round_only

    now = resolve_today(today)
    _, entries = selected_entries(catalogue, no_default, province, scope, tag, kind, now)
    end = now + dt.timedelta(days=days - 1) if now < dt.date.max - dt.timedelta(days=days) else dt.date.max
    found = occurrences(entries, now, end)
    if round_:
        found = round_only(found)
    if fmt is TextFormat.TEXT:
        from calendar_gen.render.text import upcoming_text

        text = run_template(upcoming_text, found, now, days, date_style, templates)
    else:
        text = render_list(found, fmt, date_style, today=now)
    emit(text, output, bom=fmt is TextFormat.CSV)


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            metavar="PATH...",
            help="Catalogue files; default: the shipped catalogue and overlays.",
            show_default=False,
        ),
    ] = None,
    today: TodayOpt = None,
) -> None:
    """Check catalogues fully and report every problem with file, line and entry id."""
    from calendar_gen.catalogue import load
    from calendar_gen.paths import default_catalogue, province_catalogues
    from calendar_gen.problems import CatalogueError, Problem

    now = resolve_today(today)
    files = paths or [default_catalogue(), *province_catalogues().values()]
    problems: list[Problem] = []
    for path in files:  # each file on its own, so that every file's problems are found
        try:
            loaded = load([path], now)
        except CatalogueError as exc:
            problems.extend(exc.problems)
        else:
            count = len(loaded.files[0].entries)
            typer.echo(f"{path}: {count} entr{'ies' if count != 1 else 'y'}, OK")
    if problems:
        typer.echo(
            f"calendar-gen: {len(problems)} problem{'s' if len(problems) != 1 else ''} found:", err=True
        )
        for problem in problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(1)


DOMAIN = re.compile(
    r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)


# Feeds and sites stop at 9998: an event on 31/12/9999 would end on a day that does not exist.
FromOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--from",
        help="First year; default: last year.",
        min=1,
        max=9998,
        show_default=False,
        show_envvar=False,
    ),
]
ToOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--to",
        help="Last year; default: two years ahead.",
        min=1,
        max=9998,
        show_default=False,
        show_envvar=False,
    ),
]


def check_domain(domain: str) -> None:
    """The UID domain must be a host name: it is part of every event's identity."""
    if not DOMAIN.match(domain):
        raise typer.BadParameter(
            f"'{domain}' is not a domain name such as example.gov.vn", param_hint="--domain"
        )


def check_url(value: str | None, option: str) -> None:
    """A public http(s) address, for subscribe links."""
    if value is not None and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise typer.BadParameter(
            f"'{value}' is not an http(s) address such as https://lich.example.gov.vn/", param_hint=option
        )


def feed_stamp(paths: list[Path]) -> dt.datetime:
    """DTSTAMP: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the newest catalogue's mtime."""
    import os

    from calendar_gen.stamps import StampError, source_stamp

    try:
        return source_stamp(paths, os.environ)
    except StampError as exc:
        fail(str(exc))


@app.command()
def feed(
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    scope: ScopeOpt = None,
    tag: TagOpt = None,
    kind: KindOpt = None,
    round_: RoundOpt = False,
    year_from: FromOpt = None,
    year_to: ToOpt = None,
    alarm: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--alarm",
            help="Add a reminder at 08:00 this many days before (0: on the day).",
            min=0,
            max=60,
            show_envvar=False,
        ),
    ] = None,
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--name", help="Calendar name shown in calendar apps.", show_default=False),
    ] = None,
    description: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--description", help="Calendar description.", show_default=False),
    ] = None,
    domain: Annotated[
        str, typer.Option("--domain", help="Domain part of every event UID; keep it fixed once published.")
    ] = "calendar-gen.invalid",
    output: OutputOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    today: TodayOpt = None,
) -> None:
    """An iCalendar feed (.ics) to subscribe to in Google, Apple, Outlook or Thunderbird."""
    from calendar_gen.feeds import FeedQuery, build_feed
    from calendar_gen.paths import tag_labels

    now = resolve_today(today)
    if year_from is not None and year_to is not None and year_from > year_to:
        raise typer.BadParameter(f"--from {year_from} is after --to {year_to}", param_hint="--from")
    check_domain(domain)
    loaded, _ = selected_entries(catalogue, no_default, province, scope, tag, kind, now)
    query = FeedQuery(
        tuple(scope or ()), tuple(tag or ()), tuple(kind or ()), round_, alarm, year_from, year_to
    )
    first, last = query.years(now)
    if first > last:
        raise typer.BadParameter(
            f"the years {first}–{last} are empty; give both --from and --to",
            param_hint="--to" if year_to is not None else "--from",
        )
    data = build_feed(
        loaded,
        query,
        now,
        feed_stamp([Path(f.path) for f in loaded.files]),
        domain,
        name,
        description,
        date_style,
        tag_labels() if tag else None,  # names are only needed for a tag filter in the feed name
    )
    emit_bytes(data, output)


HostOpt = Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")]
PortOpt = Annotated[
    int, typer.Option("--port", help="Port to listen on.", min=1, max=65535, show_envvar=False)
]
DomainOpt = Annotated[
    str, typer.Option("--domain", help="Domain part of every event UID; keep it fixed once published.")
]


@app.command()
def serve(
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    host: HostOpt = "127.0.0.1",
    port: PortOpt = 8000,
    domain: DomainOpt = "calendar-gen.invalid",
    public_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--public-url",
            help="Public address of the site (https://...), for subscribe links.",
            show_default=False,
        ),
    ] = None,
    templates: TemplatesOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    access_log: Annotated[bool, typer.Option("--access-log", help="Log every request.")] = False,
    today: TodayOpt = None,
) -> None:
    """Serve the subscribe page, feeds, sheets and JSON over HTTP; catalogues reload on change."""
    import logging

    import uvicorn

    from calendar_gen.server import create_app

    now = resolve_today(today)
    check_domain(domain)
    check_url(public_url, "--public-url")
    paths = catalogue_paths(catalogue, no_default, province)
    load_catalogue(paths, now)  # refuse to start on a broken catalogue, listing every problem
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    fixed_today = (lambda: now) if today is not None else None
    application = create_app(
        paths, domain=domain, public_url=public_url, templates=templates, style=date_style, today=fixed_today
    )
    typer.echo(f"calendar-gen: serving http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    try:
        uvicorn.run(application, host=host, port=port, access_log=access_log, log_level="info")
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port")


@app.command()
def build(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder of the site; replaced as a whole when done.")
    ],
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    year_from: FromOpt = None,
    year_to: ToOpt = None,
    domain: DomainOpt = "calendar-gen.invalid",
    base_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--base-url", help="Public address of the site, for absolute subscribe links.", show_default=False
        ),
    ] = None,
    templates: TemplatesOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    today: TodayOpt = None,
) -> None:
    """Write a static site (feeds, month and year pages, subscribe page) for any web server or CDN."""
    from calendar_gen.feeds import FeedQuery
    from calendar_gen.publish import PublishError, publish
    from calendar_gen.site import site_files, site_size

    now = resolve_today(today)
    first, last = FeedQuery(first=year_from, last=year_to).years(now)
    if first > last:
        raise typer.BadParameter(f"--from {first} is after --to {last}", param_hint="--from")
    if last - first + 1 > 50:
        raise typer.BadParameter(f"{first}–{last} is more than 50 years", param_hint="--to")
    check_domain(domain)
    check_url(base_url, "--base-url")
    paths = catalogue_paths(catalogue, no_default, province)
    loaded = load_catalogue(paths, now)
    files = site_files(
        loaded,
        now,
        feed_stamp(paths),
        first,
        last,
        domain=domain,
        base_url=base_url or "",
        style=date_style,
        templates=templates,
    )
    total = site_size(loaded, first, last)
    try:
        with typer.progressbar(length=total, label="calendar-gen: building", file=sys.stderr) as bar:
            count = publish(folder, files, progress=lambda: bar.update(1))
    except PublishError as exc:
        fail(str(exc))
    typer.echo(f"calendar-gen: wrote {count} files to {folder}", err=True)
    if base_url is None:
        typer.echo(
            "calendar-gen: note: without --base-url the subscribe links on index.html are relative; "
            "calendar apps need full addresses (--base-url https://lich.example.gov.vn/)",
            err=True,
        )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"calendar-gen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Vietnamese commemoration calendars: anniversaries with correct 'N năm' counts."""


def main() -> None:
    """Console entry point: no traceback for broken pipes or Ctrl-C."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
