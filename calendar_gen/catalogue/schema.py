"""Validate one catalogue file against the catalogue format (README.md, "Catalogue format").

Walks the YAML node tree so that every problem names its line and column; collects every problem
of the file before raising. Text is normalised to Unicode NFC.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from calendar_gen.catalogue.files import read_bytes
from calendar_gen.catalogue.types import (
    DEFAULTABLE_KEYS,
    ENTRY_KEYS,
    PROVINCE_KEYS,
    PROVINCE_TYPES,
    REQUIRED_KEYS,
    SLUG,
    TOP_KEYS,
    CatalogueFile,
    Province,
)
from calendar_gen.catalogue.values import ValueChecks
from calendar_gen.catalogue.yamlfile import (
    check_characters,
    column_of,
    compose,
    decode,
    line_of,
)
from calendar_gen.i18n import N_, _
from calendar_gen.model import Anniversary, Calendar, FoundingDate, Origin
from calendar_gen.problems import CatalogueError, Problem, did_you_mean, shown


def validate_file(path: Path, data: bytes | None = None) -> CatalogueFile:
    """Parse and validate one catalogue file (or its ``data``, already read); raise CatalogueError."""
    name = str(path)
    text = decode(read_bytes(path) if data is None else data, name)
    root = compose(text, name)
    validator = _FileValidator(name)
    validator.problems.extend(check_characters(root, text, name))
    if not validator.problems:
        return validator.validate(root)
    try:
        return validator.validate(root)  # raises: report character problems in file order with the rest
    except CatalogueError as exc:
        exc.problems.sort(key=lambda p: p.line or 0)
        raise CatalogueError(exc.problems) from None


class _FileValidator(ValueChecks):
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
            self.problem(None, _("is empty; a catalogue starts with 'anniversaries:' and a list of entries"))
            raise CatalogueError(self.problems)
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, _("must be a mapping with an 'anniversaries:' list at the top level"))
            raise CatalogueError(self.problems)
        top = self.mapping(root, TOP_KEYS, N_("top-level key"), None)
        title = self.text(top.get("title"), "title", None)
        description = self.text(top.get("description"), "description", None, multiline=True)
        defaults = self.defaults(top.get("defaults"))
        province = self.province(top.get("province"))
        entries_node = top.get("anniversaries")
        entries: list[Anniversary] = []
        disabled: list[str] = []
        if entries_node is None:
            self.problem(root, _("has no 'anniversaries:' list; add one with your entries"))
        elif not isinstance(entries_node, yaml.SequenceNode):
            self.problem(
                entries_node, _("'anniversaries' must be a list of entries, each starting with '- id:'")
            )
        else:
            first_line: dict[str, int] = {}
            for item in entries_node.value:
                written_id = self.peek_id(item) if isinstance(item, yaml.MappingNode) else None
                if written_id is not None and written_id in first_line:
                    self.problem(
                        item,
                        _(
                            "duplicate id (first used on line {line}); ids must be unique within a file"
                        ).format(line=first_line[written_id]),
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
        return CatalogueFile(self.path, title, description, tuple(entries), tuple(disabled), province)

    def mapping(
        self, node: yaml.MappingNode, allowed: Sequence[str], what: str, entry_id: str | None
    ) -> dict[str, yaml.Node]:
        """Keys of a mapping node; unknown and repeated keys are problems (``what``: an N_ id)."""
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.problem(key_node, _("a {what} must be a plain word").format(what=_(what)), entry_id)
            elif key not in allowed:
                hint = did_you_mean(key, list(allowed)) or _("; allowed: {keys}").format(
                    keys=", ".join(allowed)
                )
                self.problem(
                    key_node,
                    _("unknown {what} '{key}'").format(what=_(what), key=shown(key)) + hint,
                    entry_id,
                )
            elif key in result:
                self.problem(key_node, _("key '{key}' appears twice; keep one").format(key=key), entry_id)
            else:
                result[key] = value_node
        return result

    def defaults(self, node: yaml.Node | None) -> dict[str, yaml.Node]:
        """The file's ``defaults:`` mapping, applied to entries that lack a key."""
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, _("'defaults' must be a mapping such as 'scope: province:kon-tum'"))
            return {}
        return self.mapping(node, DEFAULTABLE_KEYS, N_("defaults key"), None)

    def province(self, node: yaml.Node | None) -> Province | None:
        """The ``province:`` header of an overlay: the unit and the former provinces merged into it."""
        if node is None:
            return None
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, _("'province' must be a mapping with slug, name, type and former"))
            return None
        keys = self.mapping(node, PROVINCE_KEYS, N_("province key"), None)
        slug = self.former(keys.get("slug"), None)
        name = self.text(keys.get("name"), "name", None)
        kind = self.text(keys.get("type"), "type", None) or "tỉnh"
        if kind not in PROVINCE_TYPES:
            self.problem(
                keys.get("type"),
                _("province type '{type}' must be 'tỉnh' or 'thành phố'").format(type=shown(kind)),
            )
        former: list[tuple[str, str]] = []
        listed = keys.get("former")
        if listed is not None and not isinstance(listed, yaml.SequenceNode):
            self.problem(listed, _("'former' must be a list of {slug, name} mappings"))
        elif listed is not None:
            for item in listed.value:
                if not isinstance(item, yaml.MappingNode):
                    self.problem(item, _("each former province must be a mapping with slug and name"))
                    continue
                sub = self.mapping(item, ("slug", "name"), N_("former province key"), None)
                former_slug = self.former(sub.get("slug"), None)
                former_name = self.text(sub.get("name"), "name", None)
                if former_slug is None or former_name is None:
                    self.problem(item, _("a former province needs both 'slug' and 'name'"))
                else:
                    former.append((former_slug, former_name))
        if slug is None or name is None:
            self.problem(node, _("'province' needs 'slug' and 'name'"))
            return None
        return Province(slug, name, kind, tuple(former))

    def entry(self, node: yaml.Node, defaults: dict[str, yaml.Node]) -> tuple[str, Anniversary | None] | None:
        """Validate one entry: (id, entry), (id, None) for ``enabled: false``, None if invalid."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, _("each entry must be a mapping starting with '- id: ...'"))
            return None
        before = len(self.problems)
        keys = self.mapping(node, ENTRY_KEYS, N_("key"), self.peek_id(node))
        entry_id = self.entry_id(keys.get("id"), node)
        if "enabled" in keys and not self.boolean(keys["enabled"], "enabled", entry_id, True):
            return (entry_id, None) if entry_id and len(self.problems) == before else None
        values = {**defaults, **keys}
        for key in REQUIRED_KEYS:
            if key not in keys and key != "id":
                self.problem(node, _("missing required key '{key}'").format(key=key), entry_id)
        name = self.text(keys.get("name"), "name", entry_id)
        founded = self.founding(values, entry_id)
        count = self.count(values.get("count"), founded, entry_id)
        observed = self.observed(values.get("observed"), founded, entry_id)
        scope = self.scope(values.get("scope"), entry_id)
        kind = self.kind(values.get("kind"), entry_id)
        tags = self.tags(values.get("tags"), entry_id)
        major, major_years = self.major(values.get("major"), entry_id)
        by_year = self.class_by_year(values.get("class_by_year"), founded, entry_id)
        source = self.text(values.get("source"), "source", entry_id, multiline=True)
        note = self.text(values.get("note"), "note", entry_id, multiline=True)
        former = self.former(values.get("former"), entry_id)
        aliases = self.text_list(values.get("aliases"), "aliases", entry_id)
        died = self.date_value(values.get("died"), "died", entry_id)
        settled = self.boolean(values.get("settled"), "settled", entry_id, False)
        calendar = founded.calendar if founded is not None else Calendar.SOLAR
        other_dates = self.date_list(values.get("other_dates"), "other_dates", calendar, entry_id)
        listed, listed_for, same_as = self.listing(values, entry_id)
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
            former=former,
            aliases=aliases,
            died=died,
            settled=settled,
            other_dates=other_dates,
            listed=listed,
            listed_for=listed_for,
            same_as=same_as,
            origin=Origin(self.path, line_of(node)),
        )

    def count(self, node: yaml.Node | None, founded: FoundingDate | None, entry_id: str | None) -> bool:
        """Whether the count is shown: by default when there is a founding year to count from."""
        count = self.boolean(node, "count", entry_id, founded is None or founded.year is not None)
        if count and founded is not None and founded.year is None:
            self.problem(
                node,
                _("'count: true' needs a founding year to count from; add the year or set 'count: false'"),
                entry_id,
            )
        return count

    def class_by_year(
        self, node: yaml.Node | None, founded: FoundingDate | None, entry_id: str | None
    ) -> bool:
        """Whether the class follows the calendar year (Giỗ Tổ, which has no founding year)."""
        by_year = self.boolean(node, "class_by_year", entry_id, False)
        if by_year and founded is not None and founded.year is not None:
            self.problem(
                node,
                _("'class_by_year' is for entries without a founding year (Giỗ Tổ); remove it"),
                entry_id,
            )
        return by_year

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
            self.problem(entry, _("missing required key 'id' (a stable slug such as 'bo-doi-bien-phong')"))
            return None
        if not isinstance(node, yaml.ScalarNode) or not node.value:
            self.problem(node, _("'id' must be a slug such as 'bo-doi-bien-phong'"))
            return None
        value = str(node.value)
        if not SLUG.fullmatch(value):
            self.problem(
                node,
                _("id '{id}' must use only a-z, 0-9 and single hyphens (e.g. 'bo-doi-bien-phong')").format(
                    id=shown(value)
                ),
                value,
            )
            return None
        return value
