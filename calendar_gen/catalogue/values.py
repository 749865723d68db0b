"""Checks of single values in a catalogue entry: text, booleans, dates, scopes, kinds, tags.

A mixin of the file validator (``schema``): each check records a problem at the value's node
and returns a usable default, so that one pass finds every problem of a file.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING

import yaml

from calendar_gen.catalogue.dates import DateError, parse_founding
from calendar_gen.catalogue.types import KINDS, LISTED, SCOPE, SLUG
from calendar_gen.catalogue.yamlfile import scalar_kind, to_bool, to_int
from calendar_gen.i18n import N_, _
from calendar_gen.model import Calendar, FoundingDate, Precision
from calendar_gen.problems import Problem, did_you_mean, shown

if TYPE_CHECKING:
    from calendar_gen.catalogue.provinces import Registry

_KIND_WORDS = {
    "int": N_("a number"),
    "float": N_("a number"),
    "bool": N_("true/false"),
    "timestamp": N_("a date"),
    "list": N_("a list"),
    "map": N_("a mapping"),
}


@functools.cache
def _provinces() -> Registry | None:
    """The registry of the 34 units and their former provinces (None if it cannot be read)."""
    from calendar_gen.catalogue.provinces import load_registry
    from calendar_gen.paths import province_registry

    try:
        return load_registry(province_registry())
    except (OSError, ValueError, KeyError, TypeError):
        return None


def unknown_province(slug: str) -> str | None:
    """Why ``province:<slug>`` names no unit nor former province, with the slug meant; None if it does.

    An entry scoped to a misspelt province (``province:kontum``) would validate and then never be
    shown for ``-p kon-tum`` (issue 23, messages).
    """
    from calendar_gen.catalogue.provinces import UnknownProvince, resolve

    registry = _provinces()
    if registry is None:
        return None
    slugs = [u.slug for u in registry.units] + [f for u in registry.units for f, _name in u.former]
    if slug in slugs:
        return None
    try:
        choice = resolve(slug, registry)
        hint = _("; did you mean '{choice}'?").format(choice=choice.former or choice.unit.slug)
    except UnknownProvince:
        hint = did_you_mean(slug, slugs) or _("; 'calendar-gen provinces' lists the slugs")
    return _("'province:{slug}' names no province").format(slug=shown(slug)) + hint


class ValueChecks:
    """Checks of entry values; the validator supplies ``problem``."""

    problems: list[Problem]

    def problem(self, node: yaml.Node | None, message: str, entry_id: str | None = None) -> None:
        """Record a problem at a node's position (implemented by the validator)."""
        raise NotImplementedError

    def text(
        self, node: yaml.Node | None, key: str, entry_id: str | None, multiline: bool = False
    ) -> str | None:
        """A text value, NFC-normalised and stripped; None when absent."""
        if node is None or scalar_kind(node) == "null":
            return None
        kind = scalar_kind(node)
        if kind != "str":
            found = _KIND_WORDS.get(kind or ("list" if isinstance(node, yaml.SequenceNode) else "map"))
            message = (
                _("'{key}' must be text, not {found}; put it in quotes").format(key=key, found=_(found))
                if found
                else _("'{key}' must be text; put it in quotes").format(key=key)
            )
            self.problem(node, message, entry_id)
            return None
        value = unicodedata.normalize("NFC", str(node.value)).strip()
        if not value:
            self.problem(
                node, _("'{key}' is empty; write the text or remove the key").format(key=key), entry_id
            )
            return None
        if not multiline and any(c in value for c in "\r\n"):  # a tab is a forbidden character
            self.problem(node, _("'{key}' must be one line; remove the line break").format(key=key), entry_id)
            return None
        return value

    def boolean(self, node: yaml.Node | None, key: str, entry_id: str | None, default: bool) -> bool:
        """A true/false value."""
        if node is None:
            return default
        if scalar_kind(node) != "bool":
            self.problem(node, _("'{key}' must be true or false").format(key=key), entry_id)
            return default
        assert isinstance(node, yaml.ScalarNode)
        return to_bool(node)

    def founding(self, values: dict[str, yaml.Node], entry_id: str | None) -> FoundingDate | None:
        """The founding date with its calendar and leap flag; impossible and future dates are problems."""
        calendar = self.calendar(values.get("calendar"), entry_id)
        leap_node = values.get("leap")
        leap = self.boolean(leap_node, "leap", entry_id, False)
        node = values.get("date")
        if node is None:
            return None
        if scalar_kind(node) in (None, "null"):
            self.problem(node, _("'date' must be a date such as 3/3/1959, 12/1972 or 1969"), entry_id)
            return None
        assert isinstance(node, yaml.ScalarNode)
        if leap and calendar is not Calendar.LUNAR:
            self.problem(leap_node, _("'leap: true' is for lunar dates; add 'calendar: lunar'"), entry_id)
            return None
        try:
            founded = parse_founding(str(node.value), calendar, leap)
        except DateError as exc:
            self.problem(
                node, _("date '{date}': {error}").format(date=shown(node.value), error=exc), entry_id
            )
            return None
        return founded

    def calendar(self, node: yaml.Node | None, entry_id: str | None) -> Calendar:
        """'solar' (default) or 'lunar'."""
        if node is None:
            return Calendar.SOLAR
        value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        try:
            return Calendar(value)
        except ValueError:
            hint = did_you_mean(value, [c.value for c in Calendar]) or _("; use 'solar' or 'lunar'")
            self.problem(
                node, _("calendar '{calendar}' is not known").format(calendar=shown(value)) + hint, entry_id
            )
            return Calendar.SOLAR

    def observed(
        self, node: yaml.Node | None, founded: FoundingDate | None, entry_id: str | None
    ) -> int | None:
        """The day of the month a month-only entry is marked on."""
        if node is None:
            return None
        day = to_int(node) if isinstance(node, yaml.ScalarNode) and scalar_kind(node) == "int" else None
        if day is None:
            self.problem(node, _("'observed' must be a day of the month, 1 to 31"), entry_id)
            return None
        if founded is None:
            return None
        if founded.precision is not Precision.MONTH or founded.calendar is not Calendar.SOLAR:
            self.problem(
                node,
                _("'observed' is only for solar month-only dates such as 12/1972; remove it"),
                entry_id,
            )
            return None
        assert founded.month is not None
        longest = 28 if founded.month == 2 else (30 if founded.month in (4, 6, 9, 11) else 31)
        if not 1 <= day <= longest:
            self.problem(
                node,
                _("'observed: {day}' is not a day of month {month}").format(day=day, month=founded.month),
                entry_id,
            )
            return None
        return day

    def scope(self, node: yaml.Node | None, entry_id: str | None) -> str:
        """'national', 'province:<slug>' or 'sector:<slug>'."""
        if node is None:
            return "national"
        value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if not SCOPE.fullmatch(value):
            self.problem(
                node,
                _(
                    "scope '{scope}' is not valid; use 'national', 'province:<slug>' or 'sector:<slug>'"
                ).format(scope=shown(value)),
                entry_id,
            )
        elif value.startswith("province:") and (unknown := unknown_province(value.removeprefix("province:"))):
            self.problem(node, unknown, entry_id)
        return value

    def kind(self, node: yaml.Node | None, entry_id: str | None) -> str | None:
        """One of the documented kinds."""
        if node is None or scalar_kind(node) == "null":
            return None
        value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if value not in KINDS:
            hint = did_you_mean(value, list(KINDS)) or _("; use one of {kinds}").format(
                kinds=", ".join(KINDS)
            )
            self.problem(node, _("kind '{kind}' is not known").format(kind=shown(value)) + hint, entry_id)
            return None
        return value

    def tags(self, node: yaml.Node | None, entry_id: str | None) -> tuple[str, ...]:
        """A list of slugs."""
        if node is None or scalar_kind(node) == "null":
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, _("'tags' must be a list, e.g. [quoc-phong, bien-phong]"), entry_id)
            return ()
        tags: list[str] = []
        for item in node.value:
            value = str(item.value) if isinstance(item, yaml.ScalarNode) else ""
            if not SLUG.fullmatch(value):
                self.problem(
                    item,
                    _("tag '{tag}' must be a slug such as 'quoc-phong'").format(tag=shown(value)),
                    entry_id,
                )
            elif value not in tags:
                tags.append(value)
        return tuple(tags)

    def major(self, node: yaml.Node | None, entry_id: str | None) -> tuple[bool, frozenset[int]]:
        """``true`` (major every year) or a list of years in which the entry is major."""
        if node is None:
            return False, frozenset()
        if scalar_kind(node) == "bool":
            assert isinstance(node, yaml.ScalarNode)
            return to_bool(node), frozenset()
        if isinstance(node, yaml.SequenceNode) and all(scalar_kind(i) == "int" for i in node.value):
            years = [to_int(i) for i in node.value if isinstance(i, yaml.ScalarNode)]
            if all(year is not None and 1 <= year <= 9999 for year in years):
                return False, frozenset(year for year in years if year is not None)
        self.problem(node, _("'major' must be true/false or a list of years such as [2025]"), entry_id)
        return False, frozenset()

    def former(self, node: yaml.Node | None, entry_id: str | None) -> str | None:
        """The slug of the former province an entry belongs to."""
        if node is None or scalar_kind(node) == "null":
            return None
        value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if not SLUG.fullmatch(value):
            self.problem(
                node,
                _("'former' must be a province slug such as 'kon-tum', not '{value}'").format(
                    value=shown(value)
                ),
                entry_id,
            )
            return None
        return value

    def listing(
        self, values: dict[str, yaml.Node], entry_id: str | None
    ) -> tuple[str | None, tuple[str, ...], str | None]:
        """``listed`` (when guidance lists the entry), ``listed_for`` (audiences), ``same_as`` (an id)."""
        listed = values.get("listed")
        when: str | None = None
        if listed is not None and scalar_kind(listed) != "null":
            when = str(listed.value) if isinstance(listed, yaml.ScalarNode) else ""
            if when not in LISTED:
                hint = did_you_mean(when, list(LISTED)) or _("; use one of {values}").format(
                    values=", ".join(LISTED)
                )
                self.problem(
                    listed, _("'listed: {value}' is not known").format(value=shown(when)) + hint, entry_id
                )
                when = None
        self.text(values.get("listed_because"), "listed_because", entry_id, multiline=True)
        audiences = self.slugs(values.get("listed_for"), "listed_for", entry_id)
        same = values.get("same_as")
        same_as = (
            None if same is None or scalar_kind(same) == "null" else self.slug(same, "same_as", entry_id)
        )
        return when, audiences, same_as

    def slug(self, node: yaml.Node, key: str, entry_id: str | None) -> str | None:
        """One slug such as 'xo-viet-nghe-tinh' (an entry id or an audience)."""
        value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if not SLUG.fullmatch(value):
            self.problem(
                node,
                _("'{key}' must be a slug such as 'xo-viet-nghe-tinh', not '{value}'").format(
                    key=key, value=shown(value)
                ),
                entry_id,
            )
            return None
        return value

    def slugs(self, node: yaml.Node | None, key: str, entry_id: str | None) -> tuple[str, ...]:
        """A list of slugs (``listed_for: [doan, truong-hoc]``)."""
        if node is None or scalar_kind(node) == "null":
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, _("'{key}' must be a list, e.g. [doan, truong-hoc]").format(key=key), entry_id)
            return ()
        found = [self.slug(item, key, entry_id) for item in node.value]
        return tuple(dict.fromkeys(f for f in found if f is not None))

    def text_list(self, node: yaml.Node | None, key: str, entry_id: str | None) -> tuple[str, ...]:
        """A list of one-line texts (``aliases``)."""
        if node is None or scalar_kind(node) == "null":
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node, _("'{key}' must be a list of names, e.g. [QĐND, Quân đội]").format(key=key), entry_id
            )
            return ()
        result = [self.text(item, key, entry_id) for item in node.value]
        return tuple(dict.fromkeys(r for r in result if r is not None))

    def date_value(self, node: yaml.Node | None, key: str, entry_id: str | None) -> FoundingDate | None:
        """A solar date, month or year in the forms of 'date' (``died``)."""
        if node is None or scalar_kind(node) == "null":
            return None
        if scalar_kind(node) not in ("str", "int"):
            self.problem(node, _("'{key}' must be a date such as 3/9/1969 or 1969").format(key=key), entry_id)
            return None
        assert isinstance(node, yaml.ScalarNode)
        try:
            return parse_founding(str(node.value))
        except DateError as exc:
            self.problem(
                node,
                _("{key} '{date}': {error}").format(key=key, date=shown(node.value), error=exc),
                entry_id,
            )
            return None

    def date_list(
        self, node: yaml.Node | None, key: str, calendar: Calendar, entry_id: str | None
    ) -> tuple[FoundingDate, ...]:
        """A list of dates in the forms of 'date' (``other_dates``)."""
        if node is None or scalar_kind(node) == "null":
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node, _("'{key}' must be a list of dates, e.g. [\"11/7/1987\"]").format(key=key), entry_id
            )
            return ()
        result: list[FoundingDate] = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or scalar_kind(item) not in ("str", "int"):
                self.problem(
                    item, _("each of '{key}' must be a date such as 11/7/1987").format(key=key), entry_id
                )
                continue
            try:
                result.append(parse_founding(str(item.value), calendar))
            except DateError as exc:
                self.problem(
                    item,
                    _("{key} '{date}': {error}").format(key=key, date=shown(item.value), error=exc),
                    entry_id,
                )
        return tuple(result)
