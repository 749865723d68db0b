"""``month``, ``year`` and ``upcoming``: the anniversaries of a period as text, lists or sheets."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from calendar_gen.cli.choosing import explain as explain_text
from calendar_gen.cli.choosing import selection
from calendar_gen.cli.common import resolve_today, selected_entries
from calendar_gen.cli.documentopts import document_info, sheet_options_only
from calendar_gen.cli.formats import SheetFormat, TextFormat
from calendar_gen.cli.monthly import choose_month, paragraph
from calendar_gen.cli.options import (
    AllOpt,
    ByMonthOpt,
    CatalogueOpt,
    DaysOffOpt,
    DocxTemplateOpt,
    ExcludeOpt,
    ExplainOpt,
    FormatOpt,
    ForOpt,
    IncludeOpt,
    IssuedOpt,
    IssuerOpt,
    KindOpt,
    NoDefaultOpt,
    NumberOpt,
    OutputOpt,
    PartyOpt,
    PlaceOpt,
    ProfileOpt,
    ProvinceOpt,
    RoundOpt,
    ScopeOpt,
    SheetFormatOpt,
    SourcesOpt,
    StyleOpt,
    TagOpt,
    TemplatesOpt,
    TodayOpt,
)
from calendar_gen.cli.output import (
    _render,
    choose_format,
    deliver,
    emit,
    render_list,
    run_template,
    sheet_info,
    with_days_off,
)
from calendar_gen.engine.listing import listed_only
from calendar_gen.i18n import N_, _
from calendar_gen.render.formatting import DateStyle

if TYPE_CHECKING:
    from calendar_gen.catalogue.types import Catalogue
    from calendar_gen.engine.listing import Choice


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
    all_: AllOpt = False,
    audience: ForOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    explain: ExplainOpt = False,
    fmt: SheetFormatOpt = None,
    output: OutputOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    templates: TemplatesOpt = None,
    issuer: IssuerOpt = None,
    place: PlaceOpt = None,
    issued: IssuedOpt = None,
    party: PartyOpt = False,
    doc_number: NumberOpt = None,
    sources: SourcesOpt = None,
    profile: ProfileOpt = None,
    docx_template: DocxTemplateOpt = None,
    days_off: DaysOffOpt = False,
    today: TodayOpt = None,
) -> None:
    """The anniversaries of a month that guidance lists: the paragraph, a list, or a printable sheet."""
    chosen = choose_format(fmt, output, SheetFormat)
    sheet_options_only(chosen, profile, docx_template)
    picked = choose_month(
        month_arg,
        today,
        catalogue=catalogue,
        no_default=no_default,
        province=province,
        scope=scope,
        tag=tag,
        kind=kind,
        round_only=round_,
        audience=audience,
        include=include,
        exclude=exclude,
        profile=profile,
    )
    year, number = picked.year, picked.number
    if explain:
        emit(explain_text(picked.choices, date_style), output)
        return
    found = picked.found if all_ else listed_only(picked.choices)
    deliver(
        chosen,
        found,
        output,
        date_style,
        choices=picked.choices,
        text=lambda: paragraph(picked, found, date_style, templates, round_),
        html=lambda info: _render("html", "month_html", found, year, number, info, templates),
        docx=lambda info: _render("docx", "month_docx", found, year, number, info, templates),
        info=lambda: with_days_off(
            document_info(
                sheet_info(
                    picked.loaded, picked.today, issuer, place, issued, party, date_style, doc_number, sources
                ),
                profile,
                docx_template,
                year,
                number,
            ),
            year if days_off else None,
        ),
    )


def year(
    year_text: Annotated[
        str,
        typer.Argument(metavar="YYYY", help=N_("The year, four digits (0001 to 9999)."), show_default=False),
    ],
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    scope: ScopeOpt = None,
    tag: TagOpt = None,
    kind: KindOpt = None,
    round_: RoundOpt = False,
    all_: AllOpt = False,
    by_month: ByMonthOpt = False,
    audience: ForOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    explain: ExplainOpt = False,
    fmt: SheetFormatOpt = None,
    output: OutputOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    templates: TemplatesOpt = None,
    issuer: IssuerOpt = None,
    place: PlaceOpt = None,
    issued: IssuedOpt = None,
    party: PartyOpt = False,
    doc_number: NumberOpt = None,
    sources: SourcesOpt = None,
    profile: ProfileOpt = None,
    docx_template: DocxTemplateOpt = None,
    days_off: DaysOffOpt = False,
    today: TodayOpt = None,
) -> None:
    """The yearly plan in the sections of the central guidance; --by-month or --all month by month."""
    from calendar_gen.engine.occurrences import occurrences
    from calendar_gen.engine.selection import round_only
    from calendar_gen.render.plan import plan, plan_parts

    year_arg = parse_year(year_text)
    chosen = choose_format(fmt, output, SheetFormat)
    sheet_options_only(chosen, profile, docx_template)
    now = resolve_today(today)
    loaded, entries = selected_entries(catalogue, no_default, province, scope, tag, kind)
    found = occurrences(entries, dt.date(year_arg, 1, 1), dt.date(year_arg, 12, 31), yearly=True)
    if round_:
        found = round_only(found)
    choices = selection(found, loaded, audience, include, exclude, yearly=True, profile=profile)
    if explain:
        emit(explain_text(choices, date_style), output)
        return
    if not (all_ or by_month) and chosen in PLAN_FORMATS:
        emit(plan_output(choices, loaded, chosen, year_arg, date_style, province), output)
        return
    found = found if all_ else listed_only(choices)
    parts = None if all_ or by_month else plan_parts(plan(choices, loaded.rules, date_style))
    deliver(
        chosen,
        found,
        output,
        date_style,
        choices=choices,
        text=lambda: _render("text", "year_text", found, year_arg, date_style, templates, round_),
        html=lambda info: _render("html", "year_html", found, year_arg, info, templates, round_, parts),
        docx=lambda info: _render("docx", "year_docx", found, year_arg, info, round_, parts),
        info=lambda: with_days_off(
            document_info(
                sheet_info(loaded, now, issuer, place, issued, party, date_style, doc_number, sources),
                profile,
                docx_template,
                year_arg,
                None,
            ),
            year_arg if days_off else None,
        ),
    )


PLAN_FORMATS = (SheetFormat.TEXT, SheetFormat.MARKDOWN, SheetFormat.TABLE)


def plan_output(
    choices: list[Choice],
    loaded: Catalogue,
    fmt: SheetFormat,
    year: int,
    style: DateStyle,
    province: list[str] | None,
) -> str:
    """The yearly plan as text, Markdown or a table (issue 18, item 5)."""
    from calendar_gen.render.plan import plan, plan_markdown, plan_table, plan_text

    sections = plan(choices, loaded.rules, style)
    if fmt is SheetFormat.MARKDOWN:
        return plan_markdown(sections, year)
    if fmt is SheetFormat.TABLE:
        return plan_table(sections, style)
    return plan_text(sections, year)


def parse_year(text: str) -> int:
    """A year in ASCII digits; "25" or "5" is refused with a guess ("did you mean 2025?").

    A one- or two-digit year is almost always a typing shortcut, not the year 25 (issue 13);
    the first centuries are still there, written in four digits: 0025.
    """
    text = text.strip()
    if re.fullmatch(r"[0-9]{1,2}", text):
        raise typer.BadParameter(
            _("'{year}' is not a four-digit year; did you mean {guess}?").format(
                year=text, guess=2000 + int(text)
            ),
            param_hint="YYYY",
        )
    if not re.fullmatch(r"[0-9]{3,4}", text) or not 1 <= int(text) <= 9999:
        raise typer.BadParameter(
            _("'{year}' is not a year; use four digits, 0001 to 9999").format(year=text), param_hint="YYYY"
        )
    return int(text)


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
    all_: AllOpt = False,
    audience: ForOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    templates: TemplatesOpt = None,
    today: TodayOpt = None,
) -> None:
    """What comes next, with the days remaining."""
    from calendar_gen.engine.occurrences import occurrences
    from calendar_gen.engine.selection import round_only

    chosen = TextFormat(choose_format(fmt, output, TextFormat).value)
    now = resolve_today(today)
    loaded, entries = selected_entries(catalogue, no_default, province, scope, tag, kind)
    end = now + dt.timedelta(days=days - 1) if now < dt.date.max - dt.timedelta(days=days) else dt.date.max
    found = occurrences(entries, now, end)
    if round_:
        found = round_only(found)
    choices = selection(found, loaded, audience, include, exclude)
    found = found if all_ else listed_only(choices)
    if chosen is TextFormat.TEXT:
        from calendar_gen.render.text import upcoming_text

        text = run_template(upcoming_text, found, now, days, date_style, templates)
    else:
        text = render_list(found, chosen, date_style, today=now, choices=choices)
    emit(text, output, bom=chosen is TextFormat.CSV)
