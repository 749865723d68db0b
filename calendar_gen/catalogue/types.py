"""The catalogue format's vocabulary and the parsed forms of catalogue files.

The key names are a public contract (README.md, "Catalogue format"): users and other tools write
these files, so a key is never renamed.
"""

from __future__ import annotations

import re

from calendar_gen.engine.listing import ListingRules, When
from calendar_gen.frozen import Frozen, setfield
from calendar_gen.model import Anniversary

ENTRY_KEYS = (
    "id",
    "name",
    "date",
    "calendar",
    "leap",
    "count",
    "observed",
    "scope",
    "kind",
    "tags",
    "major",
    "class_by_year",
    "enabled",
    "source",
    "note",
    "former",
    "aliases",
    "died",
    "settled",
    "other_dates",
    "listed",
    "listed_for",
    "listed_because",
    "same_as",
)
REQUIRED_KEYS = ("id", "name", "date")
TOP_KEYS = ("anniversaries", "title", "description", "defaults", "province")
PROVINCE_KEYS = ("slug", "name", "type", "former")
PROVINCE_TYPES = ("tỉnh", "thành phố")
DEFAULTABLE_KEYS = ("calendar", "count", "scope", "kind", "tags", "source", "listed", "listed_for")
KINDS = (
    "holiday",
    "event",
    "armed-forces",
    "organisation",
    "sector",
    "leader",
    "figure",
    "international",
    "local",
)
# Labels are feed categories and parts of calendar names: no comma, semicolon or backslash (a
# client such as KCalendarCore splits CATEGORIES at an escaped comma).
KIND_LABELS = {
    "holiday": "Ngày lễ lớn",
    "event": "Sự kiện lịch sử",
    "armed-forces": "Lực lượng vũ trang",
    "organisation": "Tổ chức chính trị – xã hội",
    "sector": "Ngày truyền thống ngành",
    "leader": "Lãnh tụ và lãnh đạo tiền bối",
    "figure": "Danh nhân",
    "international": "Ngày quốc tế",
    "local": "Địa phương",
}
# The values of ``listed:`` (calendar_gen.engine.listing.When): every year, every year and in the
# yearly plan's first section, năm tròn and năm lẻ 5, năm tròn only, or only when asked for.
LISTED = ("always", "plan", "round", "tron", "never")
# Use fullmatch: "$" also matches before a trailing newline ("abc\n"); "\Z" keeps .match safe too.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SCOPE = re.compile(r"(?:national|(?:province|sector):[a-z0-9]+(?:-[a-z0-9]+)*)\Z")


class Province(Frozen):
    """A provincial unit since 01/7/2025 (Nghị quyết 202/2025/QH15) and the provinces merged into it."""

    _fields = ("slug", "name", "type", "former")
    __slots__ = _fields
    slug: str
    name: str
    type: str  # "tỉnh" or "thành phố"
    former: tuple[tuple[str, str], ...]  # (slug, name) of each former province

    def __init__(self, slug: str, name: str, type: str, former: tuple[tuple[str, str], ...] = ()) -> None:
        setfield(self, "slug", slug)
        setfield(self, "name", name)
        setfield(self, "type", type)
        setfield(self, "former", former)

    @property
    def full_name(self) -> str:
        """The name as documents write it: 'tỉnh Quảng Ngãi', 'thành phố Huế'."""
        return f"{self.type} {self.name}"


class CatalogueFile(Frozen):
    """One parsed file: its entries (disabled ones as ids to drop) and its metadata."""

    _fields = ("path", "title", "description", "entries", "disabled", "province")
    __slots__ = _fields
    path: str
    title: str | None
    description: str | None
    entries: tuple[Anniversary, ...]
    disabled: tuple[str, ...]
    province: Province | None

    def __init__(
        self,
        path: str,
        title: str | None,
        description: str | None,
        entries: tuple[Anniversary, ...],
        disabled: tuple[str, ...],
        province: Province | None = None,
    ) -> None:
        setfield(self, "path", path)
        setfield(self, "title", title)
        setfield(self, "description", description)
        setfield(self, "entries", entries)
        setfield(self, "disabled", disabled)
        setfield(self, "province", province)


class Catalogue(Frozen):
    """The merged catalogue: later files override earlier entries with the same id."""

    _fields = ("files", "entries", "rules")
    __slots__ = _fields
    files: tuple[CatalogueFile, ...]
    entries: tuple[Anniversary, ...]
    # The selection rules (data/listing.yaml), loaded with the catalogue; the empty default lists all.
    rules: ListingRules

    def __init__(
        self,
        files: tuple[CatalogueFile, ...],
        entries: tuple[Anniversary, ...],
        rules: ListingRules | None = None,
    ) -> None:
        setfield(self, "files", files)
        setfield(self, "entries", entries)
        setfield(
            self, "rules", ListingRules(kinds={}, default=When.ALWAYS, major=()) if rules is None else rules
        )
