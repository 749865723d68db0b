"""What ``month`` computes before it renders: the month, the catalogue, the occurrences, the choices.

One function for the Typer command (``cli.lists.month``) and for the plain ``month`` that is
answered without Typer (``cli.quick``), so both list the same items in the same words.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from calendar_gen.cli.choosing import selection
from calendar_gen.cli.common import parse_month, resolve_today, selected_entries

if TYPE_CHECKING:
    from pathlib import Path

    from calendar_gen.catalogue.types import Catalogue
    from calendar_gen.engine.listing import Choice
    from calendar_gen.model import Occurrence
    from calendar_gen.render.formatting import DateStyle


class MonthChoices:
    """A month's occurrences in the loaded catalogues with the editor's decision on each.

    A plain class, not a dataclass: creating a dataclass costs a millisecond of every cold start.
    """

    __slots__ = ("choices", "found", "loaded", "number", "today", "year")

    def __init__(
        self,
        loaded: Catalogue,
        today: dt.date,
        year: int,
        number: int,
        found: list[Occurrence],
        choices: list[Choice],
    ) -> None:
        self.loaded, self.today, self.year, self.number = loaded, today, year, number
        self.found, self.choices = found, choices


def choose_month(
    month: str | None = None,
    today: str | None = None,
    *,
    catalogue: list[Path] | None = None,
    no_default: bool = False,
    province: list[str] | None = None,
    scope: list[str] | None = None,
    tag: list[str] | None = None,
    kind: list[str] | None = None,
    round_only: bool = False,
    audience: list[str] | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    profile: Path | None = None,
) -> MonthChoices:
    """Resolve the month, load and filter the catalogues, find the occurrences and choose among them.

    The options of ``month`` that decide what is listed; the others decide how it is written.
    """
    from calendar_gen.engine.occurrences import days_in_month, occurrences
    from calendar_gen.engine.selection import round_only as round_ones

    now = resolve_today(today)
    year, number = parse_month(month, now)
    loaded, entries = selected_entries(catalogue, no_default, province, scope, tag, kind)
    start = dt.date(year, number, 1)
    end = dt.date(year, number, days_in_month(year, number))
    found = occurrences(entries, start, end)
    if round_only:
        found = round_ones(found)
    choices = selection(found, loaded, audience, include, exclude, profile=profile)
    return MonthChoices(loaded, now, year, number, found, choices)


def paragraph(
    chosen: MonthChoices, listed: list[Occurrence], style: DateStyle, templates: Path | None, round_: bool
) -> str:
    """The month's guidance paragraph of ``listed`` (the ``text`` format); run it in ``run_template``."""
    from calendar_gen.render.paragraph import month_text

    return month_text(listed, chosen.year, chosen.number, style, templates, round_)
