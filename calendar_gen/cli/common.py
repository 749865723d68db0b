"""What several commands do before rendering: the clock, catalogue paths, loading, filters, checks.

The CLI is one of the two places (with the server) that read the clock and the environment.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from calendar_gen.characters import FORBIDDEN, PLANE_NONCHARACTERS
from calendar_gen.cli.errors import bad_parameter, echo_error, leave
from calendar_gen.i18n import _, ngettext

if TYPE_CHECKING:
    from calendar_gen.catalogue.types import Catalogue
    from calendar_gen.model import Anniversary
    from calendar_gen.problems import Problem

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # Vietnam keeps UTC+7 all year, no DST


# Options are one line: tab, LF and CR too; also the Arabic letter mark and LRM/RLM (invisible
# direction marks) and the non-characters of the supplementary planes. The patterns of this module
# are strings, compiled on first use through re's cache: compiling them when the module is
# imported cost 0.7 ms of every cold start, mostly this one (issue 21).
_OPTION_FORBIDDEN = f"[{FORBIDDEN}\t\n\r\u061c\u200e\u200f{PLANE_NONCHARACTERS}]"


def bad_character(text: str) -> tuple[int, str] | None:
    """The first character no text option may hold, with its 1-based position; None when clean.

    In a document header or a feed such characters break the file (DOCX, iCalendar) or hide what
    the text says (calendar_gen.characters).
    """
    found = re.search(_OPTION_FORBIDDEN, text)
    return None if found is None else (found.start() + 1, f"U+{ord(found.group()):04X}")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a message for the user on standard error and exit."""
    echo_error(f"calendar-gen: {message}")
    leave(code)


def resolve_today(text: str | None) -> dt.date:
    """``--today`` or the current date in Vietnam."""
    if text is None:
        return dt.datetime.now(VIETNAM).date()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):  # ASCII digits only (issue 10, item 10)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise bad_parameter(
        _("'{text}' is not a date; use YYYY-MM-DD, e.g. 2024-03-01").format(text=text), "--today"
    )


def catalogue_paths(catalogue: list[Path] | None, no_default: bool, province: list[str] | None) -> list[Path]:
    """The files to read, in order: shipped catalogue, province overlays, then the user's files."""
    from calendar_gen.cli.provincechoice import overlay_paths, resolve_choices
    from calendar_gen.paths import default_catalogue

    paths = [] if no_default else [default_catalogue()]
    paths.extend(overlay_paths(resolve_choices(province)))
    paths.extend(catalogue or [])
    if not paths:
        raise bad_parameter(
            _("nothing to read: with --no-default give at least one --catalogue FILE"),
            "--no-default",
        )
    return paths


def cache_dir() -> Path | None:
    """Where validated catalogues are cached (README.md, "Cache"); None when disabled."""
    import os

    if os.environ.get("CALENDAR_GEN_NO_CACHE"):
        return None
    if explicit := os.environ.get("CALENDAR_GEN_CACHE_DIR"):
        return Path(explicit)
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home folder
        return None
    return base / "calendar-gen"


def report_problems(problems: list[Problem], header: str) -> None:
    """Print a count line and every problem, one per line, on standard error."""
    echo_error(f"calendar-gen: {header}")
    for problem in problems:
        echo_error(f"  {problem}")


def load_catalogue(paths: list[Path]) -> Catalogue:
    """Load and validate (through the cache); on problems print every one and exit 1."""
    from calendar_gen.catalogue import cache
    from calendar_gen.cli.inputs import CATALOGUE, remember
    from calendar_gen.problems import CatalogueError

    for path in paths:  # an -o onto one of them is refused (issue 23, item 9)
        remember(path, CATALOGUE)
    try:
        return cache.load(paths, cache_dir())
    except CatalogueError as exc:
        count = len(exc.problems)
        header = ngettext("{count} problem in the catalogue:", "{count} problems in the catalogue:", count)
        report_problems(exc.problems, header.format(count=count))
        leave(1)


def selected_entries(
    catalogue: list[Path] | None,
    no_default: bool,
    province: list[str] | None,
    scope: list[str] | None,
    tag: list[str] | None,
    kind: list[str] | None,
) -> tuple[Catalogue, list[Anniversary]]:
    """Load the catalogues and apply the scope, tag and kind filters."""
    from calendar_gen.engine.selection import select

    check_filters(scope, kind)
    loaded = only_chosen(load_catalogue(catalogue_paths(catalogue, no_default, province)), province)
    check_tags(tag, loaded)
    return loaded, select(loaded.entries, scope or (), tag or (), kind or ())


def only_chosen(loaded: Catalogue, province: list[str] | None) -> Catalogue:
    """Drop the days of former provinces not asked for (``-p kon-tum`` reads the Quảng Ngãi overlay)."""
    if not province:
        return loaded
    from calendar_gen.catalogue.provinces import restrict
    from calendar_gen.cli.provincechoice import resolve_choices

    return restrict(loaded, resolve_choices(province))


def check_tags(tags: list[str] | None, loaded: Catalogue) -> None:
    """A tag no entry carries is a typo, not an empty result."""
    from calendar_gen.problems import did_you_mean

    known = sorted({t for e in loaded.entries for t in e.tags})
    for tag in tags or []:
        if tag not in known:
            hint = did_you_mean(tag, known) or _("; calendar-gen month -f json lists the tags of each entry")
            raise bad_parameter(_("no entry has the tag '{tag}'").format(tag=tag) + hint, "--tag")


SCOPE_OPTION = r"(national|province|sector)(:[a-z0-9]+(-[a-z0-9]+)*)?"


def check_filters(scope: list[str] | None, kind: list[str] | None) -> None:
    """Reject scopes and kinds that cannot match anything, naming the option."""
    from calendar_gen.catalogue.types import KINDS

    for value in scope or []:
        if not re.fullmatch(SCOPE_OPTION, value) or value.startswith("national:"):
            raise bad_parameter(
                _(
                    "'{value}' is not a scope; use national, province, province:<slug>, "
                    "sector or sector:<slug>"
                ).format(value=value),
                "--scope",
            )
        if value.startswith("province:"):
            from calendar_gen.catalogue.values import unknown_province

            if unknown := unknown_province(value.removeprefix("province:")):
                raise bad_parameter(unknown, "--scope")
    for value in kind or []:
        if value not in KINDS:
            raise bad_parameter(
                _("'{value}' is not a kind; use one of {kinds}").format(value=value, kinds=", ".join(KINDS)),
                "--kind",
            )


def parse_month(text: str | None, today: dt.date) -> tuple[int, int]:
    """YYYY-MM (or MM/YYYY) in ASCII digits; the current month when absent."""
    if text is None:
        return today.year, today.month
    if match := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", text.strip()):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{4})", text.strip()):
        month, year = int(match.group(1)), int(match.group(2))
    else:
        raise bad_parameter(
            _("'{text}' is not a month; use YYYY-MM, e.g. 2024-03").format(text=text), "YYYY-MM"
        )
    if not 1 <= month <= 12 or year < 1:
        raise bad_parameter(
            _("'{text}' is not a month; months run from 01 to 12").format(text=text), "YYYY-MM"
        )
    return year, month


DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"


def check_domain(domain: str) -> None:
    """The UID domain must be a host name: it is part of every event's identity."""
    if not re.fullmatch(DOMAIN, domain):  # fullmatch: '$' would accept a trailing newline
        raise bad_parameter(
            _("'{domain}' is not a domain name such as example.gov.vn").format(domain=domain),
            "--domain",
        )


def check_url(value: str | None, option: str) -> None:
    """A public http(s) address, for subscribe links."""
    if value is not None and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise bad_parameter(
            _("'{value}' is not an http(s) address such as https://lich.example.gov.vn/").format(value=value),
            option,
        )


def feed_stamp(paths: list[Path]) -> dt.datetime:
    """DTSTAMP: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else derived from the files' content."""
    import os

    from calendar_gen.catalogue.stamps import StampError
    from calendar_gen.catalogue.stamps import feed_stamp as content_feed_stamp

    try:
        return content_feed_stamp(paths, os.environ)
    except StampError as exc:
        fail(str(exc))
