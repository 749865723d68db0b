"""One event, one item: ``same_as``, and a refusal of two entries that name one event (issue 18).

``same_as`` links an overlay's entry to the national entry of its event (the selection keeps one of
them: :func:`calendar_gen.engine.selection.one_per_event`), and two loaded entries with the same
founding date and nearly the same name are refused.

A province's overlay may hold a day the national catalogue holds too (Quảng Ninh's Bạch Đằng
victories, Nghệ An's and Hà Tĩnh's Xô viết Nghệ Tĩnh). Listed twice, it repeats in paragraphs and
feeds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from calendar_gen.i18n import _
from calendar_gen.model import Anniversary
from calendar_gen.problems import Problem

SIMILAR = 0.88  # SequenceMatcher ratio of two normalised names above which they name one event
_FILLER = re.compile(r"\b(ngày|kỷ niệm|năm|của|tỉnh|thành phố)\b")
_NOT_WORD = re.compile(r"[^\w]+")
_NUMBER = re.compile(r"\d+")


def _key(name: str) -> str:
    text = unicodedata.normalize("NFC", name).casefold()
    return " ".join(_NOT_WORD.sub(" ", _FILLER.sub(" ", text)).split())


def _day(entry: Anniversary) -> tuple[str, int | None, int | None, int | None]:
    founded = entry.founded
    return founded.calendar.value, founded.year, founded.month, founded.day


def _may_repeat(a: Anniversary, b: Anniversary) -> bool:
    """National against provincial, or two entries of one province: where one event is listed twice.

    Entries linked by ``same_as`` are one event already.
    """
    if a.same_as == b.id or b.same_as == a.id or (a.same_as is not None and a.same_as == b.same_as):
        return False
    if a.scope == "national" or b.scope == "national":
        return a.scope != b.scope
    return a.scope == b.scope and a.former == b.former


def near_duplicates(entries: Sequence[Anniversary]) -> list[Problem]:
    """Pairs of entries with the same founding date (day, month, year) and nearly the same name."""
    by_day: dict[tuple[str, int | None, int | None, int | None], list[Anniversary]] = defaultdict(list)
    for entry in entries:
        by_day[_day(entry)].append(entry)
    problems = []
    for group in by_day.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if not _may_repeat(first, second):
                    continue
                from difflib import SequenceMatcher  # only for the rare pairs of one date

                a, b = _key(first.name), _key(second.name)
                if _NUMBER.findall(a) != _NUMBER.findall(b):
                    continue  # "Trường số 1" and "Trường số 2": numbers name different units
                if a in b or b in a or SequenceMatcher(None, a, b).ratio() >= SIMILAR:
                    problems.append(_problem(first, second))
    return problems


def _problem(first: Anniversary, second: Anniversary) -> Problem:
    where = second.origin
    other = first.origin
    national = first if first.scope == "national" else second
    return Problem(
        where.path if where else "",
        _(
            "'{second}' has the day and nearly the name of '{first}' ({path}:{line}); if they are one "
            "event, add 'same_as: {national}' to the province's entry, otherwise rename one"
        ).format(
            second=second.id,
            first=first.id,
            path=other.path if other else "",
            line=other.line if other else 0,
            national=national.id,
        ),
        where.line if where else None,
        entry_id=second.id,
    )
