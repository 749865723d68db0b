"""The ``calendar-gen`` command group: every command registered with its translated help."""

from __future__ import annotations

from typing import Annotated

import typer

from calendar_gen import __version__
from calendar_gen.cli import catalogues, check, feeds, lists, provinces, web
from calendar_gen.cli.translate import Command, Group
from calendar_gen.i18n import N_

app = typer.Typer(
    name="calendar-gen",
    cls=Group,
    help=N_("Vietnamese commemoration calendars: anniversaries with correct 'N năm' counts."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

COMMANDS = (
    (lists.month, N_("The anniversaries of a month that guidance lists: the paragraph, a list or a sheet.")),
    (
        lists.year,
        N_("The yearly plan in the sections of the central yearly guidance; --by-month month by month."),
    ),
    (lists.upcoming, N_("What comes next, with the days remaining.")),
    (
        catalogues.validate,
        N_("Check catalogues fully and report every problem with file, line and entry id."),
    ),
    (
        check.check,
        N_("Proofread a draft (.txt, .md, .docx): wrong counts, dates and names, with the corrections."),
    ),
    (provinces.provinces, N_("The 34 provincial units, their former provinces and their days.")),
    (feeds.feed, N_("An iCalendar feed (.ics) to subscribe to in Google, Apple, Outlook or Thunderbird.")),
    (
        web.serve,
        N_("Serve the subscribe page, feeds, sheets and JSON over HTTP; catalogues reload on change."),
    ),
    (
        web.build,
        N_("Write a static site (feeds, month and year pages, subscribe page) for any web server or CDN."),
    ),
)
for function, summary in COMMANDS:
    app.command(cls=Command, help=summary)(function)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"calendar-gen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version and exit.")),
    ] = False,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="vi|en",
            help=N_("Language of help and messages: vi (default) or en; also chosen by LANG=en_US.UTF-8."),
            show_default=False,
        ),
    ] = "",
) -> None:
    # The language itself was chosen before parsing (calendar_gen.cli.main), so that parse errors
    # are translated too; the option is declared here so that it is listed and accepted.
    pass
