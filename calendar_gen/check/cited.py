"""Titles quoted as sources are not mentions: the "Nguồn" list, a line's cited address and title.

calendar-gen's own sheets end with a "Nguồn" heading and numbered references ("[3] https://…
(Lễ kỷ niệm 80 năm …)"); drafts cite articles the same way ("Nguồn: Kỷ niệm 70 năm Ngày truyền
thống Bộ đội Biên phòng 3-3-2025, Báo Biên phòng"). A cited title counts to the year it was
written, not the document's, so the proofreader leaves out (issue 19, item 2):
- everything after a "Nguồn" or "Tài liệu tham khảo" heading whose next line is a numbered
  reference or an address (a table column headed "Nguồn" is followed by a date, not a reference);
- a line that begins with "Nguồn:" or "(Nguồn:";
- the rest of a line after a web address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from calendar_gen.check.source import Block

_HEADING = re.compile(r"\s*(?:nguồn|nguồn\s+tham\s+khảo|tài\s+liệu\s+tham\s+khảo)\s*:?\s*$", re.IGNORECASE)
_REFERENCE = re.compile(r"\s*(?:\[\d{1,4}\]\s*\S|\d{1,4}\.\s+\S|https?://)", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"\s*[(\[]?\s*nguồn\s*:", re.IGNORECASE)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S", re.IGNORECASE)
_LINE = re.compile(r"[^\n]*")


def _lines(blocks: Sequence[Block]) -> list[tuple[int, int, int, str]]:
    """(block, start, end, text) of every non-empty line, in reading order."""
    found = []
    for number, block in enumerate(blocks):
        for m in _LINE.finditer(block.text):
            if m.group().strip():
                found.append((number, m.start(), m.end(), m.group()))
    return found


def cited_spans(blocks: Sequence[Block]) -> list[list[tuple[int, int]]]:
    """For each block, the spans of its text that are cited sources, in order."""
    spans: list[list[tuple[int, int]]] = [[] for _ in blocks]
    lines = _lines(blocks)
    section = False
    for position, (block, start, end, text) in enumerate(lines):
        if section:
            spans[block].append((start, end))
            continue
        following = lines[position + 1][3] if position + 1 < len(lines) else ""
        if _HEADING.match(text) and _REFERENCE.match(following):
            section = True
            spans[block].append((start, end))
        elif _SOURCE_LINE.match(text):
            spans[block].append((start, end))
        elif address := _ADDRESS.search(text):
            spans[block].append((start + address.start(), end))
    return spans


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls in one of the (sorted, disjoint) spans."""
    low, high = 0, len(spans)
    while low < high:
        middle = (low + high) // 2
        if spans[middle][1] <= position:
            low = middle + 1
        else:
            high = middle
    return low < len(spans) and spans[low][0] <= position
