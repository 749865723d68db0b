"""The domain model: frozen dataclasses that flow from catalogue to renderers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(frozen=True, slots=True)
class FoundingDate:
    """A founding date as documents write it: possibly partial, possibly lunar.

    ``year`` is None for dates known only by day and month (Giỗ Tổ 10/3 âm lịch).
    ``month`` is None for year-only dates ("Di chúc (1969 – 2019)").
    ``day`` is None for month-only and year-only dates.
    For lunar dates ``year`` is the lunar year number and ``leap`` marks a leap month.
    """

    calendar: Calendar
    year: int | None
    month: int | None
    day: int | None
    leap: bool = False

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


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an entry was written: for messages that name file and line."""

    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Anniversary:
    """One catalogue entry: a day that is commemorated every year."""

    id: str
    name: str
    founded: FoundingDate
    count_shown: bool = True
    scope: str = "national"
    kind: str | None = None
    tags: tuple[str, ...] = ()
    source: str | None = None
    note: str | None = None
    observed_day: int | None = None
    major: bool = False
    major_years: frozenset[int] = frozenset()
    class_by_year: bool = False
    former: str | None = None  # slug of the former province (before 01/7/2025) the day belongs to
    aliases: tuple[str, ...] = ()  # other names documents use, for the proofreader's matching
    died: FoundingDate | None = None  # a person's date of death (no birthday of a living person)
    settled: bool = False  # the founding date is beyond dispute: a differing date is an error
    other_dates: tuple[FoundingDate, ...] = ()  # other dates documents count from, accepted
    listed: str | None = None  # when guidance lists it (engine/listing.When); None: its kind's rule
    listed_for: tuple[str, ...] = ()  # audiences (--for) that list it every year
    same_as: str | None = None  # the national entry whose event this (overlay) entry is
    origin: Origin | None = field(default=None, compare=False)

    @property
    def calendar_is_lunar(self) -> bool:
        """Whether the founding date is a lunar date."""
        return self.founded.calendar is Calendar.LUNAR

    def is_major(self, year: int) -> bool:
        """Whether the entry is marked as one of the year's major events."""
        return self.major or year in self.major_years


@dataclass(frozen=True, slots=True)
class LunarDay:
    """A day of the Vietnamese lunar calendar."""

    year: int
    month: int
    day: int
    leap: bool = False


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An anniversary falling on a given day of a given year, with its count and class."""

    anniversary: Anniversary
    date: dt.date
    year: int
    count: int | None
    round_class: RoundClass | None
    lunar: LunarDay | None = None

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
