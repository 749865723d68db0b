"""The Vietnamese lunar calendar (âm lịch, computed for UTC+7) through the ``vnlunar`` library.

vnlunar implements Hồ Ngọc Đức's astronomical algorithm with his precomputed tables for 1800–2199
(UTC+7), so Tết 1985 falls on 21/01/1985 as in Vietnam, not on 20/02/1985 as in China (UTC+8).
This module adds only the observance rules calendar-gen documents in README.md:

- an entry founded in a leap month (tháng nhuận) is observed in the leap month in years that have it,
  otherwise in the regular month of the same number;
- an entry in a regular month is always observed in the regular month, never in its leap twin;
- day 30 in a year whose month has 29 days is observed on day 29, the last day of that month.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from vnlunar import core as _vn

from calendar_gen.model import LunarDay

# Lunar anniversaries are computed for these lunar years: vnlunar returns Julian dates before the
# Gregorian reform of 1582, and the 12th month of lunar year 9999 ends after 31/12/9999.
FIRST_YEAR = 1583
LAST_YEAR = 9998


@lru_cache(maxsize=65536)
def to_solar(year: int, month: int, day: int, leap: bool = False) -> dt.date | None:
    """The solar date of a lunar day, or None when that day does not exist or falls after 31/12/9999.

    The 12th month of lunar year 9999 ends in solar year 10000, which ``datetime`` cannot hold.
    """
    solar = _vn.convert_lunar_to_solar(day, month, year, 1 if leap else 0)
    if solar is None:
        return None
    d, m, y = solar
    if not dt.MINYEAR <= y <= dt.MAXYEAR:
        return None
    return dt.date(y, m, d)


@lru_cache(maxsize=4096)
def month_length(year: int, month: int, leap: bool = False) -> int | None:
    """29 or 30, or None when the lunar year has no such month (a leap month it lacks)."""
    if to_solar(year, month, 1, leap) is None:
        return None
    return 30 if to_solar(year, month, 30, leap) is not None else 29


@lru_cache(maxsize=4096)
def leap_month(year: int) -> int | None:
    """The number of the leap month of a lunar year, or None in a common year."""
    for month in range(1, 13):
        if to_solar(year, month, 1, True) is not None:
            return month
    return None


@lru_cache(maxsize=65536)
def observe(year: int, month: int, day: int, leap: bool = False) -> tuple[dt.date, LunarDay]:
    """Where a lunar anniversary falls in lunar year ``year``, by the rules in the module docstring."""
    if leap and leap_month(year) != month:
        leap = False
    length = month_length(year, month, leap)
    assert length is not None  # a regular month always exists
    observed = LunarDay(year, month, min(day, length), leap)
    solar = to_solar(observed.year, observed.month, observed.day, observed.leap)
    assert solar is not None
    return solar, observed


def from_solar(date: dt.date) -> LunarDay:
    """The lunar day of a solar date."""
    info = _vn.get_lunar_date(date.day, date.month, date.year)
    return LunarDay(info["year"], info["month"], info["day"], bool(info["leap"]))


STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def can_chi(year: int) -> str:
    """The Vietnamese name of a lunar year: 2024 is "Giáp Thìn", 2020 "Canh Tý" (year 4 was Giáp Tý)."""
    return f"{STEMS[(year - 4) % 10]} {BRANCHES[(year - 4) % 12]}"
