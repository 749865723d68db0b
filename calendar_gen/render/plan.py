"""The yearly plan in the sections of the central yearly guidance (``calendar-gen year``).

Hướng dẫn kỷ niệm các ngày lễ lớn, sự kiện lịch sử quan trọng ... năm YYYY of the Ban Tuyên giáo (và
Dân vận) Trung ương: the ngày lễ lớn first (every year, each with its N), then the năm tròn of
leaders' births (Kết luận 88-KL/TW), founding and traditional days, historical events,
international days, and with ``-p`` the province's own days (sections and their order:
``data/listing.yaml``). Two ngày lễ lớn are one item where the guidance writes them so: "... Đảng
Cộng sản Việt Nam (03/02/1930 – 03/02/2023) và đón Tết Nguyên đán".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from calendar_gen.engine.listing import Choice, ListingRules, Section
from calendar_gen.engine.lunar import can_chi
from calendar_gen.model import Occurrence
from calendar_gen.render.formatting import DateStyle, mention

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One line of the plan: one mention, or two joined ("... và đón Tết Nguyên đán")."""

    text: str
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True, slots=True)
class PlanSection:
    """A section of the plan with its number ("I") and items in date order."""

    number: str
    section: Section
    items: tuple[PlanItem, ...]


def plan(
    choices: Sequence[Choice], rules: ListingRules, style: DateStyle = DateStyle.ND30
) -> list[PlanSection]:
    """The listed choices grouped in the rules' sections, in order; empty sections are left out."""
    listed = [c for c in choices if c.listed]
    by_section: dict[str, list[Occurrence]] = {}
    for choice in listed:
        by_section.setdefault(choice.section or "su-kien", []).append(choice.occurrence)
    result: list[PlanSection] = []
    for section in rules.sections:
        found = by_section.get(section.slug)
        if found:
            number = ROMAN[len(result)] if len(result) < len(ROMAN) else str(len(result) + 1)
            result.append(PlanSection(number, section, tuple(_joined(found, rules, style))))
    return result


def _joined(found: list[Occurrence], rules: ListingRules, style: DateStyle) -> list[PlanItem]:
    """One item per occurrence, except the pairs the rules join (the second follows the first)."""
    by_id = {occ.anniversary.id: occ for occ in found}
    partners = {other: first for first, (other, _words) in rules.joins.items() if first in by_id}
    items = []
    for occ in found:
        entry_id = occ.anniversary.id
        if entry_id in partners:
            continue  # written after its partner
        join = rules.joins.get(entry_id)
        if join is not None and join[0] in by_id:
            other = by_id[join[0]]
            words = join[1]
            # "... và đón Tết Nguyên đán Giáp Thìn" names the lunar year; other joins add the mention.
            tail = (
                words.format(can_chi=can_chi(other.year))
                if "{can_chi}" in words
                else f"{words} {mention(other, style)}"
            )
            text = f"{mention(occ, style)} {tail}"
            items.append(PlanItem(text, (occ, other)))
        else:
            items.append(PlanItem(mention(occ, style), (occ,)))
    return items


def plan_parts(sections: Sequence[PlanSection]) -> list[tuple[str, list[Occurrence]]]:
    """(heading, occurrences) per section, for the sheets: "I. Các ngày lễ lớn" and its days."""
    return [
        (f"{part.number}. {part.section.title}", [occ for item in part.items for occ in item.occurrences])
        for part in sections
    ]


def plan_text(sections: Sequence[PlanSection], year: int, province: str | None = None) -> str:
    """The plan as plain text: a title, then numbered sections and items."""
    title = f"CÁC NGÀY LỄ LỚN, SỰ KIỆN LỊCH SỬ QUAN TRỌNG VÀ NGÀY KỶ NIỆM NĂM {year}"
    lines = [title + (f" – {province.upper()}" if province else "")]
    for part in sections:
        lines += ["", f"{part.number}. {part.section.title.upper()}"]
        lines += [f"{n}. {item.text}" for n, item in enumerate(part.items, 1)]
    if not sections:
        lines += ["", "Không có ngày kỷ niệm nào trong danh mục đã chọn."]
    return "\n".join(lines) + "\n"


def plan_markdown(sections: Sequence[PlanSection], year: int) -> str:
    """The plan as Markdown: a heading per section, a numbered list of items (HTML escaped)."""

    def safe(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")

    lines = [f"# Các ngày lễ lớn, sự kiện lịch sử quan trọng và ngày kỷ niệm năm {year}"]
    for part in sections:
        lines += ["", f"## {part.number}. {safe(part.section.title)}", ""]
        lines += [f"{n}. {safe(item.text)}" for n, item in enumerate(part.items, 1)]
    return "\n".join(lines) + "\n"


def plan_table(sections: Sequence[PlanSection], style: DateStyle = DateStyle.ND30) -> str:
    """The plan as plain-text tables, one per section under its heading."""
    from calendar_gen.render.tabular import table

    parts = []
    for part in sections:
        found = [occ for item in part.items for occ in item.occurrences]
        parts.append(f"{part.number}. {part.section.title.upper()}\n{table(found, style)}")
    return "\n".join(parts) if parts else table([], style)
