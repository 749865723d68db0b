"""Option callbacks: Click calls them with the context and parameter, so they live with Typer.

Typer reads a callback's annotations to know which argument is which (``typer.Context``,
``typer.CallbackParam``), so this module imports Typer; the checks they run are in ``common``
and ``inputs``, which a plain ``month`` uses without Typer (``cli.quick``).
"""

from __future__ import annotations

from pathlib import Path

import typer

from calendar_gen.cli.common import bad_character
from calendar_gen.cli.errors import bad_parameter
from calendar_gen.cli.inputs import PROFILE, TEMPLATE, remember, remember_templates
from calendar_gen.i18n import _


def clean_text(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Option callback: refuse control and invisible characters, naming the option."""
    found = None if value is None else bad_character(value)
    if found is not None:
        raise bad_parameter(
            _("contains the control or invisible character {code} at position {position}; remove it").format(
                code=found[1], position=found[0]
            ),
            (param.opts or [param.name or ""])[0],
        )
    return value


MAX_HEADER_LINE = 300  # as a profile's header line (render/profilecheck.MAX_LINE)
MAX_HEADER_LINES = 4  # --issuer: the superior bodies and the issuing body


def header_text(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Option callback for ``--issuer``, ``--place``, ``--number``: clean, and each line at most 300 long.

    A header line longer than a page is a mistake, and PDF layout time grows faster than its
    length, breakable or not (issue 23, item 14).
    """
    value = clean_text(ctx, param, value)
    lines = (value or "").split("|" if param.name == "issuer" else "\n")
    if len(lines) > MAX_HEADER_LINES:
        raise bad_parameter(
            _("{count} lines separated by '|'; a header has at most {limit}").format(
                count=len(lines), limit=MAX_HEADER_LINES
            ),
            (param.opts or [param.name or ""])[0],
        )
    for line in lines:
        if len(line) > MAX_HEADER_LINE:
            raise bad_parameter(
                _("a header line of {length} characters; at most {limit} fit the document").format(
                    length=len(line), limit=MAX_HEADER_LINE
                ),
                (param.opts or [param.name or ""])[0],
            )
    return value


def remember_option(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path | None:
    """Option callback: record the file (or the templates folder's files) the option names."""
    if value is not None:
        if param.name == "templates":
            remember_templates(value)
        else:
            remember(value, PROFILE if param.name == "profile" else TEMPLATE)
    return value
