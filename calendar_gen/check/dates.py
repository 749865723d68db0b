"""Dates as drafts write them inside a mention, with the position of every part.

Forms (DOMAIN.md, "Writing dates"): d/m/yyyy, dd/mm/yyyy, d-m-yyyy, d.m.yyyy, m/yyyy, yyyy,
"20 tháng 10 năm 1930", "mùng 10 tháng 3", "tháng 4/1930", "tháng Giêng"; a period joins two of
them with an en dash, a hyphen or nothing but spaces around the dash, and may end in "âm lịch"
and ", tức ngày 14/02/2024". Malformed writing is kept, not rejected, so that the rules can name
it: a doubled separator ("10/10//1954"), a dash inside a date ("30/9 - 1910"), a year of the wrong
length ("02/9/202").
"""

from __future__ import annotations

import calendar as _gregorian
import re
from dataclasses import dataclass

# Months written as words (DOMAIN.md, "Lunar dates": "tháng Giêng", "tháng Chạp"; solar months too:
# "tháng Ba"); "năm" only when no year number follows, since "tháng 3 năm 2024" is a year.
_MONTH_WORDS = {
    "giêng": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười một": 11,
    "mười hai": 12,
    "mười": 10,
    "một": 11,
    "chạp": 12,
}
_MONTH_NAME = (
    r"(?:\d{1,2}|giêng|chạp|mười\s+một|mười\s+hai|mười|một|hai|ba|tư|năm(?!\s+\d)|sáu|bảy|bẩy|tám|chín)\b"
)
_SEP = r"\s?(?:/+|\.+|-+)\s?"
_DMY = re.compile(rf"(?P<d>\d{{1,2}})(?P<s1>{_SEP})(?P<m>\d{{1,2}})(?P<s2>{_SEP})(?P<y>\d{{1,5}})(?!\d)")
_MY = re.compile(rf"(?P<m>\d{{1,2}})(?P<s1>{_SEP})(?P<y>\d{{3,5}})(?![\d/.])")
_DM = re.compile(rf"(?P<d>\d{{1,2}})(?P<s1>{_SEP})(?P<m>\d{{1,2}})(?![\d/.])(?!-\d)")
_WORDS = re.compile(
    rf"(?:(?:ngày|mùng|mồng)\s+)?(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>{_MONTH_NAME})"
    r"(?:\s+năm\s+(?P<y>\d{1,5})(?!\d))?",
    re.IGNORECASE,
)
_MONTH = re.compile(
    rf"tháng\s+(?P<m>{_MONTH_NAME})(?:(?P<s1>\s*(?:năm\s+|/|-|\.)\s*)(?P<y>\d{{1,5}}))?(?![\d/])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:năm\s+)?(?P<y>\d{2,5})(?![\d/.])", re.IGNORECASE)
_PREFIX = re.compile(r"(?:ngày|mùng|mồng)\s+(?=\d)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Part:
    """A number in a date and where it is written."""

    value: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Written:
    """A date as written: each part optional, with the spans of malformed separators."""

    start: int
    end: int
    text: str
    day: Part | None
    month: Part | None
    year: Part | None
    words: bool = False  # "20 tháng 10 năm 1930"
    bad_separators: tuple[tuple[int, int, str], ...] = ()  # (start, end, what to write instead)

    @property
    def iso(self) -> str:
        """YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD, as far as the date is known."""
        year = f"{self.year.value:04d}" if self.year else "-"
        if self.month is None:
            return year
        if self.day is None:
            return f"{year}-{self.month.value:02d}"
        return f"{year}-{self.month.value:02d}-{self.day.value:02d}"

    def exists(self) -> bool:
        """Whether the month and day exist (a solar day, or at most 30 in a lunar month)."""
        if self.month is not None and not 1 <= self.month.value <= 12:
            return False
        if self.day is None or self.month is None:
            return True
        year = self.year.value if self.year and self.year.value > 0 else 2000
        return 1 <= self.day.value <= _gregorian.monthrange(year, self.month.value)[1]


def _part(match: re.Match[str], group: str) -> Part | None:
    text = match.group(group)
    if text is None:
        return None
    word = " ".join(text.lower().split())
    value = _MONTH_WORDS[word] if word in _MONTH_WORDS else int(text)
    return Part(value, match.start(group), match.end(group), text)


def _separators(match: re.Match[str], groups: tuple[str, ...], sep: str) -> tuple[tuple[int, int, str], ...]:
    """Doubled separators ("//") and dashes with spaces inside one date ("30/9 - 1910")."""
    bad: list[tuple[int, int, str]] = []
    for group in groups:
        text = match.group(group)
        if text is None:
            continue
        core = text.strip()
        if len(core) > 1 or (core == "-" and text != core):
            bad.append((match.start(group), match.end(group), sep))
    return tuple(bad)


def parse_date(text: str, pos: int) -> Written | None:
    """The date written at ``pos``, or None."""
    prefix = _PREFIX.match(text, pos)
    start = prefix.end() if prefix else pos
    if (m := _DMY.match(text, start)) and not _runs_on(text, m):
        return _numeric(text, pos, m, ("d", "m", "y"), ("s1", "s2"))
    if m := _WORDS.match(text, pos):
        return Written(pos, m.end(), m.group(0), _part(m, "d"), _part(m, "m"), _part(m, "y"), words=True)
    if m := _MONTH.match(text, pos):
        return Written(pos, m.end(), m.group(0), None, _part(m, "m"), _part(m, "y"), words=True)
    if m := _MY.match(text, start):
        return _numeric(text, pos, m, ("m", "y"), ("s1",))
    if m := _DM.match(text, start):
        return _numeric(text, pos, m, ("d", "m"), ("s1",))
    if prefix is None and (m := _YEAR.match(text, pos)):
        return Written(pos, m.end(), m.group(0), None, None, _part(m, "y"))
    return None


def _numeric(
    text: str, pos: int, match: re.Match[str], parts: tuple[str, ...], separators: tuple[str, ...]
) -> Written:
    """A date written in digits ("03/3/1959", "4/1930", "8/3"), with its badly doubled separators."""
    sep = match.group("s1").strip()[:1] or "/"
    day, month, year = (_part(match, name) if name in parts else None for name in ("d", "m", "y"))
    bad = _separators(match, separators, sep)
    return Written(pos, match.end(), text[pos : match.end()], day, month, year, bad_separators=bad)


def _runs_on(text: str, match: re.Match[str]) -> bool:
    """A one- or two-digit "year" followed by another date part: "14 - 31/10/1930" is no date."""
    end = match.end()
    return (
        len(match.group("y")) < 3 and end + 1 < len(text) and text[end] in "/.-" and text[end + 1].isdigit()
    )


def same_precision(first: Written, second: Written) -> bool:
    """Whether both dates give the same parts (day, month, year)."""
    return (first.day is None) == (second.day is None) and (first.month is None) == (second.month is None)
