"""The ``provinces`` command: the 34 units, their former provinces and their days."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from calendar_gen.cli.errors import bad_parameter
from calendar_gen.i18n import N_, _


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
        raise bad_parameter(_("'{value}' is not text or json").format(value=fmt), "--format")
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
