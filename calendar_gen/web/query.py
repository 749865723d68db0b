"""Read and check the query strings of the web routes.

Every mistake is a QueryError naming the parameter, which the server answers with 400.
Pure: the catalogue and today come in as arguments.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from calendar_gen.catalogue.types import SCOPE, SLUG, Catalogue
from calendar_gen.render.feed import FeedQuery, feed_scopes
from calendar_gen.web.scopes import known_scopes

MAX_QUERY = 2048  # characters in the whole query string
MAX_VALUE = 256  # characters in one parameter
MAX_FEED_YEARS = 10  # years in one served feed: about 1 MB per 1,000 entries (issue 10, item 14)
MAX_API_DAYS = 366  # days in one /api/occurrences answer
FEED_PARAMS = ("scope", "tag", "kind", "round", "alarm", "from", "to", "all")
API_PARAMS = ("from", "to", "scope", "tag", "kind", "round")
PAGE_PARAMS = ("scope",)  # month and year sheets, their PDF, DOCX and paragraph
# Parameters that sharing adds to a link (Facebook, Google Ads, Zalo, Mailchimp, Instagram,
# Google Analytics, HubSpot, Microsoft, TikTok, Yandex ...): dropped before a query is read, so a
# shared link gives the same bytes as the clean one. Matched case-insensitively on the whole name.
TRACKING = re.compile(
    r"(?:utm_[a-z0-9_]+|fbclid|fb_action_ids|fb_action_types|fb_ref|fb_source|gclid|gclsrc|dclid|gbraid"
    r"|wbraid|gad_source|msclkid|twclid|ttclid|yclid|li_fat_id|igshid|igsh|mc_cid|mc_eid|_ga|_gl"
    r"|_hsenc|_hsmi|mkt_tok|zarsrc|zalo_[a-z0-9_]+|gidzl|si"
    # Share parameters that in-app browsers and share sheets add (issue 23): Facebook's app
    # (mibextid, __tn__, __cft__[0], __xts__[0], sfnsn, rdid, share_url, _rdr, _rdc, refsrc,
    # hc_ref), Twitter/X (s), MSN and Outlook (ocid), WeChat/Zalo (isappinstalled), and the
    # generic ref / ref_src / ref_url. None is a letter away from a real parameter (no "t": "to").
    r"|mibextid|__tn__|__cft__(?:\[\d+\])?|__xts__(?:\[\d+\])?|sfnsn|rdid|share_url|_rdr|_rdc"
    r"|refsrc|hc_ref|s|ocid|isappinstalled|ref|ref_src|ref_url)\Z",
    re.IGNORECASE,
)
# ``from`` is a real parameter (the first year); these values are what WeChat and Zalo add when a
# link is shared to a chat or a timeline, and are dropped like the tracking parameters.
SHARE_FROM = re.compile(r"(?:singlemessage|groupmessage|timeline)\Z", re.IGNORECASE)
TRUE = {"1", "true", "yes", "on"}
FALSE = {"", "0", "false", "no", "off"}


Items = tuple[tuple[str, str], ...]


def normalise(items: Iterable[tuple[str, str]], order: Sequence[str]) -> Items:
    """The query as it is cached and read: values stripped, empty ones dropped, a fixed order.

    Every parser below strips values and reads an empty value as absent, so ``?&&&``,
    ``?round=1%20`` and ``?to=&round=1`` are the same query as ``?round=1`` and share one cache
    entry. Tracking parameters (``TRACKING``) are dropped. Known parameters keep the order of
    ``order``; unknown ones follow (they are refused).
    """
    rank = {key: index for index, key in enumerate(order)}
    kept = [(key, value.strip()) for key, value in items if value.strip() and not _shared(key, value)]
    return tuple(sorted(kept, key=lambda item: (rank.get(item[0], len(rank)), item[0], item[1])))


def _shared(key: str, value: str) -> bool:
    """Whether a parameter was added by sharing (``TRACKING``, or ``from=singlemessage``)."""
    return bool(TRACKING.match(key)) or (key == "from" and bool(SHARE_FROM.match(value.strip())))


def query_string(items: Items) -> str:
    """A normalised query written back as a URL query, with ':' and ',' left readable."""
    import urllib.parse

    return urllib.parse.urlencode(items, safe=":,", quote_via=urllib.parse.quote)


class QueryError(ValueError):
    """A bad query parameter; ``str()`` names it, in Vietnamese (the browser shows it)."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        super().__init__(f"tham số '{param}': {message}")


def single_values(
    items: Iterable[tuple[str, str]], allowed: Sequence[str], raw_length: int
) -> dict[str, str]:
    """Query items as a dict; unknown, repeated and oversized parameters are errors."""
    if raw_length > MAX_QUERY:
        raise QueryError("query", f"chuỗi tham số dài quá {MAX_QUERY} ký tự")
    values: dict[str, str] = {}
    for key, value in items:
        if key not in allowed:
            raise QueryError(key, f"không có tham số này; dùng {', '.join(allowed)}")
        if key in values:
            raise QueryError(key, "bị lặp lại; ghi nhiều giá trị cách nhau bằng dấu phẩy (tag=a,b)")
        if len(value) > MAX_VALUE:
            raise QueryError(key, f"dài quá {MAX_VALUE} ký tự")
        values[key] = value.strip()
    return values


def _list(values: dict[str, str], key: str) -> tuple[str, ...]:
    return tuple(v for v in (part.strip() for part in values.get(key, "").split(",")) if v)


def _scopes(values: dict[str, str], catalogue: Catalogue) -> tuple[str, ...]:
    scopes = _list(values, "scope")
    known = known_scopes(catalogue)
    for scope in scopes:
        if not (SCOPE.fullmatch(scope) or scope in ("province", "sector")) or scope not in known:
            raise QueryError(
                "scope", f"không có phạm vi '{scope}'; các phạm vi có: {', '.join(sorted(known))}"
            )
    return scopes


def _tags(values: dict[str, str], catalogue: Catalogue) -> tuple[str, ...]:
    tags = _list(values, "tag")
    known = {t for e in catalogue.entries for t in e.tags}
    for tag in tags:
        if not SLUG.fullmatch(tag) or tag not in known:
            raise QueryError("tag", f"không có chủ đề '{tag}'")
    return tags


def _kinds(values: dict[str, str], catalogue: Catalogue) -> tuple[str, ...]:
    kinds = _list(values, "kind")
    known = {e.kind for e in catalogue.entries if e.kind}
    for kind in kinds:
        if kind not in known:
            raise QueryError("kind", f"không có loại '{kind}'; các loại có: {', '.join(sorted(known))}")
    return kinds


def _flag(values: dict[str, str], key: str) -> bool:
    value = values.get(key, "").lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise QueryError(key, f"'{value}' không phải 1 hoặc 0")


def _year(values: dict[str, str], key: str) -> int | None:
    value = values.get(key)
    if not value:
        return None
    if not re.fullmatch(r"\d{1,4}", value) or not 1 <= int(value) <= 9998:
        raise QueryError(key, f"'{value}' không phải năm từ 1 đến 9998")
    return int(value)


def feed_query(
    items: Iterable[tuple[str, str]], raw_length: int, catalogue: Catalogue, today: dt.date
) -> FeedQuery:
    """``/feed.ics?scope=&tag=&kind=&round=&alarm=&from=&to=``."""
    values = single_values(items, FEED_PARAMS, raw_length)
    alarm = None
    if values.get("alarm"):
        text = values["alarm"]
        if not re.fullmatch(r"\d{1,2}", text) or int(text) > 60:
            raise QueryError("alarm", f"'{text}' không phải số ngày từ 0 đến 60")
        alarm = int(text)
    query = FeedQuery(
        scopes=feed_scopes(_scopes(values, catalogue)),
        tags=_tags(values, catalogue),
        kinds=_kinds(values, catalogue),
        round_only=_flag(values, "round"),
        alarm=alarm,
        first=_year(values, "from"),
        last=_year(values, "to"),
        everything=_flag(values, "all"),
    )
    first, last = query.years(today)
    if first > last:
        raise QueryError("from", f"năm {first} sau năm {last}")
    if last - first + 1 > MAX_FEED_YEARS:
        raise QueryError(
            "to",
            f"{first}–{last} dài hơn {MAX_FEED_YEARS} năm; mỗi lịch tối đa {MAX_FEED_YEARS} năm, "
            "hãy chọn from và to gần nhau hơn",
        )
    return query


def _date(values: dict[str, str], key: str) -> dt.date:
    value = values.get(key)
    if not value:
        raise QueryError(key, "thiếu; ghi ngày dạng YYYY-MM-DD")
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(key, f"'{value}' không phải ngày; ghi dạng YYYY-MM-DD") from None


def api_query(
    items: Iterable[tuple[str, str]], raw_length: int, catalogue: Catalogue
) -> tuple[dt.date, dt.date, FeedQuery]:
    """``/api/occurrences?from=YYYY-MM-DD&to=YYYY-MM-DD`` with the feed filters."""
    values = single_values(items, API_PARAMS, raw_length)
    start, end = _date(values, "from"), _date(values, "to")
    if start > end:
        raise QueryError("from", f"ngày {start} sau ngày {end}")
    if (end - start).days + 1 > MAX_API_DAYS:
        raise QueryError(
            "to", f"khoảng thời gian dài hơn {MAX_API_DAYS} ngày; mỗi lần hỏi tối đa {MAX_API_DAYS} ngày"
        )
    query = FeedQuery(
        _scopes(values, catalogue),
        _tags(values, catalogue),
        _kinds(values, catalogue),
        _flag(values, "round"),
    )
    return start, end, query


def page_scopes(items: Iterable[tuple[str, str]], catalogue: Catalogue) -> tuple[str, ...]:
    """``/month/YYYY-MM?scope=`` and ``/year/YYYY?scope=``: the scopes of a sheet."""
    return _scopes(single_values(items, PAGE_PARAMS, 0), catalogue)
