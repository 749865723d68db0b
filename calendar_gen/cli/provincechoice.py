"""``-p``/``--province`` as people type it: each value resolved to a unit or a former province.

Kept apart from the ``provinces`` command (``cli.provinces``) so that a command resolving ``-p``
does not import Typer unless a value is refused (``cli.errors``).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from calendar_gen.cli.errors import bad_parameter
from calendar_gen.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

    from calendar_gen.catalogue.provinces import Choice, Registry


@functools.cache
def shipped_registry() -> Registry:
    """The shipped registry, read once per process: a command resolves ``-p`` more than once."""
    from calendar_gen.catalogue.provinces import load_registry
    from calendar_gen.cli.common import cache_dir
    from calendar_gen.paths import province_registry

    return load_registry(province_registry(), cache_dir())


def resolve_choices(typed: list[str] | None) -> list[Choice]:
    """Resolve each ``-p`` value to a unit or a former province, with 'did you mean' on a miss."""
    if not typed:
        return []
    from calendar_gen.catalogue.provinces import UnknownProvince, resolve

    registry = shipped_registry()
    choices: list[Choice] = []
    for text in typed:
        try:
            choices.append(resolve(text, registry))
        except UnknownProvince as exc:
            hint = (
                _("; did you mean '{name}'?").format(name=exc.suggestion)
                if exc.suggestion
                else _("; calendar-gen provinces lists the 34 units and their former provinces")
            )
            raise bad_parameter(_("no province '{text}'").format(text=text) + hint, "--province") from None
    return choices


def overlay_paths(choices: list[Choice]) -> list[Path]:
    """The overlay file of each chosen unit, once each, in the order asked."""
    from calendar_gen.paths import province_catalogues

    shipped = province_catalogues()
    paths: list[Path] = []
    for choice in choices:
        path = shipped.get(choice.unit.slug)
        if path is None:
            raise bad_parameter(
                _("no overlay is shipped for '{name}' yet").format(name=choice.unit.name),
                "--province",
            )
        if path not in paths:
            paths.append(path)
    return paths
