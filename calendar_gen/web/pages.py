"""The subscribe page and its QR code, rendered from a catalogue and a feed query."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Mapping
from pathlib import Path

from calendar_gen import __version__
from calendar_gen.catalogue.types import Catalogue
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.engine.selection import round_only, select
from calendar_gen.paths import resource_dir
from calendar_gen.render.feed import FeedQuery, scope_label
from calendar_gen.render.formatting import DateStyle, month_year
from calendar_gen.render.text import environment, view


def packaged(name: str, templates: Path | None) -> bytes:
    """A file from the user's template folder, else the packaged one."""
    for folder in (templates, resource_dir("templates")):
        if folder is not None and (folder / name).is_file():
            return (folder / name).read_bytes()
    raise FileNotFoundError(name)


def qr_svg(url: str) -> str:
    """An SVG QR code of a URL, for phones (segno)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=4, xmldecl=False, svgns=True, title="Mã QR địa chỉ lịch", encoding="utf-8"
    )
    return buffer.getvalue().decode("utf-8")


def index_page(
    catalogue: Catalogue,
    query: FeedQuery,
    raw_query: str,
    base: str,
    today: dt.date,
    style: DateStyle,
    templates: Path | None,
    tag_names: Mapping[str, str],
) -> str:
    """The subscribe page: filters, the feed link in both forms, a QR code, this month's preview."""
    import calendar as gregorian

    options = [(s, scope_label(catalogue, s)) for s in sorted({e.scope for e in catalogue.entries})]
    used = {t for e in catalogue.entries for t in e.tags}
    tags = sorted(((t, tag_names.get(t, t)) for t in used), key=lambda pair: pair[1])
    start = today.replace(day=1)
    end = today.replace(day=gregorian.monthrange(today.year, today.month)[1])
    entries = select(catalogue.entries, query.scopes, query.tags, query.kinds)
    found = occurrences(entries, start, end)
    if query.round_only:
        found = round_only(found)
    feed_url = base + "feed.ics" + (f"?{raw_query}" if raw_query else "")
    webcal = "webcal://" + feed_url.split("://", 1)[1]
    chosen = {
        "scope": ",".join(query.scopes),
        "tag": ",".join(query.tags),
        "round": query.round_only,
        "alarm": "" if query.alarm is None else str(query.alarm),
    }
    template = environment(templates).get_template("index.html.j2")
    return template.render(
        title="Lịch các ngày kỷ niệm",
        static_site=False,
        scopes=options,
        tags=tags,
        chosen=chosen,
        feed_url=feed_url,
        webcal_url=webcal,
        local_only=urllib.parse.urlsplit(base).hostname in ("127.0.0.1", "localhost", "::1"),
        qr_svg=qr_svg(feed_url),
        preview_title=f"Các ngày kỷ niệm tháng {month_year(today.month, today.year, style)}",
        preview=[view(o, style) for o in found],
        month_path=f"month/{today.year:04d}-{today.month:02d}",
        year_path=f"year/{today.year}",
        year=today.year,
        month_from=start.isoformat(),
        month_to=end.isoformat(),
        version=__version__,
    )
