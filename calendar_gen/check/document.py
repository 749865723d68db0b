"""Check a whole document: find the mentions of every block, tie them to the catalogue, check them.

The document's year (for counts written without a target date) is ``--year`` when given, else the
target year most of its mentions count to, when at least two of them agree and they are the
majority.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from calendar_gen.check import rules
from calendar_gen.check.cited import cited_spans, inside
from calendar_gen.check.docyear import Years, mention_year, reconcile
from calendar_gen.check.findings import Finding, MentionInfo, apply_edits
from calendar_gen.check.internal import Context, Draft
from calendar_gen.check.match import WITH_DATE, Index, Ranked, agrees_with_entry, by_date, confident, dates_of
from calendar_gen.check.recognise import Mention, bare_counts, mentions_in
from calendar_gen.check.source import Block, text_block
from calendar_gen.check.spelling import misspelt
from calendar_gen.model import Anniversary

_SUFFIX_WORDS = 12
_CLAUSE = re.compile(r",|\s(?:và|cùng)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Options:
    """What the user tells the proofreader: the document's year, the date style to ask for."""

    year: int | None = None
    nd30: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    """Mentions and findings of a document, in reading order."""

    blocks: tuple[Block, ...]
    mentions: tuple[MentionInfo, ...]
    findings: tuple[Finding, ...]
    year: int | None = None  # the document's year the counts were checked against
    year_source: str | None = None  # "option" (--year), "mentions" (most target years) or "title"

    def count(self, severity: str) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)


def check_text(text: str, entries: Sequence[Anniversary], options: Options = Options()) -> Report:
    """Check a plain-text or Markdown document."""
    return check_blocks([text_block(text)], entries, options)


def check_blocks(blocks: Sequence[Block], entries: Sequence[Anniversary], options: Options) -> Report:
    """Check every block of a document against the catalogue entries."""
    index = Index(entries)
    sources = cited_spans(blocks)
    found = [
        [m for m in mentions_in(block.text) if not inside(cited, m.start)]
        for block, cited in zip(blocks, sources, strict=True)
    ]
    years = reconcile(blocks, [m for block in found for m in block], options.year)
    year, stated = years.document, years.stated
    mentions: list[MentionInfo] = []
    findings: list[Finding] = []
    for number, (block, block_mentions) in enumerate(zip(blocks, found, strict=True)):
        kept: list[Mention] = []
        for mention in block_mentions:
            mention, ranked = _named(mention, block.text, index)
            mention = as_target(mention, ranked)
            known, drafts = rules.check_mention(mention, block.text, ranked, index, stated, year)
            if known is None and not _is_anniversary(mention):
                continue
            if options.nd30 and (style := rules.check_style(mention)) is not None:
                drafts.append(style)
            if known is not None and (
                typo := misspelt(block.text, mention.name_start, mention.name_end, known)
            ):
                drafts.append(typo)
            kept.append(mention)
            _record(number, block, mention, known, drafts, mentions, findings)
        for mention in bare_counts(block.text, kept):
            if inside(sources[number], mention.start):
                continue
            entry = index.by_prefix(mention.name)
            if entry is None or not entry.count_shown:
                continue
            ctx = Context(block.text, stated, year, entry)
            drafts = [d for d in (rules.check_bare_count(mention, entry, ctx),) if d is not None]
            if typo := misspelt(block.text, mention.name_start, mention.name_end, entry):
                drafts.append(typo)
            _record(number, block, mention, entry, drafts, mentions, findings)
    _notice(years, blocks, found, findings)
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].block, mentions[i].start))
    renumber = {old: new for new, old in enumerate(order)}
    findings = [
        Finding(
            f.block,
            f.start,
            f.end,
            f.severity,
            f.code,
            f.message,
            f.suggestion,
            f.edits,
            renumber[f.mention] if f.mention is not None else None,
        )
        for f in findings
    ]
    findings.sort(key=lambda f: (f.block, f.start, f.end))
    return Report(tuple(blocks), tuple(mentions[i] for i in order), tuple(findings), year, years.source)


def document_year(found: Sequence[Mention]) -> int | None:
    """The target year most mentions count to (two at least, and more than half of them)."""
    return mention_year(found)[0]


def as_target(mention: Mention, ranked: list[Ranked]) -> Mention:
    """A single dated bracket after a known name, later than any date of its entry, is the target.

    "94 năm Ngày thành lập Đoàn (26/3/2025)", "(tháng 12/2019)": the year is the year counted to,
    not a wrong founding year (issue 19, item 2), when the entry's day and month agree with it.
    """
    period = mention.period
    if period is None or period.second is not None or period.first.year is None or period.lunar:
        return mention
    entry = confident(ranked)
    if entry is None:
        return mention
    date = period.first
    years = [d.year for d in dates_of(entry) if d.year is not None]
    if not years or date.year is None or date.year.value <= max(years):
        return mention
    undated = replace(date, year=None)
    if not agrees_with_entry(undated, False, entry):
        return mention
    return replace(mention, target_only=True)


def _notice(
    years: Years, blocks: Sequence[Block], found: Sequence[list[Mention]], findings: list[Finding]
) -> None:
    """The one finding saying that --year or the title disagrees with the mentions, at the first of them."""
    if years.notice is None:
        return
    severity, code, message, first = years.notice
    block = next((i for i, block in enumerate(found) if first in block), 0)
    target = first.target if first is not None else None
    span = (target.year.start, target.year.end) if target is not None and target.year else (0, 0)
    findings.append(Finding(block, span[0], span[1], severity, code, message))


def _is_anniversary(mention: Mention) -> bool:
    """Unmatched dates count as a mention only in the anniversary form: a count, or two dates."""
    period = mention.period
    if period is None:
        return False
    if mention.count is not None:
        return True
    return period.second is not None and period.first.month is not None


def _named(mention: Mention, text: str, index: Index) -> tuple[Mention, list[Ranked]]:
    """A mention without a count: take the words before the dates that name a catalogue entry."""
    if mention.count is not None:
        return mention, index.rank(mention.name)
    date = mention.founded or mention.target
    starts = [m.start() for m in re.finditer(r"\S+", text[mention.name_start : mention.name_end])]
    best: tuple[float, int, list[Ranked]] | None = None
    for offset in starts[-_SUFFIX_WORDS:]:
        start = mention.name_start + offset
        ranked = index.rank(text[start : mention.name_end])
        hit = by_date(ranked, date, mention.period.lunar) if date and mention.period else None
        score = hit.score + 1 if hit else (ranked[0].score if confident(ranked) else 0.0)
        if score >= WITH_DATE and (best is None or score > best[0]):
            best = (score, start, ranked)
    if best is None:
        clauses = list(_CLAUSE.finditer(text, mention.name_start, mention.name_end))
        start = clauses[-1].end() if clauses else mention.name_start
        while start < mention.name_end and text[start].isspace():
            start += 1
        ranked = index.rank(text[start : mention.name_end])
    else:
        start, ranked = best[1], best[2]
    renamed = Mention(
        start,
        mention.end,
        None,
        None,
        text[start : mention.name_end],
        start,
        mention.name_end,
        mention.period,
        mention.lead_start,
        mention.label,
    )
    return renamed, ranked


def _record(
    number: int,
    block: Block,
    mention: Mention,
    entry: Anniversary | None,
    drafts: list[Draft],
    mentions: list[MentionInfo],
    findings: list[Finding],
) -> None:
    """Add a mention and its findings, with the corrected mention text as the suggestion."""
    text = block.text
    founded, target = mention.founded, mention.target
    period = mention.period
    info = MentionInfo(
        number,
        mention.start,
        mention.end,
        text[mention.start : mention.end],
        mention.name,
        mention.count,
        founded.iso if founded else None,
        target.iso if target else None,
        bool(period and period.lunar),
        entry.id if entry else None,
    )
    mentions.append(info)
    for draft in drafts:
        suggestion = None
        if draft.edits:
            start = min([mention.start, *(e.start for e in draft.edits)])
            end = max([mention.end, *(e.end for e in draft.edits)])
            suggestion = apply_edits(text[start:end], draft.edits, start)
        findings.append(
            Finding(
                number,
                mention.start,
                mention.end,
                draft.severity,
                draft.code,
                draft.message,
                suggestion,
                draft.edits,
                len(mentions) - 1,
            )
        )
