"""Every problem of a document profile at once, before it is built (issue 23, items 11 and 14).

A profile may come from a web form: each key is checked on its own (with the checks of
:mod:`calendar_gen.render.profile`), and also for characters that break a document or hide what
it says, for lengths that make the PDF layout slow, and for patterns that are more than
``{year}``, ``{month}`` and ``{period}``. The officer then sees every problem in one run.
"""

from __future__ import annotations

import re
from typing import Any

from calendar_gen.characters import FORBIDDEN, PLANE_NONCHARACTERS
from calendar_gen.i18n import _
from calendar_gen.render import pattern
from calendar_gen.render.profile import (
    KEYS,
    SIGNER_KEYS,
    Profile,
    ProfileError,
    _signer,
    _text,
    _texts,
    from_mapping,
)

# One-line values: no tab or line break either, nor the invisible direction marks (as --issuer).
_BAD = re.compile(f"[{FORBIDDEN}\t\n\r\u061c\u200e\u200f{PLANE_NONCHARACTERS}]")
MAX_LINE = 300  # a header line, the summary, a recipient, a signer's line
MAX_PARAGRAPH = 3000  # an intro or closing paragraph
MAX_LINES = 100  # lines of intro, closing or recipients
PARAGRAPHS = frozenset({"intro", "closing"})
PATTERNS = ("summary", "number")


def _values(data: dict[str, Any]) -> list[tuple[str, Any]]:
    """(key, value) for every text of the profile, signer keys as ``signer.role``."""
    found: list[tuple[str, Any]] = []
    for key, value in data.items():
        if key == "signer" and isinstance(value, dict):
            found.extend((f"signer.{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            found.extend((key, item) for item in value)
        else:
            found.append((key, value))
    return found


def _text_problems(key: str, value: Any) -> list[str]:
    if not isinstance(value, str):
        return []
    problems = []
    if found := _BAD.search(value):
        problems.append(
            _("'{key}' contains the control or invisible character U+{code}; remove it").format(
                key=key, code=f"{ord(found.group()):04X}"
            )
        )
    limit = MAX_PARAGRAPH if key in PARAGRAPHS else MAX_LINE
    if len(value) > limit:
        problems.append(
            _("'{key}' is {length} characters long; at most {limit} fit the document").format(
                key=key, length=len(value), limit=limit
            )
        )
    return problems


def _check_key(key: str, value: Any, party: bool) -> None:
    """One key through the profile's own check; ProfileError when it fails."""
    if key == "party" and not isinstance(value, bool):
        raise ProfileError(_("'party' must be true or false"))
    if key == "signer":
        known = {k: v for k, v in value.items() if k in SIGNER_KEYS} if isinstance(value, dict) else value
        _signer(known, party)  # unknown signer keys are reported on their own
    elif key in ("intro", "closing", "recipients", "include", "exclude"):
        _texts(value, key)
    elif key == "issuer":
        for line in value if isinstance(value, list) else [value]:
            _text(line, key)
    elif key != "party":
        _text(value, key)


def _key_problems(data: dict[str, Any]) -> list[str]:
    """Each known key checked on its own by the profile's checks."""
    party = data.get("party") is True
    problems = []
    for key, value in data.items():
        if key not in KEYS or value is None:
            continue
        try:
            _check_key(key, value, party)
        except ProfileError as exc:
            problems.append(str(exc))
        if isinstance(value, list) and len(value) > MAX_LINES:
            problems.append(
                _("'{key}' has {count} lines; at most {limit}").format(
                    key=key, count=len(value), limit=MAX_LINES
                )
            )
    return problems


def _signer_problems(signer: Any) -> list[str]:
    """K/T and T/M sign for someone: the block must say for whom (Nghị định 30, Phụ lục I, II.7)."""
    if not isinstance(signer, dict):
        return []
    authority = str(signer.get("authority") or "").lower().replace("/", "").replace(".", "")
    if authority in ("kt", "tm") and not str(signer.get("on_behalf") or "").strip():
        return [
            _(
                "'signer.authority: {authority}' signs on behalf of someone: add 'signer.on_behalf' "
                "(the body after T/M, e.g. BAN THƯỜNG VỤ; the head after K/T, e.g. TRƯỞNG BAN)"
            ).format(authority=authority)
        ]
    return []


def problems(data: Any) -> list[str]:
    """Every problem of a parsed profile, in the order of its keys; empty when it can be used."""
    if not isinstance(data, dict):
        return [_("a profile is a mapping of keys such as type, issuer and signer")]
    found = [
        _("unknown key '{key}'; the keys are {keys}").format(key=key, keys=", ".join(KEYS))
        for key in data
        if key not in KEYS
    ]
    if isinstance(data.get("signer"), dict):
        found += [
            _("unknown key 'signer.{key}'; the keys are {keys}").format(key=key, keys=", ".join(SIGNER_KEYS))
            for key in data["signer"]
            if key not in SIGNER_KEYS
        ]
    found += _key_problems(data)
    for key, value in _values(data):
        found += _text_problems(key, value)
    for key in PATTERNS:
        if isinstance(data.get(key), str) and (why := pattern.check(data[key])):
            found.append(f"'{key}': {why}")
    found += _signer_problems(data.get("signer"))
    return list(dict.fromkeys(found))


def checked(data: Any) -> Profile:
    """The profile, or ProfileError listing every problem, one per line."""
    found = problems(data)
    if found:
        raise ProfileError("\n".join(found))
    return from_mapping(data)
