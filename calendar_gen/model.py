"""The domain model: immutable values that flow from catalogue to renderers.

Hand-written on ``calendar_gen.frozen.Frozen`` rather than ``@dataclass``: these classes are
created on every cold start (issue 21); ``tests/test_frozen.py`` checks they behave as the
frozen dataclasses they were.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from calendar_gen.frozen import Frozen, setfield


class Calendar(StrEnum):
    """Which calendar a founding date is written in."""

    SOLAR = "solar"
    LUNAR = "lunar"


class Precision(StrEnum):
    """How much of a founding date is known: day, month only, or year only."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class RoundClass(StrEnum):
    """Nghị định 145/2013/NĐ-CP, Điều 3 khoản 1: năm tròn, năm lẻ 5, năm khác."""

    TRON = "tron"
    LE5 = "le5"
    KHAC = "khac"

    @property
    def label(self) -> str:
        """The statute's Vietnamese term."""
        return _ROUND_LABELS[self]


_ROUND_LABELS = {
    RoundClass.TRON: "năm tròn",
    RoundClass.LE5: "năm lẻ 5",
    RoundClass.KHAC: "năm khác",
}


class FoundingDate(Frozen):
    """A founding date as documents write it: possibly partial, possibly lunar.

    ``year`` is None for dates known only by day and month (Giỗ Tổ 10/3 âm lịch).
    ``month`` is None for year-only dates ("Di chúc (1969 – 2019)").
    ``day`` is None for month-only and year-only dates.
    For lunar dates ``year`` is the lunar year number and ``leap`` marks a leap month.
    """

    _fields = ("calendar", "year", "month", "day", "leap")
    __slots__ = _fields
    calendar: Calendar
    year: int | None
    month: int | None
    day: int | None
    leap: bool

    def __init__(
        self, calendar: Calendar, year: int | None, month: int | None, day: int | None, leap: bool = False
    ) -> None:
        setfield(self, "calendar", calendar)
        setfield(self, "year", year)
        setfield(self, "month", month)
        setfield(self, "day", day)
        setfield(self, "leap", leap)

    @property
    def precision(self) -> Precision:
        """Day, month or year precision."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (``--MM-DD`` when the year is unknown)."""
        year = f"{self.year:04d}" if self.year is not None else "-"
        if self.month is None:
            return year
        if self.day is None:
            return f"{year}-{self.month:02d}"
        return f"{year}-{self.month:02d}-{self.day:02d}"


class Origin(Frozen):
    """Where an entry was written: for messages that name file and line."""

    _fields = ("path", "line")
    __slots__ = _fields
    path: str
    line: int

    def __init__(self, path: str, line: int) -> None:
        setfield(self, "path", path)
        setfield(self, "line", line)


class Anniversary(Frozen):
    """One catalogue entry: a day that is commemorated every year."""

    _fields = (
        "id",
        "name",
        "founded",
        "count_shown",
        "scope",
        "kind",
        "tags",
        "source",
        "note",
        "observed_day",
        "major",
        "major_years",
        "class_by_year",
        "former",
        "aliases",
        "died",
        "settled",
        "other_dates",
        "listed",
        "listed_for",
        "same_as",
        "origin",
    )
    __slots__ = _fields
    _uncompared = ("origin",)  # where it was written is not what it is (compare=False before)
    id: str
    name: str
    founded: FoundingDate
    count_shown: bool
    scope: str
    kind: str | None
    tags: tuple[str, ...]
    source: str | None
    note: str | None
    observed_day: int | None
    major: bool
    major_years: frozenset[int]
    class_by_year: bool
    former: str | None  # slug of the former province (before 01/7/2025) the day belongs to
    aliases: tuple[str, ...]  # other names documents use, for the proofreader's matching
    died: FoundingDate | None  # a person's date of death (no birthday of a living person)
    settled: bool  # the founding date is beyond dispute: a differing date is an error
    other_dates: tuple[FoundingDate, ...]  # other dates documents count from, accepted
    listed: str | None  # when guidance lists it (engine/listing.When); None: its kind's rule
    listed_for: tuple[str, ...]  # audiences (--for) that list it every year
    same_as: str | None  # the national entry whose event this (overlay) entry is
    origin: Origin | None

    def __init__(
        self,
        id: str,
        name: str,
        founded: FoundingDate,
        count_shown: bool = True,
        scope: str = "national",
        kind: str | None = None,
        tags: tuple[str, ...] = (),
        source: str | None = None,
        note: str | None = None,
        observed_day: int | None = None,
        major: bool = False,
        major_years: frozenset[int] = frozenset(),
        class_by_year: bool = False,
        former: str | None = None,
        aliases: tuple[str, ...] = (),
        died: FoundingDate | None = None,
        settled: bool = False,
        other_dates: tuple[FoundingDate, ...] = (),
        listed: str | None = None,
        listed_for: tuple[str, ...] = (),
        same_as: str | None = None,
        origin: Origin | None = None,
    ) -> None:
        setfield(self, "id", id)
        setfield(self, "name", name)
        setfield(self, "founded", founded)
        setfield(self, "count_shown", count_shown)
        setfield(self, "scope", scope)
        setfield(self, "kind", kind)
        setfield(self, "tags", tags)
        setfield(self, "source", source)
        setfield(self, "note", note)
        setfield(self, "observed_day", observed_day)
        setfield(self, "major", major)
        setfield(self, "major_years", major_years)
        setfield(self, "class_by_year", class_by_year)
        setfield(self, "former", former)
        setfield(self, "aliases", aliases)
        setfield(self, "died", died)
        setfield(self, "settled", settled)
        setfield(self, "other_dates", other_dates)
        setfield(self, "listed", listed)
        setfield(self, "listed_for", listed_for)
        setfield(self, "same_as", same_as)
        setfield(self, "origin", origin)

    @property
    def calendar_is_lunar(self) -> bool:
        """Whether the founding date is a lunar date."""
        return self.founded.calendar is Calendar.LUNAR

    def is_major(self, year: int) -> bool:
        """Whether the entry is marked as one of the year's major events."""
        return self.major or year in self.major_years


class LunarDay(Frozen):
    """A day of the Vietnamese lunar calendar."""

    _fields = ("year", "month", "day", "leap")
    __slots__ = _fields
    year: int
    month: int
    day: int
    leap: bool

    def __init__(self, year: int, month: int, day: int, leap: bool = False) -> None:
        setfield(self, "year", year)
        setfield(self, "month", month)
        setfield(self, "day", day)
        setfield(self, "leap", leap)


class Occurrence(Frozen):
    """An anniversary falling on a given day of a given year, with its count and class."""

    _fields = ("anniversary", "date", "year", "count", "round_class", "lunar")
    __slots__ = _fields
    anniversary: Anniversary
    date: dt.date
    year: int
    count: int | None
    round_class: RoundClass | None
    lunar: LunarDay | None

    def __init__(
        self,
        anniversary: Anniversary,
        date: dt.date,
        year: int,
        count: int | None,
        round_class: RoundClass | None,
        lunar: LunarDay | None = None,
    ) -> None:
        setfield(self, "anniversary", anniversary)
        setfield(self, "date", date)
        setfield(self, "year", year)
        setfield(self, "count", count)
        setfield(self, "round_class", round_class)
        setfield(self, "lunar", lunar)

    @property
    def precision(self) -> Precision:
        """Precision of the founding date; a month-only entry stays month-only in text."""
        return self.anniversary.founded.precision

    @property
    def whole_month(self) -> bool:
        """A month-only entry without an observed day: it belongs to the whole month, not its 1st."""
        return self.precision is Precision.MONTH and self.anniversary.observed_day is None

    @property
    def count_shown(self) -> bool:
        """Whether the rendered text shows "N năm" (it needs both the flag and a count)."""
        return self.anniversary.count_shown and self.count is not None
