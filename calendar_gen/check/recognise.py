"""Find anniversary mentions in a block: "N năm <tên> (<ngày thành lập> – <ngày năm nay>)".

A mention is anchored on its dates: a parenthesised period or date ("(03/3/1959 – 03/3/2024)",
"(8/3)", "(mồng 10 tháng 3 âm lịch)"), or two dates joined by a dash without parentheses. The
count "N năm" (or "lần thứ N") is the last one between the previous mention or clause break and
the dates; the name is the text between them. Counts without dates ("70 năm Chiến thắng Điện Biên
Phủ") are kept as candidates that only the catalogue can confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calendar_gen.check.dates import Written, parse_date

_DASH = re.compile(r"\s*(?:–|—|−|-{1,2}|/)\s*")
_LUNAR = re.compile(r"\s*(?:\(\s*(?:âm\s+lịch|âl)\s*\)|âm\s+lịch\b|âl\b)", re.IGNORECASE)
_SOLAR_EQUIV = re.compile(r"\s*[,;]?\s*(?:tức|nhằm)(?:\s+(?:là\s+)?ngày)?\s+", re.IGNORECASE)
_SOLAR_WORD = re.compile(r"\s*(?:\(\s*dương\s+lịch\s*\)|dương\s+lịch\b|\(\s*DL\s*\)|DL\b)", re.IGNORECASE)
# The solar day beside a lunar one in a bracket of its own: "(ngày 25/4/2018 dương lịch)".
_SOLAR_OPEN = re.compile(r"\s*[(\[]\s*(?:(?:tức|nhằm)\s+(?:là\s+)?)?(?:ngày\s+)?(?=\d)", re.IGNORECASE)
_SOLAR_CLOSE = re.compile(r"\s*(?:dương\s+lịch|DL)?\s*[)\]]", re.IGNORECASE)
# A can-chi year after a date: "tháng Giêng năm Giáp Thìn" (a lunar date), "19/5/1890 (năm Canh Dần)".
_CAN_CHI = re.compile(
    r"\s*(?P<open>\(\s*)?(?:năm\s+)?(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Kỉ|Canh|Tân|Nhâm|Quý|Quí)\s+"
    r"(?:Tý|Tí|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi)\b(?(open)\s*\))",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"(?<![\d/.,\-])(?P<n>\d{1,5})\s+năm\b(?!\s*(?:\d|nay\b|qua\b|trước\b|sau\b|tới\b|học\b|tài\b))"
    r"|lần\s+thứ\s+(?P<k>\d{1,5})\b",
    re.IGNORECASE,
)
# Where a clause ends: the count and name of a mention never reach over these.
_BREAK = re.compile(r"[;:!?•\u2026]|\n\s*\n|(?<=[^\W\d_]{2})\.\s|(?<=[\d)”\"])\.\s")
_NAME_STOP = re.compile(r"[;:,.!?()\[\]\n]|\s(?:và|với|để|nhằm|trong|tại|của\s+tỉnh)\s", re.IGNORECASE)
_LABEL = re.compile(
    r"\s*[\[(,–\-]?\s*(?P<label>năm\s+tròn|năm\s+lẻ\s*5|năm\s+lẻ|năm\s+chẵn|năm\s+khác)\b", re.IGNORECASE
)
_PERIOD_START = re.compile(r"(?<![\d/.\-])(?:\d{1,2}\s?[/.\-]|(?:ngày|mùng|mồng)\s+\d)", re.IGNORECASE)
_MAX_LEAD = 400  # characters searched before the dates for the count and the name
_MAX_NAME_WORDS = 40


@dataclass(frozen=True, slots=True)
class Period:
    """The dates of a mention: founding and target, or one date; lunar; the solar day of a lunar date."""

    start: int
    end: int
    first: Written
    second: Written | None
    lunar: bool
    solar: Written | None  # "tức ngày 14/02/2024"
    bracketed: bool


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention as found: count, name and dates, with positions in the block."""

    start: int
    end: int
    count: int | None
    count_span: tuple[int, int] | None
    name: str
    name_start: int
    name_end: int
    period: Period | None
    lead_start: int  # where the text that may hold the name begins
    label: tuple[str, int, int] | None = None  # a class label written after the mention
    target_only: bool = False  # a single date with a year that is the target date: "(26/3/2025)"

    @property
    def founded(self) -> Written | None:
        """The founding date: the first of two dates, or a single date with a year."""
        period = self.period
        if period is None or self.target_only:
            return None
        if period.second is not None or period.first.year is not None:
            return period.first
        return None

    @property
    def target(self) -> Written | None:
        """The date of the year counted to: the second of two dates, or a single date without a year."""
        period = self.period
        if period is None:
            return None
        if period.second is not None:
            return period.second
        return period.first if period.first.year is None or self.target_only else None


def _lunar_mark(text: str, pos: int) -> tuple[bool, int]:
    """The "âm lịch" after a date, or a can-chi year without brackets (which names a lunar year)."""
    if m := _CAN_CHI.match(text, pos):
        pos = m.end()
        if m.group("open") is None:
            return True, _lunar_mark(text, pos)[1]
    if m := _LUNAR.match(text, pos):
        return True, m.end()
    return False, pos


def _solar_beside(text: str, pos: int) -> tuple[Written, int] | None:
    """The solar day written beside a lunar one: "tức ngày …", "(ngày … dương lịch)"."""
    if (equiv := _SOLAR_EQUIV.match(text, pos)) and (day := parse_date(text, equiv.end())):
        end = day.end
        if word := _SOLAR_WORD.match(text, end):
            end = word.end()
        return day, end
    opening = _SOLAR_OPEN.match(text, pos)
    day = parse_date(text, opening.end()) if opening else None
    if day is not None and (close := _SOLAR_CLOSE.match(text, day.end)):
        return day, close.end()
    return None


def parse_period(text: str, pos: int, close: str | None) -> Period | None:
    """The dates at ``pos``; with ``close`` the closing bracket must follow them."""
    start = pos
    pos = re.compile(r"\s*").match(text, pos).end()  # type: ignore[union-attr]
    lunar_before, pos = _lunar_mark(text, pos)
    pos = re.compile(r"\s*").match(text, pos).end()  # type: ignore[union-attr]
    first = parse_date(text, pos)
    if first is None:
        return None
    lunar, pos = _lunar_mark(text, first.end)
    lunar = lunar or lunar_before
    second = solar = None
    if (dash := _DASH.match(text, pos)) and (candidate := parse_date(text, dash.end())) is not None:
        word = _SOLAR_WORD.match(text, candidate.end)
        if lunar and word:  # "mùng 10 tháng 3 âm lịch - ngày 18/4/2024 dương lịch": the solar day
            solar, pos = candidate, word.end()
        else:
            second = candidate
            more, pos = _lunar_mark(text, candidate.end)
            lunar = lunar or more
    if lunar and solar is None and (beside := _solar_beside(text, pos)):
        solar, pos = beside
    if close is not None:
        end = re.compile(rf"\s*\{close}").match(text, pos)
        if end is None:
            return None
        return Period(start - 1, end.end(), first, second, lunar, solar, True)
    if second is None and solar is None:
        return None
    return Period(first.start, pos, first, second, lunar, solar, False)


def find_periods(text: str) -> list[Period]:
    """Every bracketed date or period, and every bare period of two full dates, in order.

    One pass each: a bare period is skipped when a bracketed one (or an earlier bare one) covers
    its start, found by a pointer moving forward with the running end, not by comparing each date
    with every earlier one (issue 23, item 3: linear in the text).
    """
    periods: list[Period] = []
    for m in re.finditer(r"[(\[]", text):
        period = parse_period(text, m.end(), ")" if m.group() == "(" else "]")
        if period is not None:
            periods.append(period)
    bracketed = sorted(periods, key=lambda p: p.start)
    pointer, covered = 0, -1
    for m in _PERIOD_START.finditer(text):
        while pointer < len(bracketed) and bracketed[pointer].start <= m.start():
            covered = max(covered, bracketed[pointer].end)
            pointer += 1
        if m.start() < covered:
            continue
        period = parse_period(text, m.start(), None)
        if period is None or (period.second is None and period.solar is None):
            continue
        if period.first.month is None or (period.second or period.first).month is None:
            continue  # a bare "2021 - 2025" is a plan's period, not an anniversary
        periods.append(period)
        covered = max(covered, period.end)
    periods.sort(key=lambda p: p.start)
    return periods


def _lead_start(text: str, floor: int, end: int) -> int:
    """Where the clause before ``end`` begins: after the last break, not before ``floor``."""
    start = max(floor, end - _MAX_LEAD)
    last = start
    for m in _BREAK.finditer(text, start, end):
        last = m.end()
    return last


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span to leave out surrounding spaces and connecting words."""
    while True:
        while start < end and (text[start].isspace() or text[start] in ",;–-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in "(["):
            end -= 1  # "Ngày sinh … ((19/5/1890 – 19/5/2024))": the outer bracket is no part of the name
        m = re.compile(r"(?:và|kỷ\s+niệm|lễ\s+kỷ\s+niệm|là|gồm|như)\b", re.IGNORECASE).match(text, start, end)
        if m is None or m.end() >= end:
            return start, end
        start = m.end()


def mentions_in(text: str) -> list[Mention]:
    """The mentions of a block anchored on dates, in order of position."""
    found: list[Mention] = []
    floor = 0
    for period in find_periods(text):
        if period.start < floor:
            continue
        lead = _lead_start(text, floor, period.start)
        counts = list(_COUNT.finditer(text, lead, period.start))
        # "60 năm ngày Bác Hồ về thăm quê hương lần thứ 2 (…)": "lần thứ N" is the count only
        # when no "N năm" is written; otherwise it belongs to the name.
        years = [c for c in counts if c.group("n")]
        count = years[-1] if years else (counts[-1] if counts else None)
        if count is not None:
            name_start, name_end = _trim(text, count.end(), period.start)
            number = int(count.group("n") or count.group("k"))
            span: tuple[int, int] | None = (count.start(), count.end())
            start = count.start()
        else:
            name_start, name_end = _trim(text, lead, period.start)
            number, span, start = None, None, name_start
        words = text[name_start:name_end].split()
        if len(words) > _MAX_NAME_WORDS:
            continue
        found.append(
            Mention(
                start,
                period.end,
                number,
                span,
                text[name_start:name_end],
                name_start,
                name_end,
                period,
                lead,
                _label(text, period.end),
            )
        )
        floor = period.end
    return found


def _label(text: str, pos: int) -> tuple[str, int, int] | None:
    if m := _LABEL.match(text, pos):
        return " ".join(m.group("label").lower().split()), m.start("label"), m.end("label")
    return None


def bare_counts(text: str, mentions: list[Mention]) -> list[Mention]:
    """Counts without dates ("70 năm Chiến thắng Điện Biên Phủ"): candidates for the catalogue."""
    ordered = sorted(mentions, key=lambda m: m.start)
    found: list[Mention] = []
    pointer, covered = 0, -1
    for count in _COUNT.finditer(text):
        while pointer < len(ordered) and ordered[pointer].start <= count.start():
            covered = max(covered, ordered[pointer].end)
            pointer += 1
        if count.start() < covered:
            continue  # inside a mention with dates (one pointer, not a scan of them all)
        stop = _NAME_STOP.search(text, count.end(), min(len(text), count.end() + 200))
        end = stop.start() if stop else min(len(text), count.end() + 200)
        name_start, name_end = _trim(text, count.end(), end)
        if name_end <= name_start:
            continue
        number = int(count.group("n") or count.group("k"))
        found.append(
            Mention(
                count.start(),
                name_end,
                number,
                (count.start(), count.end()),
                text[name_start:name_end],
                name_start,
                name_end,
                None,
                name_start,
            )
        )
    return found
