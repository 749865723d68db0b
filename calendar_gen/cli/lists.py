"""``month``, ``year`` and ``upcoming``: the anniversaries of a period as text, lists or sheets."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from calendar_gen.cli.common import parse_month, resolve_today, selected_entries
from calendar_gen.cli.options import (
    CatalogueOpt,
    FormatOpt,
    IssuedOpt,
    IssuerOpt,
    KindOpt,
    NoDefaultOpt,
    NumberOpt,
    OutputOpt,
    PartyOpt,
    PlaceOpt,
    ProvinceOpt,
    RoundOpt,
    ScopeOpt,
    SheetFormat,
    SheetFormatOpt,
    SourcesOpt,
    StyleOpt,
    TagOpt,
    TemplatesOpt,
    TextFormat,
    TodayOpt,
)
from calendar_gen.cli.output import _render, deliver, emit, render_list, run_template, sheet_info
from calendar_gen.i18n import N_
from calendar_gen.render.formatting import DateStyle


def month(
    month_arg: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="YYYY-MM", help=N_("The month; default: the current month."), show_default=False
        ),
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

    from calendar_gen.engine.occurrences import occurrences
    from calendar_gen.engine.selection import round_only

    now = resolve_today(today)
    year, number = parse_month(month_arg, now)
    loaded, entries = selected_entries(catalogue, no_default, province, scope, tag, kind)
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


def year(
    year_arg: Annotated[int, typer.Argument(metavar="YYYY", help=N_("The year."), min=1, max=9999)],
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
    from calendar_gen.engine.occurrences import occurrences
    from calendar_gen.engine.selection import round_only

    now = resolve_today(today)
    loaded, entries = selected_entries(catalogue, no_default, province, scope, tag, kind)
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


def upcoming(
    days: Annotated[
        int,
        typer.Option(
            "--days",
            "-d",
            help=N_("How many days ahead, today included."),
            min=1,
            max=3660,
            show_envvar=False,
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
    from calendar_gen.engine.occurrences import occurrences
    from calendar_gen.engine.selection import round_only

    now = resolve_today(today)
    _loaded, entries = selected_entries(catalogue, no_default, province, scope, tag, kind)
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
