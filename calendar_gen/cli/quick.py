"""A plain ``month`` answered without building the Typer app: the common command at Python's speed.

Issue 21: a cold ``calendar-gen month`` should cost little more than starting the interpreter,
and importing Typer and Click and building the command from its signature costs more than the
month itself. So ``main`` first offers the arguments here. What is recognised is the command
people and cron jobs type most: ``month`` (after ``--lang vi|en`` or not), at most one month
argument, ``--today``, ``-p`` / ``--province``, ``--for``, ``--all`` and ``-r`` / ``--round``,
written as Click accepts them (``--opt value`` or ``--opt=value``). It runs the same code as the Typer command
(``cli.monthly``, ``cli.output.run_template``) and returns the paragraph.

Everything else returns None and the Typer app runs the command from the start: help, any other
option, an option given twice, a value that looks like an option, and any refusal or failure
(the shared helpers raise Click's exceptions, which need Typer; their messages and the
standard error written meanwhile are dropped, and Typer prints them once, with the usage line
and exit code it always gives). Nothing is written before the paragraph is complete, so running
again is safe. ``tests/test_quick.py`` compares both ways on every month of several years.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Mapping, Sequence

from calendar_gen.i18n import LANGUAGES

# Options that take a value, as Click spells them (cli/options.py); -p and --for repeat.
_VALUED = {"--today": "today", "--province": "province", "-p": "province", "--for": "audience"}
_FLAGS = {"--all": "all", "--round": "round", "-r": "round"}


class _Plain:
    """The options of a plain ``month``, as the Typer command would receive them."""

    __slots__ = ("all", "audience", "month", "province", "round", "today")

    def __init__(self) -> None:
        self.month: str | None = None
        self.today: str | None = None
        self.province: list[str] = []
        self.audience: list[str] = []
        self.all = False
        self.round = False


def answer(args: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The text ``calendar-gen ARGS`` prints on standard output, or None to run the Typer app."""
    plain = _parse(args)
    if plain is None:
        return None
    from calendar_gen import i18n

    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            i18n.activate(i18n.choose(args, environ))
            text = _month(plain)
    except (Exception, SystemExit):  # any refusal or failure: the Typer app reports it instead
        return None
    if stderr.getvalue():
        return None  # something was said on the way (a warning): let the Typer app say it
    return text


def _parse(args: Sequence[str]) -> _Plain | None:
    """The options of a plain ``month``; None for anything else.

    Values are not checked here: ``cli.monthly`` checks them as the Typer command does, and a
    refusal sends the command to Typer.
    """
    rest = list(args)
    if rest[:1] == ["--lang"] and len(rest) > 1 and rest[1] in LANGUAGES:
        del rest[:2]  # the group's one option, before the command (i18n.choose reads it)
    elif rest and rest[0].startswith("--lang=") and rest[0].partition("=")[2] in LANGUAGES:
        del rest[:1]
    if not rest or rest.pop(0) != "month":
        return None
    plain = _Plain()
    while rest:
        arg = rest.pop(0)
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in _FLAGS and not equals:
            if getattr(plain, _FLAGS[name]):
                return None  # given twice
            setattr(plain, _FLAGS[name], True)
        elif name in _VALUED:
            value = value if equals else (rest.pop(0) if rest else "")
            key = _VALUED[name]
            if not value or value.startswith("-"):
                return None
            if key == "today":
                if plain.today is not None:
                    return None  # given twice (Click would keep the last): Typer answers it
                plain.today = value
            else:
                getattr(plain, key).append(value)
        elif arg.startswith("-") or plain.month is not None:
            return None
        else:
            plain.month = arg
    return plain


def _month(plain: _Plain) -> str:
    """What ``cli.lists.month`` prints for these options in the text format (its defaults otherwise)."""
    from calendar_gen.cli.monthly import choose_month, paragraph
    from calendar_gen.cli.output import run_template
    from calendar_gen.engine.listing import listed_only
    from calendar_gen.render.formatting import DateStyle

    picked = choose_month(
        plain.month,
        plain.today,
        province=plain.province or None,
        round_only=plain.round,
        audience=plain.audience or None,
    )
    listed = picked.found if plain.all else listed_only(picked.choices)
    return run_template(paragraph, picked, listed, DateStyle.ND30, None, plain.round)


def disabled(environ: Mapping[str, str]) -> bool:
    """``CALENDAR_GEN_NO_QUICK=1`` always runs the Typer app (the comparison tests use it)."""
    return bool(environ.get("CALENDAR_GEN_NO_QUICK"))
