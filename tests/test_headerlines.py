"""Where a body name too wide for the header column breaks (render/headerlines.py, issue 22)."""

from __future__ import annotations

import pytest

from calendar_gen.render.headerlines import NO_BREAK_SPACE, fit_lines, width_mm


@pytest.mark.parametrize(
    ("name", "pt", "lines"),
    [
        # Fits in 76 mm: untouched, ordinary spaces (every existing document stays as it was).
        ("SỞ VĂN HÓA VÀ THỂ THAO", 12, ["SỞ VĂN HÓA VÀ THỂ THAO"]),
        ("BAN TUYÊN GIÁO VÀ DÂN VẬN", 14, ["BAN TUYÊN GIÁO VÀ DÂN VẬN"]),  # 75.6 mm, as set today
        ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", 12, ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"]),
        # Too wide: before "VÀ", as the Sở print it, not "… DU / LỊCH".
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 12, ["SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"]),
        ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", 14, ["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", 12, ["SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"]),
        # Before the unit's place.
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", 12, ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]),
        (
            "TRUNG TÂM KIỂM SOÁT BỆNH TẬT TỈNH QUẢNG NGÃI",
            12,
            ["TRUNG TÂM KIỂM SOÁT BỆNH TẬT", "TỈNH QUẢNG NGÃI"],
        ),
        # No such word: where a word processor breaks; "TỈNH" alone is not a place.
        ("ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH", 14, ["ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG", "TỈNH"]),
        # A name of three lines.
        (
            "BAN CHẤP HÀNH ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH TỈNH KON TUM",
            12,
            ["BAN CHẤP HÀNH ĐOÀN THANH", "NIÊN CỘNG SẢN HỒ CHÍ MINH", "TỈNH KON TUM"],
        ),
        ("", 12, []),
    ],
)
def test_lines_of_a_name(name: str, pt: float, lines: list[str]) -> None:
    fitted = fit_lines(name, pt, bold=True)
    assert [line.replace(NO_BREAK_SPACE, " ") for line in fitted] == lines
    assert all(width_mm(line, pt, True) <= 76 for line in fitted)
    if len(lines) > 1:  # a broken line keeps its words together in Word and in the browser
        assert all(" " not in line for line in fitted)


def test_widths_are_times_new_romans() -> None:
    """77.1 mm set by WeasyPrint and LibreOffice (docs/van-ban.md); kerning makes ours a little wider."""
    assert 77.0 <= width_mm("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 12, True) <= 77.6
    assert 87.5 <= width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True) <= 88.4  # 87.7 mm set
    assert width_mm("ư", 12, False) == width_mm("Ư", 12, False) > width_mm("U", 12, False)
