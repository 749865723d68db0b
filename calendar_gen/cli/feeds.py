"""``feed``: an iCalendar feed written to a file or standard output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from calendar_gen.cli.callbacks import clean_text
from calendar_gen.cli.choosing import check_audiences
from calendar_gen.cli.common import (
    check_domain,
    check_url,
    feed_stamp,
    resolve_today,
    selected_entries,
)
from calendar_gen.cli.options import (
    AllOpt,
    CatalogueOpt,
    ForOpt,
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

if TYPE_CHECKING:  # the feed modules load icalendar: only when a feed is written
    from calendar_gen.render.feed import FeedQuery

# One feed of 100 years of the shipped catalogue is about 10 MB and a few seconds; calendar apps
# only ever show a few years (issue 10, item 16: 1–9998 took 177 s and 7 GB).
MAX_YEARS = 100


def plain_text(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Option callback: a calendar name or description needs no escaping (ical.js shows the escapes)."""
    value = clean_text(ctx, param, value)
    if value is not None and any(c in value for c in ",;\\"):
        raise typer.BadParameter(
            _("a comma, semicolon or backslash is shown escaped by some calendar apps; write – or 'và'"),
            param_hint=(param.opts or [param.name or ""])[0],
        )
    return value


def check_source_url(value: str | None) -> None:
    """The feed's own address (SOURCE): http(s), printable ASCII, query allowed."""
    import re

    if value is not None and not re.fullmatch(r"https?://[^\s/?#\\]+[!-~]*", value):
        raise typer.BadParameter(
            _(
                "'{value}' is not an http(s) address of the feed, such as https://lich.example.gov.vn/feed.ics"
            ).format(value=value),
            param_hint="--source-url",
        )


def feed(
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    scope: ScopeOpt = None,
    tag: TagOpt = None,
    kind: KindOpt = None,
    round_: RoundOpt = False,
    all_: AllOpt = False,
    audience: ForOpt = None,
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
            callback=plain_text,
        ),
    ] = None,
    description: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--description", help=N_("Calendar description."), show_default=False, callback=plain_text
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
    source_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--source-url",
            help=N_("Address where this feed is published (written as SOURCE)."),
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--base-url",
            help=N_("Address of the built site: each event links to its month page there."),
            show_default=False,
        ),
    ] = None,
    days_off: Annotated[
        bool,
        typer.Option(
            "--days-off",
            help=N_("Write the public days off instead: holidays, days off in exchange, Saturdays worked."),
        ),
    ] = False,
    output: OutputOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    today: TodayOpt = None,
) -> None:
    """An iCalendar feed (.ics) to subscribe to in Google, Apple, Outlook or Thunderbird."""
    from calendar_gen.paths import tag_labels
    from calendar_gen.render.feed import FeedQuery, build_feed, month_page_url

    now = resolve_today(today)
    check_domain(domain)
    check_source_url(source_url)
    check_url(base_url, "--base-url")
    event_url = month_page_url(base_url) if base_url else None
    query = FeedQuery(
        tuple(scope or ()),
        tuple(tag or ()),
        tuple(kind or ()),
        round_,
        alarm,
        year_from,
        year_to,
        everything=all_,
        audiences=tuple(audience or ()),
    )
    first, last = _years(query, now, year_from, year_to)
    if days_off:
        emit_bytes(_days_off_feed(first, last, domain, alarm, source_url, event_url), output)
        return
    loaded, _entries = selected_entries(catalogue, no_default, province, scope, tag, kind)
    check_audiences(audience or [], loaded)
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
        source_url=source_url,
        event_url=event_url,
    )
    emit_bytes(data, output)


def _years(query: FeedQuery, now: dt.date, year_from: int | None, year_to: int | None) -> tuple[int, int]:
    """The years covered, or a usage error naming the option to change."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise typer.BadParameter(
            _("--from {first} is after --to {last}").format(first=year_from, last=year_to),
            param_hint="--from",
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
    return first, last


def _days_off_feed(
    first: int, last: int, domain: str, alarm: int | None, source_url: str | None, event_url: str | None
) -> bytes:
    """``feed --days-off``: DTSTAMP from the announcements file's content."""
    from calendar_gen.catalogue.daysoff import days_off_file
    from calendar_gen.render.feed import build_days_off_feed

    stamp = feed_stamp([days_off_file()])
    return build_days_off_feed(
        first, last, stamp, domain, alarm=alarm, source_url=source_url, event_url=event_url
    )
