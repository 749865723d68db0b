"""ICS feeds read back by three independent readers, checked line by line, and deterministic."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import icalendar
import ics
import pytest
from hypothesis import given
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from icalendar.parser import Contentline
from typer.testing import CliRunner

from calendar_gen.catalogue.dates import parse_founding
from calendar_gen.catalogue.load import load
from calendar_gen.cli.app import app
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.model import Anniversary, Calendar, Occurrence, Precision
from calendar_gen.paths import default_catalogue
from calendar_gen.render.formatting import mention
from calendar_gen.render.ics import FeedOptions, fold, plain, render_feed

Writer = Callable[..., Path]
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
OPTIONS = FeedOptions(name="Các ngày kỷ niệm", description="Thử, nghiệm; mô tả", stamp=STAMP)
REQUIRED_CALENDAR = [
    "VERSION:2.0",
    "PRODID:",
    "CALSCALE:GREGORIAN",
    "X-WR-CALNAME:",
    "X-WR-CALDESC:",
    "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    "NAME:",
    "DESCRIPTION:",
    "REFRESH-INTERVAL;VALUE=DURATION:P1D",
    "X-PUBLISHED-TTL:PT24H",
    "COLOR:",
    "X-APPLE-CALENDAR-COLOR:#",
]
REQUIRED_EVENT = [
    "UID:",
    "DTSTAMP:",
    "LAST-MODIFIED:",
    "SEQUENCE:",
    "DTSTART;VALUE=DATE:",
    "DTEND;VALUE=DATE:",
    "SUMMARY:",
    "TRANSP:TRANSPARENT",
    "CLASS:PUBLIC",
]


def check_lines(data: bytes) -> list[str]:
    """RFC 5545 at the line level; returns the unfolded content lines."""
    assert data.endswith(b"\r\n")
    raw_lines = data.split(b"\r\n")[:-1]
    for raw in raw_lines:
        assert b"\r" not in raw and b"\n" not in raw
        assert len(raw) <= 75, raw
        raw.decode("utf-8")  # every physical line is valid UTF-8 on its own
    unfolded = data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    head = unfolded[: unfolded.index("BEGIN:VEVENT")] if "BEGIN:VEVENT" in unfolded else unfolded
    for prefix in REQUIRED_CALENDAR:
        assert any(line.startswith(prefix) for line in head), prefix
    events: list[list[str]] = []
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            events.append([])
        elif events:
            events[-1].append(line)
    for event in events:
        for prefix in REQUIRED_EVENT:
            assert sum(line.startswith(prefix) for line in event) == 1, prefix
    assert not any(line.startswith("METHOD:") for line in head)  # PUBLISH would need an ORGANIZER
    for line in head:  # names and descriptions need no escaping (ical.js shows the backslashes)
        if line.startswith(("X-WR-CALNAME:", "NAME:", "X-WR-CALDESC:", "DESCRIPTION:")):
            assert not re.search(r"[,;\\]", line.partition(":")[2]), line
    for line in unfolded:  # no category holds a comma (KCalendarCore splits at an escaped one)
        if line.startswith("CATEGORIES:"):
            assert "\\," not in line, line
    uids = [line for line in unfolded if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) == len(events)
    return unfolded


def read_back(data: bytes) -> dict[str, tuple[dt.date, str]]:
    """Parse with icalendar, ics and ical; all three must agree on every event."""
    text = data.decode("utf-8")
    first = {
        str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"]))
        for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }
    second = {e.uid: (e.begin.date(), e.name) for e in ics.Calendar(text).events}
    strict = IcsCalendarStream.calendar_from_ics(text)
    third = {e.uid: (e.dtstart, e.summary) for e in strict.events}
    assert first == second == third
    for event in strict.events:
        assert event.dtend == event.dtstart + dt.timedelta(days=1)
    return first


def shipped(first: int, last: int) -> list[Occurrence]:
    entries = load([default_catalogue()]).entries
    return occurrences(entries, dt.date(first, 1, 1), dt.date(last, 12, 31))


# Years that differ for the calendar: leap years (2000, 2004, 2012, 2020, 2024, 2028), lunar years
# with a leap month (2001: 4, 2004: 2, 2012: 4, 2020: 4, 2023: 2, 2028: 5, 2033: 11, 2050: 3), and
# both ends of 2000-2050. The ics reader needs
# about 3 ms per event, so the three readers get these years, not every year of 2000-2050.
READ_BACK_YEARS = (2000, 2001, 2004, 2012, 2020, 2023, 2024, 2028, 2033, 2050)


@pytest.mark.slow
def test_shipped_catalogue_reads_back_everywhere() -> None:
    found = [occ for year in READ_BACK_YEARS for occ in shipped(year, year)]
    data = render_feed(found, OPTIONS)
    check_lines(data)
    events = read_back(data)
    assert len(events) == len(found) > 2_000
    for occ in found[::19]:
        # A month-only or year-only entry says so after its mention (render/ics.py, _summary).
        span = f" (cả tháng {occ.date.month})" if occ.whole_month else ""
        span = f" (cả năm {occ.date.year})" if occ.precision is Precision.YEAR else span
        assert events[f"{occ.anniversary.id}-{occ.year}@calendar-gen.invalid"] == (
            occ.date,
            mention(occ) + span,
        )


def test_alarm_and_round_filter(tmp_path: Path) -> None:
    found = [o for o in shipped(2025, 2025) if o.round_class and o.round_class.value != "khac"]
    data = render_feed(found, FeedOptions(name="x", description="y", stamp=STAMP, alarm_days=3))
    check_lines(data)
    read_back(data)
    calendar = icalendar.Calendar.from_ical(data)
    alarms = calendar.walk("VALARM")
    assert len(alarms) == len(found)
    assert alarms[0]["ACTION"] == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == -dt.timedelta(days=2, hours=16)  # 08:00, three days before


def entry_named(
    name: str,
    note: str | None = None,
    date: str = "3/3/1959",
    source: str = "https://example.gov.vn/?a=1&b=2",
    **kwargs: object,
) -> Anniversary:
    calendar = Calendar(str(kwargs.pop("calendar", "solar")))
    return Anniversary(
        id="thu",
        name=name,
        founded=parse_founding(date, calendar),
        note=note,
        source=source,
        **kwargs,  # type: ignore[arg-type]
    )


ADVERSARIAL = [
    "Ngày hội 🎉🇻🇳 có emoji",
    "Ngày thu\u0301 tổ hợp (NFD)",
    "Dài " + "Ngày truyền thống Bộ đội Biên phòng " * 60,
    "Tên\r\nDTSTART:19700101\r\nSUMMARY:tiêm",
    "Tên\nEND:VEVENT\nBEGIN:VEVENT\nUID:gia",
    "Dấu \"ngoặc\" và 'nháy', chấm phẩy; hai chấm: gạch \\ ngược",
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "ẞ" * 80 + "ệ" * 80,
]


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_adversarial_names_cannot_break_the_feed(name: str) -> None:
    item = entry_named(name, source=name + "\n" + name)
    found = occurrences([item], dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    data = render_feed(found, FeedOptions(name=name, description=name, stamp=STAMP, alarm_days=1))
    unfolded = check_lines(data)
    assert sum(line == "BEGIN:VEVENT" for line in unfolded) == 2
    assert not any(line.startswith("DTSTART:1970") or line.startswith("UID:gia") for line in unfolded)
    events = read_back(data)
    # RFC 5545 has no escape for a bare CR: line breaks of any kind come back as "\n".
    lines = lambda text: text.replace("\r\n", "\n").replace("\r", "\n")  # noqa: E731
    assert {summary for _, summary in events.values()} == {lines(mention(o)) for o in found}
    strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert strict.name in (plain(name), [plain(name)]) and strict.description in (plain(name), [plain(name)])
    calendar = icalendar.Calendar.from_ical(data)
    assert all(lines(name) in str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT"))


def test_lunar_entry_carries_lunar_date_and_category() -> None:
    item = entry_named("Giỗ Tổ Hùng Vương", date="10/3", calendar="lunar", count_shown=False)
    found = occurrences([item], dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    (event,) = icalendar.Calendar.from_ical(render_feed(found, OPTIONS)).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2024, 4, 18)
    assert "Ngày âm lịch: 10/3." in str(event["DESCRIPTION"])
    assert "Âm lịch" in [str(c) for c in event["CATEGORIES"].cats]


def test_editors_note_stays_out_of_the_event() -> None:
    """The catalogue's note is for its editors (issue 22): no event description carries it."""
    note = "Cách viết hoa tên gọi chưa thống nhất giữa các nguồn"
    found = occurrences([entry_named("Ngày thử", note=note)], dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    (event,) = icalendar.Calendar.from_ical(render_feed(found, OPTIONS)).walk("VEVENT")
    assert note not in str(event["DESCRIPTION"]) and "Ghi chú" not in str(event["DESCRIPTION"])
    assert "Nguồn: https://example.gov.vn/?a=1&b=2" in str(event["DESCRIPTION"])


def test_description_has_class_in_words_and_source() -> None:
    found = [o for o in shipped(2024, 2024) if o.anniversary.id == "bo-doi-bien-phong"]
    (event,) = icalendar.Calendar.from_ical(render_feed(found, OPTIONS)).walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert description.startswith("Năm lẻ 5 (65 năm).")
    assert "Nguồn: " in description
    assert str(event["SUMMARY"]) == "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Lực lượng vũ trang", "Năm lẻ 5"]


@given(st.text(min_size=0, max_size=400))
def test_fold_matches_icalendar(value: str) -> None:
    line = "SUMMARY:" + value.replace("\r", "").replace("\n", "")
    assert fold(line) == Contentline(line).to_ical()


runner = CliRunner()


def feed_bytes(*args: str, env: dict[str, str] | None = None) -> bytes:
    result = runner.invoke(app, ["feed", "--today", "2026-11-22", *args], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def test_cli_feed_is_deterministic_with_source_date_epoch() -> None:
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    first, second = feed_bytes(env=env), feed_bytes(env=env)
    assert first == second
    assert b"DTSTAMP:20260101T000000Z" in first
    years = {int(m) for m in re.findall(rb"DTSTART;VALUE=DATE:(\d{4})", first)}
    assert years == {2025, 2026, 2027, 2028}  # default: last year through two years ahead


def test_cli_feed_stamp_comes_from_content_not_mtime(write_yaml: Writer) -> None:
    path = write_yaml("title: Đơn vị\nanniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n")
    import os

    first = feed_bytes("--no-default", "-c", str(path))
    os.utime(path, (1_700_000_000, 1_700_000_000))  # a reinstall or a copy: same content
    assert feed_bytes("--no-default", "-c", str(path)) == first
    assert b"DTSTAMP:2023" not in first
    assert b"X-WR-CALNAME:\xc4\x90\xc6\xa1n v\xe1\xbb\x8b" in first
    path.write_text(
        "title: Đơn vị\nanniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n  - {id: b, name: B, date: 2/2/1990}\n",
        encoding="utf-8",
    )
    edited = feed_bytes("--no-default", "-c", str(path))
    stamp = lambda data: re.findall(rb"DTSTAMP:(\S+)", data)[0]  # noqa: E731
    assert stamp(edited) != stamp(first)


def revisions(data: bytes) -> dict[str, tuple[str, str]]:
    calendar = icalendar.Calendar.from_ical(data)
    return {
        str(e["UID"]): (str(e["SEQUENCE"]), e["LAST-MODIFIED"].to_ical().decode())
        for e in calendar.walk("VEVENT")
    }


def test_sequence_and_last_modified_change_only_with_the_event(write_yaml: Writer) -> None:
    path = write_yaml(
        "anniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n  - {id: b, name: B, date: 2/2/1990}\n"
    )
    args = ("--no-default", "-c", str(path), "--from", "2024", "--to", "2025")
    before = revisions(feed_bytes(*args))
    path.write_text(
        "anniversaries:\n  - {id: a, name: A sửa, date: 1/1/1990}\n  - {id: b, name: B, date: 2/2/1990}\n",
        encoding="utf-8",
    )
    after = revisions(feed_bytes(*args))
    for uid in ("b-2024@calendar-gen.invalid", "b-2025@calendar-gen.invalid"):
        assert after[uid] == before[uid]
    for uid in ("a-2024@calendar-gen.invalid", "a-2025@calendar-gen.invalid"):
        assert after[uid][0] != before[uid][0] and after[uid][1] != before[uid][1]


def test_source_and_event_urls_and_colour() -> None:
    data = feed_bytes(
        "--source-url",
        "https://lich.example.gov.vn/feed.ics?province=kon-tum",
        "--base-url",
        "https://lich.example.gov.vn/",
    )
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["SOURCE"]) == "https://lich.example.gov.vn/feed.ics?province=kon-tum"
    assert (str(calendar["COLOR"]), str(calendar["X-APPLE-CALENDAR-COLOR"])) == ("firebrick", "#B22222")
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert str(event["URL"]) == f"https://lich.example.gov.vn/month/{start.year:04d}-{start.month:02d}.html"
    for args, message in [
        (["--name", "Lịch, tỉnh"], "--name"),
        (["--source-url", "ftp://x"], "--source-url"),
    ]:
        failed = runner.invoke(app, ["feed", *args])
        assert failed.exit_code == 2 and message in failed.stderr


def test_month_only_on_the_first_and_year_only_on_1_january() -> None:
    month = entry_named("Tháng", date="12/1972")
    year = entry_named("Năm", date="1972").replace(id="nam")
    found = occurrences([month, year], dt.date(2024, 1, 1), dt.date(2024, 12, 31), yearly=True)
    events = read_back(render_feed(found, OPTIONS))
    assert sorted(events.values()) == [
        (dt.date(2024, 1, 1), "52 năm Năm (1972 – 2024) (cả năm 2024)"),
        (dt.date(2024, 12, 1), "52 năm Tháng (12/1972 – 12/2024) (cả tháng 12)"),
    ]


def test_edit_keeps_uids_of_unchanged_occurrences(write_yaml: Writer) -> None:
    path = write_yaml(
        "anniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n  - {id: b, name: B, date: 2/2/1990}\n"
    )
    before = feed_bytes("--no-default", "-c", str(path), "--from", "2024", "--to", "2026")
    path.write_text(
        "anniversaries:\n  - {id: a, name: A sửa tên, date: 1/1/1990}\n  - {id: c, name: C, date: 3/3/1990}\n",
        encoding="utf-8",
    )
    after = feed_bytes("--no-default", "-c", str(path), "--from", "2024", "--to", "2026")
    uids = lambda data: {u for u in re.findall(rb"UID:(\S+)", data)}  # noqa: E731
    assert {u for u in uids(before) if u.startswith(b"a-")} == {u for u in uids(after) if u.startswith(b"a-")}
    assert b"a-2025@calendar-gen.invalid" in uids(after)


def test_cli_feed_options_and_errors(tmp_path: Path) -> None:
    target = tmp_path / "feed.ics"
    result = runner.invoke(
        app,
        [
            "feed",
            "--today",
            "2026-11-22",
            "--round",
            "--tag",
            "quoc-phong",
            "--alarm",
            "1",
            "--name",
            "Quốc phòng",
            "--domain",
            "tuyengiao.kontum.gov.vn",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.stderr
    data = target.read_bytes()
    check_lines(data)
    assert b"@tuyengiao.kontum.gov.vn" in data and b"BEGIN:VALARM" in data
    for args, message in [
        (["--from", "2030", "--to", "2020"], "is after --to"),
        (["--domain", "bad domain"], "is not a domain name"),
        (["--alarm", "-1"], "--alarm"),
    ]:
        failed = runner.invoke(app, ["feed", *args])
        assert failed.exit_code == 2 and message in failed.stderr
    bad_epoch = runner.invoke(app, ["feed"], env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert bad_epoch.exit_code == 1 and "SOURCE_DATE_EPOCH" in bad_epoch.stderr
