"""Console entry point: choose the language, then run the command group."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run ``calendar-gen``; no traceback for broken pipes or Ctrl-C."""
    args = sys.argv[1:] if argv is None else argv
    if _quick(args):
        return
    from calendar_gen import i18n
    from calendar_gen.cli.translate import install

    try:
        install(i18n.choose(args, os.environ))
        _refuse_unknown_lang(args)
        args = i18n.without_lang(args)
    except i18n.MissingCatalog as exc:
        sys.stderr.write(f"calendar-gen: {exc}\n")
        sys.exit(1)
    from calendar_gen.cli.app import NAMES, command_app

    try:
        command_app(_command(args, NAMES))(args=args, prog_name="calendar-gen")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)


def _quick(args: list[str]) -> bool:
    """Answer a plain ``month`` without the Typer app (``cli.quick``); False when Typer must run."""
    from calendar_gen.cli import quick

    try:
        text = None if quick.disabled(os.environ) else quick.answer(args, os.environ)
        if text is None:
            return False
        sys.stdout.write(text)
        sys.stdout.flush()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    return True


def _command(args: list[str], names: frozenset[str]) -> str | None:
    """The command being run, so that only its module is imported; None for the group's own use.

    The group has no option taking a value (``--lang`` is gone by now), so the first argument
    that is not an option names the command. ``--help`` or ``--version`` before it, an unknown
    name or none at all get the whole group: its help, its "Did you mean".
    """
    for arg in args:
        if arg.startswith("-"):
            return None
        return arg if arg in names else None
    return None


def _refuse_unknown_lang(args: list[str]) -> None:
    """``--lang vn`` is a mistake, not Vietnamese: say which values exist (exit 2)."""
    from calendar_gen import i18n

    value = i18n.unknown_lang(args)
    if value is None:
        return
    from calendar_gen.i18n import _
    from calendar_gen.problems import did_you_mean, shown

    # VN is Vietnam's country code; the language is vi (ISO 639-1).
    hint = did_you_mean({"vn": "vi"}.get(value.lower(), value.lower()), sorted(i18n.LANGUAGES))
    sys.stderr.write(
        "calendar-gen: "
        + _("--lang '{value}' is not a language of calendar-gen; use vi or en").format(value=shown(value))
        + hint
        + "\n"
    )
    sys.exit(2)
