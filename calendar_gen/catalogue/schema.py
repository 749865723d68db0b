"""Validate one catalogue file against the catalogue format (README.md, "Catalogue format").

Walks the YAML node tree so that every problem names its line and column; collects every problem
of the file before raising. Text is normalised to Unicode NFC.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

import yaml

from calendar_gen.catalogue.dates import DateError, parse_founding
from calendar_gen.catalogue.types import (
    DEFAULTABLE_KEYS,
    ENTRY_KEYS,
    KINDS,
    REQUIRED_KEYS,
    SCOPE,
    SLUG,
    TOP_KEYS,
    CatalogueFile,
)
from calendar_gen.catalogue.yamlfile import (
    column_of,
    compose,
    line_of,
    read_text,
    scalar_kind,
    to_bool,
    to_int,
)
from calendar_gen.model import Anniversary, Calendar, FoundingDate, Origin, Precision
from calendar_gen.problems import CatalogueError, Problem, did_you_mean


def validate_file(path: Path) -> CatalogueFile:
    """Parse and validate one catalogue file; raise CatalogueError listing every problem."""
    name = str(path)
    root = compose(read_text(path), name)
    return _FileValidator(name).validate(root)


_KIND_WORDS = {
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "timestamp": "a date",
    "list": "a list",
    "map": "a mapping",
}


class _FileValidator:
    """Walks one file's node tree, building entries and collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str, entry_id: str | None = None) -> None:
        """Record a problem at a node's position."""
        line = line_of(node) if node is not None else None
        column = column_of(node) if node is not None else None
        self.problems.append(Problem(self.path, message, line, column, entry_id))

    def validate(self, root: yaml.Node | None) -> CatalogueFile:
        """Validate the whole file; raise CatalogueError if anything is wrong."""
        if root is None:
            self.problem(None, "is empty; a catalogue starts with 'anniversaries:' and a list of entries")
            raise CatalogueError(self.problems)
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, "must be a mapping with an 'anniversaries:' list at the top level")
            raise CatalogueError(self.problems)
        top = self.mapping(root, TOP_KEYS, "top-level key", None)
        title = self.text(top.get("title"), "title", None)
        description = self.text(top.get("description"), "description", None, multiline=True)
        defaults = self.defaults(top.get("defaults"))
        entries_node = top.get("anniversaries")
        entries: list[Anniversary] = []
        disabled: list[str] = []
        if entries_node is None:
            self.problem(root, "has no 'anniversaries:' list; add one with your entries")
        elif not isinstance(entries_node, yaml.SequenceNode):
            self.problem(
                entries_node, "'anniversaries' must be a list of entries, each starting with '- id:'"
            )
        else:
            first_line: dict[str, int] = {}
            for item in entries_node.value:
                written_id = self.peek_id(item) if isinstance(item, yaml.MappingNode) else None
                if written_id is not None and written_id in first_line:
                    self.problem(
                        item,
                        f"duplicate id (first used on line {first_line[written_id]}); ids must be "
                        "unique within a file",
                        written_id,
                    )
                    continue
                if written_id is not None:
                    first_line[written_id] = line_of(item)
                result = self.entry(item, defaults)
                if result is None:
                    continue
                entry_id, entry = result
                if entry is None:
                    disabled.append(entry_id)
                else:
                    entries.append(entry)
        if self.problems:
            raise CatalogueError(self.problems)
        return CatalogueFile(self.path, title, description, tuple(entries), tuple(disabled))

    def mapping(
        self, node: yaml.MappingNode, allowed: Sequence[str], what: str, entry_id: str | None
    ) -> dict[str, yaml.Node]:
        """Keys of a mapping node; unknown and repeated keys are problems."""
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.problem(key_node, f"a {what} must be a plain word", entry_id)
            elif key not in allowed:
                hint = did_you_mean(key, list(allowed))
                self.problem(
                    key_node,
                    f"unknown {what} '{key}'{hint or '; allowed: ' + ', '.join(allowed)}",
                    entry_id,
                )
            elif key in result:
                self.problem(key_node, f"key '{key}' appears twice; keep one", entry_id)
            else:
                result[key] = value_node
        return result

    def defaults(self, node: yaml.Node | None) -> dict[str, yaml.Node]:
        """The file's ``defaults:`` mapping, applied to entries that lack a key."""
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "'defaults' must be a mapping such as 'scope: province:kon-tum'")
            return {}
        return self.mapping(node, DEFAULTABLE_KEYS, "defaults key", None)

    def entry(self, node: yaml.Node, defaults: dict[str, yaml.Node]) -> tuple[str, Anniversary | None] | None:
        """Validate one entry: (id, entry), (id, None) for ``enabled: false``, None if invalid."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "each entry must be a mapping starting with '- id: ...'")
            return None
        before = len(self.problems)
        keys = self.mapping(node, ENTRY_KEYS, "key", self.peek_id(node))
        entry_id = self.entry_id(keys.get("id"), node)
        if "enabled" in keys and not self.boolean(keys["enabled"], "enabled", entry_id, True):
            return (entry_id, None) if entry_id and len(self.problems) == before else None
        values = {**defaults, **keys}
        for key in REQUIRED_KEYS:
            if key not in keys and key != "id":
                self.problem(node, f"missing required key '{key}'", entry_id)
        name = self.text(keys.get("name"), "name", entry_id)
        founded = self.founding(values, entry_id)
        count_node = values.get("count")
        count = self.boolean(count_node, "count", entry_id, founded is None or founded.year is not None)
        if count and founded is not None and founded.year is None:
            self.problem(
                count_node,
                "'count: true' needs a founding year to count from; add the year or set 'count: false'",
                entry_id,
            )
        observed = self.observed(values.get("observed"), founded, entry_id)
        scope = self.scope(values.get("scope"), entry_id)
        kind = self.kind(values.get("kind"), entry_id)
        tags = self.tags(values.get("tags"), entry_id)
        major, major_years = self.major(values.get("major"), entry_id)
        by_year_node = values.get("class_by_year")
        by_year = self.boolean(by_year_node, "class_by_year", entry_id, False)
        if by_year and founded is not None and founded.year is not None:
            self.problem(
                by_year_node,
                "'class_by_year' is for entries without a founding year (Giỗ Tổ); remove it",
                entry_id,
            )
        source = self.text(values.get("source"), "source", entry_id, multiline=True)
        note = self.text(values.get("note"), "note", entry_id, multiline=True)
        if len(self.problems) > before or entry_id is None or name is None or founded is None:
            return None
        return entry_id, Anniversary(
            id=entry_id,
            name=name,
            founded=founded,
            count_shown=count,
            scope=scope,
            kind=kind,
            tags=tags,
            source=source,
            note=note,
            observed_day=observed,
            major=major,
            major_years=major_years,
            class_by_year=by_year,
            origin=Origin(self.path, line_of(node)),
        )

    @staticmethod
    def peek_id(node: yaml.MappingNode) -> str | None:
        """The entry's id as written, to name the entry in messages about other keys."""
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
        return None

    def entry_id(self, node: yaml.Node | None, entry: yaml.Node) -> str | None:
        """A stable slug: lower-case ASCII letters, digits and hyphens."""
        if node is None:
            self.problem(entry, "missing required key 'id' (a stable slug such as 'bo-doi-bien-phong')")
            return None
        if not isinstance(node, yaml.ScalarNode) or not node.value:
            self.problem(node, "'id' must be a slug such as 'bo-doi-bien-phong'")
            return None
        value = str(node.value)
        if not SLUG.match(value):
            self.problem(
                node,
                f"id '{value}' must use only a-z, 0-9 and single hyphens (e.g. 'bo-doi-bien-phong')",
                value,
            )
            return None
        return value

    def text(
        self, node: yaml.Node | None, key: str, entry_id: str | None, multiline: bool = False
    ) -> str | None:
        """A text value, NFC-normalised and stripped; None when absent."""
        if node is None or scalar_kind(node) == "null":
            return None
        kind = scalar_kind(node)
        if kind != "str":
            found = _KIND_WORDS.get(
                kind or ("list" if isinstance(node, yaml.SequenceNode) else "map"), "not text"
            )
            self.problem(node, f"'{key}' must be text, not {found}; put it in quotes", entry_id)
            return None
        value = unicodedata.normalize("NFC", str(node.value)).strip()
        if not value:
            self.problem(node, f"'{key}' is empty; write the text or remove the key", entry_id)
            return None
        if not multiline and any(c in value for c in "\r\n\t"):
            self.problem(node, f"'{key}' must be one line; remove the line break", entry_id)
            return None
        return value

    def boolean(self, node: yaml.Node | None, key: str, entry_id: str | None, default: bool) -> bool:
        """A true/false value."""
        if node is None:
            return default
        if scalar_kind(node) != "bool":
            self.problem(node, f"'{key}' must be true or false", entry_id)
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
            self.problem(node, "'date' must be a date such as 3/3/1959, 12/1972 or 1969", entry_id)
            return None
        assert isinstance(node, yaml.ScalarNode)
        if leap and calendar is not Calendar.LUNAR:
            self.problem(leap_node, "'leap: true' is for lunar dates; add 'calendar: lunar'", entry_id)
            return None
        try:
            founded = parse_founding(str(node.value), calendar, leap)
        except DateError as exc:
            self.problem(node, f"date '{node.value}': {exc}", entry_id)
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
            hint = did_you_mean(value, [c.value for c in Calendar]) or "; use 'solar' or 'lunar'"
            self.problem(node, f"calendar '{value}' is not known{hint}", entry_id)
            return Calendar.SOLAR

    def observed(
        self, node: yaml.Node | None, founded: FoundingDate | None, entry_id: str | None
    ) -> int | None:
        """The day of the month a month-only entry is marked on."""
        if node is None:
            return None
        if scalar_kind(node) != "int":
            self.problem(node, "'observed' must be a day of the month, 1 to 31", entry_id)
            return None
        assert isinstance(node, yaml.ScalarNode)
        day = to_int(node)
        if founded is None:
            return None
        if founded.precision is not Precision.MONTH or founded.calendar is not Calendar.SOLAR:
            self.problem(
                node,
                "'observed' is only for solar month-only dates such as 12/1972; remove it",
                entry_id,
            )
            return None
        assert founded.month is not None
        longest = 28 if founded.month == 2 else (30 if founded.month in (4, 6, 9, 11) else 31)
        if not 1 <= day <= longest:
            self.problem(node, f"'observed: {day}' is not a day of month {founded.month}", entry_id)
            return None
        return day

    def scope(self, node: yaml.Node | None, entry_id: str | None) -> str:
        """'national', 'province:<slug>' or 'sector:<slug>'."""
        if node is None:
            return "national"
        value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if not SCOPE.match(value):
            self.problem(
                node,
                f"scope '{value}' is not valid; use 'national', 'province:<slug>' or 'sector:<slug>'",
                entry_id,
            )
        return value

    def kind(self, node: yaml.Node | None, entry_id: str | None) -> str | None:
        """One of the documented kinds."""
        if node is None or scalar_kind(node) == "null":
            return None
        value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if value not in KINDS:
            hint = did_you_mean(value, list(KINDS)) or "; use one of " + ", ".join(KINDS)
            self.problem(node, f"kind '{value}' is not known{hint}", entry_id)
            return None
        return value

    def tags(self, node: yaml.Node | None, entry_id: str | None) -> tuple[str, ...]:
        """A list of slugs."""
        if node is None or scalar_kind(node) == "null":
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'tags' must be a list, e.g. [quoc-phong, bien-phong]", entry_id)
            return ()
        tags: list[str] = []
        for item in node.value:
            value = str(item.value) if isinstance(item, yaml.ScalarNode) else ""
            if not SLUG.match(value):
                self.problem(item, f"tag '{value}' must be a slug such as 'quoc-phong'", entry_id)
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
            return False, frozenset(to_int(i) for i in node.value if isinstance(i, yaml.ScalarNode))
        self.problem(node, "'major' must be true/false or a list of years such as [2025]", entry_id)
        return False, frozenset()
