"""Tie a mention to a catalogue entry by its name and its founding date together.

The name alone decides only when it is confident (nearly every word of the entry's name, or of
one of its ``aliases``, and no close rival with another date); the date then says whether the
mention agrees. A name that matches one entry while the date matches another is that other entry
("Ngày Phụ nữ Việt Nam (20/10/1930)" counts from the founding of Hội LHPN).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from calendar_gen.check.dates import Written
from calendar_gen.check.names import is_local, overlap, tokens, units, words
from calendar_gen.model import Anniversary, Calendar, FoundingDate

CONFIDENT = 0.8  # a name this close identifies the entry
MARGIN = 0.1  # ... when no entry with another date comes this close
WITH_DATE = 0.45  # a name this close is enough when the founding date agrees too
LOCAL_CAP = 0.4  # below WITH_DATE: a local name never matches a national or other-level entry
_LEADING_NOISE = ("ngay", "ki niem", "le ki niem", "nhan dip")


@dataclass(frozen=True, slots=True)
class Ranked:
    """An entry and how close its best name (or alias) is to the mention's name."""

    entry: Anniversary
    score: float


def dates_of(entry: Anniversary) -> tuple[FoundingDate, ...]:
    """The founding date and the other dates documents are known to count from."""
    return (entry.founded, *entry.other_dates)


def agrees(date: Written, lunar: bool, founded: FoundingDate) -> bool:
    """Whether a written date says the same as a catalogue date, as far as both go.

    A lunar mention never agrees with a solar entry; a lunar entry written without "âm lịch"
    agrees (documents often leave the word out).
    """
    if lunar and founded.calendar is Calendar.SOLAR:
        return False
    pairs = ((date.year, founded.year), (date.month, founded.month), (date.day, founded.day))
    return all(part is None or value is None or part.value == value for part, value in pairs)


def agrees_with_entry(date: Written, lunar: bool, entry: Anniversary) -> bool:
    """Whether the date agrees with the entry's founding date or one of its other dates."""
    return any(agrees(date, lunar, founded) for founded in dates_of(entry))


class Index:
    """The entries by name word, for fast ranking of many mentions."""

    def __init__(self, entries: Sequence[Anniversary]) -> None:
        self.entries = tuple(entries)
        self.names: list[tuple[Anniversary, frozenset[str], tuple[str, ...]]] = []
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.ranked: dict[str, list[Ranked]] = {}  # a document repeats its names
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                position = len(self.names)
                self.names.append((entry, tokens(name), _core_words(name)))
                for word in tokens(name):
                    self.by_word[word].append(position)

    def rank(self, name: str) -> list[Ranked]:
        """Entries sharing a word with ``name``, best first (each entry once, by its best name)."""
        cached = self.ranked.get(name)
        if cached is None:
            cached = self.ranked[name] = self._rank(name)
        return cached

    def _rank(self, name: str) -> list[Ranked]:
        mention = tokens(name)
        local = is_local(name)
        shared: dict[int, int] = defaultdict(int)
        for word in mention:
            for position in self.by_word.get(word, ()):
                shared[position] += 1
        best: dict[str, Ranked] = {}
        for position, count in shared.items():
            entry, entry_tokens, _ = self.names[position]
            score = overlap(count, len(mention), len(entry_tokens))
            if local and not is_local(entry.name):
                score = min(score, LOCAL_CAP)  # a province's day is not the national day it resembles
            elif local and units(name) and units(entry.name) and not units(name) & units(entry.name):
                score = min(score, LOCAL_CAP)  # a district's or city's day is not its province's
            if entry.id not in best or score > best[entry.id].score:
                best[entry.id] = Ranked(entry, score)
        return sorted(best.values(), key=lambda r: (-r.score, r.entry.id))

    def by_prefix(self, text: str) -> Anniversary | None:
        """The one entry whose whole name (or alias) begins ``text``, for counts without dates."""
        mention = _core_words(text)
        found: dict[str, tuple[int, Anniversary]] = {}
        for entry, _, core in self.names:
            longer = entry.id not in found or len(core) > found[entry.id][0]
            if len(core) >= 2 and mention[: len(core)] == core and longer:
                found[entry.id] = (len(core), entry)
        if not found:
            return None
        longest = max(length for length, _ in found.values())
        best = [entry for length, entry in found.values() if length == longest]
        return best[0] if len(best) == 1 else None


def _core_words(name: str) -> tuple[str, ...]:
    """A name's words without the leading words documents add ("Ngày", "kỷ niệm")."""
    sequence = words(name)
    changed = True
    while changed:
        changed = False
        for noise in _LEADING_NOISE:
            parts = tuple(noise.split())
            if sequence[: len(parts)] == parts:
                sequence = sequence[len(parts) :]
                changed = True
    return sequence


def confident(ranked: list[Ranked]) -> Anniversary | None:
    """The entry a name identifies, or None when it is not clear enough."""
    if not ranked or ranked[0].score < CONFIDENT:
        return None
    top = ranked[0]
    for other in ranked[1:]:
        if other.score < top.score - MARGIN:
            break
        if other.entry.founded != top.entry.founded:
            return None
    return top.entry


def by_date(ranked: Iterable[Ranked], date: Written, lunar: bool) -> Ranked | None:
    """The best-named entry whose date agrees with ``date``, when its name is close enough."""
    for item in ranked:
        if item.score < WITH_DATE:
            return None
        if agrees_with_entry(date, lunar, item.entry):
            return item
    return None


def by_day_month(ranked: list[Ranked], dates: Sequence[Written], lunar: bool) -> Anniversary | None:
    """Of names close to the best one, the only entry whose day and month one of the dates has.

    "48 năm Việt Nam gia nhập Liên hợp quốc (20/9/1877 – 20/9/2025)": the name is as close to Ngày
    Liên hợp quốc (24/10), but only the entry of 20/9 fits; its year is then the one to correct.
    """
    if not ranked or ranked[0].score < CONFIDENT:
        return None
    close = [r.entry for r in ranked if r.score >= ranked[0].score - MARGIN]
    fits = {
        entry.id: entry
        for entry in close
        for date in dates
        if date.day is not None or date.month is not None
        if agrees_with_entry(replace(date, year=None), lunar, entry)
    }
    return next(iter(fits.values())) if len(fits) == 1 else None
