"""iCalendar feeds (RFC 5545, RFC 7986) that calendar apps subscribe to.

One all-day VEVENT per occurrence (a yearly RRULE cannot carry a count that changes every year).
Deterministic: UIDs are ``<id>-<year>@<domain>`` and DTSTAMP is an argument, so the same input
gives byte-identical output and a refresh never duplicates events. ``LAST-MODIFIED`` and
``SEQUENCE`` are derived from the event's own content (its lines but the stamps), so they change
exactly when that event changes. No ``METHOD``: a published feed is no iTIP message, and
``METHOD:PUBLISH`` without ``ORGANIZER`` fails libical's restriction check.

Text is escaped by icalendar (``vText``: ``\\ ; ,`` and every CR/LF become backslash escapes,
so no value can start a new property); what is constant per entry (source, kind) is escaped
once per entry. Lines are folded at 75 octets by the rule icalendar's ``Contentline`` follows
(segments of at most 74 octets, never inside a UTF-8 sequence, never right after a backslash),
working on bytes: icalendar folds character by character, which with one object per property is
several times slower on 100,000 events (benchmarks/run.py measures both; tests check that the
two fold identically).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from icalendar.prop import vText

from calendar_gen import __version__
from calendar_gen.catalogue.stamps import content_stamp_text
from calendar_gen.catalogue.types import KIND_LABELS
from calendar_gen.engine.daysoff import WORKING, DayOff
from calendar_gen.model import Anniversary, Occurrence, Precision, RoundClass
from calendar_gen.render.formatting import DateStyle, lunar_short, mention

CRLF = b"\r\n"
LIMIT = 75  # RFC 5545, 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break
PRODID = f"-//calendar-gen//calendar-gen {__version__}//VI"
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class FeedOptions:
    """What a feed says about itself and how its events are written."""

    name: str
    description: str
    stamp: dt.datetime
    domain: str = "calendar-gen.invalid"
    alarm_days: int | None = None
    style: DateStyle = DateStyle.ND30
    source_url: str | None = None  # where the feed is published (RFC 7986 SOURCE)
    event_url: str | None = None  # a page per event: "{year:04d}" and "{month:02d}" are filled in
    color: str = "firebrick"  # a CSS colour name (RFC 7986 COLOR), one of COLORS


# RFC 7986 COLOR takes a CSS3 colour name; Apple's X-APPLE-CALENDAR-COLOR takes #RRGGBB.
COLORS = {"firebrick": "#B22222", "crimson": "#DC143C", "darkorange": "#FF8C00", "steelblue": "#4682B4"}


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets (RFC 5545, 3.1)."""
    data = line.encode("utf-8")
    if len(data) < LIMIT:  # icalendar folds lines of exactly 75 octets too
        return data
    parts = []
    start, limit = 0, LIMIT - 1  # icalendar's rule: segments of at most 74 octets
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        if data[cut - 1] == 0x5C and cut - 1 > start:  # nor a backslash escape
            cut -= 1
        parts.append(data[start:cut])
        start = cut
        limit = LIMIT - 1  # the continuation's leading space + 74 octets = 75
    parts.append(data[start:])
    return b"\r\n ".join(parts)


_SPECIAL = re.compile(r"[\\;,\r\n]")


def text(value: str) -> str:
    """A TEXT value escaped by icalendar (RFC 5545, 3.3.11); most values need no escaping at all."""
    if _SPECIAL.search(value) is None:
        return value
    return vText(value).to_ical().decode("utf-8")


@lru_cache(maxsize=8192)
def _dates(value: dt.date) -> str:
    """DTSTART and the exclusive DTEND of an all-day event (a few thousand distinct days per feed)."""
    end = value + ONE_DAY
    return (
        f"DTSTART;VALUE=DATE:{value.year:04d}{value.month:02d}{value.day:02d}\r\n"
        f"DTEND;VALUE=DATE:{end.year:04d}{end.month:02d}{end.day:02d}"
    )


def _trigger(days: int) -> str:
    """A reminder at 08:00 local time, ``days`` days before the all-day event (which starts at 00:00)."""
    if days == 0:
        return "PT8H"
    return f"-P{days - 1}DT16H" if days > 1 else "-PT16H"


def _round_line(occ: Occurrence) -> str:
    """The class line, e.g. "Năm tròn (80 năm)."; no character in it needs escaping."""
    if occ.round_class is None:
        return ""
    label = occ.round_class.label.capitalize()
    return f"{label} ({occ.count} năm)." if occ.count is not None else f"{label} (năm {occ.date.year})."


def _entry_parts(entry: Anniversary) -> tuple[str, list[str]]:
    """Escaped once per entry: the source line, and the kind and calendar categories.

    The catalogue's ``note`` is for its editors (why this date, where sources disagree, "cách viết
    hoa ... chưa thống nhất"): it stays out of what users receive (issue 22, docs/van-ban.md).
    """
    lines = []
    if entry.source:
        lines.append(text(f"Nguồn: {entry.source}"))
    names = [KIND_LABELS[entry.kind]] if entry.kind else []
    if entry.calendar_is_lunar:
        names.append("Âm lịch")
    return "".join(ESCAPED_NEWLINE + line for line in lines), [text(n) for n in names]


ESCAPED_NEWLINE = "\\n"
ROUND_CATEGORIES = {RoundClass.TRON: text("Năm tròn"), RoundClass.LE5: text("Năm lẻ 5")}


_UNSAFE_IN_NAMES = re.compile(r"\s*[,;]\s*|\\")


def plain(value: str) -> str:
    """A calendar name or description that needs no escaping: ical.js shows ``\\,`` in X-WR-CALNAME.

    "năm tròn, năm lẻ 5" becomes "năm tròn – năm lẻ 5"; line breaks become spaces.
    """
    value = " ".join(value.split())
    return _UNSAFE_IN_NAMES.sub(lambda m: "/" if m.group() == "\\" else " – ", value)


def _calendar_head(options: FeedOptions) -> list[bytes]:
    """The VCALENDAR properties before the first event, folded."""
    name, about = plain(options.name), plain(options.description)
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{name}",
        f"NAME:{name}",
        f"X-WR-CALDESC:{about}",
        f"DESCRIPTION:{about}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:PT24H",
        f"COLOR:{options.color}",
        f"X-APPLE-CALENDAR-COLOR:{COLORS[options.color]}",
    ]
    if options.source_url:
        head.append(f"SOURCE;VALUE=URI:{options.source_url}")
    return [fold(line) for line in head]


def _summary(occ: Occurrence, style: DateStyle) -> str:
    """The mention; a month-only entry without a day says it spans the month, a year-only one the year.

    Such an event sits on the 1st of its month (1 January for a year): a month-long event would be
    listed on every day of the month by khal and calcurse.
    """
    said = mention(occ, style)
    if occ.whole_month:
        return f"{said} (cả tháng {occ.date.month})"
    if occ.precision is Precision.YEAR:
        return f"{said} (cả năm {occ.date.year})"
    return said


def _alarm(summary: str, days: int) -> list[bytes]:
    return [
        b"BEGIN:VALARM",
        b"ACTION:DISPLAY",
        fold(f"DESCRIPTION:{summary}"),
        f"TRIGGER:{_trigger(days)}".encode("ascii"),
        b"END:VALARM",
    ]


def _event(uid: str, stamp: str, body: list[bytes]) -> bytes:
    """One VEVENT: ``body`` (its content lines) with the stamps that derive from it.

    LAST-MODIFIED is the content stamp of the body; SEQUENCE is a number from the same digest
    (0-999), so both change exactly when the event's content does and never on a rebuild.
    """
    joined = CRLF.join(body)
    modified = content_stamp_text([joined])
    sequence = int.from_bytes(hashlib.sha256(joined).digest()[-4:], "big") % 1000
    head = [
        b"BEGIN:VEVENT",
        fold(f"UID:{uid}"),
        f"DTSTAMP:{stamp}".encode("ascii"),
        f"LAST-MODIFIED:{modified}\r\nSEQUENCE:{sequence}".encode("ascii"),
    ]
    return CRLF.join([*head, joined, b"END:VEVENT"])


def _stamp(options: FeedOptions) -> str:
    return options.stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def render_feed(occurrences: Sequence[Occurrence], options: FeedOptions) -> bytes:
    """The whole feed as bytes: CRLF line ends, folded lines, UTF-8."""
    stamp = _stamp(options)
    out = _calendar_head(options)
    alarm = options.alarm_days
    parts: dict[str, tuple[str, list[str]]] = {}
    for occ in occurrences:
        entry = occ.anniversary
        if entry.id not in parts:
            parts[entry.id] = _entry_parts(entry)
        extra, kinds = parts[entry.id]
        summary = text(_summary(occ, options.style))
        about = _round_line(occ)
        if occ.lunar is not None:
            about += f"{ESCAPED_NEWLINE}Ngày âm lịch: {lunar_short(occ.lunar)}."
        about = (about + extra).removeprefix(ESCAPED_NEWLINE)
        cats = [*kinds, ROUND_CATEGORIES[occ.round_class]] if occ.round_class in ROUND_CATEGORIES else kinds
        body = [_dates(occ.date).encode("ascii"), fold(f"SUMMARY:{summary}")]
        if about:
            body.append(fold(f"DESCRIPTION:{about}"))
        if cats:
            body.append(fold(f"CATEGORIES:{','.join(cats)}"))
        if options.event_url:
            body.append(fold("URL:" + options.event_url.format(year=occ.date.year, month=occ.date.month)))
        body.append(b"TRANSP:TRANSPARENT\r\nCLASS:PUBLIC")
        if alarm is not None:
            body.extend(_alarm(summary, alarm))
        out.append(_event(f"{entry.id}-{occ.year}@{options.domain}", stamp, body))
    out.append(b"END:VCALENDAR")
    return CRLF.join(out) + CRLF


DAY_OFF_CATEGORIES = {
    "holiday": "Ngày nghỉ lễ tết",
    "swap": "Nghỉ hoán đổi",
    "compensatory": "Nghỉ bù",
    "working": "Ngày làm việc",
}
HOLIDAY_SOURCE = "Bộ luật Lao động 2019 – Điều 112 (python-holidays)"


def render_days_off(days: Sequence[DayOff], options: FeedOptions) -> bytes:
    """The public days off: one all-day event per day; a Saturday worked says so in its title."""
    stamp = _stamp(options)
    out = _calendar_head(options)
    for day in days:
        summary = f"{day.name} (thứ Bảy đi làm)" if day.kind == WORKING else day.name
        if day.kind == WORKING and day.date.weekday() == 6:
            summary = f"{day.name} (Chủ nhật đi làm)"
        about = [day.note + "." if day.note else "", f"Nguồn: {day.source or HOLIDAY_SOURCE}"]
        body = [
            _dates(day.date).encode("ascii"),
            fold(f"SUMMARY:{text(summary)}"),
            fold("DESCRIPTION:" + ESCAPED_NEWLINE.join(text(line) for line in about if line)),
            fold(f"CATEGORIES:{text(DAY_OFF_CATEGORIES[day.kind])}"),
        ]
        if options.event_url:
            body.append(fold("URL:" + options.event_url.format(year=day.date.year, month=day.date.month)))
        body.append(b"TRANSP:TRANSPARENT\r\nCLASS:PUBLIC")
        if options.alarm_days is not None:
            body.extend(_alarm(text(summary), options.alarm_days))
        out.append(_event(f"ngay-nghi-{day.date.isoformat()}@{options.domain}", stamp, body))
    out.append(b"END:VCALENDAR")
    return CRLF.join(out) + CRLF
