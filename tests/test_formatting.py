"""Date styles and the mention wording (Nghị định 30/2020, Phụ lục I; the guidance documents)."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_gen.catalogue.dates import parse_founding
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.model import Anniversary, Calendar
from calendar_gen.render.formatting import DateStyle, full_date, mention, month_year, short_date


@pytest.mark.parametrize(
    ("day", "month", "year", "style", "expected"),
    [
        (3, 3, 1959, DateStyle.ND30, "03/3/1959"),
        (5, 2, 2024, DateStyle.ND30, "05/02/2024"),
        (27, 2, 1955, DateStyle.ND30, "27/02/1955"),
        (1, 1, 2023, DateStyle.ND30, "01/01/2023"),
        (26, 12, 1961, DateStyle.ND30, "26/12/1961"),
        (3, 3, 1959, DateStyle.PLAIN, "3/3/1959"),
        (3, 3, 1959, DateStyle.PADDED, "03/03/1959"),
    ],
)
def test_full_date_styles(day: int, month: int, year: int, style: DateStyle, expected: str) -> None:
    assert full_date(day, month, year, style) == expected


def test_short_and_month_forms() -> None:
    assert short_date(8, 3) == "8/3"
    assert short_date(8, 3, DateStyle.PADDED) == "08/03"
    assert month_year(12, 1972) == "12/1972"
    assert month_year(1, 1946) == "01/1946"
    assert month_year(1, 1946, DateStyle.PLAIN) == "1/1946"


def mention_in(name: str, date: str, year: int, calendar: Calendar = Calendar.SOLAR, **kwargs: object) -> str:
    item = Anniversary(id="x", name=name, founded=parse_founding(date, calendar), **kwargs)  # type: ignore[arg-type]
    (occ,) = occurrences([item], dt.date(year, 1, 1), dt.date(year, 12, 31), yearly=True)
    return mention(occ)


def test_mention_with_count() -> None:
    assert (
        mention_in("Ngày truyền thống Bộ đội Biên phòng", "3/3/1959", 2024)
        == "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)"
    )


def test_mention_without_count() -> None:
    assert (
        mention_in("Ngày Quốc tế Phụ nữ", "8/3/1910", 2024, count_shown=False) == "Ngày Quốc tế Phụ nữ (8/3)"
    )


def test_month_only_and_year_only_mentions() -> None:
    assert (
        mention_in("Chiến thắng “Hà Nội – Điện Biên Phủ trên không”", "12/1972", 2023)
        == "51 năm Chiến thắng “Hà Nội – Điện Biên Phủ trên không” (12/1972 – 12/2023)"
    )
    assert (
        mention_in("Di chúc của Chủ tịch Hồ Chí Minh", "1969", 2019)
        == "50 năm Di chúc của Chủ tịch Hồ Chí Minh (1969 – 2019)"
    )
    assert mention_in("Khởi nghĩa Hai Bà Trưng", "40", 2022) == "1982 năm Khởi nghĩa Hai Bà Trưng (40 – 2022)"


def test_lunar_mentions_show_lunar_date_and_this_years_solar_date() -> None:
    assert (
        mention_in("Giỗ Tổ Hùng Vương", "10/3", 2024, Calendar.LUNAR, count_shown=False)
        == "Giỗ Tổ Hùng Vương (10/3 âm lịch, tức ngày 18/4/2024)"
    )
    assert (
        mention_in("Chiến thắng Ngọc Hồi – Đống Đa", "5/1/1789", 2025, Calendar.LUNAR)
        == "236 năm Chiến thắng Ngọc Hồi – Đống Đa (05/01/1789 – 05/01/2025 âm lịch, tức ngày 02/02/2025)"
    )


def test_29_february_in_common_year_shows_the_observed_day() -> None:
    assert mention_in("Ngày thử", "29/02/1960", 2023) == "63 năm Ngày thử (29/02/1960 – 28/02/2023)"
