"""Filters users apply to catalogues and occurrences: scope, tag, kind, round class."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from calendar_gen.model import Anniversary, Occurrence, RoundClass


def scope_matches(scope: str, wanted: str, former: str | None = None) -> bool:
    """``wanted`` is a whole scope (``province:quang-ngai``) or a family (``province``, ``sector``).

    A former province's days (``former: kon-tum`` in the Quảng Ngãi overlay) also answer to their
    old scope, ``province:kon-tum``, so filters written before 01/7/2025 keep working.
    """
    return (
        scope == wanted
        or scope.split(":", 1)[0] == wanted
        or (former is not None and wanted == f"province:{former}")
    )


def select(
    entries: Iterable[Anniversary],
    scopes: Sequence[str] = (),
    tags: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> list[Anniversary]:
    """Entries matching any of the scopes, any of the tags and any of the kinds (empty: all).

    One event is one entry: of a national entry and the overlay entries ``same_as`` it, one stays.
    """
    return one_per_event(
        [
            entry
            for entry in entries
            if (not scopes or any(scope_matches(entry.scope, s, entry.former) for s in scopes))
            and (not tags or any(tag in entry.tags for tag in tags))
            and (not kinds or entry.kind in kinds)
        ]
    )


def one_per_event(entries: Sequence[Anniversary]) -> list[Anniversary]:
    """Drop the national entries that a chosen ``same_as`` entry stands for, and repeats of it.

    An overlay's entry ``same_as: <national id>`` is the province's wording of a national day
    (issue 18, item 7): where both are chosen (national days and the province's), the province's
    stays; where only the national days are chosen, the national entry does. Of several overlay
    entries of one event (Nghệ An's and Hà Tĩnh's Xô viết Nghệ Tĩnh), the first stays.
    """
    standing: dict[str, str] = {}  # national id -> the overlay entry that stands for it
    for entry in entries:
        if entry.same_as is not None and entry.same_as not in standing:
            standing[entry.same_as] = entry.id
    if not standing:
        return list(entries)
    return [
        entry
        for entry in entries
        if not (entry.id in standing and standing[entry.id] != entry.id)
        and not (entry.same_as is not None and standing.get(entry.same_as) != entry.id)
    ]


ROUND = (RoundClass.TRON, RoundClass.LE5)


def round_only(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    """Only năm tròn and năm lẻ 5 (Nghị định 145/2013, Điều 3)."""
    return [occ for occ in occurrences if occ.round_class in ROUND]


# Kết luận 88-KL/TW (18/02/2014) of the Bộ Chính trị governs "kỷ niệm 100 năm, trên 100 năm ngày
# sinh" of the Party's and State's key leaders and exemplary predecessors. Practice since 2014
# (README.md, "Leaders' birth anniversaries"): the Ban Tuyên giáo Trung ương issues guidance for the
# 100th, 110th, 120th ... birth anniversary (Võ Văn Kiệt 100 in 2022, Chu Huy Mân 110 in 2023,
# Trần Phú 120 in 2024); below 100 and in other years such a birthday is not listed, and a living
# person's birthday never is. The rule covers births of kind leader and figure.
BIRTH_KINDS = frozenset({"leader", "figure"})
BIRTH_PREFIX = "ngày sinh"
KL88_FIRST = 100


def is_birth(entry: Anniversary) -> bool:
    """Whether an entry is a leader's or figure's birth anniversary ("Ngày sinh đồng chí ...")."""
    return entry.kind in BIRTH_KINDS and entry.name.casefold().startswith(BIRTH_PREFIX)


def deceased_by(entry: Anniversary, day: Occurrence) -> bool:
    """Whether the entry's ``died`` date is known and lies before the occurrence's year ends."""
    died = entry.died
    return died is not None and died.year is not None and died.year <= day.date.year


def commemorated(occ: Occurrence) -> bool:
    """Kết luận 88-KL/TW: a birth is listed when the person has died and N is 100, 110, 120 ...

    Every other entry is always listed.
    """
    entry = occ.anniversary
    if not is_birth(entry):
        return True
    count = occ.count
    return (
        deceased_by(entry, occ)
        and count is not None
        and count >= KL88_FIRST
        and occ.round_class is RoundClass.TRON
    )


def kl88(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    """Occurrences as guidance lists them: leaders' births only in the years Kết luận 88-KL/TW names."""
    return [occ for occ in occurrences if commemorated(occ)]
