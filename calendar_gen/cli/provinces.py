"""``-p``/``--province`` as people type it, and the ``provinces`` command listing the 34 units."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Annotated

import typer

from calendar_gen.i18n import N_, _

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
            raise typer.BadParameter(
                _("no province '{text}'").format(text=text) + hint, param_hint="--province"
            ) from None
    return choices


def overlay_paths(choices: list[Choice]) -> list[Path]:
    """The overlay file of each chosen unit, once each, in the order asked."""
    from calendar_gen.paths import province_catalogues

    shipped = province_catalogues()
    paths: list[Path] = []
    for choice in choices:
        path = shipped.get(choice.unit.slug)
        if path is None:
            raise typer.BadParameter(
                _("no overlay is shipped for '{name}' yet").format(name=choice.unit.name),
                param_hint="--province",
            )
        if path not in paths:
            paths.append(path)
    return paths


def provinces(
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help=N_("Output format: text or json."), show_envvar=False),
    ] = "text",
) -> None:
    """List the 34 units, their former provinces and how many days each overlay holds."""
    from calendar_gen.catalogue.load import load_file
    from calendar_gen.catalogue.provinces import load_registry
    from calendar_gen.paths import province_catalogues, province_registry

    if fmt not in ("text", "json"):
        raise typer.BadParameter(_("'{value}' is not text or json").format(value=fmt), param_hint="--format")
    shipped = province_catalogues()
    rows = []
    for unit in load_registry(province_registry()).units:
        entries = load_file(shipped[unit.slug]).entries if unit.slug in shipped else ()
        counts = {slug: sum(1 for e in entries if e.former == slug) for slug, _name in unit.former}
        rows.append(
            {
                "slug": unit.slug,
                "name": unit.name,
                "type": unit.type,
                "entries": sum(1 for e in entries if e.former is None),
                "former": [{"slug": s, "name": n, "entries": counts[s]} for s, n in unit.former],
            }
        )
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        former = ", ".join(f"{f['name']} ({f['slug']}, {f['entries']})" for f in row["former"])  # type: ignore[attr-defined]
        line = f"{row['slug']:<16} {row['type']} {row['name']} ({row['entries']})"
        typer.echo(line + (f"  + {former}" if former else ""))
