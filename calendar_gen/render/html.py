"""Printable sheets as HTML: the month (grid, table, paragraph) and the year (jubilees, months).

Jinja2 templates with autoescape and StrictUndefined (``templates/*.html.j2``); users can override
any of them with ``--templates DIR``. Print CSS follows Nghị định 30/2020/NĐ-CP: A4 portrait,
serif type, margins 20/15/20/30 mm. Pure: the generation date comes in as an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calendar_gen import __version__
from calendar_gen.engine.daysoff import DayOff
from calendar_gen.engine.monthgrid import WEEKDAYS, month_grid
from calendar_gen.engine.selection import ROUND
from calendar_gen.model import Occurrence, Precision
from calendar_gen.render.formatting import DateStyle, long_date, solar
from calendar_gen.render.headerlines import fit_lines
from calendar_gen.render.layout import SIGNATURE_COLUMNS_MM, css_context, styles
from calendar_gen.render.order import editorial
from calendar_gen.render.paragraph import month_text
from calendar_gen.render.profile import Profile
from calendar_gen.render.records import lunar_cell
from calendar_gen.render.text import ROUND_VALUES, environment, year_sections
from calendar_gen.render.views import view


@dataclass(frozen=True)
class Header:
    """The administrative header block (Nghị định 30/2020): issuing body, place and date."""

    issuer: str | None = None  # lines separated by "|": superior body first, issuing body last
    place: str | None = None
    issued: dt.date | None = None
    party: bool = False  # Party bodies write "ĐẢNG CỘNG SẢN VIỆT NAM" instead of the state motto
    number: str | None = None  # "Số: 125-HD/BTGDVTU"

    def context(self) -> dict[str, Any] | None:
        """What the template needs, or None when there is no header."""
        if not (self.issuer or self.place or self.issued or self.number):
            return None
        when = long_date(self.issued) if self.issued else ""
        place_date = f"{self.place}, {when}" if self.place and when else (self.place or when.capitalize())
        lines = [line.strip().upper() for line in (self.issuer or "").split("|") if line.strip()]
        sizes = styles(self.party)
        superior, issuer = sizes["superior"], sizes["issuer"]
        return {
            # tên cơ quan chủ quản: upright capitals; a name too long for the column is broken
            # where an editor breaks it, "\n" between its lines (render/headerlines.py)
            "superior": ["\n".join(fit_lines(line, superior.pt, superior.bold)) for line in lines[:-1]],
            "issuer": "\n".join(fit_lines(lines[-1], issuer.pt, issuer.bold)) if lines else "",
            "issuer_name": " ".join(lines[-1].split()) if lines else "",  # the name, for properties
            "party": self.party,
            "number": self.number,
            "place_date": place_date,
        }


SOURCE_MODES = ("full", "short", "none")


def short_source(source: str) -> str:
    """The first reference of a source (up to the first ';'), at most 160 characters."""
    first = source.split("; ", 1)[0].strip()
    return first if len(first) <= 160 else first[:159].rstrip() + "…"


@dataclass(frozen=True)
class SheetInfo:
    """What the footer says: which catalogues, when, by which version."""

    catalogues: tuple[str, ...]
    generated: dt.date
    header: Header = Header()
    style: DateStyle = DateStyle.ND30
    sources: str | None = None  # full | short (first reference) | none; None: the default, source_mode()
    profile: Profile | None = None  # a complete document (README.md, "Document profile")
    docx_template: Path | None = None  # the officer's restyled copy of templates/sheet.docx
    days_off: tuple[DayOff, ...] = ()  # public days off to mark in red (--days-off), any years
    home: str | None = None  # a link back to the subscribe page (served and built sites), not printed

    def source_mode(self) -> str:
        """The sources printed: as asked, else none in a document (--profile) and short on a sheet.

        A signed document is the office's own text: web links of the catalogue (some commercial or
        mirror sites) do not belong in it unless asked for (issue 22).
        """
        if self.sources is not None:
            return self.sources
        return "none" if self.profile is not None else "short"

    @property
    def party(self) -> bool:
        """A Party body's document or sheet (Hướng dẫn 36-HD/VPTW), else a State body's."""
        return self.header.party or (self.profile is not None and self.profile.party)

    def document(self, period: str, year: int, month: int | None = None) -> dict[str, Any] | None:
        """The profile's parts for the templates, or None for a plain sheet."""
        return None if self.profile is None else self.profile.context(period, year, month)


def row(occ: Occurrence, style: DateStyle, classed: bool = False) -> dict[str, Any]:
    """One table row: the record plus the solar and lunar dates as printed."""
    item = view(occ, style, classed=classed)
    item["date_cell"] = item["date_text"]
    item["lunar_cell"] = lunar_cell(occ)
    item["highlight"] = item["round_class"] in ROUND_VALUES
    return item


def number_sources(rows: list[dict[str, Any]], mode: str = "full") -> list[str]:
    """Give each distinct source a note number (``row["source_ref"]``); the notes, in order.

    Full sources are long (document numbers, several URLs): printed in the table they would take
    more room than the anniversaries, so the table shows the number and the notes follow it.
    """
    notes: dict[str, int] = {}
    for item in rows:
        source = item["source"] if mode != "none" else None
        if source and mode == "short":
            source = short_source(source)
        if source:
            item["source_ref"] = notes.setdefault(source, len(notes) + 1)
        else:
            item["source_ref"] = None
    return list(notes)


def _common(info: SheetInfo, title: str, document: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "title": title,
        "home": info.home,
        "document": document,
        "header": info.header.context(),
        "catalogues": list(info.catalogues),
        "generated_text": solar(info.generated, DateStyle.ND30),
        "generated_iso": info.generated.isoformat(),
        "version": __version__,
        "layout": {
            **css_context(info.party),
            "signature_columns": [f"{width:g}mm" for width in SIGNATURE_COLUMNS_MM],
        },
    }


def days_off_by_date(days: Sequence[DayOff]) -> dict[dt.date, list[dict[str, str]]]:
    """The days off of a sheet by date: name and kind ("working" is a Saturday worked, not red)."""
    result: dict[dt.date, list[dict[str, str]]] = {}
    for day in days:
        result.setdefault(day.date, []).append({"name": day.name, "kind": day.kind})
    return result


def days_off_rows(days: Sequence[DayOff], year: int) -> list[dict[str, str]]:
    """The year's days off as rows for the yearly list: date, weekday name, kind."""
    return [
        {
            "date": solar(d.date, DateStyle.ND30),
            "weekday": WEEKDAYS[d.date.weekday()],
            "name": d.name,
            "kind": d.kind,
        }
        for d in sorted(days, key=lambda d: d.date)
        if d.date.year == year
    ]


def month_html(
    occurrences: Sequence[Occurrence],
    year: int,
    month: int,
    info: SheetInfo,
    templates: Path | None = None,
) -> str:
    """The monthly sheet."""
    style = info.style
    dated = editorial(o for o in occurrences if o.precision is not Precision.YEAR)
    in_grid = [o for o in dated if not o.whole_month]
    off = days_off_by_date(info.days_off)
    weeks = [
        [
            {
                "day": cell.date.day,
                "in_month": cell.in_month,
                "lunar_label": cell.lunar_label,
                "sunday": cell.date.weekday() == 6,
                "marks": [view(o, style)["text"] for o in cell.occurrences],
                "round": any(o.round_class in ROUND for o in cell.occurrences),
                "off": off.get(cell.date, []) if cell.in_month else [],
            }
            for cell in week
        ]
        for week in month_grid(year, month, in_grid)
    ]
    rows = [row(o, style) for o in dated]
    template = environment(templates).get_template("month.html.j2")
    return template.render(
        **_common(
            info,
            f"Các ngày kỷ niệm tháng {month} năm {year}",
            info.document(f"tháng {month}/{year}", year, month),
        ),
        weekdays=WEEKDAYS,
        weeks=weeks,
        rows=rows,
        sources=number_sources(rows, info.source_mode()),
        paragraph=month_text(dated, year, month, style, templates).strip(),
    )


def year_html(
    occurrences: Sequence[Occurrence],
    year: int,
    info: SheetInfo,
    templates: Path | None = None,
    round_only: bool = False,
    plan: Sequence[tuple[str, Sequence[Occurrence]]] | None = None,
) -> str:
    """The yearly list: the plan's sections (``plan``), else năm tròn and năm lẻ 5 first, then every month."""
    ordered = editorial(occurrences)
    rows = [row(o, info.style, classed=True) for o in ordered]
    by_occurrence = dict(zip(ordered, rows, strict=True))
    parts = [(h, [by_occurrence[o] for o in found if o in by_occurrence]) for h, found in plan or ()]
    template = environment(templates).get_template("year.html.j2")
    title = f"Các ngày kỷ niệm năm {year}" + (" (năm tròn, năm lẻ 5)" if round_only else "")
    return template.render(
        **_common(info, title, info.document(f"năm {year}", year)),
        sources=number_sources(rows, info.source_mode()),
        year=year,
        round_only=round_only,
        days_off=days_off_rows(info.days_off, year),
        plan=parts,
        **year_sections(rows),
    )
