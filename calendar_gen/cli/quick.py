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
import os
import re
from collections.abc import Mapping, Sequence

from calendar_gen.i18n import LANGUAGES

# Options that take a value, as Click spells them (cli/options.py), and whether they repeat.
_VALUED = {"--today": "today", "--province": "province", "-p": "province", "--for": "audience"}
_REPEATABLE = {"province", "audience"}
_FLAGS = {"--all": "all", "--round": "round", "-r": "round"}
_MONTH = re.compile(r"[0-9]{4}-[0-9]{1,2}|[0-9]{1,2}[/.-][0-9]{4}")


def answer(args: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The text ``calendar-gen ARGS`` prints on standard output, or None to run the Typer app."""
    parsed = _parse(args)
    if parsed is None:
        return None
    from calendar_gen import i18n

    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            i18n.activate(i18n.choose(args, environ))
            text = _month(parsed)
    except (Exception, SystemExit):  # any refusal or failure: the Typer app reports it instead
        return None
    if stderr.getvalue():
        return None  # something was said on the way (a warning): let the Typer app say it
    return text


def _parse(args: Sequence[str]) -> dict[str, object] | None:
    """The recognised options of a plain ``month`` by name; None for anything else."""
    rest = list(args)
    if rest[:1] == ["--lang"] and len(rest) > 1 and rest[1] in LANGUAGES:
        del rest[:2]  # the group's one option, before the command (i18n.choose reads it)
    elif rest and rest[0].startswith("--lang=") and rest[0].partition("=")[2] in LANGUAGES:
        del rest[:1]
    if not rest or rest.pop(0) != "month":
        return None
    found: dict[str, object] = {}
    while rest:
        arg = rest.pop(0)
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in _FLAGS and not equals:
            if _FLAGS[name] in found:
                return None
            found[_FLAGS[name]] = True
        elif name in _VALUED:
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            key = _VALUED[name]
            if not value or value.startswith("-"):
                return None
            if key in _REPEATABLE:
                values = found.setdefault(key, [])
                assert isinstance(values, list)
                values.append(value)
            elif key in found:
                return None
            else:
                found[key] = value
        elif arg.startswith("-") or "month" in found or not _MONTH.fullmatch(arg):
            return None
        else:
            found["month"] = arg
    return found


def _month(parsed: dict[str, object]) -> str:
    """What ``cli.lists.month`` prints for these options in the text format (its defaults otherwise)."""
    from calendar_gen.cli.monthly import choose_month, paragraph
    from calendar_gen.cli.output import run_template
    from calendar_gen.engine.listing import listed_only
    from calendar_gen.render.formatting import DateStyle

    def strings(key: str) -> list[str] | None:
        value = parsed.get(key)
        return list(value) if isinstance(value, list) else None

    def string(key: str) -> str | None:
        value = parsed.get(key)
        return value if isinstance(value, str) else None

    round_ = parsed.get("round") is True
    picked = choose_month(
        string("month"),
        string("today"),
        province=strings("province"),
        round_only=round_,
        audience=strings("audience"),
    )
    listed = picked.found if parsed.get("all") is True else listed_only(picked.choices)
    return run_template(paragraph, picked, listed, DateStyle.ND30, None, round_)


def disabled(environ: Mapping[str, str] = os.environ) -> bool:
    """``CALENDAR_GEN_NO_QUICK=1`` always runs the Typer app (the comparison tests use it)."""
    return bool(environ.get("CALENDAR_GEN_NO_QUICK"))
