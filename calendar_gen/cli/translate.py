"""Help and messages in the active language (``calendar_gen.i18n``).

Click and Typer have no gettext domain of their own: their modules call ``gettext.gettext``
bound at import. ``install`` rebinds those names to our catalog, whose ``vi`` file also holds
Click's and Typer's messages (``clickmessages.py`` lists them for extraction). Help texts of
commands and options are English message ids, translated when help is printed, so no locale is
read at import time.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
from collections.abc import Iterator
from typing import Any

import click
import typer.core

from calendar_gen import i18n

_PATCHED = (
    "click.core",
    "click.exceptions",
    "click.formatting",
    "click.decorators",
    "click.types",
    "click.parser",
    "click.termui",
    "click.shell_completion",
    "typer.core",
)


def install(language: str) -> None:
    """Activate ``language`` for our messages and Click's."""
    i18n.activate(language)
    for name in _PATCHED:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    click.types._NumberRangeBase._describe_range = _describe_range  # type: ignore[method-assign]
    if not getattr(click.types.Path.__init__, "_sentence_case", False):
        click.types.Path.__init__ = _path_init(click.types.Path.__init__)  # type: ignore[method-assign]


class _Word(str):
    """A translated word that Click's ``.title()`` capitalises as a sentence: "Thư mục", not "Thư Mục"."""

    __slots__ = ()

    def title(self) -> str:
        """Only the first letter in capitals."""
        return self[:1].upper() + self[1:]


def _path_init(init: Any) -> Any:
    """Click's Path, whose name ("file", "directory") starts its messages in sentence case."""

    def wrapped(self: click.types.Path, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.name = _Word(self.name)

    wrapped._sentence_case = True  # type: ignore[attr-defined]
    return wrapped


def _describe_range(self: Any) -> str:
    """Click's range in words ("from 1 to 3660"), not "1<=x<=3660", in messages and help alike."""
    low, high = self.min, self.max
    lower = upper = None
    if low is not None:
        lower = i18n._("greater than {low}") if self.min_open else i18n._("not less than {low}")
        lower = lower.format(low=low)
    if high is not None:
        upper = i18n._("less than {high}") if self.max_open else i18n._("not more than {high}")
        upper = upper.format(high=high)
    if lower is not None and upper is not None:
        if not (self.min_open or self.max_open):
            return i18n._("from {low} to {high}").format(low=low, high=high)
        return i18n._("{lower} and {upper}").format(lower=lower, upper=upper)
    return lower or upper or ""


@contextlib.contextmanager
def _translated(commands: list[click.Command]) -> Iterator[None]:
    """Swap help texts for their translations while help is printed, then restore them."""
    saved: list[tuple[Any, str, Any]] = []
    for command in commands:
        # Help texts, and the usage line's "[OPTIONS]" and "COMMAND [ARGS]...".
        own = ["help", "short_help", "options_metavar", "subcommand_metavar"]
        for owner, attribute in [(command, name) for name in own] + [
            (param, "help") for param in command.params if isinstance(param, click.Option | click.Argument)
        ]:
            value = getattr(owner, attribute, None)
            if isinstance(value, str) and value:
                saved.append((owner, attribute, value))
                setattr(owner, attribute, i18n._(value))
    try:
        yield
    finally:
        for owner, attribute, value in saved:
            setattr(owner, attribute, value)


class Command(typer.core.TyperCommand):
    """A command whose help is printed in the active language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Print the help with translated texts."""
        with _translated([self]):
            super().format_help(ctx, formatter)


class Group(typer.core.TyperGroup):
    """The command group; its listing shows each command's translated summary."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Print the help with translated texts for the group and its commands."""
        with _translated([self, *self.commands.values()]):
            super().format_help(ctx, formatter)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Typer's "Did you mean" for a mistyped command, in the active language."""
        try:
            return click.Group.resolve_command(self, ctx, args)  # not Typer's, whose hint is English
        except click.UsageError as exc:
            matches = difflib.get_close_matches(args[0], list(self.commands)) if args else []
            if matches and self.suggest_commands:
                exc.message = i18n._("{message}. Did you mean {suggestions}?").format(
                    message=exc.message.rstrip("."), suggestions=", ".join(f"{m!r}" for m in matches)
                )
            raise
