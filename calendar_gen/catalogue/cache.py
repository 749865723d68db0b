"""A cache of validated catalogue files, so that repeated commands skip YAML parsing.

Like Python's ``.pyc`` files: one JSON file per catalogue, valid while the catalogue's content
(its size and BLAKE2b hash) and calendar-gen's version are unchanged. The file is read anyway (a
200 KB catalogue hashes in about 0.2 ms, measured); size, mtime and inode alone miss an edit that keeps all
three (``cp -p`` of a file of the same size). What the cache saves is YAML parsing and validation,
which it skips. Only files that validated are cached. Any problem with the cache (unreadable,
corrupt, unwritable) falls back to a full load. JSON, not pickle: a cache file can never run code.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from calendar_gen import __version__
from calendar_gen.catalogue.load import checked, load_file
from calendar_gen.catalogue.types import Catalogue, CatalogueFile, Province
from calendar_gen.digest import blake2b
from calendar_gen.model import Anniversary, Calendar, FoundingDate, Origin

SCHEMA = 5  # bump when validation rules or the model change


def load(paths: Sequence[Path], cache_dir: Path | None) -> Catalogue:
    """Like :func:`calendar_gen.catalogue.load`, reading and writing the cache in ``cache_dir``."""
    from calendar_gen.problems import CatalogueError, Problem

    files: list[CatalogueFile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            files.append(_load_one(path, cache_dir))
        except CatalogueError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CatalogueError(problems)
    return checked(files, cache_dir)


def stamp(name: str, data: bytes) -> list[Any]:
    """What a cached form is valid for: calendar-gen's version, SCHEMA, a name, the size and hash."""
    digest = blake2b(data, digest_size=32).hexdigest()
    return [__version__, SCHEMA, name, len(data), digest]


def _load_one(path: Path, cache_dir: Path | None) -> CatalogueFile:
    if cache_dir is None:
        return load_file(path)
    from calendar_gen.catalogue.files import read_bytes

    data = read_bytes(path)  # the same checks as a full load: a regular file within the size limit
    from calendar_gen.catalogue.compiled import shipped

    packaged = shipped(path, data)  # a shipped file, validated when the wheel was built
    if packaged is not None:
        return packaged
    import zlib  # only for a file that is not shipped: the shipped ones returned above (issue 21)

    valid_for = stamp(str(path), data)
    # The name only spreads files; the stamp inside decides validity, so a collision is just a miss.
    target = cache_dir / f"{zlib.crc32(str(path.resolve()).encode()):08x}.json"
    cached = read(target, valid_for, str(path))
    if cached is not None:
        return cached
    from calendar_gen.catalogue.schema import validate_file  # PyYAML only on a miss

    loaded = validate_file(path, data)
    with contextlib.suppress(OSError):
        os.makedirs(target.parent, exist_ok=True)
        from calendar_gen.fileio import write_atomic

        write_atomic(target, dump(valid_for, loaded))
    return loaded


def read(target: Path, valid_for: list[Any], path: str) -> CatalogueFile | None:
    """The file cached in ``target`` when its stamp is ``valid_for``, its origins named ``path``."""
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        if data["stamp"] != valid_for:
            return None
        return CatalogueFile(
            path=path,
            title=data["title"],
            description=data["description"],
            entries=tuple(_entry(item, path) for item in data["entries"]),
            disabled=tuple(data["disabled"]),
            province=_province(data["province"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def dump(valid_for: list[Any], loaded: CatalogueFile) -> bytes:
    """A validated file as the JSON that :func:`read` takes back."""
    data = {
        "stamp": valid_for,
        "path": loaded.path,
        "title": loaded.title,
        "description": loaded.description,
        "entries": [_plain(e) for e in loaded.entries],
        "disabled": list(loaded.disabled),
        "province": None if loaded.province is None else _plain_province(loaded.province),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _plain_province(province: Province) -> list[Any]:
    # What dataclasses.astuple gave when Province was a dataclass: the fields, pairs as lists.
    return [province.slug, province.name, province.type, [list(pair) for pair in province.former]]


def _province(item: list[Any] | None) -> Province | None:
    if item is None:
        return None
    slug, name, kind, former = item
    return Province(slug, name, kind, tuple((s, n) for s, n in former))


def _plain(entry: Anniversary) -> list[Any]:
    founded = entry.founded
    return [
        entry.id,
        entry.name,
        [founded.calendar.value, founded.year, founded.month, founded.day, founded.leap],
        entry.count_shown,
        entry.scope,
        entry.kind,
        list(entry.tags),
        entry.source,
        entry.note,
        entry.observed_day,
        entry.major,
        sorted(entry.major_years),
        entry.origin.line if entry.origin else 0,
        entry.class_by_year,
        entry.former,
        list(entry.aliases),
        _date(entry.died),
        entry.settled,
        [_date(d) for d in entry.other_dates],
        entry.listed,
        list(entry.listed_for),
        entry.same_as,
    ]


def _date(founded: FoundingDate | None) -> list[Any] | None:
    if founded is None:
        return None
    return [founded.calendar.value, founded.year, founded.month, founded.day, founded.leap]


def _founded(item: list[Any] | None) -> FoundingDate | None:
    if item is None:
        return None
    calendar, year, month, day, leap = item
    return FoundingDate(Calendar(calendar), year, month, day, leap)


def _entry(item: list[Any], path: str) -> Anniversary:
    (eid, name, founded, count, scope, kind, tags, source, note, observed, major, years, line, by_year) = (
        item[:14]
    )
    former, aliases, died, settled, other_dates, listed, listed_for, same_as = item[14:]
    start = _founded(founded)
    assert start is not None
    return Anniversary(
        id=eid,
        name=name,
        founded=start,
        count_shown=count,
        scope=scope,
        kind=kind,
        tags=tuple(tags),
        source=source,
        note=note,
        observed_day=observed,
        major=major,
        major_years=frozenset(years),
        class_by_year=by_year,
        former=former,
        aliases=tuple(aliases),
        died=_founded(died),
        settled=settled,
        other_dates=tuple(d for d in map(_founded, other_dates) if d is not None),
        listed=listed,
        listed_for=tuple(listed_for),
        same_as=same_as,
        origin=Origin(path, line),
    )
