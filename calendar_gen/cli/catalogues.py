"""``validate``: check catalogue files and report every problem."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from calendar_gen.cli.common import report_problems
from calendar_gen.i18n import N_, ngettext


def validate(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            metavar="PATH...",
            help=N_("Catalogue files; default: the shipped catalogue and overlays."),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check catalogues fully and report every problem with file, line and entry id."""
    from calendar_gen.catalogue.load import load
    from calendar_gen.paths import default_catalogue, province_catalogues
    from calendar_gen.problems import CatalogueError, Problem

    files = paths or [default_catalogue(), *province_catalogues().values()]
    problems: list[Problem] = []
    for path in files:  # each file on its own, so that every file's problems are found
        try:
            loaded = load([path])
        except CatalogueError as exc:
            problems.extend(exc.problems)
        else:
            count = len(loaded.files[0].entries)
            summary = ngettext("{count} entry, OK", "{count} entries, OK", count)
            typer.echo(f"{path}: " + summary.format(count=count))
    if not problems and len(files) > 1:
        try:  # together: one event held twice across files (same_as, issue 18)
            load(files)
        except CatalogueError as exc:
            problems.extend(exc.problems)
    if problems:
        header = ngettext("{count} problem found:", "{count} problems found:", len(problems))
        report_problems(problems, header.format(count=len(problems)))
        raise typer.Exit(1)
