"""What the proofreader reports: mentions and findings, with stable codes and severities."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How sure and how serious: an error is certain; a warning asks the writer to look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Code(StrEnum):
    """Stable finding codes (part of the JSON contract: never renamed)."""

    COUNT = "count-mismatch"  # N ≠ target year − founding year
    ORDER = "founded-after-target"  # the founding year is after the target year
    DAY = "date-mismatch"  # day or month differ between the two dates
    MALFORMED = "malformed-date"  # "202", "//", "30/9 - 1910"
    IMPOSSIBLE = "impossible-date"  # 31/4, month 13
    TARGET_YEAR = "target-year"  # the target year is not the document's year (--year)
    LUNAR_DAY = "lunar-solar-date"  # "tức ngày ..." is not the solar day of the lunar date
    CATALOGUE_DATE = "catalogue-date"  # the founding date is not the catalogue's
    UNKNOWN = "unknown-event"  # no catalogue entry matches
    CLASS_LABEL = "class-label"  # "năm tròn" for 94 năm
    DATE_STYLE = "date-style"  # not in the Nghị định 30/2020 style (--date-style nd30)
    MISSPELT = "misspelt-name"  # "Giải phòng" for "Giải phóng": another tone mark, another word


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of a block with ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at a span of a block, with the message and, where known, the corrected mention."""

    block: int  # index of the block in the document
    start: int
    end: int
    severity: Severity
    code: Code
    message: str
    suggestion: str | None = None
    edits: tuple[Edit, ...] = ()
    mention: int | None = None  # index of the mention in the report


@dataclass(frozen=True, slots=True)
class MentionInfo:
    """A mention as reported: where, what it says and the catalogue entry it was matched to."""

    block: int
    start: int
    end: int
    text: str
    name: str
    count: int | None
    founded: str | None  # ISO form of the founding date as written (YYYY-MM-DD, YYYY-MM, YYYY)
    target: str | None
    lunar: bool
    entry: str | None


def apply_edits(text: str, edits: list[Edit] | tuple[Edit, ...], offset: int = 0) -> str:
    """``text`` with the edits made; edit positions are relative to ``offset``."""
    result = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        start, end = edit.start - offset, edit.end - offset
        result = result[:start] + edit.new + result[end:]
    return result


def severity_order(severity: Severity) -> int:
    """For sorting: errors first."""
    return {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}[severity]
