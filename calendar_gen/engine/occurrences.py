"""The occurrence engine: where each anniversary falls in a date range, its count and its class.

Pure date arithmetic, no I/O. Rules (README.md, "Counting rules"; DOMAIN.md):
- N = target year − founding year, whether or not the day has passed; N ≤ 0 is never listed.
- Nghị định 145/2013/NĐ-CP, Điều 3 khoản 1: N ending in 0 is năm tròn, in 5 năm lẻ 5, else năm khác.
  Giỗ Tổ Hùng Vương, which has no founding year, takes the class of the Gregorian year itself
  (``class_by_year``); other entries without a founding year have no class.
- 29 February is observed on 28 February in common years.
- Month-only entries fall on their ``observed`` day, or on the 1st, and are listed whenever their
  month overlaps the range; year-only entries appear only in yearly lists (``yearly=True``).
- Lunar entries follow the rules of :mod:`calendar_gen.engine.lunar`; their N counts lunar years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from calendar_gen.engine import lunar
from calendar_gen.model import (
    Anniversary,
    Calendar,
    LunarDay,
    Occurrence,
    Precision,
    RoundClass,
)


def classify(number: int) -> RoundClass:
    """Nghị định 145/2013/NĐ-CP, Điều 3 khoản 1: the class follows the last digit of N."""
    last = number % 10
    if last == 0:
        return RoundClass.TRON
    if last == 5:
        return RoundClass.LE5
    return RoundClass.KHAC


def is_leap(year: int) -> bool:
    """A Gregorian leap year (``calendar.isleap``, whose module also imports ``locale``)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """The number of days of a Gregorian month (``calendar.monthrange(year, month)[1]``)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def solar_day(year: int, month: int, day: int) -> dt.date:
    """A solar anniversary day in ``year``; 29 February becomes 28 February in common years."""
    if month == 2 and day == 29 and not is_leap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def occurrences(
    entries: Iterable[Anniversary], start: dt.date, end: dt.date, *, yearly: bool = False
) -> list[Occurrence]:
    """Every occurrence in ``start``..``end`` (inclusive), sorted by date, then founding year, then id.

    ``yearly`` also lists year-only entries (in the years the range covers) and is meant for
    yearly lists; monthly views leave them out.
    """
    found = [occ for entry in entries for occ in _of_entry(entry, start, end, yearly)]
    found.sort(key=_order)
    return found


def _order(occ: Occurrence) -> tuple[dt.date, bool, int, str]:
    """By date; a month-only entry without a day before that month's day-1 entries; then oldest first."""
    entry = occ.anniversary
    dated = entry.founded.precision is not Precision.MONTH or entry.observed_day is not None
    founded = entry.founded.year
    return occ.date, dated, founded if founded is not None else -10_000, entry.id


def _of_entry(entry: Anniversary, start: dt.date, end: dt.date, yearly: bool) -> Iterator[Occurrence]:
    founded = entry.founded
    precision = founded.precision
    if founded.calendar is Calendar.LUNAR:
        assert founded.month is not None and founded.day is not None
        # A lunar year starts in January or February, so the lunar year before start.year can
        # still reach into the range (its 12th month falls in January or February).
        first_year, last_year = max(start.year - 1, lunar.FIRST_YEAR), min(end.year, lunar.LAST_YEAR)
        for year in range(first_year, last_year + 1):
            date, observed = lunar.observe(year, founded.month, founded.day, founded.leap)
            if start <= date <= end:
                occ = _make(entry, date, year, observed)
                if occ is not None:
                    yield occ
        return
    for year in range(start.year, end.year + 1):
        if precision is Precision.DAY:
            assert founded.month is not None and founded.day is not None
            date = solar_day(year, founded.month, founded.day)
            if not start <= date <= end:
                continue
        elif precision is Precision.MONTH:
            assert founded.month is not None
            first = dt.date(year, founded.month, 1)
            if entry.observed_day is not None:
                date = dt.date(year, founded.month, entry.observed_day)
                if not start <= date <= end:
                    continue
            else:
                date = first
                last = first.replace(day=days_in_month(year, founded.month))
                if last < start or first > end:
                    continue
        else:
            if not yearly:
                return
            date = dt.date(year, 1, 1)
        occ = _make(entry, date, year, None)
        if occ is not None:
            yield occ


def _make(entry: Anniversary, date: dt.date, year: int, observed: LunarDay | None) -> Occurrence | None:
    """Count and classify; None when N ≤ 0 (not yet founded in that year)."""
    founded_year = entry.founded.year
    if founded_year is None:
        # Nghị định 145/2013, Điều 3 and DOMAIN.md: Giỗ Tổ Hùng Vương has no N, so the Gregorian year
        # itself is classified; entries mark this with class_by_year. Other entries without N
        # (Tết) have no class.
        by_year = classify(date.year) if entry.class_by_year else None
        return Occurrence(entry, date, year, None, by_year, observed)
    count = year - founded_year
    if count <= 0:
        return None
    return Occurrence(entry, date, year, count, classify(count), observed)
