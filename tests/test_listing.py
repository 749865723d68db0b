"""The editor's selection (calendar_gen.engine.listing): table tests of the rules, through the library.

Each row is an entry, a year and what guidance does with it: listed or not, and the reason the
officer reads ("ngày lễ lớn", "năm tròn", "Kết luận 88-KL/TW: 110 năm", "ngày của tỉnh" ...).
"""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_gen.catalogue.listing import load_rules
from calendar_gen.engine.listing import Choice, When, choose
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.model import Anniversary, Calendar, FoundingDate

RULES = load_rules()


def entry(
    entry_id: str,
    name: str,
    year: int,
    kind: str,
    *,
    scope: str = "national",
    count: bool = True,
    listed: str | None = None,
    tags: tuple[str, ...] = (),
    died: int | None = None,
    listed_for: tuple[str, ...] = (),
) -> Anniversary:
    return Anniversary(
        id=entry_id,
        name=name,
        founded=FoundingDate(Calendar.SOLAR, year, 5, 10),
        count_shown=count,
        scope=scope,
        kind=kind,
        tags=tags,
        listed=listed,
        listed_for=listed_for,
        died=FoundingDate(Calendar.SOLAR, died, None, None) if died else None,
    )


def decide(item: Anniversary, year: int, *args: object, **kwargs: object) -> Choice:
    (occ,) = occurrences([item], dt.date(year, 1, 1), dt.date(year, 12, 31), yearly=True)
    (choice,) = choose([occ], RULES, *args, **kwargs)  # type: ignore[arg-type]
    return choice


EVENT = entry("chien-thang-x", "Chiến thắng X", 1975, "event")
SECTOR = entry("nganh-y", "Ngày truyền thống ngành Y", 1955, "sector", tags=("y-te",))
INTERNATIONAL = entry("ngay-quoc-te-y", "Ngày Quốc tế Y", 1977, "international", count=False)
LOCAL = entry("tinh-x-giai-phong", "Ngày Giải phóng tỉnh X", 1975, "local", scope="province:x")
ALWAYS = entry("doan-x", "Ngày thành lập Đoàn X", 1931, "organisation", listed="always")
BIRTH = entry("sinh-x", "Ngày sinh đồng chí X", 1915, "leader", died=1990)
LIVING = entry("sinh-y", "Ngày sinh đồng chí Y", 1925, "leader")


@pytest.mark.parametrize(
    ("item", "year", "listed", "why"),
    [
        (EVENT, 2025, True, "năm tròn"),  # 50
        (EVENT, 2020, True, "năm lẻ 5"),  # 45
        (EVENT, 2024, False, "năm khác (49 năm): chỉ đưa vào năm tròn, năm lẻ 5"),
        (SECTOR, 2025, True, "năm tròn"),  # 70: Nghị định 111/2018, a ceremony in năm tròn
        (SECTOR, 2020, False, "65 năm: chỉ đưa vào năm tròn"),
        (INTERNATIONAL, 2027, False, "ngày quốc tế: thường không đưa vào"),  # N = 50, but no count shown
        (LOCAL, 2024, True, "ngày của tỉnh"),
        (ALWAYS, 2024, True, "ngày kỷ niệm hằng năm"),  # 93
        (ALWAYS, 2031, True, "năm tròn"),  # 100
        (BIRTH, 2025, True, "Kết luận 88-KL/TW: 110 năm"),
        (BIRTH, 2020, False, "Kết luận 88-KL/TW: chỉ kỷ niệm 100, 110, 120... năm ngày sinh người đã mất"),
        (BIRTH, 2005, False, "Kết luận 88-KL/TW: chỉ kỷ niệm 100, 110, 120... năm ngày sinh người đã mất"),
        (LIVING, 2025, False, "Kết luận 88-KL/TW: chỉ kỷ niệm 100, 110, 120... năm ngày sinh người đã mất"),
    ],
)
def test_rules_of_the_month(item: Anniversary, year: int, listed: bool, why: str) -> None:
    choice = decide(item, year)
    assert (choice.listed, choice.why) == (listed, why)


def test_the_ngay_le_lon_are_listed_every_year_with_their_reason() -> None:
    party = entry("thanh-lap-dang", "Ngày thành lập Đảng Cộng sản Việt Nam", 1930, "holiday")
    for year in (2021, 2023, 2025):
        assert (decide(party, year).listed, decide(party, year).why) == (True, "ngày lễ lớn")


def test_an_audience_lists_its_sector_every_year() -> None:
    assert not decide(SECTOR, 2024).listed
    choice = decide(SECTOR, 2024, ("y-te",))
    assert (choice.listed, choice.why) == (True, "theo đối tượng: Y tế")
    named = entry("ngay-z", "Ngày Z", 1990, "sector", listed_for=("doan",))
    assert decide(named, 2024, ("doan",)).why == "theo đối tượng: Đoàn"
    assert not decide(named, 2024, ("y-te",)).listed


def test_the_officer_has_the_last_word() -> None:
    assert decide(EVENT, 2024, include=["chien-thang-x"]).why == "thêm theo yêu cầu"
    choice = decide(EVENT, 2025, exclude=["chien-thang-x"])
    assert (choice.listed, choice.why) == (False, "bỏ theo yêu cầu")
    assert decide(entry("x", "Ngày X", 1990, "event", listed="never"), 2020).listed is False


def test_the_yearly_plan_keeps_always_for_the_province_and_the_ngay_le_lon_only() -> None:
    assert decide(ALWAYS, 2024).listed
    assert not decide(ALWAYS, 2024, yearly=True).listed  # 93: not a round year in the plan
    assert decide(ALWAYS, 2031, yearly=True).listed
    assert decide(LOCAL, 2024, yearly=True).listed


def test_the_plan_leaves_a_sectors_day_to_its_audience_and_keeps_plan_entries_first() -> None:
    assert decide(SECTOR, 2025).listed  # 70 in the month list
    assert not decide(SECTOR, 2025, yearly=True).listed
    assert decide(SECTOR, 2025, ("y-te",), yearly=True).listed
    martyrs = entry("thuong-binh", "Ngày Thương binh – Liệt sĩ", 1947, "event", listed="plan")
    choice = decide(martyrs, 2024, yearly=True)  # 77
    assert (choice.listed, choice.section) == (True, "le-lon")


@pytest.mark.parametrize(
    ("item", "section"),
    [
        (EVENT, "su-kien"),
        (SECTOR, "thanh-lap"),
        (LOCAL, "dia-phuong"),
        (BIRTH, "ngay-sinh"),
        (entry("thanh-lap-dang", "Ngày thành lập Đảng", 1930, "holiday"), "le-lon"),
        (entry("ngay-quoc-te-z", "Ngày Quốc tế Z", 1975, "international"), "quoc-te"),
    ],
)
def test_sections_of_the_yearly_plan(item: Anniversary, section: str) -> None:
    assert decide(item, 2025, yearly=True).section == section


def test_the_shipped_rules_name_every_kind_and_the_seven_ngay_le_lon() -> None:
    from calendar_gen.catalogue.types import KINDS

    assert set(RULES.kinds) == set(KINDS)
    assert RULES.kinds["international"] is When.NEVER
    # Nghị định 145/2013/NĐ-CP, Điều 4: seven items, the seventh two days (19/8 and 2/9).
    assert len(RULES.major) == 8
    assert [s.slug for s in RULES.sections] == [
        "le-lon",
        "ngay-sinh",
        "thanh-lap",
        "su-kien",
        "quoc-te",
        "dia-phuong",
    ]
