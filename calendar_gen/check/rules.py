"""The checks of one mention, in the issue's order: internal, catalogue, style.

An error must be certain. A mention that is consistent in itself but counts from another date
than the catalogue's is an error only when the entry is ``settled`` (its date beyond dispute) and
no other entry has the written date; otherwise it is a warning naming the catalogue's date and
source. An event the catalogue does not know is ``info``.
"""

from __future__ import annotations

from dataclasses import replace

from calendar_gen.check import internal
from calendar_gen.check.dates import Written
from calendar_gen.check.findings import Code, Edit, Severity
from calendar_gen.check.internal import Context, Draft
from calendar_gen.check.match import Index, Ranked, agrees_with_entry, by_date, by_day_month, confident
from calendar_gen.check.recognise import Mention
from calendar_gen.engine.occurrences import classify
from calendar_gen.i18n import _
from calendar_gen.model import Anniversary, Calendar, FoundingDate, Precision, RoundClass
from calendar_gen.render.formatting import founded_text

_LABELS = {"năm tròn": RoundClass.TRON, "năm lẻ 5": RoundClass.LE5, "năm khác": RoundClass.KHAC}


def identify(mention: Mention, ranked: list[Ranked]) -> Anniversary | None:
    """The entry a mention speaks of: its date with its name, else its name alone if confident."""
    period = mention.period
    date = mention.founded or mention.target
    if period is not None and date is not None:
        hit = by_date(ranked, date, period.lunar)
        if hit is not None:
            return hit.entry
    named = confident(ranked)
    if named is None and period is not None:
        return by_day_month(ranked, [d for d in (mention.founded, mention.target) if d], period.lunar)
    return named


def check_mention(
    mention: Mention,
    text: str,
    ranked: list[Ranked],
    index: Index,
    year: int | None,
    document_year: int | None,
) -> tuple[Anniversary | None, list[Draft]]:
    """Every finding of a mention with dates, and the entry it was matched to."""
    known = identify(mention, ranked)
    ctx = Context(text, year, document_year, known)
    broken = internal.check_forms(mention, ctx)
    sound = not ctx.drafts
    sound = internal.check_count(mention, ctx, broken) and sound
    sound = internal.check_days(mention, ctx, broken) and sound
    if sound:
        sound = internal.check_target_year(mention, ctx, broken)
    if sound:  # a wrong lunar date or year would make its solar day look wrong too: one finding
        sound = internal.check_lunar_day(mention, ctx, broken)
    if _years_only(mention) and known is None:
        # "(2021 – 2025)" after a count may be a plan's period, not an anniversary: not certain.
        ctx.drafts = [_soften(d) for d in ctx.drafts]
    if sound:
        _check_catalogue(mention, ranked, index, ctx)
    # "65 năm … (03/3)": the count against the document's year, as a count without dates.
    draft = check_bare_count(mention, known, ctx) if sound and known and _day_month_only(mention) else None
    if draft is not None:
        ctx.drafts.append(draft)
    _check_label(mention, ctx)
    return known, ctx.drafts


def _day_month_only(mention: Mention) -> bool:
    target = mention.target
    return (
        mention.count is not None and mention.founded is None and target is not None and target.year is None
    )


def _years_only(mention: Mention) -> bool:
    period = mention.period
    return (
        period is not None
        and period.first.month is None
        and (period.second is None or period.second.month is None)
    )


def _soften(draft: Draft) -> Draft:
    if draft.severity is not Severity.ERROR or draft.code is Code.MALFORMED:
        return draft
    return Draft(Severity.WARNING, draft.code, draft.message, draft.edits)


def _check_catalogue(mention: Mention, ranked: list[Ranked], index: Index, ctx: Context) -> None:
    """The founding date against the entry the name identifies; unknown events are info."""
    period = mention.period
    date = mention.founded or mention.target
    if period is None or date is None:
        return
    if mention.target_only:
        date = replace(date, year=None)  # the year is the target year, checked with the count
    if ctx.known is not None and agrees_with_entry(date, period.lunar, ctx.known):
        return
    named = confident(ranked)
    if named is None:
        if ctx.known is None:
            message = _("not in the catalogue: {name}").format(
                name=mention.name or ctx.text[mention.start : mention.end]
            )
            ctx.drafts.append(Draft(Severity.INFO, Code.UNKNOWN, message))
        return
    shared = [e for e in index.entries if e.id != named.id and agrees_with_entry(date, period.lunar, e)]
    certain = named.settled and date.day is not None and not shared
    where = _entry_date(named.founded)
    source = named.source or named.id
    if certain:
        message = _("{name} was founded on {right}, not {written} (source: {source})").format(
            name=named.name, right=where, written=date.text.strip(), source=source
        )
    else:
        message = _(
            "the catalogue counts {name} from {right}, not {written}; check which date the document means "
            "(source: {source})"
        ).format(name=named.name, right=where, written=date.text.strip(), source=source)
    severity = Severity.ERROR if certain else Severity.WARNING
    ctx.drafts.append(Draft(severity, Code.CATALOGUE_DATE, message, _to_entry(mention, date, named, ctx)))


def _entry_date(founded: FoundingDate) -> str:
    text = founded_text(founded)
    return f"{text} âm lịch" if founded.calendar is Calendar.LUNAR else text


def _to_entry(mention: Mention, date: Written, entry: Anniversary, ctx: Context) -> tuple[Edit, ...]:
    """Edits that make the founding date (and the count) the catalogue's."""
    founded = entry.founded
    edits: list[Edit] = []
    for part, value in ((date.day, founded.day), (date.month, founded.month), (date.year, founded.year)):
        if part is not None and value is not None and part.value != value:
            width = 2 if len(part.text) == 2 and value < 10 else 1
            edits.append(Edit(part.start, part.end, f"{value:0{width}d}"))
    target = mention.target
    span = mention.count_span
    if span and mention.count is not None and founded.year is not None and date.year is not None:
        year = target.year.value if target is not None and target.year else ctx.expected_year
        digits = ctx.text[span[0] : span[1]].split()[0]
        if year is not None and digits.isdigit() and year - founded.year > 0:
            edits.append(Edit(span[0], span[0] + len(digits), str(year - founded.year)))
    return tuple(edits)


def _corrected_count(mention: Mention, ctx: Context) -> int:
    """N after the count fix an error asks for, so that a label fix never contradicts it."""
    span = mention.count_span
    assert mention.count is not None
    for draft in ctx.drafts:
        for edit in draft.edits:
            if (
                span
                and draft.severity is Severity.ERROR
                and span[0] <= edit.start < span[1]
                and edit.new.isdigit()
            ):
                return int(edit.new)
    return mention.count


def _check_label(mention: Mention, ctx: Context) -> None:
    """A class label written after the mention must fit N (Nghị định 145/2013, Điều 3)."""
    if mention.label is None or mention.count is None:
        return
    label, start, end = mention.label
    count = _corrected_count(mention, ctx)
    right = classify(count)
    if label in ("năm chẵn", "năm lẻ"):
        message = _("'{label}' is read both ways; write the statute's term: {count} năm is {right}").format(
            label=label, count=count, right=right.label
        )
        ctx.drafts.append(
            Draft(Severity.WARNING, Code.CLASS_LABEL, message, (Edit(start, end, right.label),))
        )
        return
    if _LABELS.get(label) is right:
        return
    message = _("'{label}' does not fit {count} năm: it is {right} (Nghị định 145/2013, Điều 3)").format(
        label=label, count=count, right=right.label
    )
    ctx.drafts.append(Draft(Severity.WARNING, Code.CLASS_LABEL, message, (Edit(start, end, right.label),)))


def check_style(mention: Mention) -> Draft | None:
    """Nghị định 30/2020, Phụ lục I: a day below 10 and months 1 and 2 padded, months 3-12 not."""
    period = mention.period
    if period is None:
        return None
    edits: list[Edit] = []
    for date in (period.first, period.second, period.solar):
        if date is None or date.words or date.year is None or date.month is None:
            continue
        if date.day is not None:
            want = f"{date.day.value:02d}"
            if date.day.text != want:
                edits.append(Edit(date.day.start, date.day.end, want))
        month = date.month.value
        want = f"{month:02d}" if month <= 2 else str(month)
        if date.month.text != want:
            edits.append(Edit(date.month.start, date.month.end, want))
    if not edits:
        return None
    message = _("date style of Nghị định 30/2020: a day below 10 and months 1 and 2 take a leading zero")
    return Draft(Severity.WARNING, Code.DATE_STYLE, message, tuple(edits))


def check_bare_count(mention: Mention, entry: Anniversary, ctx: Context) -> Draft | None:
    """A count without dates, for an entry the name identifies exactly, against the document's year."""
    year = ctx.expected_year
    if year is None or mention.count is None or mention.count_span is None:
        return None
    years = [d.year for d in (entry.founded, *entry.other_dates) if d.year is not None]
    if not years or (entry.founded.precision is Precision.YEAR and not entry.count_shown):
        return None
    if any(year - y == mention.count for y in years) or year - years[0] <= 0:
        return None
    expected = year - years[0]
    message = _("{count} năm {name}: in {year} it is {expected} năm (from {founded})").format(
        count=mention.count, name=entry.name, year=year, expected=expected, founded=_entry_date(entry.founded)
    )
    start = mention.count_span[0]
    digits = ctx.text[start : mention.count_span[1]].split()[0]
    edits = (Edit(start, start + len(digits), str(expected)),) if digits.isdigit() else ()
    return Draft(Severity.ERROR if ctx.year is not None else Severity.WARNING, Code.COUNT, message, edits)
