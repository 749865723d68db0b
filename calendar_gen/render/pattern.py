"""Profile patterns: ``{year}``, ``{month}`` and ``{period}`` filled in, and nothing else.

A profile may come from a web form, so its patterns are hostile text: ``str.format`` would print
Python internals (``{period.__class__.__mro__}``) or build a 300 MB string (``{year:>300000000}``).
Only a bare field name between braces is a field; ``{{`` and ``}}`` stand for one brace, as in
Python. Anything else is refused with the fields allowed.
"""

from __future__ import annotations

import re

from calendar_gen.i18n import _

FIELDS = ("year", "month", "period")
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class PatternError(ValueError):
    """A pattern holding something other than the allowed fields; the message says what."""


def _allowed() -> str:
    return ", ".join("{" + name + "}" for name in FIELDS)


def fill(pattern: str, values: dict[str, str]) -> str:
    """``pattern`` with each ``{field}`` replaced by its value; PatternError on anything else."""
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(pattern):
        parts.append(pattern[position : match.start()])
        position = match.end()
        token = match.group()
        if token in ("{{", "}}"):
            parts.append(token[0])
        elif match.group(1) in values:
            parts.append(values[match.group(1)])
        elif match.group(1) is None:
            raise PatternError(
                _("a single '{brace}' is not a field; write it twice to print it, or use {fields}").format(
                    brace=token, fields=_allowed()
                )
            )
        else:
            raise PatternError(
                _("'{field}' is not a field of the pattern; the fields allowed are {fields}").format(
                    field=token[:40] + ("…" if len(token) > 40 else ""), fields=_allowed()
                )
            )
    parts.append(pattern[position:])
    return "".join(parts)


def check(pattern: str) -> str | None:
    """Why ``pattern`` cannot be filled, or None when it can."""
    try:
        fill(pattern, dict.fromkeys(FIELDS, ""))
    except PatternError as exc:
        return str(exc)
    return None
