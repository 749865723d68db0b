"""Parse founding dates in every form Vietnamese documents write them.

Accepted (DOMAIN.md, "Writing dates"): d/m/yyyy, dd/mm/yyyy, d-m-yyyy, d.m.yyyy, ISO yyyy-mm-dd,
"ngày 3 tháng 3 năm 1959", m/yyyy, "tháng 4/1930", "tháng 4 năm 1930", yyyy-mm, yyyy; day/month
without a year ("10/3", for Giỗ Tổ); the word "nhuận" marks a lunar leap month ("15/4 nhuận").
"""

from __future__ import annotations

import calendar as _gregorian
import re
import unicodedata

from calendar_gen.engine import lunar
from calendar_gen.i18n import N_, _
from calendar_gen.model import Calendar, FoundingDate
from calendar_gen.problems import shown


class DateError(ValueError):
    """A founding date that cannot be read or does not exist; the message says what to write."""


# ASCII digits only ([0-9], not \d): "٣/٣/١٩٥٩" or "２０２４" is refused with its own message.
# fullmatch, not "^...$": "$" also matches before a trailing newline.
_SEP = r"\s*[/.\-]\s*"
_FULL = re.compile(rf"([0-9]{{1,2}}){_SEP}([0-9]{{1,2}}){_SEP}([0-9]+)")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_DAY_MONTH = re.compile(rf"([0-9]{{1,2}}){_SEP}([0-9]{{1,2}})")
_MONTH_YEAR = re.compile(rf"([0-9]{{1,2}}){_SEP}([0-9]{{3,4}})")
_YEAR = re.compile(r"([0-9]{1,4})")
_WORDS = re.compile(r"(?:ngày\s+([0-9]{1,2})\s+)?tháng\s+([0-9]{1,2})(?:\s*(?:năm|/|-)\s*([0-9]{1,4}))?")
_LEAP_WORD = re.compile(r"\bnhuận\b")

FORMS_HINT = N_(
    "write it as d/m/yyyy (3/3/1959), m/yyyy (12/1972), yyyy (1969), or day/month without a year (10/3)"
)


def parse_founding(text: str, calendar: Calendar = Calendar.SOLAR, leap: bool = False) -> FoundingDate:
    """Read a founding date; raise :class:`DateError` naming what is wrong and what to write."""
    raw = unicodedata.normalize("NFC", text).strip().lower()
    if other := next((c for c in raw if c.isdigit() and not "0" <= c <= "9"), None):
        raise DateError(
            _("the digit '{digit}' is not 0-9; write dates with the digits 0-9").format(digit=shown(other))
        )
    if _LEAP_WORD.search(raw):
        if calendar is not Calendar.LUNAR:
            raise DateError(_("'nhuận' (leap month) only exists in lunar dates; add 'calendar: lunar'"))
        leap = True
        raw = _LEAP_WORD.sub(" ", raw)
    raw = " ".join(raw.replace("âm lịch", " ").split())
    year, month, day = _split(raw, text.strip())
    if year is not None and not 1 <= year <= 9999:
        raise DateError(
            _("year {year} is out of range (1 to 9999); {hint}").format(year=year, hint=_(FORMS_HINT))
        )
    if calendar is Calendar.LUNAR and (day is None or month is None):
        raise DateError(
            _(
                "a lunar date needs a day and a month (10/3, or 5/1/1789 with the year); "
                "write month-only and year-only dates in the solar calendar"
            )
        )
    if month is not None and not 1 <= month <= 12:
        raise DateError(_("month {month} does not exist: months run from 1 to 12").format(month=month))
    founded = FoundingDate(calendar, year, month, day, leap)
    if leap and (calendar is not Calendar.LUNAR or day is None):
        raise DateError(_("a leap month needs a lunar day and month, e.g. '15/4 nhuận'"))
    if day is not None:
        _check_day(founded)
    return founded


def _year(digits: str) -> int:
    """A year written in ASCII digits; thousands of digits are out of range, not an int() error."""
    significant = digits.lstrip("0") or "0"
    if len(significant) > 4:
        raise DateError(
            _("year {year} is out of range (1 to 9999); {hint}").format(
                year=shown(significant), hint=_(FORMS_HINT)
            )
        )
    return int(significant)


def _split(raw: str, original: str) -> tuple[int | None, int | None, int | None]:
    """Split normalised text into (year, month, day), or raise DateError."""
    if m := _FULL.fullmatch(raw):
        if len(m.group(3)) < 3:
            raise DateError(
                _("year '{year}' is ambiguous: write the year in full (e.g. 1959, not 59)").format(
                    year=m.group(3)
                )
            )
        return _year(m.group(3)), int(m.group(2)), int(m.group(1))
    if m := _ISO.fullmatch(raw):
        year, month, day = (int(g) for g in m.groups())
        return year, month, day
    if m := _ISO_MONTH.fullmatch(raw):
        return int(m.group(1)), int(m.group(2)), None
    if m := _MONTH_YEAR.fullmatch(raw):
        return int(m.group(2)), int(m.group(1)), None
    if m := _DAY_MONTH.fullmatch(raw):
        return None, int(m.group(2)), int(m.group(1))
    if m := _YEAR.fullmatch(raw):
        return int(m.group(1)), None, None
    if m := _WORDS.fullmatch(raw):
        day_text, month_text, year_text = m.groups()
        return (
            int(year_text) if year_text else None,
            int(month_text),
            int(day_text) if day_text else None,
        )
    raise DateError(
        _("cannot read '{text}' as a date; {hint}").format(text=shown(original), hint=_(FORMS_HINT))
    )


def _check_day(founded: FoundingDate) -> None:
    """Reject days that do not exist: 31/02, 29/02 in a common year, lunar 30 in a short month."""
    assert founded.month is not None and founded.day is not None
    day, month, year = founded.day, founded.month, founded.year
    if founded.calendar is Calendar.SOLAR:
        # Without a year, 29/02 is allowed: it is observed on 28/02 in common years (README).
        longest = _gregorian.monthrange(year if year is not None else 2000, month)[1]
        if not 1 <= day <= longest:
            if year is not None:
                message = _("day {day} does not exist in {month}/{year} (it has {length} days)")
            else:
                message = _("day {day} does not exist in month {month} (it has {length} days)")
            raise DateError(message.format(day=day, month=month, year=year, length=longest))
        return
    if not 1 <= day <= 30:
        raise DateError(_("lunar day {day} does not exist: lunar months have 29 or 30 days").format(day=day))
    if year is None:
        return
    length = lunar.month_length(year, month, founded.leap)
    if length is None:
        raise DateError(
            _(
                "lunar year {year} has no leap month {month} (tháng {month} nhuận); "
                "remove 'nhuận' / 'leap: true' or check the year"
            ).format(year=year, month=month)
        )
    if day > length:
        if founded.leap:
            message = _("lunar month {month} nhuận of {year} has {length} days, so day {day} does not exist")
        else:
            message = _("lunar month {month} of {year} has {length} days, so day {day} does not exist")
        raise DateError(message.format(month=month, year=year, length=length, day=day))
    if lunar.to_solar(year, month, day, founded.leap) is None:  # the end of lunar 9999 is in 10000
        raise DateError(
            _(
                "lunar {day}/{month}/{year} falls after 31/12/9999, the last day calendar-gen can count; "
                "check the year"
            ).format(day=day, month=month, year=year)
        )
