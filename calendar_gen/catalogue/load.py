"""Load and validate catalogues: YAML files of founding dates, merged in order by ``id``.

Every problem in every file is collected and reported together (CatalogueError), each with file,
line, entry id and what to do. Loading does not depend on the clock: a catalogue is valid or not
whatever today is (an entry founded after the dates asked for is simply not listed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from calendar_gen.catalogue.types import Catalogue, CatalogueFile
from calendar_gen.model import Anniversary
from calendar_gen.problems import CatalogueError, Problem


def load(paths: Sequence[Path]) -> Catalogue:
    """Load, validate and merge catalogue files; raise CatalogueError listing every problem."""
    files: list[CatalogueFile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            files.append(load_file(path))
        except CatalogueError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CatalogueError(problems)
    return checked(files)


def checked(files: Sequence[CatalogueFile], cache_dir: Path | None = None) -> Catalogue:
    """Merge the files and add the selection rules (``data/listing.yaml``, cached in ``cache_dir``).

    CatalogueError when two loaded entries name one event (``same_as``).
    """
    from calendar_gen.catalogue.listing import load_rules
    from calendar_gen.catalogue.sameday import near_duplicates

    entries = merge(files)
    if problems := near_duplicates(entries):
        raise CatalogueError(problems)
    return Catalogue(tuple(files), entries, load_rules(cache_dir=cache_dir))


def merge(files: Iterable[CatalogueFile]) -> tuple[Anniversary, ...]:
    """Merge files in order: an entry replaces an earlier one with its id; ``enabled: false`` drops it."""
    merged: dict[str, Anniversary] = {}
    for file in files:
        for entry in file.entries:
            merged.pop(entry.id, None)  # re-insert so the override takes the later position
            merged[entry.id] = entry
        for entry_id in file.disabled:
            merged.pop(entry_id, None)
    return tuple(merged.values())


def load_file(path: Path) -> CatalogueFile:
    """Parse and validate one catalogue file (the YAML machinery is imported only when needed)."""
    from calendar_gen.catalogue.schema import validate_file

    return validate_file(path)
