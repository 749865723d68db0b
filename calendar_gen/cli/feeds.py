"""``feed``: an iCalendar feed written to a file or standard output."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from calendar_gen.cli.common import check_domain, clean_text, feed_stamp, resolve_today, selected_entries
from calendar_gen.cli.options import (
    CatalogueOpt,
    FromOpt,
    KindOpt,
    NoDefaultOpt,
    OutputOpt,
    ProvinceOpt,
    RoundOpt,
    ScopeOpt,
    StyleOpt,
    TagOpt,
    TodayOpt,
    ToOpt,
)
from calendar_gen.cli.output import emit_bytes
from calendar_gen.i18n import N_, _
from calendar_gen.render.formatting import DateStyle

# One feed of 100 years of the shipped catalogue is about 10 MB and a few seconds; calendar apps
# only ever show a few years (issue 10, item 16: 1–9998 took 177 s and 7 GB).
MAX_YEARS = 100


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
            help=N_("Add a reminder at 08:00 this many days before (0: on the day)."),
            min=0,
            max=60,
            show_envvar=False,
        ),
    ] = None,
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--name",
            help=N_("Calendar name shown in calendar apps."),
            show_default=False,
            callback=clean_text,
        ),
    ] = None,
    description: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--description", help=N_("Calendar description."), show_default=False, callback=clean_text
        ),
    ] = None,
    domain: Annotated[
        str,
        typer.Option(
            "--domain",
            help=N_("Domain part of every event UID; keep it fixed once published."),
            callback=clean_text,
        ),
    ] = "calendar-gen.invalid",
    output: OutputOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    today: TodayOpt = None,
) -> None:
    """An iCalendar feed (.ics) to subscribe to in Google, Apple, Outlook or Thunderbird."""
    from calendar_gen.paths import tag_labels
    from calendar_gen.render.feed import FeedQuery, build_feed

    now = resolve_today(today)
    if year_from is not None and year_to is not None and year_from > year_to:
        raise typer.BadParameter(
            _("--from {first} is after --to {last}").format(first=year_from, last=year_to),
            param_hint="--from",
        )
    check_domain(domain)
    loaded, _entries = selected_entries(catalogue, no_default, province, scope, tag, kind)
    query = FeedQuery(
        tuple(scope or ()), tuple(tag or ()), tuple(kind or ()), round_, alarm, year_from, year_to
    )
    first, last = query.years(now)
    if first > last:
        raise typer.BadParameter(
            _("the years {first}–{last} are empty; give both --from and --to").format(first=first, last=last),
            param_hint="--to" if year_to is not None else "--from",
        )
    if last - first + 1 > MAX_YEARS:
        raise typer.BadParameter(
            _(
                "{first}–{last} is {count} years; a feed covers at most {limit} years: "
                "narrow it with --from and --to, or write several feeds"
            ).format(first=first, last=last, count=last - first + 1, limit=MAX_YEARS),
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
