"""The checks a mention passes or fails on its own text.

Well-formed dates, N = target − founding year, the same day and month on both sides, the
document's year, the solar day of a lunar date.

When a check fails, the catalogue entry the name identifies (if any) and the document's year say
which side is likely wrong, and the edit that corrects it (DOMAIN.md, "Errors published documents
contain": each error is visible from the mention alone; the catalogue tells which side is wrong).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from calendar_gen.check.dates import Part, Written
from calendar_gen.check.findings import Code, Edit, Severity
from calendar_gen.check.match import dates_of
from calendar_gen.check.recognise import Mention
from calendar_gen.engine import lunar as lunar_calendar
from calendar_gen.i18n import _
from calendar_gen.model import Anniversary, Calendar

LATEST_YEAR = 2100  # a target year past this is a typo: documents count to years of this century


@dataclass(frozen=True, slots=True)
class Draft:
    """A finding before it is placed in the report."""

    severity: Severity
    code: Code
    message: str
    edits: tuple[Edit, ...] = ()


@dataclass(slots=True)
class Context:
    """What the checks of one mention know besides its text."""

    text: str
    year: int | None  # --year
    document_year: int | None  # the year most mentions of the document count to
    known: Anniversary | None  # the entry the name (or the founding date with the name) identifies
    drafts: list[Draft] = field(default_factory=list)

    @property
    def expected_year(self) -> int | None:
        """The year the document is about: --year, else the year its mentions agree on."""
        return self.year if self.year is not None else self.document_year


def _year_ok(part: Part | None, target: bool) -> bool:
    """A target year has four digits; a founding year at most four (Bạch Đằng 938, Hai Bà Trưng 40)."""
    if part is None:
        return False
    return len(part.text) == 4 if target else len(part.text) <= 4 and part.value > 0


def check_forms(mention: Mention, ctx: Context) -> set[int]:
    """Malformed and impossible dates; returns the ids of dates whose numbers cannot be trusted."""
    period = mention.period
    assert period is not None
    broken: set[int] = set()
    founded, target = mention.founded, mention.target
    for date in (founded, target, period.solar):
        if date is None:
            continue
        for start, end, sep in date.bad_separators:
            message = _("'{date}' is malformed: a doubled separator or a dash inside the date").format(
                date=date.text.strip()
            )
            ctx.drafts.append(Draft(Severity.ERROR, Code.MALFORMED, message, (Edit(start, end, sep),)))
        is_target = (date is target and founded is not None) or date is period.solar
        if date.year is not None and not _year_ok(date.year, is_target):
            ctx.drafts.append(_bad_year(mention, date, date.year, ctx))
            broken.add(id(date))
        elif not _exists(date, period.lunar and date is not period.solar):
            message = _("'{date}' is not a real date: there is no day {day} in month {month}").format(
                date=date.text.strip(),
                day=date.day.value if date.day else "-",
                month=date.month.value if date.month else "-",
            )
            if date.month is not None and not 1 <= date.month.value <= 12:
                message = _("'{date}' is not a real date: months run from 1 to 12").format(
                    date=date.text.strip()
                )
            ctx.drafts.append(
                Draft(Severity.ERROR, Code.IMPOSSIBLE, message, _repair_day(date, mention, ctx))
            )
            broken.add(id(date))
    return broken


def _exists(date: Written, lunar: bool) -> bool:
    if not lunar:
        return date.exists()
    month_ok = date.month is None or 1 <= date.month.value <= 12
    return month_ok and (date.day is None or 1 <= date.day.value <= 30)


def _bad_year(mention: Mention, date: Written, year: Part, ctx: Context) -> Draft:
    """A year of the wrong length, with the year the rest of the mention implies."""
    founded = mention.founded
    guess: int | None = None
    if date is not founded and founded and founded.year and mention.count is not None:
        guess = founded.year.value + mention.count
    elif date is not founded:
        guess = ctx.expected_year
    elif ctx.known is not None and ctx.known.founded.year is not None:
        guess = ctx.known.founded.year
    message = _("'{date}' is malformed: the year '{year}' must have four digits").format(
        date=date.text.strip(), year=year.text
    )
    edits = (Edit(year.start, year.end, str(guess)),) if guess and 1000 <= guess <= 9999 else ()
    return Draft(Severity.ERROR, Code.MALFORMED, message, edits)


def _repair_day(date: Written, mention: Mention, ctx: Context) -> tuple[Edit, ...]:
    """The other date's day and month, or the catalogue's, for an impossible date."""
    founded, target = mention.founded, mention.target
    other = target if date is founded else founded
    if other is not None and other.month and other.exists() and (date.day is None) == (other.day is None):
        pairs = [(date.day, other.day.text if other.day else None), (date.month, other.month.text)]
    elif ctx.known is not None and _same_calendar(mention, ctx.known):
        entry = ctx.known.founded
        pairs = [(date.day, _like(date.day, entry.day)), (date.month, _like(date.month, entry.month))]
    else:
        return ()
    edits = [Edit(part.start, part.end, new) for part, new in pairs if part and new and part.text != new]
    return tuple(edits)


def _same_calendar(mention: Mention, entry: Anniversary) -> bool:
    lunar = mention.period is not None and mention.period.lunar
    return lunar == (entry.founded.calendar is Calendar.LUNAR)


def _like(part: Part | None, value: int | None) -> str | None:
    """A catalogue day or month written as wide as the document wrote it."""
    if part is None or value is None:
        return None
    return f"{value:0{len(part.text)}d}" if len(part.text) == 2 else str(value)


def check_count(mention: Mention, ctx: Context, broken: set[int]) -> bool:
    """N = target year − founding year; one finding naming the side most likely wrong."""
    founded, target, count = mention.founded, mention.target, mention.count
    if mention.target_only:
        return _count_to_target(mention, ctx, broken)
    if count is None or founded is None or founded.year is None or id(founded) in broken:
        return True
    written_founded = founded.year.value
    if target is None or target.year is None:
        return _count_against_year(mention, ctx)
    if id(target) in broken:
        return True
    written_target = target.year.value
    if written_target - written_founded == count:
        return True
    ctx.drafts.append(_diagnose_count(mention, ctx, founded.year, target.year, count))
    return False


def _count_to_target(mention: Mention, ctx: Context, broken: set[int]) -> bool:
    """N against a single target date ("(26/3/2025)"): counted from the entry's founding year."""
    target, count, span = mention.target, mention.count, mention.count_span
    years = _catalogue_years(ctx)
    if target is None or target.year is None or count is None or span is None or id(target) in broken:
        return True
    if not years or any(target.year.value - y == count for y in years):
        return True
    if target.year.value > LATEST_YEAR and years[0] + count <= LATEST_YEAR:  # "(26/3/2925)"
        message = _(
            "the target year {written} looks mistyped: {count} năm from {founded} is {expected}"
        ).format(written=target.year.text, count=count, founded=years[0], expected=years[0] + count)
        edit = Edit(target.year.start, target.year.end, str(years[0] + count))
        ctx.drafts.append(Draft(Severity.ERROR, Code.COUNT, message, (edit,)))
        return False
    expected = target.year.value - years[0]
    message = _("{count} năm to {target}: counted from {founded} it is {expected} năm").format(
        count=count, target=target.text.strip(), founded=years[0], expected=expected
    )
    digits = ctx.text[span[0] : span[1]].split()[0]
    edits = (Edit(span[0], span[0] + len(digits), str(expected)),) if digits.isdigit() else ()
    ctx.drafts.append(Draft(Severity.ERROR, Code.COUNT, message, edits))
    return False


def _catalogue_years(ctx: Context) -> list[int]:
    known = ctx.known
    if known is None:
        return []
    return [d.year for d in dates_of(known) if d.year is not None]


def _diagnose_count(mention: Mention, ctx: Context, founded: Part, target: Part, count: int) -> Draft:
    """Which of N, the target year and the founding year is wrong, and the edit that fixes it."""
    span = mention.count_span
    assert span is not None
    expected = ctx.expected_year
    years = _catalogue_years(ctx)
    number = ctx.text[span[0] : span[1]]
    digits = number.split()[0] if not number.lower().startswith("lần") else number.split()[-1]
    count_start = span[0] + number.index(digits)
    count_edit = Edit(count_start, count_start + len(digits), str(target.value - founded.value))
    if target.value > LATEST_YEAR and founded.value + count <= LATEST_YEAR:
        expected = founded.value + count  # "19/5/8024": no document counts to that year
    if expected and target.value != expected and expected - founded.value == count:
        message = _(
            "the target year {written} looks mistyped: {count} năm from {founded} is {expected}"
        ).format(written=target.text, count=count, founded=founded.text, expected=expected)
        return Draft(Severity.ERROR, Code.COUNT, message, (Edit(target.start, target.end, str(expected)),))
    right = next((y for y in years if target.value - y == count), None)
    if target.value <= founded.value:
        return _after_target(mention, founded, target, [right] if right else years)
    if years and founded.value not in years and right is not None:
        message = _(
            "the founding year {written} looks mistyped: the catalogue has {right}, which gives {count} năm"
        ).format(written=founded.text, right=right, count=count)
        return Draft(Severity.ERROR, Code.COUNT, message, (Edit(founded.start, founded.end, str(right)),))
    if years and founded.value not in years:
        year = years[0]
        message = _(
            "{count} năm does not match {founded} – {target}; the catalogue has the founding year {right}, "
            "which gives {expected} năm"
        ).format(
            count=count, founded=founded.text, target=target.text, right=year, expected=target.value - year
        )
        edits = (
            Edit(founded.start, founded.end, str(year)),
            Edit(count_edit.start, count_edit.end, str(target.value - year)),
        )
        return Draft(Severity.ERROR, Code.COUNT, message, edits)
    message = _("{count} năm does not match the dates: {target} − {founded} = {expected} năm").format(
        count=count, target=target.text, founded=founded.text, expected=target.value - founded.value
    )
    return Draft(Severity.ERROR, Code.COUNT, message, (count_edit,))


def _after_target(mention: Mention, founded: Part, target: Part, years: list[int]) -> Draft:
    """A founding year typed as a recent one, giving a span of zero or fewer years."""
    count = mention.count
    right = years[0] if years else (target.value - count if count else None)
    message = _("the founding year {founded} is not before the target year {target}").format(
        founded=founded.text, target=target.text
    )
    edits: tuple[Edit, ...] = ()
    if right is not None and 0 < right < target.value:
        message += _("; the founding year should be {right}").format(right=right)
        edits = (Edit(founded.start, founded.end, str(right)),)
    return Draft(Severity.ERROR, Code.ORDER, message, edits)


def _count_against_year(mention: Mention, ctx: Context) -> bool:
    """A count with only the founding date: checked against --year, else the document's year."""
    founded, count = mention.founded, mention.count
    year = ctx.expected_year
    if year is None or founded is None or founded.year is None or count is None:
        return True
    expected = year - founded.year.value
    if expected == count or expected <= 0:
        return True
    span = mention.count_span
    assert span is not None
    message = _("{count} năm from {founded} does not reach {year}: it is {expected} năm").format(
        count=count, founded=founded.year.text, year=year, expected=expected
    )
    severity = Severity.ERROR if ctx.year is not None else Severity.WARNING
    digits = ctx.text[span[0] : span[1]].split()[0]
    edit = Edit(span[0], span[0] + len(digits), str(expected)) if digits.isdigit() else None
    ctx.drafts.append(Draft(severity, Code.COUNT, message, (edit,) if edit else ()))
    return False


def check_days(mention: Mention, ctx: Context, broken: set[int]) -> bool:
    """The same day and month on both sides of a period."""
    founded, target = mention.founded, mention.target
    period = mention.period
    if founded is None or target is None or period is None or period.second is None:
        return True
    if id(founded) in broken or id(target) in broken:
        return True
    pairs = [(founded.day, target.day), (founded.month, target.month)]
    if all(a is None or b is None or a.value == b.value for a, b in pairs):
        return True
    ctx.drafts.append(_diagnose_days(founded, target, ctx))
    return False


def _diagnose_days(founded: Written, target: Written, ctx: Context) -> Draft:
    known = ctx.known
    first, second = founded.text.strip(), target.text.strip()
    if known is not None:
        if any(_day_month_agree(founded, d) for d in dates_of(known)):
            message = _(
                "the day or month of {second} differs from {first}, which the catalogue confirms"
            ).format(first=first, second=second)
            return Draft(Severity.ERROR, Code.DAY, message, _copy_day(founded, target))
        if any(_day_month_agree(target, d) for d in dates_of(known)):
            message = _(
                "the day or month of {first} differs from {second}, which the catalogue confirms"
            ).format(first=first, second=second)
            return Draft(Severity.ERROR, Code.DAY, message, _copy_day(target, founded))
    message = _("the two dates {first} and {second} differ in day or month").format(
        first=first, second=second
    )
    return Draft(Severity.ERROR, Code.DAY, message)


def _day_month_agree(date: Written, founded: object) -> bool:
    day = getattr(founded, "day", None)
    month = getattr(founded, "month", None)
    return (date.day is None or day is None or date.day.value == day) and (
        date.month is None or month is None or date.month.value == month
    )


def _copy_day(source: Written, wrong: Written) -> tuple[Edit, ...]:
    edits: list[Edit] = []
    for good, bad in ((source.day, wrong.day), (source.month, wrong.month)):
        if good is not None and bad is not None and good.value != bad.value:
            edits.append(Edit(bad.start, bad.end, good.text))
    return tuple(edits)


def check_target_year(mention: Mention, ctx: Context, broken: set[int]) -> bool:
    """With --year, the target year must be the document's year."""
    target, founded = mention.target, mention.founded
    if ctx.year is None or target is None or target.year is None or id(target) in broken:
        return True
    if founded is None and not mention.target_only:
        return True
    if target.year.value == ctx.year:
        return True
    message = _("the target year is {written}, but the document is about {year} (--year)").format(
        written=target.year.text, year=ctx.year
    )
    edits = [Edit(target.year.start, target.year.end, str(ctx.year))]
    if mention.count is not None and mention.count_span and founded is not None and founded.year is not None:
        digits = ctx.text[mention.count_span[0] : mention.count_span[1]].split()[0]
        if digits.isdigit():
            start = mention.count_span[0]
            edits.append(Edit(start, start + len(digits), str(ctx.year - founded.year.value)))
    ctx.drafts.append(Draft(Severity.ERROR, Code.TARGET_YEAR, message, tuple(edits)))
    return False


def check_lunar_day(mention: Mention, ctx: Context, broken: set[int]) -> bool:
    """'âm lịch, tức ngày X': X must be the solar day of this year's lunar date."""
    period = mention.period
    target = mention.target
    if period is None or not period.lunar or period.solar is None or target is None:
        return True
    solar = period.solar
    if target.day is None or target.month is None or solar.day is None or solar.month is None:
        return True
    if id(target) in broken or id(solar) in broken or not solar.exists():
        return True
    year = target.year.value if target.year else (solar.year.value if solar.year else None)
    if year is None or not lunar_calendar.FIRST_YEAR <= year <= lunar_calendar.LAST_YEAR:
        return True
    date, _observed = lunar_calendar.observe(year, target.month.value, min(target.day.value, 30))
    same_day = date.day == solar.day.value and date.month == solar.month.value
    if same_day and (solar.year is None or solar.year.value == date.year):
        return True
    day = f"{date.day:02d}" if len(solar.day.text) == 2 else str(date.day)
    month = f"{date.month:02d}" if len(solar.month.text) == 2 else str(date.month)
    sep = solar.text[solar.day.end - solar.start] if not solar.words else "/"
    right = f"{day}{sep}{month}{sep}{date.year}" if solar.year else f"{day}{sep}{month}"
    message = _("{lunar} âm lịch of {year} is {right} dương lịch, not {written}").format(
        lunar=f"{target.day.value}/{target.month.value}", year=year, right=right, written=solar.text.strip()
    )
    edits = () if solar.words else (Edit(solar.day.start, solar.end, right),)  # "ngày " is kept
    ctx.drafts.append(Draft(Severity.ERROR, Code.LUNAR_DAY, message, edits))
    return False
