"""The yearly plan (``calendar-gen year``) in the sections of the central yearly guidance (issue 18)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

MAJOR = {  # Nghị định 145/2013/NĐ-CP, Điều 4, with the founding year of each counted day
    "thanh-lap-dang": 1930,
    "ngay-giai-phong-mien-nam": 1975,
    "chien-thang-dien-bien-phu": 1954,
    "ngay-sinh-chu-tich-ho-chi-minh": 1890,
    "cach-mang-thang-tam": 1945,
    "quoc-khanh": 1945,
    "gio-to-hung-vuong": None,
    "tet-nguyen-dan": None,
}


@pytest.mark.parametrize("year", range(2016, 2027))
def test_every_plan_holds_each_ngay_le_lon_with_its_count_and_stays_short(year: int) -> None:
    result = run_cli("year", str(year), "-f", "json")
    assert result.returncode == 0, result.stderr
    listed = [item for item in json.loads(result.stdout) if item["listed"]]
    assert 15 <= len(listed) <= 60
    by_id = {item["id"]: item for item in listed}
    for entry_id, founded in MAJOR.items():
        item = by_id[entry_id]
        assert item["section"] == "le-lon" and item["why"] == "ngày lễ lớn"
        assert item["count"] == (year - founded if founded else None)


def sections_of(text: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if line[:2] in ("I.", "II", "IV", "V.", "VI") or line.startswith("III.")
    ]


def test_2023_lists_the_ngay_le_lon_though_none_is_round() -> None:
    text = run_cli("year", "2023").stdout
    first = text.split("\nII.")[0]
    assert (
        "1. 93 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2023) và đón Tết Nguyên đán Quý Mão"
        in first
    )
    for words in ("48 năm Ngày Giải phóng miền Nam", "69 năm Chiến thắng Điện Biên Phủ", "133 năm Ngày sinh Chủ tịch Hồ Chí Minh",
                  "78 năm Cách mạng Tháng Tám", "78 năm Quốc khánh", "Giỗ Tổ Hùng Vương"):  # fmt: skip
        assert words in first
    assert sections_of(text)[0] == "I. CÁC NGÀY LỄ LỚN"


def test_2025_sections_in_the_guidance_order() -> None:
    text = run_cli("year", "2025").stdout
    assert sections_of(text) == [
        "I. CÁC NGÀY LỄ LỚN",
        "II. KỶ NIỆM NĂM TRÒN NGÀY SINH CÁC ĐỒNG CHÍ LÃNH ĐẠO TIỀN BỐI",
        "III. NGÀY THÀNH LẬP, NGÀY TRUYỀN THỐNG",
        "IV. SỰ KIỆN LỊCH SỬ",
    ]
    assert "50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/2025)" in text
    assert "110 năm Ngày sinh đồng chí Nguyễn Văn Linh (01/7/1915 – 01/7/2025)" in text.split("\nIII.")[0]
    assert "Ngày truyền thống ngành Thuế" not in text  # a sector's day: for its audience, not the plan


def test_2026_with_a_province_adds_its_section_and_markdown_and_by_month() -> None:
    text = run_cli("year", "2026", "-p", "quang-ngai").stdout
    assert (
        sections_of(text)[-1] == "V. NGÀY KỶ NIỆM CỦA ĐỊA PHƯƠNG"
        or "NGÀY KỶ NIỆM CỦA ĐỊA PHƯƠNG" in sections_of(text)[-1]
    )
    assert "Kon Tum" in text.split("NGÀY KỶ NIỆM CỦA ĐỊA PHƯƠNG")[1]
    markdown = run_cli("year", "2026", "-f", "markdown").stdout
    assert markdown.startswith("# Các ngày lễ lớn") and "\n## I. Các ngày lễ lớn\n" in markdown
    by_month = run_cli("year", "2026", "--by-month").stdout
    assert "\nTháng 1:\n" in by_month and "I. CÁC NGÀY LỄ LỚN" not in by_month
