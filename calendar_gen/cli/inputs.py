"""The files a command reads, so that its output never replaces one of them (issue 23, item 9).

``month 2024-03 -c scope.yaml -o scope.yaml`` would otherwise replace the catalogue with the
paragraph. Each command records what it reads (catalogues, profile, templates, the checked draft)
in its Click context; writing a file then refuses any output that is one of them, whether named
directly, through a symbolic link, with ``..`` or as a hard link (same device and inode).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from calendar_gen.cli.errors import bad_parameter
from calendar_gen.i18n import N_, _

_KEY = "calendar_gen.inputs"
MAX_TEMPLATE_FILES = 1000  # a --templates folder holds a handful; stop looking after this many

CATALOGUE = N_("the catalogue")
PROFILE = N_("the document profile")
TEMPLATE = N_("the template")
DRAFT = N_("the draft being checked")


def _registry() -> dict[tuple[int, int], tuple[str, str]] | None:
    click = sys.modules.get("click")  # without Click there is no command context (cli.quick)
    if click is None:
        return None
    context = click.get_current_context(silent=True)
    if context is None:
        return None
    registry: dict[tuple[int, int], tuple[str, str]] = context.meta.setdefault(_KEY, {})
    return registry


def remember(path: Path | str, what: str) -> None:
    """Record that the command reads ``path`` (``what`` says which input it is, untranslated)."""
    registry = _registry()
    if registry is None:
        return
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return  # a missing input is reported by whoever reads it
    registry.setdefault((info.st_dev, info.st_ino), (what, str(path)))


def remember_templates(folder: Path | None) -> None:
    """Record the files of a ``--templates`` folder (each may be read)."""
    if folder is None:
        return
    seen = 0
    for root, _folders, files in os.walk(folder):
        for name in files:
            remember(Path(root, name), TEMPLATE)
            seen += 1
            if seen >= MAX_TEMPLATE_FILES:
                return


def refuse_input(output: Path, option: str = "--output") -> None:
    """Refuse to write ``output`` when it is one of the command's inputs (exit 2, nothing written)."""
    registry = _registry()
    if not registry:
        return
    try:
        info = os.stat(output)  # follows symbolic links and resolves ".."
    except (OSError, ValueError):
        return  # does not exist yet: it cannot be an input
    found = registry.get((info.st_dev, info.st_ino))
    if found is None:
        return
    what, path = found
    raise bad_parameter(
        _(
            "{output} is {what} this command reads ({path}); nothing was written: choose another output file"
        ).format(output=output, what=_(what), path=path),
        option,
    )
