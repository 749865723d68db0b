"""Vietnamese wording: date styles and the mention "N năm <tên> (<ngày thành lập> – <ngày năm nay>)".

Date styles (README.md, "Date styles"):
- ``nd30`` (default), Nghị định 30/2020/NĐ-CP, Phụ lục I: in a full date a day below 10 and the
  months 1 and 2 take a leading zero ("03/3/1959", "27/02/1955"); the short day/month form of a
  named day stays as documents write it ("Ngày Quốc tế Phụ nữ (8/3)").
- ``plain``: no leading zeros anywhere ("3/3/1959", "8/3").
- ``padded``: two digits everywhere ("03/03/1959", "08/03").
"""

from __future__ import annotations

import datetime as dt
import functools
from enum import StrEnum

from calendar_gen.model import Calendar, FoundingDate, LunarDay, Occurrence, Precision

DASH = " – "  # en dash between the two dates, as in the guidance documents
LUNAR_WORD = "âm lịch"


class DateStyle(StrEnum):
    """How days and months are written."""

    ND30 = "nd30"
    PLAIN = "plain"
    PADDED = "padded"


def _day(day: int, style: DateStyle) -> str:
    return str(day) if style is DateStyle.PLAIN else f"{day:02d}"


def _month(month: int, style: DateStyle) -> str:
    # Nghị định 30/2020, Phụ lục I: months 1 and 2 are padded, months 3 to 12 are not.
    if style is DateStyle.PADDED or (style is DateStyle.ND30 and month <= 2):
        return f"{month:02d}"
    return str(month)


def full_date(day: int, month: int, year: int, style: DateStyle = DateStyle.ND30) -> str:
    """A full date: "03/3/1959" in the nd30 style."""
    return f"{_day(day, style)}/{_month(month, style)}/{year}"


def short_date(day: int, month: int, style: DateStyle = DateStyle.ND30) -> str:
    """A named day's day/month: "8/3" (padded style: "08/03")."""
    if style is DateStyle.PADDED:
        return f"{day:02d}/{month:02d}"
    return f"{day}/{month}"


def month_year(month: int, year: int, style: DateStyle = DateStyle.ND30) -> str:
    """A month of a year: "12/1972", "02/2024" in the nd30 style."""
    return f"{_month(month, style)}/{year}"


@functools.lru_cache(maxsize=16384)
def solar(date: dt.date, style: DateStyle = DateStyle.ND30) -> str:
    """A solar date in full (cached: a 10-year feed names each of its ~3,650 days many times)."""
    return full_date(date.day, date.month, date.year, style)


def lunar_short(day: LunarDay | FoundingDate) -> str:
    """A lunar day/month, "10/3" or "15/4 nhuận"."""
    assert day.day is not None and day.month is not None
    return f"{day.day}/{day.month}{' nhuận' if day.leap else ''}"


def lunar_full(day: LunarDay | FoundingDate, style: DateStyle = DateStyle.ND30) -> str:
    """A lunar date with its year, "05/01/1789"; a leap month reads "15/4 nhuận năm 2020"."""
    assert day.day is not None and day.month is not None and day.year is not None
    if day.leap:
        return f"{day.day}/{day.month} nhuận năm {day.year}"
    return full_date(day.day, day.month, day.year, style)


@functools.lru_cache(maxsize=16384)
def founded_text(founded: FoundingDate, style: DateStyle = DateStyle.ND30) -> str:
    """The founding date as the text shows it (cached: the same for every year of an entry)."""
    if founded.calendar is Calendar.LUNAR:
        return lunar_full(founded, style) if founded.year is not None else lunar_short(founded)
    precision = founded.precision
    if founded.year is None:
        assert founded.day is not None and founded.month is not None
        return short_date(founded.day, founded.month, style)
    if precision is Precision.DAY:
        assert founded.day is not None and founded.month is not None
        return full_date(founded.day, founded.month, founded.year, style)
    if precision is Precision.MONTH:
        assert founded.month is not None
        return month_year(founded.month, founded.year, style)
    return str(founded.year)


def period(occ: Occurrence, style: DateStyle = DateStyle.ND30) -> str:
    """What goes in the parentheses after the name."""
    founded = occ.anniversary.founded
    precision = founded.precision
    if founded.calendar is Calendar.LUNAR:
        assert occ.lunar is not None
        this_day = f"tức ngày {solar(occ.date, style)}"
        if occ.count_shown:
            return (
                f"{lunar_full(founded, style)}{DASH}{lunar_full(occ.lunar, style)} {LUNAR_WORD}, {this_day}"
            )
        return f"{lunar_short(occ.lunar)} {LUNAR_WORD}, {this_day}"
    if not occ.count_shown:
        if precision is Precision.DAY:
            return short_date(occ.date.day, occ.date.month, style)
        if precision is Precision.MONTH:
            return f"tháng {occ.date.month}"
        return ""
    if precision is Precision.DAY:
        return f"{founded_text(founded, style)}{DASH}{solar(occ.date, style)}"
    if precision is Precision.MONTH:
        return f"{founded_text(founded, style)}{DASH}{month_year(occ.date.month, occ.year, style)}"
    return f"{founded.year}{DASH}{occ.year}"


def date_label(occ: Occurrence, style: DateStyle = DateStyle.ND30, short: bool = False) -> str:
    """When an occurrence is, for date columns.

    "03/3/2024" (short "3/3"); "Tháng 12/2023" (short "Tháng 12") for a month-only entry without
    a day; "Năm 2025" (short "Cả năm") for a year-only entry.
    """
    if occ.precision is Precision.YEAR:
        return "Cả năm" if short else f"Năm {occ.date.year}"
    if occ.whole_month:
        return (
            f"Tháng {occ.date.month}"
            if short
            else f"Tháng {month_year(occ.date.month, occ.date.year, style)}"
        )
    return short_date(occ.date.day, occ.date.month, style) if short else solar(occ.date, style)


def mention(occ: Occurrence, style: DateStyle = DateStyle.ND30) -> str:
    """The mention as guidance documents write it.

    "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)", "Ngày Quốc tế Phụ nữ (8/3)".
    """
    prefix = f"{occ.count} năm " if occ.count_shown else ""
    inside = period(occ, style)
    suffix = f" ({inside})" if inside else ""
    return f"{prefix}{occ.anniversary.name}{suffix}"


def counted(occ: Occurrence) -> Occurrence:
    """The occurrence with its count shown, as documents write a day listed for its class.

    "Ngày Quốc tế Phụ nữ (8/3)" becomes "115 năm Ngày Quốc tế Phụ nữ (08/3/1910 – 08/3/2025)" in
    2025's list of năm lẻ 5; an entry without a founding year is returned unchanged.
    """
    if occ.count is None or occ.count_shown:
        return occ
    return occ.replace(anniversary=occ.anniversary.replace(count_shown=True))


def long_date(date: dt.date) -> str:
    """A document date (Nghị định 30/2020, Phụ lục I): "ngày 05 tháng 02 năm 2024"."""
    return f"ngày {_day(date.day, DateStyle.ND30)} tháng {_month(date.month, DateStyle.ND30)} năm {date.year}"
