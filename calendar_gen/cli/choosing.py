"""The editor's selection on the command line: ``--for``, ``--include``, ``--exclude``, ``--explain``.

The decisions are the engine's (:func:`calendar_gen.engine.listing.choose`); this module checks the
options against the loaded catalogue and its rules, and writes the ``--explain`` report.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from calendar_gen.cli.errors import bad_parameter
from calendar_gen.i18n import _

if TYPE_CHECKING:
    from calendar_gen.catalogue.types import Catalogue
    from calendar_gen.engine.listing import Choice
    from calendar_gen.model import Occurrence
    from calendar_gen.render.formatting import DateStyle


def check_audiences(audiences: Sequence[str], loaded: Catalogue) -> None:
    """An audience the rules do not know is a typo: "có phải là ...?"."""
    from calendar_gen.problems import did_you_mean

    known = sorted(loaded.rules.audiences)
    for slug in audiences:
        if slug not in known:
            hint = did_you_mean(slug, known) or _("; use one of {values}").format(values=", ".join(known))
            raise bad_parameter(_("'{value}' is not an audience").format(value=slug) + hint, "--for")


def check_ids(ids: Sequence[str], loaded: Catalogue, option: str) -> None:
    """``--include`` and ``--exclude`` name entries of the loaded catalogues."""
    from calendar_gen.problems import did_you_mean

    known = {entry.id for entry in loaded.entries}
    for entry_id in ids:
        if entry_id not in known:
            hint = did_you_mean(entry_id, sorted(known)) or _(
                "; calendar-gen month --all -f json lists the ids of a month"
            )
            raise bad_parameter(_("no loaded entry has the id '{id}'").format(id=entry_id) + hint, option)


def selection(
    found: list[Occurrence],
    loaded: Catalogue,
    audiences: list[str] | None,
    include: list[str] | None,
    exclude: list[str] | None,
    *,
    yearly: bool = False,
    profile: Path | None = None,
) -> list[Choice]:
    """Every occurrence with the editor's decision, after checking the options.

    A document profile's ``include:`` and ``exclude:`` add to the options' (the options win: an
    id the command line includes is not excluded by the profile).
    """
    from calendar_gen.engine.listing import choose

    if profile is not None:
        from calendar_gen.cli.documentopts import read_profile

        office = read_profile(profile)
        include = [*(include or []), *office.include]
        exclude = [i for i in [*(exclude or []), *office.exclude] if i not in (include or [])]
    check_audiences(audiences or [], loaded)
    check_ids(include or [], loaded, "--include")
    check_ids(exclude or [], loaded, "--exclude")
    return choose(found, loaded.rules, audiences or (), include or (), exclude or (), yearly=yearly)


def explain(choices: Sequence[Choice], style: DateStyle) -> str:
    """What is listed and what is left out, one line each with its reason (``--explain``)."""
    from calendar_gen.render.formatting import date_label, mention

    def line(choice: Choice) -> str:
        occ = choice.occurrence
        return f"- {date_label(occ, style)}: {mention(occ, style)} [{choice.why}] ({occ.anniversary.id})"

    listed = [line(c) for c in choices if c.listed]
    left = [line(c) for c in choices if not c.listed]
    parts = [_("Listed ({count}):").format(count=len(listed)), *listed]
    parts += ["", _("Left out ({count}):").format(count=len(left)), *left]
    return "\n".join(parts) + "\n"
