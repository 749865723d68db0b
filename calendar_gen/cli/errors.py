"""Errors of the command layer, built without importing Typer until one is raised.

A plain ``month`` is answered without building the Typer app (``cli.quick``) and runs the same
helpers as the Typer command; those helpers import Typer only when they refuse an input, and a
refused input sends the command back through Typer (its usage line and exit code 2).
"""

from __future__ import annotations

from typing import NoReturn


def bad_parameter(message: str, hint: str) -> Exception:
    """Click's "Invalid value for HINT: MESSAGE" (exit 2), naming the option or argument."""
    import typer

    return typer.BadParameter(message, param_hint=hint)


def echo_error(text: str) -> None:
    """One line on standard error, as ``typer.echo(err=True)`` writes it."""
    import typer

    typer.echo(text, err=True)


def leave(code: int) -> NoReturn:
    """End the command with ``code`` after its message has been printed."""
    import typer

    raise typer.Exit(code)
