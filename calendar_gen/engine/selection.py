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
    """Entries matching any of the scopes, any of the tags and any of the kinds (empty: all)."""
    return [
        entry
        for entry in entries
        if (not scopes or any(scope_matches(entry.scope, s, entry.former) for s in scopes))
        and (not tags or any(tag in entry.tags for tag in tags))
        and (not kinds or entry.kind in kinds)
    ]


ROUND = (RoundClass.TRON, RoundClass.LE5)


def round_only(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    """Only năm tròn and năm lẻ 5 (Nghị định 145/2013, Điều 3)."""
    return [occ for occ in occurrences if occ.round_class in ROUND]
