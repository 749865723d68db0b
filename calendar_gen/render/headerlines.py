"""Header lines that fit their column: a long body name broken where an editor breaks it.

The administrative header's left column is 76 mm (``layout.HEADER_COLUMNS_MM``). A body name wider
than that used to wrap wherever its last word fell, "SỞ VĂN HÓA, THỂ THAO VÀ DU / LỊCH", splitting
the word "du lịch" (issue 22). The rule allows several lines: "Trường hợp tên cơ quan, tổ chức ban
hành văn bản dài có thể trình bày thành nhiều dòng" (Thông tư 01/2011/TT-BNV, Điều 7.2, whose
layout of the header Nghị định 30/2020, Phụ lục I keeps). Offices break after a comma, before "VÀ"
or before the unit's place ("ỦY BAN NHÂN DÂN / TỈNH KON TUM"); this module chooses that break
itself, measuring each line with the advance widths of Times New Roman (those of Liberation Serif,
its metric-compatible twin and the font the documents fall back to), so the PDF and the DOCX show
the same lines. Pure: the same name gives the same lines.
"""

from __future__ import annotations

import unicodedata

from calendar_gen.render.layout import HEADER_COLUMNS_MM, MM_PER_PT

# Advance widths in font units (2048 to the em) of the capitals, digits and punctuation of a body
# name, read from LiberationSerif-Bold.ttf and -Regular.ttf (fonts-liberation2) with fontTools.
# A letter with tone marks has its base letter's width; Ư and Ơ (with the horn) are their own.
_UNITS_PER_EM = 2048
_BOLD = {
    "A": 1479, "B": 1366, "C": 1479, "D": 1479, "E": 1366, "F": 1251, "G": 1593, "H": 1593,
    "I": 797, "J": 1024, "K": 1593, "L": 1366, "M": 1933, "N": 1479, "O": 1593, "P": 1251,
    "Q": 1593, "R": 1479, "S": 1139, "T": 1366, "U": 1479, "V": 1479, "W": 2048, "X": 1479,
    "Y": 1479, "Z": 1366, "Đ": 1479, "Ư": 1630, "Ơ": 1593, "0": 1024, " ": 512, ",": 512,
    ".": 512, "-": 682, "–": 1024, "(": 682, ")": 682, "/": 569, "&": 1706, "'": 569, '"': 1137,
    ":": 682, ";": 682,
}  # fmt: skip
_REGULAR = {
    "A": 1479, "B": 1366, "C": 1366, "D": 1479, "E": 1251, "F": 1139, "G": 1479, "H": 1479,
    "I": 682, "J": 797, "K": 1479, "L": 1251, "M": 1821, "N": 1479, "O": 1479, "P": 1139,
    "Q": 1479, "R": 1366, "S": 1139, "T": 1251, "U": 1479, "V": 1479, "W": 1933, "X": 1479,
    "Y": 1479, "Z": 1251, "Đ": 1479, "Ư": 1589, "Ơ": 1479, "0": 1024, " ": 512, ",": 512,
    ".": 512, "-": 682, "–": 1024, "(": 682, ")": 682, "/": 569, "&": 1593, "'": 369, '"': 836,
    ":": 569, ";": 569,
}  # fmt: skip
_UNKNOWN = 2048  # a character not in the table counts as the widest, so a line never overflows

# LibreOffice breaks a line that fills its cell exactly (layout.py); these widths, without kerning,
# are a little wider than the set text ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH": 77.4 mm, set 77.1 mm).
_SPARE_MM = 0.3
NO_BREAK_SPACE = "\u00a0"

# Words an office starts a second line with besides VÀ: the place of the unit.
_STARTS = frozenset({"TỈNH", "THÀNH", "HUYỆN", "QUẬN", "THỊ", "XÃ", "PHƯỜNG", "ĐẶC"})


def _width(char: str, table: dict[str, int]) -> int:
    if char == NO_BREAK_SPACE:
        return table[" "]
    if char in table:
        return table[char]
    if char.isdigit():
        return table["0"]
    base = unicodedata.normalize("NFD", char)[:1]
    return table.get(base, _UNKNOWN)


def width_mm(text: str, pt: float, bold: bool) -> float:
    """The width of ``text`` set in Times New Roman at ``pt`` points, in millimetres."""
    table = _BOLD if bold else _REGULAR
    units = sum(_width(char, table) for char in text.upper())
    return units / _UNITS_PER_EM * pt * MM_PER_PT


def _rank(words: list[str], at: int) -> int:
    """How well a break before ``words[at]`` reads: 0 before VÀ, 1 after a comma or before a place.

    "SỞ VĂN HÓA, THỂ THAO / VÀ DU LỊCH", as the Sở print it; "ỦY BAN NHÂN DÂN / TỈNH KON TUM".
    """
    if words[at] in {"VÀ", "&"}:
        return 0
    place = words[at] in _STARTS and len(words) - at >= 2  # "TỈNH KON TUM", not "ĐẢNG / TỈNH"
    return 1 if words[at - 1].endswith(",") or place else 2


def fit_lines(name: str, pt: float, bold: bool, column_mm: float = HEADER_COLUMNS_MM[0]) -> list[str]:
    """``name`` as the lines of the header column: itself when it fits, else broken as an editor does.

    Among the breaks whose first line fits, the best-reading one (``_rank``) wins, then the one
    with the longest first line (where a word processor would break); the rest is broken again
    while it is too wide. The words of a broken line are joined with no-break spaces, so neither
    Word nor the browser breaks it somewhere else; a line that cannot fit (a word wider than the
    column) keeps its spaces and wraps as it must.
    """
    limit = column_mm - _SPARE_MM
    words = name.split()
    if len(words) < 2 or width_mm(" ".join(words), pt, bold) <= limit:
        return [" ".join(words)] if words else []
    lines: list[list[str]] = []
    while len(words) > 1 and width_mm(" ".join(words), pt, bold) > limit:
        firsts = {at: width_mm(" ".join(words[:at]), pt, bold) for at in range(1, len(words))}
        candidates = [(_rank(words, at), -first, at) for at, first in firsts.items() if first <= limit]
        if not candidates:
            break
        _, _, at = min(candidates)
        lines.append(words[:at])
        words = words[at:]
    lines.append(words)
    return [
        (NO_BREAK_SPACE if width_mm(" ".join(line), pt, bold) <= limit else " ").join(line) for line in lines
    ]
