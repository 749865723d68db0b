"""The officer's page on the server: the editor's selection as JSON, the paragraph of what is ticked.

Every request carries what it needs (``unit``, ``for``, ``period``, and, once the officer has
edited the list, ``edited=1`` with the ``ticked`` ids): no state is kept between requests, so any
number of ``serve`` processes may answer. The decisions are the engine's
(:func:`calendar_gen.engine.listing.choose`), with the CLI's ``--include`` / ``--exclude``
semantics: ticked ids the editor left out are included, listed ids left unticked are excluded.
The documents of the ticked items are in ``web/workspace_docs``.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
import json
import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from calendar_gen.catalogue.types import Catalogue
from calendar_gen.engine.listing import Choice, choose, listed_only
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.engine.selection import select
from calendar_gen.i18n import _
from calendar_gen.render.formatting import DateStyle, date_label, mention, month_year
from calendar_gen.web.limits import PAGES, Gone, Refused, _vietnamese, offload, read_body
from calendar_gen.web.links import calendar_name, subscribe_links
from calendar_gen.web.pages import document_scopes
from calendar_gen.web.query import QueryError
from calendar_gen.web.responses import SECURITY, error
from calendar_gen.web.routes import SUBSCRIBE, AppState, base_url, state_of
from calendar_gen.web.scopes import scope_choices, scope_label

MAX_FORM = 256 * 1024  # bytes of a posted form: ids of a year and a profile fit many times
FIELDS = ("unit", "for", "period", "edited", "ticked", "profile", "format", "yaml")
JSON_TYPE = "application/json"


@dataclass(frozen=True)
class Asked:
    """What one request asks for: the unit, the audiences, the period and the ticked ids."""

    unit: str
    audiences: tuple[str, ...]
    year: int
    month: int | None  # None: the whole year (the yearly plan's rules)
    edited: bool  # whether ``ticked`` replaces the editor's selection
    ticked: tuple[str, ...]
    fields: dict[str, str]

    @property
    def scopes(self) -> tuple[str, ...]:
        """A province's documents list the national days too (web/pages.py, document_scopes)."""
        return document_scopes((self.unit,))

    @property
    def period_label(self) -> str:
        return f"năm {self.year}" if self.month is None else f"tháng {self.month}/{self.year}"


async def form_fields(request: Request) -> dict[str, str]:
    """The query and, for POST, the urlencoded body: one value a field (``ticked`` joined by commas)."""
    pairs = list(request.query_params.multi_items())
    if request.method == "POST":
        body = await read_body(request, MAX_FORM, _("The form is too large (at most 256 KB)."))
        try:
            pairs += urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            raise QueryError("form", _("the form is not UTF-8 text")) from None
    fields: dict[str, str] = {}
    for key, value in pairs:
        if key not in FIELDS:
            raise QueryError(key, _("no such field; use {fields}").format(fields=", ".join(FIELDS)))
        fields[key] = f"{fields[key]},{value}" if key == "ticked" and key in fields else value
    return fields


def asked_of(fields: dict[str, str], catalogue: Catalogue, today: dt.date) -> Asked:
    """Check the fields against the catalogue; every mistake is a QueryError naming the field."""
    unit = fields.get("unit", "").strip() or "national"
    national, groups = scope_choices(catalogue)
    known = {o.value for o in national} | {o.value for g in groups for o in g.options}
    if unit not in known:
        raise QueryError("unit", _("there is no unit '{unit}'; choose one from the list").format(unit=unit))
    audiences = tuple(a for a in (p.strip() for p in fields.get("for", "").split(",")) if a)
    for slug in audiences:
        if slug not in catalogue.rules.audiences:
            raise QueryError(
                "for",
                _("'{value}' is not an audience; use one of {values}").format(
                    value=slug, values=", ".join(sorted(catalogue.rules.audiences))
                ),
            )
    year, month = _period(fields.get("period", "").strip(), today)
    ticked = tuple(dict.fromkeys(i for i in (p.strip() for p in fields.get("ticked", "").split(",")) if i))
    ids = {e.id for e in catalogue.entries}
    for entry_id in ticked:
        if entry_id not in ids:
            raise QueryError("ticked", _("no loaded entry has the id '{id}'").format(id=entry_id))
    edited = fields.get("edited", "").strip() in ("1", "true", "on")
    return Asked(unit, audiences, year, month, edited, ticked, fields)


def next_month(today: dt.date) -> dt.date:
    """The first day of next month; at the calendar's end (December 9999), this month's."""
    if (today.year, today.month) == (9999, 12):
        return today.replace(day=1)
    return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _period(text: str, today: dt.date) -> tuple[int, int | None]:
    """``YYYY-MM`` or ``YYYY``; empty: next month (guidance goes out before the month starts)."""
    if not text:
        following = next_month(today)
        return following.year, following.month
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2}))?", text)
    if match is None or not 1 <= int(match.group(1)) <= 9998 or not 1 <= int(match.group(2) or 1) <= 12:
        raise QueryError(
            "period", _("'{value}' is not a month or a year; use YYYY-MM or YYYY").format(value=text)
        )
    return int(match.group(1)), (int(match.group(2)) if match.group(2) else None)


def choices_of(catalogue: Catalogue, asked: Asked) -> tuple[list[Choice], list[Choice]]:
    """The editor's choices, and the choices after the officer's ticks (the CLI's include/exclude)."""
    entries = select(catalogue.entries, asked.scopes)
    yearly = asked.month is None
    if yearly:
        start, end = dt.date(asked.year, 1, 1), dt.date(asked.year, 12, 31)
    else:
        month = asked.month or 1
        start = dt.date(asked.year, month, 1)
        end = dt.date(asked.year, month, gregorian.monthrange(asked.year, month)[1])
    found = occurrences(entries, start, end, yearly=yearly)
    rules = catalogue.rules
    editor = choose(found, rules, asked.audiences, yearly=yearly)
    if not asked.edited:
        return editor, editor
    listed = {c.occurrence.anniversary.id for c in editor if c.listed}
    ticked = set(asked.ticked)
    include = sorted(ticked - listed)
    exclude = sorted(listed - ticked)
    return editor, choose(found, rules, asked.audiences, include, exclude, yearly=yearly)


def paragraph(
    catalogue: Catalogue, asked: Asked, choices: Sequence[Choice], style: DateStyle, templates: Path | None
) -> str:
    """The month's paragraph, or the year's plan, of the ticked items (as ``month`` and ``year`` print)."""
    if asked.month is None:
        from calendar_gen.render.plan import plan, plan_text

        unit = None if asked.unit == "national" else scope_label(catalogue, asked.unit)
        return plan_text(plan(choices, catalogue.rules, style), asked.year, unit)
    from calendar_gen.render.paragraph import month_text

    return month_text(listed_only(choices), asked.year, asked.month, style, templates)


def selection_data(
    catalogue: Catalogue, asked: Asked, style: DateStyle, templates: Path | None = None
) -> dict[str, Any]:
    """Each occurrence with the editor's decision and the officer's tick, and the paragraph.

    ``serve``'s ``/api/selection`` answers it; ``build`` writes it for each month and year of the
    site (web/site.py), so the built page shows the same list without a server.
    """
    editor, final = choices_of(catalogue, asked)
    items = [
        {
            "id": after.occurrence.anniversary.id,
            "date": after.occurrence.date.isoformat(),
            "date_text": date_label(after.occurrence, style),
            "text": mention(after.occurrence, style),
            "listed": before.listed,
            "why": before.why,
            "ticked": after.listed,
            "reason": after.why,
            "section": after.section,
        }
        for before, after in zip(editor, final, strict=True)
    ]
    if asked.month is None:
        title = f"Các ngày kỷ niệm năm {asked.year}"
    else:
        title = f"Các ngày kỷ niệm tháng {month_year(asked.month, asked.year, style)}"
    return {
        "unit": asked.unit,
        "unit_label": scope_label(catalogue, asked.unit),
        "period": f"{asked.year:04d}" + ("" if asked.month is None else f"-{asked.month:02d}"),
        "title": title,
        "items": items,
        "paragraph": paragraph(catalogue, asked, final, style, templates).strip(),
    }


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    headers = {**SECURITY, "Cache-Control": "no-store"}
    return Response(body, status_code=status, media_type=JSON_TYPE, headers=headers)


async def answer(request: Request, work: Any) -> Response:
    """Read the fields, then run ``work(snapshot catalogue, asked-fields, state)`` in a worker thread."""
    state = state_of(request)
    try:
        with _vietnamese():  # the web answers in Vietnamese (web/limits.py)
            fields = await form_fields(request)
        snapshot = state.store.get()
        return await offload(request, PAGES, work, snapshot.catalogue, fields, state)
    except QueryError as exc:
        return json_response({"error": str(exc)}, 400)
    except Refused as exc:
        return error(exc.status, str(exc))
    except Gone:
        return Response(status_code=499)


async def selection(request: Request) -> Response:
    """``/api/selection``: the month's or year's list with the editor's reasons and the paragraph."""
    base = base_url(request)

    def work(catalogue: Catalogue, fields: dict[str, str], state: AppState) -> Response:
        asked = asked_of(fields, catalogue, state.clock())
        data = selection_data(catalogue, asked, state.style, state.templates)
        data["subscribe"] = subscribe_data(catalogue, asked.unit, base)
        return json_response(data)

    return await answer(request, work)


def subscribe_data(catalogue: Catalogue, unit: str, base: str) -> dict[str, str]:
    """One feed of national plus the unit's days (render/feed.py, feed_scopes), its links and QR code."""
    query = "" if unit == "national" else f"?scope={unit}"
    name = calendar_name(scope_label(catalogue, unit))
    links = subscribe_links(base + "feed.ics" + query, name)
    return {
        "name": name,
        "url": links.url,
        "webcal": links.webcal,
        "google": links.google,
        "outlook": links.outlook,
        "qr": "qr.svg" + query,
        "more": SUBSCRIBE + query,  # the subscribe page's other choices, from this unit
    }


def choices_data(catalogue: Catalogue) -> dict[str, Any]:
    """What the page offers: the units (national, then each unit and its former provinces), audiences."""
    national, groups = scope_choices(catalogue)
    return {
        "national": [{"value": o.value, "label": o.label} for o in national if o.value == "national"],
        "groups": [
            {"label": g.label, "options": [{"value": o.value, "label": o.label} for o in g.options]}
            for g in groups
        ],
        "audiences": [{"value": a.slug, "label": a.label} for a in catalogue.rules.audiences.values()],
    }
