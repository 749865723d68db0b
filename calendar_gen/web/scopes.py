"""What the web pages offer as choices: scopes grouped by province, in Vietnamese alphabetical order.

Labels come from the overlays' ``province`` header (Nghị quyết 202/2025/QH15): the group
"Quảng Ngãi" holds "Cả tỉnh Quảng Ngãi" and "Kon Tum (tỉnh cũ)". Pure: the catalogue comes in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from calendar_gen.catalogue.types import Catalogue, Province
from calendar_gen.engine.selection import select

# Vietnamese alphabetical order (the 29 letters, with f j w z of loanwords in their Latin places).
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "+"}  # breve, circumflex, horn
_WITH_MARK = {
    ("a", "ă"): "ă",
    ("a", "^"): "â",
    ("e", "^"): "ê",
    ("o", "^"): "ô",
    ("o", "+"): "ơ",
    ("u", "+"): "ư",
}
# Tones as a secondary difference, in the order of CLDR's Vietnamese collation: ngang, huyền, hỏi,
# ngã, sắc, nặng (a < à < ả < ã < á < ạ).
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key in Vietnamese dictionary order: letters first (a ă â b c d đ e ê ...), tones second.

    ``sorted(["Đoàn", "Dân", "Anh", "Ăn"], key=collation_key)`` gives Anh, Ăn, Dân, Đoàn, where
    code-point order would put Đ after Z and Ă after every plain letter.
    """
    letters: list[int] = []
    tones: list[int] = []
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d\u0000"))
    for char in decomposed:
        if char == "\u0000" and letters:  # the stroke of đ
            letters[-1] = ALPHABET.index("đ")
        elif char in _LETTER_MARKS and letters and 0 <= letters[-1] < len(ALPHABET):
            base = ALPHABET[letters[-1]]
            marked = _WITH_MARK.get((base, _LETTER_MARKS[char]))
            if marked:
                letters[-1] = ALPHABET.index(marked)
        elif char in TONES:
            if tones:
                tones[-1] = TONES[char]
        elif unicodedata.combining(char):
            continue
        else:
            letters.append(_rank(char))
            tones.append(0)
    return tuple(letters), tuple(tones), text


def _rank(char: str) -> int:
    """Spaces and punctuation before digits before letters: "An ninh" < "Anh hùng" < "Ăn"."""
    index = ALPHABET.find(char)
    if index >= 0:
        return index
    if char.isdigit():
        return -20 + int(char) if char.isascii() else -11
    return len(ALPHABET) + ord(char) if char.isalpha() else -100


def vietnamese_sorted(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(value, label) pairs in Vietnamese alphabetical order of their labels."""
    return sorted(items, key=lambda pair: collation_key(pair[1]))


@dataclass(frozen=True)
class ScopeOption:
    """One choice of the scope list: the ``scope`` value and what people read."""

    value: str
    label: str


@dataclass(frozen=True)
class ScopeGroup:
    """The choices of one provincial unit (the whole unit, then each former province)."""

    label: str
    options: tuple[ScopeOption, ...]


def units(catalogue: Catalogue) -> dict[str, Province]:
    """The provincial units whose overlay is loaded, by slug (from each overlay's header)."""
    return {f.province.slug: f.province for f in catalogue.files if f.province is not None}


def known_scopes(catalogue: Catalogue) -> set[str]:
    """Every scope a filter may name: the entries' scopes, their families, former provinces."""
    known = {e.scope for e in catalogue.entries} | {e.scope.split(":")[0] for e in catalogue.entries}
    return known | {f"province:{e.former}" for e in catalogue.entries if e.former}


def scope_label(catalogue: Catalogue, scope: str) -> str:
    """A scope as people read it: "Toàn quốc", "Cả tỉnh Quảng Ngãi", "Kon Tum (tỉnh cũ)"."""
    if scope == "national":
        return "Toàn quốc"
    family, _, slug = scope.partition(":")
    for unit in units(catalogue).values():
        if unit.slug == slug:
            return f"Cả {unit.full_name}"
        for former, name in unit.former:
            if former == slug:
                return f"{name} (tỉnh cũ)"
    for file in catalogue.files:
        if file.title and file.entries and all(e.scope == scope for e in file.entries):
            return file.title
    return f"{'Tỉnh' if family == 'province' else 'Ngành'} {slug}"


def scope_choices(catalogue: Catalogue) -> tuple[list[ScopeOption], list[ScopeGroup]]:
    """National (and other scopes of no unit) first, then one group per unit in alphabetical order.

    A former province is offered only when the catalogue holds days of it.
    """
    scopes = {e.scope for e in catalogue.entries}
    formers = {e.former for e in catalogue.entries if e.former}
    groups: list[ScopeGroup] = []
    grouped: set[str] = set()
    for unit in units(catalogue).values():
        scope = f"province:{unit.slug}"
        if scope not in scopes:
            continue
        options = [ScopeOption(scope, scope_label(catalogue, scope))]
        options += [
            ScopeOption(f"province:{slug}", f"{name} (tỉnh cũ)")
            for slug, name in unit.former
            if slug in formers
        ]
        groups.append(ScopeGroup(unit.name, tuple(options)))
        grouped.add(scope)
    rest = sorted(scopes - grouped - {"national"}, key=lambda s: collation_key(scope_label(catalogue, s)))
    first = [ScopeOption("national", "Toàn quốc")] if "national" in scopes else []
    first += [ScopeOption(s, scope_label(catalogue, s)) for s in rest]
    return first, sorted(groups, key=lambda group: collation_key(group.label))


def catalogue_names(catalogue: Catalogue, scopes: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The titles of the catalogue files a selection draws on (a sheet's footer names them)."""
    files = [f for f in catalogue.files if not scopes or select(f.entries, scopes)]
    return tuple(f.title or Path(f.path).name for f in files)
