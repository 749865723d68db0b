"""Console entry point: choose the language, then run the command group."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run ``calendar-gen``; no traceback for broken pipes or Ctrl-C."""
    from calendar_gen import i18n
    from calendar_gen.cli.translate import install

    args = sys.argv[1:] if argv is None else argv
    try:
        install(i18n.choose(args, os.environ))
        args = i18n.without_lang(args)
    except i18n.MissingCatalog as exc:
        sys.stderr.write(f"calendar-gen: {exc}\n")
        sys.exit(1)
    from calendar_gen.cli.app import app

    try:
        app(args=args, prog_name="calendar-gen")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
