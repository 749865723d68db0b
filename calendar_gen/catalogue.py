"""Load and validate catalogues: YAML files of founding dates, merged in order by ``id``.

Every problem in every file is collected and reported together (CatalogueError), each with file,
line, entry id and what to do. Text is normalised to Unicode NFC. The key names are a public
contract (README.md, "Catalogue format"): users and other tools write these files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from calendar_gen import lunar
from calendar_gen.model import Anniversary, Calendar, FoundingDate
from calendar_gen.problems import CatalogueError, Problem

ENTRY_KEYS = (
    "id",
    "name",
    "date",
    "calendar",
    "leap",
    "count",
    "observed",
    "scope",
    "kind",
    "tags",
    "major",
    "class_by_year",
    "enabled",
    "source",
    "note",
)
REQUIRED_KEYS = ("id", "name", "date")
TOP_KEYS = ("anniversaries", "title", "description", "defaults")
DEFAULTABLE_KEYS = ("calendar", "count", "scope", "kind", "tags", "source")
KINDS = (
    "holiday",
    "event",
    "armed-forces",
    "organisation",
    "sector",
    "leader",
    "figure",
    "international",
    "local",
)
KIND_LABELS = {
    "holiday": "Ngày lễ lớn",
    "event": "Sự kiện lịch sử",
    "armed-forces": "Lực lượng vũ trang",
    "organisation": "Tổ chức chính trị – xã hội",
    "sector": "Ngày truyền thống ngành",
    "leader": "Lãnh tụ, lãnh đạo tiền bối",
    "figure": "Danh nhân",
    "international": "Ngày quốc tế",
    "local": "Địa phương",
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SCOPE = re.compile(r"^(?:national|(?:province|sector):[a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass(frozen=True, slots=True)
class CatalogueFile:
    """One parsed file: its entries (disabled ones as ids to drop) and its metadata."""

    path: str
    title: str | None
    description: str | None
    entries: tuple[Anniversary, ...]
    disabled: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The merged catalogue: later files override earlier entries with the same id."""

    files: tuple[CatalogueFile, ...]
    entries: tuple[Anniversary, ...]


def load(paths: Sequence[Path], today: dt.date) -> Catalogue:
    """Load, validate and merge catalogue files; raise CatalogueError listing every problem."""
    files: list[CatalogueFile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            files.append(load_file(path, today))
        except CatalogueError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(tuple(files), merge(files))


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


def load_file(path: Path, today: dt.date) -> CatalogueFile:
    """Parse and validate one catalogue file (the YAML machinery is imported only when needed)."""
    from calendar_gen.schema import validate_file

    return validate_file(path, today)


def first_day(founded: FoundingDate) -> dt.date:
    """The earliest solar day a founding date can denote, for the future-date check."""
    assert founded.year is not None
    if founded.calendar is Calendar.LUNAR and founded.month is not None:
        solar = lunar.to_solar(founded.year, founded.month, founded.day or 1, founded.leap)
        if solar is not None:
            return solar
    if founded.year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(founded.year, founded.month or 1, founded.day or 1)
