"""The subscribe page and its QR code, rendered from a catalogue and a feed query."""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calendar_gen import __version__
from calendar_gen.catalogue.types import Catalogue
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.engine.selection import round_only, select
from calendar_gen.paths import resource_dir
from calendar_gen.render.feed import FeedQuery
from calendar_gen.render.formatting import DateStyle, month_year
from calendar_gen.render.text import environment
from calendar_gen.render.views import view
from calendar_gen.web.documents import Sheet, month_document
from calendar_gen.web.links import calendar_name, subscribe_links
from calendar_gen.web.query import MAX_FEED_YEARS
from calendar_gen.web.scopes import catalogue_names, scope_choices, scope_label, vietnamese_sorted

TITLE = "Lịch các ngày kỷ niệm"


@dataclass(frozen=True)
class Look:
    """How pages are written: the date style, the user's template folder, tag names."""

    style: DateStyle = DateStyle.ND30
    templates: Path | None = None
    tag_names: Mapping[str, str] = field(default_factory=dict)


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


def tag_choices(catalogue: Catalogue, tag_names: Mapping[str, str]) -> list[tuple[str, str]]:
    """The tags the catalogue uses, by their Vietnamese names in Vietnamese alphabetical order."""
    used = {t for e in catalogue.entries for t in e.tags}
    return vietnamese_sorted((t, tag_names.get(t, t)) for t in used)


def document_scopes(scopes: tuple[str, ...]) -> tuple[str, ...]:
    """A province's documents list the national days too, as every provincial guidance does."""
    if scopes and all(s.startswith("province") for s in scopes):
        return ("national", *scopes)
    return scopes


def document_label(catalogue: Catalogue, scopes: tuple[str, ...]) -> str:
    """What the documents of the page cover, in words."""
    if not scopes:
        return "tất cả các ngày kỷ niệm đã nạp"
    return ", ".join(scope_label(catalogue, s) for s in scopes)


def span_text(first: int, last: int, served: bool) -> str:
    """What years the feeds cover (issue 14: say it on the page)."""
    text = f"Lịch gồm các ngày kỷ niệm từ năm {first} đến năm {last}"
    if served:
        return (
            f"{text} (năm trước đến hai năm tới, tự chuyển sang năm mới). Thêm from=YYYY&to=YYYY vào địa "
            f"chỉ để chọn các năm khác, tối đa {MAX_FEED_YEARS} năm."
        )
    return f"{text}; trang được tạo lại mỗi năm."


def index_page(
    catalogue: Catalogue, query: FeedQuery, raw_query: str, base: str, today: dt.date, look: Look
) -> str:
    """The subscribe page: filters, one-click links, a QR code, this month's preview and documents."""
    start = today.replace(day=1)
    end = today.replace(day=gregorian.monthrange(today.year, today.month)[1])
    entries = select(catalogue.entries, query.scopes, query.tags, query.kinds)
    found = occurrences(entries, start, end)
    if query.round_only:
        found = round_only(found)
    feed_url = base + "feed.ics" + (f"?{raw_query}" if raw_query else "")
    national, groups = scope_choices(catalogue)
    chosen = {
        "scope": ",".join(_named(query)),
        "tag": ",".join(query.tags),
        "round": query.round_only,
        "alarm": "" if query.alarm is None else str(query.alarm),
    }
    template = environment(look.templates).get_template("index.html.j2")
    return template.render(
        title=TITLE,
        static_site=False,
        national=national,
        groups=groups,
        tags=tag_choices(catalogue, look.tag_names),
        chosen=chosen,
        links=subscribe_links(feed_url, _name(catalogue, query, look)),
        local_only=urllib.parse.urlsplit(base).hostname in ("127.0.0.1", "localhost", "::1"),
        qr_svg=qr_svg(feed_url),
        span=span_text(*query.years(today), served=True),
        preview_title=f"Các ngày kỷ niệm tháng {month_year(today.month, today.year, look.style)}",
        preview=[view(o, look.style) for o in found],
        documents=_documents(catalogue, query.scopes, today, look),
        month_from=start.isoformat(),
        month_to=end.isoformat(),
        version=__version__,
    )


def _named(query: FeedQuery) -> list[str]:
    """The scopes as chosen: a province's feed holds the national days too (render/feed.py, feed_scopes)."""
    return [s for s in query.scopes if s != "national"] or list(query.scopes)


def _name(catalogue: Catalogue, query: FeedQuery, look: Look) -> str:
    """The calendar's name as the page's choices read: "Các ngày kỷ niệm – Cả tỉnh Quảng Ngãi"."""
    scope = ", ".join(scope_label(catalogue, s) for s in _named(query))
    tag = ", ".join(look.tag_names.get(t, t) for t in query.tags)
    return calendar_name(scope, tag, query.round_only)


def _documents(catalogue: Catalogue, scopes: tuple[str, ...], today: dt.date, look: Look) -> dict[str, Any]:
    """The documents part of the served page: links for this month and year, and the paragraph."""
    chosen = document_scopes(scopes)
    query = f"?scope={','.join(chosen)}" if chosen else ""
    sheet = Sheet(
        select(catalogue.entries, chosen),
        catalogue_names(catalogue, chosen),
        today,
        look.style,
        look.templates,
        catalogue.rules,
    )
    month_path = f"month/{today.year:04d}-{today.month:02d}"
    return {
        "label": document_label(catalogue, chosen),
        "query": query,
        "month": today.month,
        "year": today.year,
        "month_path": month_path,
        "year_path": f"year/{today.year:04d}",
        "paragraph": month_document(sheet, today.year, today.month, "txt").decode("utf-8").strip(),
    }
