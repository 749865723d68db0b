"""The announced days off (``data/days-off.yaml``): loaded, checked with file:line messages, merged.

The engine (``engine.daysoff``) merges them over python-holidays; this module reads the file,
because only the catalogue layer reads YAML. :func:`official_days_off` is what renderers call.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import yaml

from calendar_gen.catalogue.yamlfile import check_characters, column_of, compose, line_of, read_text
from calendar_gen.engine.daysoff import (
    COMPENSATORY_NAME,
    KINDS,
    SWAP_NAME,
    WORKING,
    WORKING_NAME,
    DayOff,
    days_off,
)
from calendar_gen.i18n import _
from calendar_gen.paths import resource_dir
from calendar_gen.problems import CatalogueError, Problem, shown

DAY_KEYS = ("date", "kind", "name", "note", "source")
DEFAULT_NAMES = {"swap": SWAP_NAME, "compensatory": COMPENSATORY_NAME, "working": WORKING_NAME}
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_UNSAFE = re.compile(r"[,;\\\n\r\t]")  # names and notes become event titles: nothing to escape


def days_off_file() -> Path:
    """The shipped announcements."""
    return resource_dir("data") / "days-off.yaml"


def load_days_off(path: Path) -> tuple[DayOff, ...]:
    """Every announced day of a days-off file, or CatalogueError with every problem found."""
    name = str(path)
    text = read_text(path)
    root = compose(text, name)
    problems = check_characters(root, text, name)
    days: list[DayOff] = []
    items = _day_nodes(root, name, problems)
    seen: dict[dt.date, int] = {}
    for node in items:
        day = _day(node, name, problems)
        if day is None:
            continue
        if day.date in seen:
            problems.append(
                Problem(
                    name,
                    _("{date} is already listed on line {line}; keep one entry per date").format(
                        date=day.date.isoformat(), line=seen[day.date]
                    ),
                    line_of(node),
                    column_of(node),
                )
            )
            continue
        seen[day.date] = line_of(node)
        days.append(day)
    if problems:
        raise CatalogueError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return tuple(days)


def _day_nodes(root: yaml.Node | None, name: str, problems: list[Problem]) -> list[yaml.MappingNode]:
    """The entries under ``days:``; a wrong shape is a problem."""
    where = (line_of(root), column_of(root)) if root is not None else (None, None)
    if not isinstance(root, yaml.MappingNode):
        problems.append(Problem(name, _("expected a mapping with the key 'days'"), *where))
        return []
    for key, value in root.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value == "days"):
            problems.append(
                Problem(
                    name,
                    _("unknown key '{key}'; the file has only 'days'").format(key=shown(str(key.value))),
                    line_of(key),
                    column_of(key),
                )
            )
            continue
        if not isinstance(value, yaml.SequenceNode):
            problems.append(
                Problem(name, _("'days' must be a list of entries"), line_of(value), column_of(value))
            )
            return []
        good = [item for item in value.value if isinstance(item, yaml.MappingNode)]
        for item in value.value:
            if not isinstance(item, yaml.MappingNode):
                problems.append(
                    Problem(name, _("each day must be a mapping with date, kind and source"), line_of(item))
                )
        return good
    problems.append(Problem(name, _("expected a mapping with the key 'days'"), *where))
    return []


def _day(node: yaml.MappingNode, name: str, problems: list[Problem]) -> DayOff | None:
    """One entry, or None after adding its problems."""
    values: dict[str, str] = {}
    before = len(problems)
    for key, value in node.value:
        key_text = str(key.value)
        if key_text not in DAY_KEYS:
            message = _("unknown key '{key}'; expected one of: {keys}").format(
                key=shown(key_text), keys=", ".join(DAY_KEYS)
            )
            problems.append(Problem(name, message, line_of(key), column_of(key)))
        elif not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            message = _("'{key}' must be a non-empty text").format(key=key_text)
            problems.append(Problem(name, message, line_of(value), column_of(value)))
        elif key_text in ("name", "note") and _UNSAFE.search(value.value):
            message = _("'{key}' may not hold a comma, semicolon, backslash or line break").format(
                key=key_text
            )
            problems.append(Problem(name, message, line_of(value), column_of(value)))
        else:
            values[key_text] = str(value.value).strip()
    for key in ("date", "kind", "source"):
        if key not in values and len(problems) == before:
            problems.append(Problem(name, _("'{key}' is missing").format(key=key), line_of(node)))
    if len(problems) > before:
        return None
    return _checked(node, values, name, problems)


def _checked(
    node: yaml.MappingNode, values: dict[str, str], name: str, problems: list[Problem]
) -> DayOff | None:
    """The entry's date and kind checked against each other."""
    where = (line_of(node), column_of(node))
    kind = values["kind"]
    if kind not in KINDS:
        message = _("kind '{kind}' is not one of: {kinds}").format(kind=shown(kind), kinds=", ".join(KINDS))
        problems.append(Problem(name, message, *where))
        return None
    try:
        if not _ISO.match(values["date"]):
            raise ValueError
        date = dt.date.fromisoformat(values["date"])
    except ValueError:
        message = _("date '{date}' is not a day written YYYY-MM-DD").format(date=shown(values["date"]))
        problems.append(Problem(name, message, *where))
        return None
    if (kind == WORKING) != (date.weekday() >= 5):
        message = (
            _("{date} is a weekday: a working day in exchange is a Saturday or Sunday")
            if kind == WORKING
            else _("{date} is a Saturday or Sunday: a day off of this kind is a weekday")
        )
        problems.append(Problem(name, message.format(date=date.isoformat()), *where))
        return None
    label = values.get("name") or DEFAULT_NAMES.get(kind)
    if label is None:
        problems.append(Problem(name, _("a holiday needs a 'name'"), *where))
        return None
    return DayOff(date, label, kind, values.get("note", ""), values["source"])


@lru_cache(maxsize=1)
def announced_days_off() -> tuple[DayOff, ...]:
    """The shipped announcements (checked by the test suite, so a packaged file never fails)."""
    return load_days_off(days_off_file())


def official_days_off(year: int) -> list[DayOff]:
    """The days off of ``year``: python-holidays (Vietnam) with the shipped announcements over it."""
    return days_off(year, announced_days_off())
