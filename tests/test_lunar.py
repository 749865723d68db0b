"""The Vietnamese lunar calendar, cross-checked with python-holidays for every year 1901–2099."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_gen.engine import lunar
from calendar_gen.model import LunarDay

YEARS = range(1901, 2100)

# python-holidays projects the UTC+7 computation back before 1968; vnlunar's tables (Hồ Ngọc Đức)
# follow the calendar Vietnam actually issued, which before Quyết định 121-CP (1967) was computed
# for UTC+8. These are the only years where the two differ, all before 1968 (README.md).
ISSUED_BEFORE_1968 = {
    ("tet", 1903): dt.date(1903, 1, 29),
    ("tet", 1925): dt.date(1925, 1, 25),
    ("tet", 1935): dt.date(1935, 2, 4),
    ("tet", 1965): dt.date(1965, 2, 2),
    ("gio-to", 1916): dt.date(1916, 4, 12),
    ("gio-to", 1917): dt.date(1917, 4, 30),
    ("gio-to", 1939): dt.date(1939, 4, 29),
}


def _reference() -> dict[tuple[str, int], dt.date]:
    """Tết and Giỗ Tổ from python-holidays' Vietnamese lunisolar tables (independent source)."""
    from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

    calendar = _ChineseLunisolar(VIETNAMESE_CALENDAR)
    table: dict[tuple[str, int], dt.date] = {}
    for year in YEARS:
        tet, _ = calendar.lunar_new_year_date(year)
        gio_to, _ = calendar.hung_kings_date(year)
        assert tet is not None and gio_to is not None
        table["tet", year] = tet
        table["gio-to", year] = gio_to
    return table


REFERENCE = _reference()


@pytest.mark.parametrize("year", YEARS)
def test_tet_and_gio_to_match_holidays(year: int) -> None:
    for key, (month, day) in (("tet", (1, 1)), ("gio-to", (3, 10))):
        expected = ISSUED_BEFORE_1968.get((key, year), REFERENCE[key, year])
        assert lunar.to_solar(year, month, day) == expected, (key, year)


def test_differences_are_only_before_1968() -> None:
    assert all(year < 1968 for _, year in ISSUED_BEFORE_1968)
    for key, expected in ISSUED_BEFORE_1968.items():
        assert REFERENCE[key] != expected  # a real difference, not a stale exception


def test_public_holidays_api_agrees_since_1968() -> None:
    """The public country API (Tết days off; Giỗ Tổ from 2007) agrees too."""
    vn = holidays.country_holidays("VN", years=range(1968, 2100), language="en_US")
    tet = {d.year: d for d, name in vn.items() if name == "Lunar New Year"}
    gio_to = {d.year: d for d, name in vn.items() if name == "Hung Kings' Commemoration Day"}
    assert len(tet) == 132 and len(gio_to) >= 90
    for year, date in tet.items():
        assert lunar.to_solar(year, 1, 1) == date
    for year, date in gio_to.items():
        assert lunar.to_solar(year, 3, 10) == date


@pytest.mark.parametrize(
    ("year", "vietnam", "china"),
    [
        (1985, dt.date(1985, 1, 21), dt.date(1985, 2, 20)),
        (2007, dt.date(2007, 2, 17), dt.date(2007, 2, 18)),
        (2030, dt.date(2030, 2, 2), dt.date(2030, 2, 3)),
    ],
)
def test_vietnamese_not_chinese_tet(year: int, vietnam: dt.date, china: dt.date) -> None:
    from holidays.calendars.chinese import CHINESE_CALENDAR, _ChineseLunisolar

    assert _ChineseLunisolar(CHINESE_CALENDAR).lunar_new_year_date(year)[0] == china
    assert lunar.to_solar(year, 1, 1) == vietnam


@pytest.mark.parametrize(("year", "month"), [(2020, 4), (2023, 2), (2025, 6), (2028, 5), (2033, 11)])
def test_leap_months(year: int, month: int) -> None:
    assert lunar.leap_month(year) == month


def test_common_year_has_no_leap_month() -> None:
    assert lunar.leap_month(2024) is None


def test_leap_entry_observed_in_leap_month_when_it_exists() -> None:
    date, observed = lunar.observe(2023, 2, 15, leap=True)
    assert observed == LunarDay(2023, 2, 15, True)
    assert date == dt.date(2023, 4, 5)


def test_leap_entry_falls_back_to_regular_month() -> None:
    date, observed = lunar.observe(2024, 2, 15, leap=True)
    assert observed == LunarDay(2024, 2, 15, False)
    assert date == lunar.to_solar(2024, 2, 15)


def test_regular_entry_never_lands_in_leap_twin() -> None:
    date, observed = lunar.observe(2023, 2, 15)
    assert observed.leap is False
    assert date == dt.date(2023, 3, 6)


def test_day_30_in_short_month_is_the_29th() -> None:
    assert lunar.month_length(2024, 12) == 29
    date, observed = lunar.observe(2024, 12, 30)
    assert observed.day == 29
    assert date == lunar.to_solar(2024, 12, 29)
    assert lunar.to_solar(2024, 12, 30) is None


@given(st.dates(min_value=dt.date(1901, 2, 20), max_value=dt.date(2199, 12, 31)))
def test_solar_lunar_round_trip(date: dt.date) -> None:
    day = lunar.from_solar(date)
    assert lunar.to_solar(day.year, day.month, day.day, day.leap) == date


@given(st.integers(1901, 2199), st.integers(1, 12), st.integers(1, 30), st.booleans())
def test_observe_always_lands_in_its_lunar_year(year: int, month: int, day: int, leap: bool) -> None:
    date, observed = lunar.observe(year, month, day, leap)
    assert lunar.from_solar(date) == observed
    assert observed.month == month and observed.day in (day, 29)


def test_the_end_of_lunar_9999_is_beyond_the_solar_calendar() -> None:
    assert lunar.to_solar(9999, 12, 2) == dt.date(9999, 12, 31)
    assert lunar.to_solar(9999, 12, 3) is None  # 01/01/10000: no crash, no such date
    assert lunar.to_solar(9999, 12, 20) is None


def test_occurrences_cope_with_the_last_years() -> None:
    from calendar_gen.engine.occurrences import occurrences
    from calendar_gen.model import Anniversary, Calendar, FoundingDate

    entries = [
        Anniversary(id="a", name="A", founded=FoundingDate(Calendar.LUNAR, 9000, 12, 20)),
        Anniversary(id="b", name="B", founded=FoundingDate(Calendar.LUNAR, None, 12, 30), count_shown=False),
    ]
    found = occurrences(entries, dt.date(9998, 1, 1), dt.date(9999, 12, 31), yearly=True)
    assert [o.date.year for o in found] and all(o.date <= dt.date(9999, 12, 31) for o in found)
