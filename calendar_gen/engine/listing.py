"""The editor's selection: which occurrences a guidance document lists, and why.

Guidance chooses (DOMAIN.md, "What guidance lists"): a provincial monthly list holds the ngày lễ
lớn, round anniversaries, a few observance days and the province's own days, out of the 20–30
anniversaries a month has. The rules are data (``data/listing.yaml``: a rule per kind, the ngày lễ
lớn of Nghị định 145/2013 Điều 4, audiences), each entry may override its kind's rule
(``listed:`` in the catalogue, citing the evidence), and the officer has the last word
(``--include`` / ``--exclude``). Pure: no I/O, the rules are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum

from calendar_gen.engine.selection import commemorated, is_birth
from calendar_gen.frozen import Frozen, setfield
from calendar_gen.model import Anniversary, Occurrence, RoundClass


class When(StrEnum):
    """When guidance lists an entry (the value of ``listed:``)."""

    ALWAYS = "always"  # every year in the monthly lists, whatever N (the main national days, 8/3)
    PLAN = "plan"  # every year in the monthly lists and in the yearly plan's first section (27/7)
    ROUND = "round"  # năm tròn and năm lẻ 5 (Nghị định 145/2013, Điều 3 khoản 1)
    TRON = "tron"  # năm tròn only (Nghị định 111/2018: a ceremony only in năm tròn)
    NEVER = "never"  # only when asked for: an audience, --include or --all


class Audience(Frozen):
    """An issuer who lists its own sector's days every year (``--for doan``)."""

    _fields = ("slug", "label", "tags", "kinds")
    __slots__ = _fields
    slug: str
    label: str  # "Đoàn", shown in the reason "theo đối tượng: Đoàn"
    tags: frozenset[str]
    kinds: frozenset[str]

    def __init__(
        self, slug: str, label: str, tags: frozenset[str] = frozenset(), kinds: frozenset[str] = frozenset()
    ) -> None:
        setfield(self, "slug", slug)
        setfield(self, "label", label)
        setfield(self, "tags", tags)
        setfield(self, "kinds", kinds)


class Section(Frozen):
    """A section of the yearly plan, in the order of the central yearly guidance."""

    _fields = ("slug", "title")
    __slots__ = _fields
    slug: str
    title: str

    def __init__(self, slug: str, title: str) -> None:
        setfield(self, "slug", slug)
        setfield(self, "title", title)


class ListingRules(Frozen):
    """The selection rules of ``data/listing.yaml``."""

    _fields = (
        "kinds",
        "default",
        "major",
        "audiences",
        "sections",
        "section_of_kind",
        "joins",
        "yearly_always",
        "yearly_kinds",
    )
    __slots__ = _fields
    kinds: Mapping[str, When]  # the rule of each kind
    default: When  # the rule of an entry without a kind
    major: tuple[str, ...]  # ids of the ngày lễ lớn (Nghị định 145/2013, Điều 4), in the plan's order
    audiences: Mapping[str, Audience]
    sections: tuple[Section, ...]
    section_of_kind: Mapping[str, str]
    joins: Mapping[str, tuple[str, str]]  # id -> (joined id, words)
    yearly_always: frozenset[str]  # kinds whose "always" holds in the yearly plan too
    yearly_kinds: Mapping[str, When]  # the plan's own rule of a kind

    def __init__(
        self,
        kinds: Mapping[str, When],
        default: When,
        major: tuple[str, ...],
        audiences: Mapping[str, Audience] | None = None,
        sections: tuple[Section, ...] = (),
        section_of_kind: Mapping[str, str] | None = None,
        joins: Mapping[str, tuple[str, str]] | None = None,
        yearly_always: frozenset[str] = frozenset(),
        yearly_kinds: Mapping[str, When] | None = None,
    ) -> None:
        # None stands for a new empty dict, as the dataclass's default_factory=dict gave.
        setfield(self, "kinds", kinds)
        setfield(self, "default", default)
        setfield(self, "major", major)
        setfield(self, "audiences", {} if audiences is None else audiences)
        setfield(self, "sections", sections)
        setfield(self, "section_of_kind", {} if section_of_kind is None else section_of_kind)
        setfield(self, "joins", {} if joins is None else joins)
        setfield(self, "yearly_always", yearly_always)
        setfield(self, "yearly_kinds", {} if yearly_kinds is None else yearly_kinds)

    def rule(self, entry: Anniversary) -> When:
        """The entry's own ``listed:``, else "always" for a sector's own catalogue, else its kind's rule.

        A ``sector:<slug>`` entry is in the user's own catalogue of their sector (a school, a
        hospital): their guidance lists it every year (DOMAIN.md, "What guidance lists").
        """
        if entry.listed is not None:
            return When(entry.listed)
        if entry.scope.startswith("sector:"):
            return When.ALWAYS
        return self.kinds.get(entry.kind or "", self.default)


# The reasons, as the officer reads them (issue 18: "ngày lễ lớn", "năm tròn", "Kết luận 88 ...").
MAJOR = "ngày lễ lớn"
PROVINCE = "ngày của tỉnh"
SECTOR = "ngày của ngành"
EVERY_YEAR = "ngày kỷ niệm hằng năm"
INCLUDED = "thêm theo yêu cầu"
EXCLUDED = "bỏ theo yêu cầu"
OTHER_YEAR = "năm khác ({count} năm): chỉ đưa vào năm tròn, năm lẻ 5"
OTHER_YEAR_TRON = "{count} năm: chỉ đưa vào năm tròn"
NO_COUNT = "không ghi số năm: chỉ đưa vào khi được yêu cầu"
NOT_LISTED = "thường không đưa vào"
INTERNATIONAL = "ngày quốc tế: thường không đưa vào"
KL88_YES = "Kết luận 88-KL/TW: {count} năm"
KL88_NO = "Kết luận 88-KL/TW: chỉ kỷ niệm 100, 110, 120... năm ngày sinh người đã mất"
AUDIENCE = "theo đối tượng: {label}"


class Choice(Frozen):
    """One occurrence with the editor's decision and the reason for it."""

    _fields = ("occurrence", "listed", "why", "section")
    __slots__ = _fields
    occurrence: Occurrence
    listed: bool
    why: str
    section: str | None

    def __init__(self, occurrence: Occurrence, listed: bool, why: str, section: str | None = None) -> None:
        setfield(self, "occurrence", occurrence)
        setfield(self, "listed", listed)
        setfield(self, "why", why)
        setfield(self, "section", section)


def choose(
    found: Iterable[Occurrence],
    rules: ListingRules,
    audiences: Sequence[str] = (),
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    *,
    yearly: bool = False,
) -> list[Choice]:
    """Every occurrence with whether guidance lists it and why; the order is kept.

    ``yearly`` applies the yearly plan's rules: only the ngày lễ lớn and the kinds in
    ``yearly_always`` keep an "always" rule, every other entry needs năm tròn or năm lẻ 5.
    """
    wanted = [rules.audiences[slug] for slug in audiences]
    added, dropped = frozenset(include), frozenset(exclude)
    result = []
    for occ in found:
        entry = occ.anniversary
        if entry.id in dropped:
            listed, why = False, EXCLUDED
        else:
            listed, why = _decide(occ, rules, yearly)
            if not listed and (audience := _audience(entry, wanted)) is not None:
                listed, why = True, AUDIENCE.format(label=audience.label)
            if not listed and entry.id in added:
                listed, why = True, INCLUDED
        result.append(Choice(occ, listed, why, section_of(entry, rules) if yearly else None))
    return result


def listed_only(choices: Iterable[Choice]) -> list[Occurrence]:
    """The occurrences the editor lists."""
    return [choice.occurrence for choice in choices if choice.listed]


def _decide(occ: Occurrence, rules: ListingRules, yearly: bool) -> tuple[bool, str]:
    entry = occ.anniversary
    if entry.id in rules.major:
        return True, MAJOR  # Nghị định 145/2013, Điều 4: every year, with its N
    if is_birth(entry):
        # Kết luận 88-KL/TW: 100, 110, 120 ... years after the birth of a person who has died.
        if commemorated(occ):
            return True, KL88_YES.format(count=occ.count)
        return False, KL88_NO
    rule = rules.rule(entry)
    if yearly and entry.listed is None and entry.kind is not None and entry.kind in rules.yearly_kinds:
        rule = rules.yearly_kinds[entry.kind]
    # The plan keeps "always" for the ngày lễ lớn, the province's days and the user's own (no kind).
    demoted = entry.kind is not None and entry.kind not in rules.yearly_always and entry.scope == "national"
    if rule is When.ALWAYS and yearly and demoted:
        rule = When.ROUND
    round_class = occ.round_class if occ.count_shown else None
    if rule in (When.ALWAYS, When.PLAN):
        if entry.scope.startswith("province:"):
            return True, PROVINCE
        if entry.scope.startswith("sector:"):
            return True, SECTOR
        if round_class in (RoundClass.TRON, RoundClass.LE5):
            assert round_class is not None
            return True, round_class.label
        return True, EVERY_YEAR
    if rule is When.NEVER:
        return False, INTERNATIONAL if entry.kind == "international" else NOT_LISTED
    if round_class is None:
        return False, NO_COUNT
    if round_class is RoundClass.TRON or (rule is When.ROUND and round_class is RoundClass.LE5):
        return True, round_class.label
    if rule is When.TRON:
        return False, OTHER_YEAR_TRON.format(count=occ.count)
    return False, OTHER_YEAR.format(count=occ.count)


def _audience(entry: Anniversary, wanted: Sequence[Audience]) -> Audience | None:
    """The first audience that lists the entry: named in ``listed_for``, or by tag or kind."""
    for audience in wanted:
        if (
            audience.slug in entry.listed_for
            or not audience.tags.isdisjoint(entry.tags)
            or (entry.kind is not None and entry.kind in audience.kinds)
        ):
            return audience
    return None


def section_of(entry: Anniversary, rules: ListingRules) -> str | None:
    """The yearly plan's section of an entry: ngày lễ lớn, leaders' births, then by kind and scope."""
    if entry.id in rules.major or entry.listed == When.PLAN:
        return "le-lon"
    if is_birth(entry):
        return "ngay-sinh"
    if entry.scope.startswith("province:"):
        return "dia-phuong"
    return rules.section_of_kind.get(entry.kind or "", "su-kien")


__all__ = ["Audience", "Choice", "ListingRules", "Section", "When", "choose", "listed_only"]
