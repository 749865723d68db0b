"""The ``calendar-gen`` command group: every command registered with its translated help.

A command's module is imported only when it is registered, and ``main`` registers only the command
being run (the whole table for the group's help, a mistyped name, or no name): a cold ``month``
does not import the proofreader, the server or the feed writer. ``app`` is the full group.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer

from calendar_gen import __version__
from calendar_gen.cli.translate import Command, Group
from calendar_gen.i18n import N_

# (command name, module in calendar_gen.cli, function, summary), in the order help lists them.
COMMANDS = (
    (
        "month",
        "lists",
        "month",
        N_("The anniversaries of a month that guidance lists: the paragraph, a list or a sheet."),
    ),
    (
        "year",
        "lists",
        "year",
        N_("The yearly plan in the sections of the central yearly guidance; --by-month month by month."),
    ),
    ("upcoming", "lists", "upcoming", N_("What comes next, with the days remaining.")),
    (
        "validate",
        "catalogues",
        "validate",
        N_("Check catalogues fully and report every problem with file, line and entry id."),
    ),
    (
        "check",
        "check",
        "check",
        N_("Proofread a draft (.txt, .md, .docx): wrong counts, dates and names, with the corrections."),
    ),
    (
        "provinces",
        "provinces",
        "provinces",
        N_("The 34 provincial units, their former provinces and their days."),
    ),
    (
        "feed",
        "feeds",
        "feed",
        N_("An iCalendar feed (.ics) to subscribe to in Google, Apple, Outlook or Thunderbird."),
    ),
    (
        "serve",
        "web",
        "serve",
        N_("Serve the subscribe page, feeds, sheets and JSON over HTTP; catalogues reload on change."),
    ),
    (
        "build",
        "web",
        "build",
        N_("Write a static site (feeds, month and year pages, subscribe page) for any web server or CDN."),
    ),
)
NAMES = frozenset(name for name, *_ in COMMANDS)


def command_app(only: str | None = None) -> typer.Typer:
    """The command group with every command, or with only the command named ``only``."""
    group = typer.Typer(
        name="calendar-gen",
        cls=Group,
        help=N_("Vietnamese commemoration calendars: anniversaries with correct 'N năm' counts."),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    group.callback()(_root)
    for name, module, function, summary in COMMANDS:
        if only is None or name == only:
            command = getattr(importlib.import_module(f"calendar_gen.cli.{module}"), function)
            group.command(name, cls=Command, help=summary)(command)
    return group


def __getattr__(name: str) -> Any:
    """``app``, the full group, built on first use (tests and ``main`` for help)."""
    if name == "app":
        globals()["app"] = command_app()
        return globals()["app"]
    raise AttributeError(name)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"calendar-gen {__version__}")
        raise typer.Exit()


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
