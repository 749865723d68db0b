"""Editorial order within a day, joining with at most one "và", and Kết luận 88-KL/TW (issue 13)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from calendar_gen.catalogue.load import load
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.engine.selection import is_birth, kl88
from calendar_gen.model import Occurrence, RoundClass
from calendar_gen.paths import default_catalogue
from calendar_gen.render.formatting import DateStyle
from calendar_gen.render.order import join_day
from calendar_gen.render.paragraph import month_text
from calendar_gen.render.views import by_day

ENTRIES = load([default_catalogue()]).entries


def day(date: dt.date, everything: bool = False) -> str:
    """One day's phrase as the monthly paragraph writes it."""
    found = occurrences(ENTRIES, date, date)
    if not everything:
        found = kl88(found)
    (group,) = by_day(found, DateStyle.ND30)
    return join_day(item["text"] for item in group)


GOLDEN = [
    # The national holiday first, then the historical event; the leader's birth (113 years) is not
    # a year Kết luận 88-KL/TW names, so it is left out unless --all asks for it.
    (
        dt.date(2025, 9, 2),
        False,
        "80 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 – 02/9/2025) và "
        "56 năm Ngày mất của Chủ tịch Hồ Chí Minh (02/9/1969 – 02/9/2025)",
    ),
    (
        dt.date(2025, 9, 2),
        True,
        "80 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 – 02/9/2025); "
        "56 năm Ngày mất của Chủ tịch Hồ Chí Minh (02/9/1969 – 02/9/2025) và "
        "113 năm Ngày sinh đồng chí Xuân Thủy (02/9/1912 – 02/9/2025)",
    ),
    # The victory before the international day, whatever the counts.
    (
        dt.date(2024, 3, 23),
        False,
        "53 năm Chiến thắng Đường 9 – Nam Lào (23/3/1971 – 23/3/2024) và Ngày Khí tượng thế giới (23/3)",
    ),
    # Five mentions: the uprising, then sectors and organisations (oldest first), then the birth;
    # one "và" only, the others joined with "; ".
    (
        dt.date(2026, 11, 23),
        True,
        "86 năm Ngày Nam Kỳ khởi nghĩa (23/11/1940 – 23/11/2026); "
        "81 năm Ngày truyền thống Thanh tra Việt Nam (23/11/1945 – 23/11/2026); "
        "80 năm Ngày thành lập Hội Chữ thập đỏ Việt Nam (23/11/1946 – 23/11/2026); "
        "21 năm Ngày Di sản văn hóa Việt Nam (23/11/2005 – 23/11/2026) và "
        "104 năm Ngày sinh đồng chí Võ Văn Kiệt (23/11/1922 – 23/11/2026)",
    ),
    (
        dt.date(2026, 11, 23),
        False,
        "86 năm Ngày Nam Kỳ khởi nghĩa (23/11/1940 – 23/11/2026); "
        "81 năm Ngày truyền thống Thanh tra Việt Nam (23/11/1945 – 23/11/2026); "
        "80 năm Ngày thành lập Hội Chữ thập đỏ Việt Nam (23/11/1946 – 23/11/2026) và "
        "21 năm Ngày Di sản văn hóa Việt Nam (23/11/2005 – 23/11/2026)",
    ),
]


@pytest.mark.parametrize(("date", "everything", "expected"), GOLDEN)
def test_one_day_in_editorial_order(date: dt.date, everything: bool, expected: str) -> None:
    assert day(date, everything) == expected


@pytest.mark.parametrize(
    ("texts", "joined"),
    [
        ([], ""),
        (["A"], "A"),
        (["A", "B"], "A và B"),
        (["A", "B", "C"], "A; B và C"),
        (["A, x", "B", "C", "D"], "A, x; B; C và D"),
    ],
)
def test_join_day(texts: list[str], joined: str) -> None:
    assert join_day(texts) == joined


def test_no_month_paragraph_chains_two_va_in_a_day() -> None:
    """2020-2030: between two "; " a day never holds more than one "và" of our own."""
    for year in range(2020, 2031):
        found = occurrences(ENTRIES, dt.date(year, 1, 1), dt.date(year, 12, 31))
        for group in by_day(found, DateStyle.ND30):
            joined = join_day(item["text"] for item in group)
            own = joined.count(")" + " và ")
            assert own <= 1, joined


def test_month_paragraph_uses_the_editorial_order() -> None:
    found = kl88(occurrences(ENTRIES, dt.date(2025, 9, 1), dt.date(2025, 9, 30)))
    text = month_text(found, 2025, 9)
    assert text.index("80 năm Quốc khánh") < text.index("56 năm Ngày mất của Chủ tịch Hồ Chí Minh")
    assert "Xuân Thủy" not in text


def birthday_listed_wrongly(occ: Occurrence) -> str | None:
    """Why a listed birth breaks Kết luận 88-KL/TW, or None when it may be listed."""
    died = occ.anniversary.died
    if died is None or died.year is None or died.year > occ.date.year:
        return "living person"
    if occ.count is None or occ.count < 100 or occ.round_class is not RoundClass.TRON:
        return f"{occ.count} is not 100, 110, 120 ..."
    return None


@pytest.mark.parametrize("year", range(2000, 2031))
def test_no_living_persons_birthday_in_any_year(year: int) -> None:
    found = kl88(occurrences(ENTRIES, dt.date(year, 1, 1), dt.date(year, 12, 31), yearly=True))
    wrong = {
        o.anniversary.id: reason
        for o in found
        if is_birth(o.anniversary) and (reason := birthday_listed_wrongly(o)) is not None
    }
    assert wrong == {}


def test_the_years_real_guidance_names_are_kept() -> None:
    """2024's guidance: Trần Phú, Nguyễn Lương Bằng, Hoàng Đình Giong at 120; 2022: Võ Văn Kiệt 100."""
    listed = {
        year: {
            o.anniversary.id for o in kl88(occurrences(ENTRIES, dt.date(year, 1, 1), dt.date(year, 12, 31)))
        }
        for year in (2022, 2024)
    }
    assert {"sinh-tran-phu", "sinh-nguyen-luong-bang", "sinh-hoang-dinh-giong"} <= listed[2024]
    assert "sinh-vo-van-kiet" in listed[2022]
    assert "sinh-nguyen-phu-trong" not in listed[2024]  # 80 years, and not a year the rule names


def test_july_2023_lists_no_non_round_birth() -> None:
    found = kl88(occurrences(ENTRIES, dt.date(2023, 7, 1), dt.date(2023, 7, 31)))
    names = month_text(found, 2023, 7)
    for person in ("Nguyễn Văn Linh", "Nguyễn Văn Cừ", "Nguyễn Hữu Thọ", "Nguyễn Đình Chiểu"):
        assert person not in names


def test_every_dead_persons_birth_entry_has_a_source_for_the_date_of_death() -> None:
    for entry in ENTRIES:
        if entry.died is not None:
            assert entry.source and "ngày mất" in entry.source, entry.id


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calendar_gen", "--lang", "en", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_all_lists_every_birth_and_the_default_does_not() -> None:
    default = cli("month", "2025-09", "--today", "2025-08-01")
    everything = cli("month", "2025-09", "--all", "--today", "2025-08-01")
    assert default.returncode == everything.returncode == 0
    assert "Xuân Thủy" not in default.stdout
    assert "113 năm Ngày sinh đồng chí Xuân Thủy" in everything.stdout


def test_yearly_round_list_shows_the_count_it_was_classified_by() -> None:
    result = cli("year", "2025", "--round", "--all", "--today", "2025-01-01")
    assert result.returncode == 0, result.stderr
    assert "115 năm Ngày Quốc tế Phụ nữ (08/3/1910 – 08/3/2025)" in result.stdout
    assert "Ngày Quốc tế Phụ nữ (8/3) [" not in result.stdout


def test_upcoming_marks_nam_tron() -> None:
    result = cli("upcoming", "--today", "2025-03-01", "-d", "10")
    assert "70 năm Ngày truyền thống Không quân nhân dân Việt Nam (03/3/1955 – 03/3/2025) [năm tròn]" in (
        result.stdout
    )
    assert "115 năm Ngày Quốc tế Phụ nữ (08/3/1910 – 08/3/2025) [năm lẻ 5]" in result.stdout
