"""The 34 provincial units since 01/7/2025 (Nghị quyết 202/2025/QH15) and the names people type.

``data/provinces.yaml`` is the registry; ``data/provinces/<slug>.yaml`` holds each unit's overlay
with the days of the provinces merged into it (entries marked ``former: <slug>``). ``resolve``
turns what an officer types ("Kon Tum", "kontum", "TP Hồ Chí Minh", "Thừa Thiên Huế") into a
unit and, for a former province, that province only.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calendar_gen.catalogue.types import Catalogue, Province
from calendar_gen.digest import blake2b
from calendar_gen.model import Anniversary
from calendar_gen.paths import compiled_dir


@dataclass(frozen=True, slots=True)
class Registry:
    """The units in the resolution's order, with every typed form that names one."""

    units: tuple[Province, ...]
    aliases: dict[str, tuple[str, ...]]  # slug (unit or former) -> other names people type


@dataclass(frozen=True, slots=True)
class Choice:
    """What ``-p`` selects: a whole unit, or one former province of it."""

    unit: Province
    former: str | None = None

    @property
    def label(self) -> str:
        """The name to show: the unit's, or the former province's with the unit."""
        if self.former is None:
            return self.unit.name
        return dict(self.unit.former)[self.former]


class UnknownProvince(ValueError):
    """Nothing matches; ``suggestion`` is the closest name, if any."""

    def __init__(self, text: str, suggestion: str | None) -> None:
        super().__init__(text)
        self.text = text
        self.suggestion = suggestion


_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp\.?)\s+")


def key(text: str) -> str:
    """Case-, accent-, space- and prefix-insensitive form: 'TP. Hồ Chí Minh' -> 'hochiminh'."""
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower().strip()
    plain = _PREFIX.sub("", plain)
    return re.sub(r"[^a-z0-9]", "", plain)


def load_registry(path: Path, cache_dir: Path | None = None) -> Registry:
    """Read ``data/provinces.yaml`` (shipped data, checked by the tests).

    With ``cache_dir``, the parsed file is kept as JSON keyed by its content, so that ``-p`` does
    not pay for importing PyYAML on every command (README.md, "Cache").
    """
    raw = path.read_bytes()
    target = None
    if cache_dir is not None:
        target = cache_dir / registry_name(raw)
    # The shipped registry's JSON is written by the build hook (calendar_gen/catalogue/compiled.py).
    data = _cached(compiled_dir() / registry_name(raw)) or _cached(target)
    if data is None:
        import yaml

        data = yaml.safe_load(raw.decode("utf-8"))
        if target is not None:
            from calendar_gen.fileio import write_atomic

            with contextlib.suppress(OSError):
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(target, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    units: list[Province] = []
    aliases: dict[str, tuple[str, ...]] = {}
    for item in data["units"]:
        former = tuple((f["slug"], f["name"]) for f in item.get("former", []))
        units.append(Province(item["slug"], item["name"], item["type"], former))
        aliases[item["slug"]] = tuple(item.get("aliases", []))
        for f in item.get("former", []):
            aliases[f["slug"]] = tuple(f.get("aliases", []))
    return Registry(tuple(units), aliases)


def registry_name(raw: bytes) -> str:
    """The cache file name of a registry: its content's hash (another content, another name)."""
    return f"provinces-{blake2b(raw, digest_size=16).hexdigest()}.json"


def _cached(target: Path | None) -> Any:
    """The registry as cached JSON, or None (no cache, a miss, or an unreadable file)."""
    if target is None:
        return None
    try:
        return json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _names(registry: Registry) -> dict[str, Choice]:
    """Every typed key -> the choice it names."""
    table: dict[str, Choice] = {}
    for unit in registry.units:
        for text in (unit.slug, unit.name, *registry.aliases.get(unit.slug, ())):
            table[key(text)] = Choice(unit)
        for slug, name in unit.former:
            for text in (slug, name, *registry.aliases.get(slug, ())):
                table[key(text)] = Choice(unit, slug)
    return table


def resolve(text: str, registry: Registry) -> Choice:
    """The unit or former province ``text`` names; UnknownProvince with a suggestion otherwise."""
    table = _names(registry)
    found = table.get(key(text))
    if found is not None:
        return found
    labels = {key(c.label): c.label for c in table.values()}
    close = difflib.get_close_matches(key(text), list(labels), n=1, cutoff=0.6)
    raise UnknownProvince(text, labels[close[0]] if close else None)


def keep(entry: Anniversary, choices: list[Choice]) -> bool:
    """Whether an entry of a province overlay belongs to the chosen units or former provinces.

    Entries of other scopes (national, sectors, the user's own) are always kept.
    """
    units = {c.unit.slug for c in choices}
    if entry.scope.removeprefix("province:") not in units or not entry.scope.startswith("province:"):
        return True
    unit = entry.scope.removeprefix("province:")
    wanted = {c.former for c in choices if c.unit.slug == unit}
    return None in wanted or entry.former in wanted


def restrict(catalogue: Catalogue, choices: list[Choice]) -> Catalogue:
    """The catalogue without the overlay days not chosen (``-p kon-tum`` reads the Quảng Ngãi file)."""
    return catalogue.replace(entries=tuple(e for e in catalogue.entries if keep(e, choices)))
