"""The month grid of a printed sheet: weeks from Monday, each day with its lunar date and marks.

Like Vietnamese wall calendars, a cell shows the lunar day, and the lunar month too ("1/2") on the
first day of the solar month and on the first day of each lunar month.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
from dataclasses import dataclass

from calendar_gen.engine import lunar
from calendar_gen.model import LunarDay, Occurrence

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@dataclass(frozen=True)
class Cell:
    """One day of the grid; days of the neighbouring months are blank cells (``in_month`` False)."""

    date: dt.date
    in_month: bool
    lunar: LunarDay | None
    lunar_label: str
    occurrences: tuple[Occurrence, ...]


def lunar_label(day: LunarDay, first_of_month: bool) -> str:
    """The lunar day ("15"), with the month ("1/2") on lunar day 1 and on the 1st of the solar month."""
    if day.day == 1 or first_of_month:
        return f"{day.day}/{day.month}{' nhuận' if day.leap else ''}"
    return str(day.day)


def month_grid(year: int, month: int, occurrences: list[Occurrence]) -> list[list[Cell]]:
    """Weeks (Monday first) covering the month, with the occurrences of each day."""
    by_day: dict[dt.date, list[Occurrence]] = {}
    for occ in occurrences:
        by_day.setdefault(occ.date, []).append(occ)
    weeks = []
    first = dt.date(year, month, 1)
    # monthdayscalendar, not monthdatescalendar: the latter needs dates past 31/12/9999.
    for week in _gregorian.Calendar(firstweekday=0).monthdayscalendar(year, month):
        row = []
        for number in week:
            if number == 0:
                row.append(Cell(first, False, None, "", ()))
                continue
            date = first.replace(day=number)
            day = lunar.from_solar(date)
            row.append(Cell(date, True, day, lunar_label(day, date.day == 1), tuple(by_day.get(date, ()))))
        weeks.append(row)
    return weeks
