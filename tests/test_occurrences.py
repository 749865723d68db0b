"""Counts, round classes, 29 February, partial and lunar dates (DOMAIN.md; README "Counting rules")."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_gen.catalogue.dates import parse_founding
from calendar_gen.engine.occurrences import classify, occurrences
from calendar_gen.model import Anniversary, Calendar, RoundClass


def entry(date: str, calendar: Calendar = Calendar.SOLAR, **kwargs: object) -> Anniversary:
    leap = bool(kwargs.pop("leap", False))
    return Anniversary(
        id=str(kwargs.pop("id", "x")),
        name="Ngày thử",
        founded=parse_founding(date, calendar, leap),
        **kwargs,  # type: ignore[arg-type]
    )


def year_of(item: Anniversary, year: int, yearly: bool = False) -> list[tuple[dt.date, int | None]]:
    found = occurrences([item], dt.date(year, 1, 1), dt.date(year, 12, 31), yearly=yearly)
    return [(o.date, o.count) for o in found]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, RoundClass.KHAC),
        (5, RoundClass.LE5),
        (10, RoundClass.TRON),
        (35, RoundClass.LE5),
        (65, RoundClass.LE5),
        (79, RoundClass.KHAC),
        (80, RoundClass.TRON),
        (95, RoundClass.LE5),
        (100, RoundClass.TRON),
        (135, RoundClass.LE5),
        (722, RoundClass.KHAC),
        (1982, RoundClass.KHAC),
        (2000, RoundClass.TRON),
    ],
)
def test_round_class_follows_last_digit(number: int, expected: RoundClass) -> None:
    assert classify(number) is expected


@pytest.mark.parametrize(
    ("date", "year", "count"),
    [
        ("03/3/1959", 2024, 65),  # Bộ đội Biên phòng
        ("26/3/1931", 2024, 93),  # Đoàn TNCS Hồ Chí Minh
        ("22/12/1944", 2023, 79),  # Quân đội nhân dân
        ("03/02/1930", 2025, 95),  # Đảng Cộng sản Việt Nam
        ("19/5/1890", 2025, 135),  # Chủ tịch Hồ Chí Minh
    ],
)
def test_count_is_year_difference(date: str, year: int, count: int) -> None:
    assert [c for _, c in year_of(entry(date), year)] == [count]


def test_count_does_not_depend_on_whether_the_day_has_passed() -> None:
    item = entry("31/12/1945")
    early = occurrences([item], dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert early[0].count == 80  # a plan written in January already says "80 năm"


def test_zero_and_negative_counts_are_never_listed() -> None:
    item = entry("10/10/2025")
    assert year_of(item, 2025) == []
    assert year_of(item, 2024) == []
    assert year_of(item, 2026) == [(dt.date(2026, 10, 10), 1)]


def test_very_large_counts() -> None:
    assert year_of(entry("40"), 2022, yearly=True) == [(dt.date(2022, 1, 1), 1982)]


def test_29_february_is_observed_on_28_february_in_common_years() -> None:
    item = entry("29/02/1960")
    assert year_of(item, 2023) == [(dt.date(2023, 2, 28), 63)]
    assert year_of(item, 2024) == [(dt.date(2024, 2, 29), 64)]


def test_month_only_entry_appears_in_its_month_on_observed_day() -> None:
    item = entry("12/1972", observed_day=18)
    found = occurrences([item], dt.date(2023, 12, 1), dt.date(2023, 12, 31))
    assert [(o.date, o.count) for o in found] == [(dt.date(2023, 12, 18), 51)]


def test_month_only_entry_without_day_listed_whenever_its_month_overlaps() -> None:
    item = entry("12/1972")
    found = occurrences([item], dt.date(2023, 12, 20), dt.date(2024, 1, 5))
    assert [(o.date, o.count) for o in found] == [(dt.date(2023, 12, 1), 51)]
    assert occurrences([item], dt.date(2023, 11, 1), dt.date(2023, 11, 30)) == []


def test_year_only_entries_only_in_yearly_lists() -> None:
    item = entry("1969")
    assert year_of(item, 2019) == []
    assert year_of(item, 2019, yearly=True) == [(dt.date(2019, 1, 1), 50)]


def test_tet_without_founding_year_has_no_class() -> None:
    item = entry("1/1", Calendar.LUNAR, count_shown=False)
    (occ,) = occurrences([item], dt.date(2030, 1, 1), dt.date(2030, 12, 31))
    assert (occ.date, occ.count, occ.round_class) == (dt.date(2030, 2, 2), None, None)


def test_gio_to_has_no_count_and_takes_the_class_of_the_year() -> None:
    item = entry("10/3", Calendar.LUNAR, count_shown=False, class_by_year=True)
    for year, date, expected in [
        (2030, dt.date(2030, 4, 12), RoundClass.TRON),
        (2025, dt.date(2025, 4, 7), RoundClass.LE5),
        (2024, dt.date(2024, 4, 18), RoundClass.KHAC),
    ]:
        (occ,) = occurrences([item], dt.date(year, 1, 1), dt.date(year, 12, 31))
        assert (occ.date, occ.count, occ.round_class) == (date, None, expected)


def test_lunar_entry_counts_lunar_years_and_is_held_on_that_years_lunar_date() -> None:
    item = entry("5/1/1789", Calendar.LUNAR)  # Ngọc Hồi – Đống Đa
    (occ,) = occurrences([item], dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (occ.date, occ.count) == (dt.date(2025, 2, 2), 236)
    assert occ.lunar is not None and (occ.lunar.month, occ.lunar.day) == (1, 5)


def test_tran_hung_dao_722nd_in_2022() -> None:
    item = entry("20/8/1300", Calendar.LUNAR)
    (occ,) = occurrences([item], dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert (occ.date, occ.count) == (dt.date(2022, 9, 15), 722)


def test_late_lunar_month_falls_in_january_of_next_solar_year() -> None:
    item = entry("20/12", Calendar.LUNAR, count_shown=False)
    found = occurrences([item], dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert [(o.date, o.year) for o in found] == [(dt.date(2025, 1, 19), 2024)]


def test_sorted_by_date_then_oldest_first() -> None:
    items = [
        entry("03/3/1989", id="bien-phong-toan-dan"),
        entry("26/3/1931", id="doan"),
        entry("03/3/1959", id="bo-doi-bien-phong"),
    ]
    found = occurrences(items, dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert [o.anniversary.id for o in found] == ["bo-doi-bien-phong", "bien-phong-toan-dan", "doan"]


def test_range_spanning_years() -> None:
    item = entry("22/12/1944")
    found = occurrences([item], dt.date(2023, 1, 1), dt.date(2025, 12, 31))
    assert [o.count for o in found] == [79, 80, 81]


@given(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.integers(min_value=1, max_value=300),
)
def test_count_property(founded: dt.date, years: int) -> None:
    target = founded.year + years
    if target > 9999:
        return
    item = entry(f"{founded.day}/{founded.month}/{founded.year:04d}")
    found = occurrences([item], dt.date(target, 1, 1), dt.date(target, 12, 31))
    assert len(found) == 1
    occ = found[0]
    assert occ.count == years
    assert occ.round_class is classify(years)
    if (founded.month, founded.day) == (2, 29) and not calendar.isleap(target):
        assert occ.date == dt.date(target, 2, 28)
    else:
        assert (occ.date.month, occ.date.day) == (founded.month, founded.day)


@given(st.integers(1901, 2190), st.integers(1, 12), st.integers(1, 30))
def test_lunar_entry_occurs_once_per_lunar_year(year: int, month: int, day: int) -> None:
    item = entry(f"{day}/{month}", Calendar.LUNAR, count_shown=False)
    found = occurrences([item], dt.date(year, 3, 1), dt.date(year + 4, 2, 28))
    lunar_years = [o.year for o in found]
    # Four solar years hold three to five occurrences, one per lunar year, in order,
    # 353 to 385 days apart (a lunar year with or without a leap month).
    assert 3 <= len(found) <= 5
    assert lunar_years == list(range(lunar_years[0], lunar_years[0] + len(found)))
    gaps = [(b.date - a.date).days for a, b in itertools.pairwise(found)]
    assert all(353 <= gap <= 386 for gap in gaps), gaps
