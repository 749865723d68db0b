"""Founding dates in every form documents write them (DOMAIN.md, "Writing dates")."""

from __future__ import annotations

import pytest

from calendar_gen.catalogue.dates import DateError, parse_founding
from calendar_gen.model import Calendar, FoundingDate, Precision

SOLAR = Calendar.SOLAR
LUNAR = Calendar.LUNAR


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3/3/1959", FoundingDate(SOLAR, 1959, 3, 3)),
        ("03/03/1959", FoundingDate(SOLAR, 1959, 3, 3)),
        ("3-3-1959", FoundingDate(SOLAR, 1959, 3, 3)),
        ("3.3.1959", FoundingDate(SOLAR, 1959, 3, 3)),
        ("1959-03-03", FoundingDate(SOLAR, 1959, 3, 3)),
        (" 27/02/1955 ", FoundingDate(SOLAR, 1955, 2, 27)),
        ("ngày 19 tháng 5 năm 1890", FoundingDate(SOLAR, 1890, 5, 19)),
        ("12/1972", FoundingDate(SOLAR, 1972, 12, None)),
        ("tháng 4/1930", FoundingDate(SOLAR, 1930, 4, None)),
        ("Tháng 4 năm 1930", FoundingDate(SOLAR, 1930, 4, None)),
        ("1972-12", FoundingDate(SOLAR, 1972, 12, None)),
        ("1969", FoundingDate(SOLAR, 1969, None, None)),
        ("40", FoundingDate(SOLAR, 40, None, None)),
        ("8/3", FoundingDate(SOLAR, None, 3, 8)),
        ("29/2", FoundingDate(SOLAR, None, 2, 29)),
        ("29/02/2000", FoundingDate(SOLAR, 2000, 2, 29)),
    ],
)
def test_solar_forms(text: str, expected: FoundingDate) -> None:
    assert parse_founding(text) == expected


@pytest.mark.parametrize(
    ("text", "leap", "expected"),
    [
        ("10/3", False, FoundingDate(LUNAR, None, 3, 10)),
        ("5/1/1789", False, FoundingDate(LUNAR, 1789, 1, 5)),
        ("20/8/1300", False, FoundingDate(LUNAR, 1300, 8, 20)),
        ("10/3 âm lịch", False, FoundingDate(LUNAR, None, 3, 10)),
        ("15/4 nhuận", False, FoundingDate(LUNAR, None, 4, 15, leap=True)),
        ("1/2/2023", True, FoundingDate(LUNAR, 2023, 2, 1, leap=True)),  # 2023 had a leap 2nd month
    ],
)
def test_lunar_forms(text: str, leap: bool, expected: FoundingDate) -> None:
    assert parse_founding(text, LUNAR, leap) == expected


def test_precision() -> None:
    assert parse_founding("3/3/1959").precision is Precision.DAY
    assert parse_founding("12/1972").precision is Precision.MONTH
    assert parse_founding("1969").precision is Precision.YEAR


@pytest.mark.parametrize(
    ("text", "calendar", "leap", "message"),
    [
        ("31/02/1959", SOLAR, False, "day 31 does not exist in 2/1959"),
        ("29/02/1959", SOLAR, False, "day 29 does not exist in 2/1959"),
        ("31/4", SOLAR, False, "day 31 does not exist in month 4"),
        ("3/13/1959", SOLAR, False, "month 13 does not exist"),
        ("3/3/59", SOLAR, False, "write the year in full"),
        ("hôm qua", SOLAR, False, "cannot read"),
        ("0", SOLAR, False, "out of range"),
        ("31/3", LUNAR, False, "lunar day 31 does not exist"),
        ("30/12/2024", LUNAR, False, "has 29 days"),  # tháng Chạp Giáp Thìn has 29 days
        ("1/3/2023", LUNAR, True, "has no leap month 3"),
        ("15/4 nhuận", SOLAR, False, "only exists in lunar dates"),
        ("12/1972", LUNAR, False, "needs a day and a month"),
    ],
)
def test_impossible_dates(text: str, calendar: Calendar, leap: bool, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_founding(text, calendar, leap)


@pytest.mark.parametrize("text", ["٣/٣/١٩٥٩", "２０２４", "1٩59", "3/3/١٩٥٩", "ngày ３ tháng 3 năm 1959"])
def test_only_ascii_digits(text: str) -> None:
    with pytest.raises(DateError, match="is not 0-9; write dates with the digits 0-9"):
        parse_founding(text)


@pytest.mark.parametrize("text", ["3/3/" + "9" * 5000, "3/3/" + "0" * 4990 + "12345", "3/3/10000"])
def test_long_years_are_out_of_range_not_an_int_error(text: str) -> None:
    with pytest.raises(DateError, match="is out of range") as info:
        parse_founding(text)
    assert len(str(info.value)) < 200


def test_leading_zeros_of_a_year_are_ignored() -> None:
    assert parse_founding("3/3/01959") == FoundingDate(SOLAR, 1959, 3, 3)


def test_a_lunar_day_after_31_12_9999_does_not_exist() -> None:
    assert parse_founding("2/12/9999", LUNAR).year == 9999  # 31/12/9999
    with pytest.raises(DateError, match="falls after 31/12/9999"):
        parse_founding("3/12/9999", LUNAR)
