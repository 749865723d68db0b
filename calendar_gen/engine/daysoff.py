"""Vietnam's public days off in one year: python-holidays merged with the days the government announces.

Bộ luật Lao động 2019, Điều 112 fixes the holidays; every year the Prime Minister also approves
swaps (a weekday off, made up on a Saturday: "nghỉ hoán đổi", "làm bù") and Điều 111 khoản 3 gives
a compensatory day ("nghỉ bù") for a holiday on a weekend. python-holidays (Vietnam, in Vietnamese)
knows the holidays and most of the swapped days off, but not the working Saturdays, and it learns
of an announcement only in a later release. The announced days (``data/days-off.yaml``, loaded by
``catalogue.daysoff``) are passed in and win over python-holidays on the same date.

The engine never reads files: callers that want the shipped announcements call
``calendar_gen.catalogue.daysoff.official_days_off(year)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

HOLIDAY, SWAP, COMPENSATORY, WORKING = "holiday", "swap", "compensatory", "working"
KINDS = (HOLIDAY, SWAP, COMPENSATORY, WORKING)
SWAP_NAME, COMPENSATORY_NAME, WORKING_NAME = "Nghỉ hoán đổi", "Nghỉ bù", "Làm bù"

# python-holidays' Vietnamese labels (language="vi"), matched in order, and the names we show.
_NAMES = (
    ("Tết Dương lịch", "Tết Dương lịch"),
    ("Tết", "Tết Nguyên đán"),  # "29 Tết", "Giao thừa Tết Nguyên Đán", "Mùng hai Tết Nguyên Đán"...
    ("Giỗ Tổ Hùng Vương", "Giỗ Tổ Hùng Vương"),
    ("Chiến thắng", "Ngày Chiến thắng"),
    ("Lao động", "Ngày Quốc tế Lao động"),
    ("Quốc khánh", "Quốc khánh"),
)
# "Ngày nghỉ (thay cho ngày 04/05/2024)": a swapped day off and the Saturday worked for it.
_SWAPPED = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")


@dataclass(frozen=True, slots=True)
class DayOff:
    """One day in the official calendar: a holiday, a day off in exchange, or a Saturday worked.

    ``kind`` is "holiday" (Điều 112), "swap" (a weekday off, worked on a Saturday), "compensatory"
    (nghỉ bù for a holiday on a weekend) or "working" (a Saturday worked in exchange for a swap).
    ``name`` is Vietnamese and holds no comma, semicolon or backslash.
    """

    date: dt.date
    name: str
    kind: str = HOLIDAY
    note: str = ""  # e.g. "Làm bù cho thứ Hai 29/4/2024", for a feed's description
    source: str = ""  # where the day was announced, when it comes from data/days-off.yaml

    @property
    def is_off(self) -> bool:
        """Whether people stay home: every kind but a working Saturday."""
        return self.kind != WORKING


def _from_label(day: dt.date, label: str) -> list[DayOff]:
    """Our entries for one python-holidays entry (a swapped day also gives its working Saturday)."""
    swapped = _SWAPPED.search(label)
    if swapped:
        worked = dt.date(int(swapped[3]), int(swapped[2]), int(swapped[1]))
        return [
            DayOff(day, SWAP_NAME, SWAP, f"Làm bù vào {_weekday(worked)} {_short(worked)}"),
            DayOff(worked, WORKING_NAME, WORKING, f"Làm bù cho {_weekday(day)} {_short(day)}"),
        ]
    if "nghỉ bù" in label:
        holiday = label.split("(")[0].strip()
        return [DayOff(day, COMPENSATORY_NAME, COMPENSATORY, f"Nghỉ bù {_name(holiday)}")]
    return [DayOff(day, _name(label))]


def _name(label: str) -> str:
    for needle, name in _NAMES:
        if needle in label:
            return name
    return label.replace(",", " –").replace(";", " –").replace("\\", "/")


_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def _weekday(day: dt.date) -> str:
    return _WEEKDAYS[day.weekday()]


def _short(day: dt.date) -> str:
    """Nghị định 30 style: "29/4/2024", "04/5/2024" (day and month below 3 get a zero)."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day_text}/{month_text}/{day.year}"


@lru_cache(maxsize=64)
def _library_days(year: int) -> tuple[DayOff, ...]:
    """python-holidays' days of ``year`` (imported here: most commands never need it)."""
    import holidays

    found = holidays.country_holidays("VN", years=year, language="vi")
    days: list[DayOff] = []
    for day, label in sorted(found.items()):
        days.extend(d for d in _from_label(day, label) if d.date.year == year)
    return tuple(days)


def days_off(year: int, announced: Iterable[DayOff] = ()) -> list[DayOff]:
    """The days of ``year`` in date order, one per date; an announced day replaces the library's.

    ``announced`` is typically ``catalogue.daysoff.announced_days_off()``; days of other years in it
    are ignored. Outside the years python-holidays covers (1901–2100) only the announced days remain.
    """
    by_date = {d.date: d for d in _library_days(year)} if 1 <= year <= 9999 else {}
    for day in announced:
        if day.date.year == year:
            by_date[day.date] = day
    return [by_date[d] for d in sorted(by_date)]
