"""Public days off: python-holidays merged with data/days-off.yaml equals the official notices 2024–2026.

The reference dates are the notices themselves (quotes and addresses in data/days-off.yaml and in
the comments below), not python-holidays: a release that drops or moves a day fails here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_gen.catalogue.daysoff import announced_days_off, load_days_off, official_days_off
from calendar_gen.engine.daysoff import WORKING, DayOff, days_off
from calendar_gen.problems import CatalogueError


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def span(first: str, last: str) -> list[dt.date]:
    start, end = d(first), d(last)
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


# year: (weekdays off, Saturdays worked, the breaks as announced: first and last day)
OFFICIAL = {
    # Thông báo 5015/TB-LĐTBXH; Văn bản 2450/VPCP-KGVX (swap 29/4 ↔ 04/5).
    2024: (
        ["2024-01-01", *map(str, span("2024-02-08", "2024-02-09")), *map(str, span("2024-02-12", "2024-02-14")),
         "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03"],
        ["2024-05-04"],
        [("2024-02-08", "2024-02-14"), ("2024-04-27", "2024-05-01"), ("2024-08-31", "2024-09-03")],
    ),
    # VPCP 8726/VPCP-KGVX (Tết 25/01–02/02); swap 02/5 ↔ 26/4; Quốc khánh 30/8–2/9.
    2025: (
        ["2025-01-01", *map(str, span("2025-01-27", "2025-01-31")), "2025-04-07", "2025-04-30",
         "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"],
        ["2025-04-26"],
        [("2025-01-25", "2025-02-02"), ("2025-04-30", "2025-05-04"), ("2025-08-30", "2025-09-02")],
    ),
    # VPCP 12729/VPCP-KGVX (02/01 ↔ 10/01); Thông báo 9441/TB-BNV (Tết 14/02–22/02); Giỗ Tổ on
    # Sunday, nghỉ bù Monday 27/4; Quốc khánh 29/8–2/9 (31/8 ↔ 22/8); Ngày Văn hóa Việt Nam 24/11
    # (NQ 80-NQ/TW; python-holidays lists it from 2026).
    2026: (
        ["2026-01-01", "2026-01-02", *map(str, span("2026-02-16", "2026-02-20")), "2026-04-27",
         "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02", "2026-11-24"],
        ["2026-01-10", "2026-08-22"],
        [("2026-01-01", "2026-01-04"), ("2026-02-14", "2026-02-22"), ("2026-04-25", "2026-04-27"),
         ("2026-04-30", "2026-05-03"), ("2026-08-29", "2026-09-02")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_weekdays_off_and_saturdays_worked_equal_the_notices(year: int) -> None:
    weekdays, working, _breaks = OFFICIAL[year]
    days = official_days_off(year)
    assert sorted(x.date for x in days if x.is_off and x.date.weekday() < 5) == [d(t) for t in weekdays]
    assert [x.date for x in days if x.kind == WORKING] == [d(t) for t in working]


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_each_announced_break_is_exactly_the_days_off(year: int) -> None:
    days = official_days_off(year)
    off = {x.date for x in days if x.is_off}
    worked = {x.date for x in days if x.kind == WORKING}

    def free(day: dt.date) -> bool:
        return day in off or (day.weekday() >= 5 and day not in worked)

    for first, last in OFFICIAL[year][2]:
        assert all(free(day) for day in span(first, last)), (first, last)
        assert not free(d(first) - dt.timedelta(days=1)), f"the break before {first} is longer"
        assert not free(d(last) + dt.timedelta(days=1)), f"the break after {last} is longer"


@pytest.mark.parametrize(
    ("day", "name", "kind"),
    [
        ("2024-01-01", "Tết Dương lịch", "holiday"),
        ("2024-02-10", "Tết Nguyên đán", "holiday"),
        ("2024-04-18", "Giỗ Tổ Hùng Vương", "holiday"),
        ("2024-04-29", "Nghỉ hoán đổi", "swap"),
        ("2024-04-30", "Ngày Chiến thắng", "holiday"),
        ("2024-05-01", "Ngày Quốc tế Lao động", "holiday"),
        ("2024-05-04", "Làm bù", "working"),
        ("2024-09-03", "Quốc khánh", "holiday"),
        ("2026-01-02", "Nghỉ hoán đổi", "swap"),
        ("2026-04-27", "Nghỉ bù", "compensatory"),
        ("2026-11-24", "Ngày Văn hóa Việt Nam", "holiday"),
    ],
)
def test_names_are_vietnamese(day: str, name: str, kind: str) -> None:
    (found,) = [x for x in official_days_off(d(day).year) if x.date == d(day)]
    assert (found.name, found.kind) == (name, kind)


@pytest.mark.parametrize("year", [1901, 1975, 2000, 2024, 2025, 2026, 2050, 2100])
def test_one_entry_per_date_in_order_and_names_need_no_escaping(year: int) -> None:
    days = official_days_off(year)
    assert [x.date for x in days] == sorted({x.date for x in days})
    assert all(x.date.year == year for x in days)
    assert not any(c in x.name + x.note for x in days for c in ",;\\\n")


def test_the_library_alone_misses_the_2026_new_year_swap_the_file_adds() -> None:
    assert d("2026-01-02") not in {x.date for x in days_off(2026)}
    assert d("2026-01-02") in {x.date for x in days_off(2026, announced_days_off())}


def test_swapped_days_give_their_saturday_even_without_the_file() -> None:
    # python-holidays' "Ngày nghỉ (thay cho ngày 04/05/2024)" names the Saturday worked.
    assert [x.date for x in days_off(2024) if x.kind == WORKING] == [d("2024-05-04")]


def test_years_outside_the_library_have_only_announced_days() -> None:
    extra = DayOff(d("2200-05-02"), "Nghỉ hoán đổi", "swap", source="x")
    assert days_off(2200, [extra]) == [extra]
    assert days_off(1, [extra]) == []


def test_shipped_file_every_entry_has_a_source() -> None:
    days = announced_days_off()
    assert days and all(x.source.startswith(("Văn bản", "Thủ tướng", "Bộ luật", "Phương án")) for x in days)
    assert all("https://" in x.source for x in days)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "days-off.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        load_days_off(path)
    return [str(p) for p in caught.value.problems]


def test_loader_names_file_and_line_of_every_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "days:\n"
        "  - date: 2026-01-03\n    kind: swap\n    source: a\n"  # a Saturday is no swap
        "  - date: 2026-01-05\n    kind: working\n    source: a\n"  # a Monday is no working day
        "  - date: 2026-13-01\n    kind: swap\n    source: a\n"
        "  - date: 2026-01-06\n    kind: holidays\n    source: a\n"
        "  - date: 2026-01-07\n    kind: swap\n    name: Nghỉ, bù\n    source: a\n"
        "  - date: 2026-01-08\n    kind: swap\n"
        "  - date: 2026-01-09\n    kind: swap\n    sauce: a\n"
        "  - date: 2026-01-12\n    kind: holiday\n    source: a\n",
    )
    found = problems(path)
    assert found == [
        f"{path}:2:5: 2026-01-03 is a Saturday or Sunday: a day off of this kind is a weekday",
        f"{path}:5:5: 2026-01-05 is a weekday: a working day in exchange is a Saturday or Sunday",
        f"{path}:8:5: date '2026-13-01' is not a day written YYYY-MM-DD",
        f"{path}:11:5: kind 'holidays' is not one of: holiday, swap, compensatory, working",
        f"{path}:16:11: 'name' may not hold a comma, semicolon, backslash or line break",
        f"{path}:18: 'source' is missing",
        f"{path}:22:5: unknown key 'sauce'; expected one of: date, kind, name, note, source",
        f"{path}:23:5: a holiday needs a 'name'",
    ]


def test_loader_refuses_duplicates_and_wrong_shapes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "days:\n  - date: 2026-01-02\n    kind: swap\n    source: a\n"
        "  - date: 2026-01-02\n    kind: swap\n    source: b\n",
    )
    assert problems(path) == [f"{path}:5:5: 2026-01-02 is already listed on line 2; keep one entry per date"]
    assert problems(write(tmp_path, "- 1\n")) == [f"{path}:1:1: expected a mapping with the key 'days'"]
    assert problems(write(tmp_path, "days: 3\nextra: 1\n")) == [
        f"{path}:1:7: 'days' must be a list of entries"
    ]
    assert problems(write(tmp_path, "dayz: []\n"))[0].startswith(f"{path}:1:1: unknown key 'dayz'")
