"""The same events written by calendar-gen, icalendar's object API and ics.py, in one process.

Prints seconds for each writer and the speed-ups:

    python benchmarks/feed_compare.py benchmarks/out/synthetic-10000.yaml 2021 2030
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calendar_gen.catalogue.load import load
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.model import Occurrence
from calendar_gen.render.formatting import mention
from calendar_gen.render.ics import FeedOptions, render_feed

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def description(occ: Occurrence) -> str:
    """The same description text calendar-gen writes: class, note, source."""
    parts = [f"{occ.round_class.label.capitalize()} ({occ.count} năm)." if occ.round_class else ""]
    parts += [f"Ghi chú: {occ.anniversary.note}"] if occ.anniversary.note else []
    parts += [f"Nguồn: {occ.anniversary.source}"] if occ.anniversary.source else []
    return "\n".join(parts)


def with_icalendar(found: list[Occurrence]) -> bytes:
    """One icalendar object per event, properties added through its API."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//bench//VI")
    calendar.add("version", "2.0")
    for occ in found:
        event = icalendar.Event()
        event.add("uid", f"{occ.anniversary.id}-{occ.year}@bench")
        event.add("dtstamp", STAMP)
        event.add("dtstart", occ.date)
        event.add("dtend", occ.date + dt.timedelta(days=1))
        event.add("summary", mention(occ))
        event.add("description", description(occ))
        event.add("transp", "TRANSPARENT")
        event.add("class", "PUBLIC")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def with_ics(found: list[Occurrence]) -> bytes:
    """ics.py's Event objects, all-day."""
    import ics

    calendar = ics.Calendar()
    for occ in found:
        event = ics.Event(
            name=mention(occ),
            begin=occ.date.isoformat(),
            uid=f"{occ.anniversary.id}-{occ.year}@bench",
            description=description(occ),
        )
        event.make_all_day()
        calendar.events.add(event)
    return calendar.serialize().encode("utf-8")


def main() -> None:
    """Time the three writers on the same occurrences."""
    path = Path(sys.argv[1])
    first, last = int(sys.argv[2]), int(sys.argv[3])
    entries = load([path]).entries
    found = occurrences(entries, dt.date(first, 1, 1), dt.date(last, 12, 31))
    print(f"{len(found)} events")
    timings = {}
    for name, write in [
        ("calendar-gen", lambda: render_feed(found, FeedOptions("bench", "bench", STAMP))),
        ("icalendar objects", lambda: with_icalendar(found)),
        ("ics.py objects", lambda: with_ics(found)),
    ]:
        start = time.perf_counter()
        data = write()
        timings[name] = time.perf_counter() - start
        print(f"{name:18s} {timings[name]:7.2f} s  {len(data) / 1e6:6.1f} MB")
    ours = timings["calendar-gen"]
    for name in ("icalendar objects", "ics.py objects"):
        print(f"calendar-gen is {timings[name] / ours:.1f}x faster than {name}")


if __name__ == "__main__":
    main()
