"""The year a document is about: what ``--year`` says, its title says and its mentions count to.

Counts written without a target date ("65 năm … (03/3)", "70 năm Chiến thắng Điện Biên Phủ")
are checked against this year. When ``--year`` or the title disagrees with the year most mentions
count to, the proofreader says so once and checks the mentions against the year they agree on,
instead of flagging every one of them (issue 19, item 2).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from calendar_gen.check.findings import Code, Severity
from calendar_gen.check.recognise import Mention
from calendar_gen.check.source import Block
from calendar_gen.i18n import _

_TITLE_WORDS = re.compile(
    r"kế\s+hoạch|hướng\s+dẫn|tuyên\s+truyền|chương\s+trình|kỷ\s+niệm|lịch", re.IGNORECASE
)
_TITLE_YEAR = re.compile(r"(?:tháng\s+(?P<m>\d{1,2})\s*[/.\-]\s*|năm\s+)(?P<y>\d{4})\b", re.IGNORECASE)
_TITLE_LINES = 6
_TITLE_LENGTH = 200


@dataclass(frozen=True, slots=True)
class Years:
    """The years the checks use, and the one notice to give when the sources disagree."""

    stated: int | None  # --year, unless most mentions count to another year
    document: int | None  # the year counts without a target date are checked against
    notice: tuple[Severity, Code, str, Mention | None] | None = None
    source: str | None = None  # where ``document`` comes from: "option", "mentions" or "title"


def mention_year(found: Sequence[Mention]) -> tuple[int | None, int]:
    """The target year most mentions count to (two at least, and more than half), and its votes."""
    years = Counter(
        m.target.year.value
        for m in found
        if m.period is not None
        and m.period.second is not None
        and m.target
        and m.target.year
        and len(m.target.year.text) == 4
    )
    if not years:
        return None, 0
    year, votes = years.most_common(1)[0]
    return (year, votes) if votes >= 2 and votes * 2 > sum(years.values()) else (None, 0)


def title_year(blocks: Sequence[Block]) -> int | None:
    """The year of a title line near the top: "KẾ HOẠCH tuyên truyền … năm 2024", "… tháng 03-2024".

    A December title is left out: its guidance also prepares the next year's January days.
    """
    lines: list[str] = []
    for block in blocks:
        lines.extend(line for line in block.text.splitlines() if line.strip())
        if len(lines) >= _TITLE_LINES:
            break
    for line in lines[:_TITLE_LINES]:
        if len(line) > _TITLE_LENGTH or not _TITLE_WORDS.search(line):
            continue
        if (m := _TITLE_YEAR.search(line)) and m.group("m") not in ("12",):
            return int(m.group("y"))
    return None


def reconcile(blocks: Sequence[Block], found: Sequence[Mention], stated: int | None) -> Years:
    """The years to check against, and a notice when --year or the title disagrees with the mentions."""
    counted, votes = mention_year(found)
    first = next((m for m in found if m.target and m.target.year and m.target.year.value == counted), None)
    if stated is not None:
        if counted is None or counted == stated:
            return Years(stated, stated, source="option")
        message = _(
            "--year is {year}, but {votes} mentions of the document count to {counted}; "
            "check the year the document is about"
        ).format(year=stated, votes=votes, counted=counted)
        return Years(None, counted, (Severity.ERROR, Code.TARGET_YEAR, message, first), "mentions")
    title = title_year(blocks)
    if counted is None:
        return Years(None, title, source=None if title is None else "title")
    if title is not None and title != counted:
        message = _(
            "the title speaks of {title}, but {votes} mentions of the document count to {counted}; "
            "check the year the document is about"
        ).format(title=title, votes=votes, counted=counted)
        return Years(None, counted, (Severity.WARNING, Code.TARGET_YEAR, message, first), "mentions")
    return Years(None, counted, source="mentions")
