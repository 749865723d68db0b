"""Editorial order within a day, and how the mentions of one day are joined.

Guidance documents list one day's anniversaries by importance, not by count (DOMAIN.md, "What
guidance lists, and in what order"): the national holiday or the year's major event first, then
victories and historical events, then organisations, armed forces and sectors, then leaders' and
figures' births, then international days. 02/9/2025 reads "80 năm Quốc khánh ..." before
"Ngày mất của Chủ tịch Hồ Chí Minh" and before "Ngày sinh đồng chí Xuân Thủy".

The JSON contract keeps the engine's order (date, founding year, id); text, tables and sheets
use this one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from calendar_gen.model import Occurrence

# Rank of each catalogue kind within one day (lower first); unknown kinds sit with organisations.
RANKS = {
    "holiday": 0,
    "event": 1,
    "local": 1,  # "Ngày Giải phóng tỉnh ...", "Ngày thành lập tỉnh ...": the province's history
    "armed-forces": 2,
    "organisation": 2,
    "sector": 2,
    "leader": 3,
    "figure": 3,
    "international": 4,
}
MIDDLE = 2


def rank(occ: Occurrence) -> int:
    """The place of an occurrence among the mentions of its day; a major event of the year is 0."""
    if occ.anniversary.is_major(occ.year):
        return 0
    return RANKS.get(occ.anniversary.kind or "", MIDDLE)


def editorial(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    """The same occurrences, each day's in editorial order; days keep their order.

    The sort is stable, so within one rank the engine's order (oldest founding first) stays.
    A month-only entry without a day keeps its place before the 1st's entries.
    """
    items = list(occurrences)
    position: dict[tuple[dt.date, bool], int] = {}
    for index, occ in enumerate(items):
        position.setdefault((occ.date, occ.whole_month), index)
    return sorted(items, key=lambda o: (position[(o.date, o.whole_month)], rank(o)))


# How one day's mentions are joined: "A", "A và B", "A; B và C", "A; B; C và D".
# Never more than one "và" in a day (a chain "A và B và C và D và E" is what no editor writes).
# Not "A, B và C": names carry commas themselves ("Ngày truyền thống học sinh, sinh viên và Hội
# Sinh viên Việt Nam", "Ngày Thế giới phòng, chống đái tháo đường") and so do lunar periods
# ("âm lịch, tức ngày ..."), so a comma would not show where one mention ends. The semicolon is
# already the documents' separator between mentions, so a day of three or more reads as a list
# whose last two items are tied with "và".
WITHIN_DAY = "; "
LAST = " và "


def join_day(mentions: Iterable[str]) -> str:
    """One day's mentions as one phrase, with at most one "và"."""
    texts = list(mentions)
    if len(texts) <= 1:
        return "".join(texts)
    return WITHIN_DAY.join(texts[:-1]) + LAST + texts[-1]
