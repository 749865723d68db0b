"""LanguageTool's HTTP protocol over the proofreader: ``POST /v2/check`` and ``GET /v2/languages``.

LibreOffice (7.4 and later, "LanguageTool Server"), LanguageTool's browser extensions and
libraries such as ``language-tool-python`` speak this protocol, so an officer sees a wrong count
underlined while typing. The checking is ``check_text`` of ``check/`` (the same findings as
``calendar-gen check``); this module only translates the request and the answer:

- the text is the field ``text``, or ``data``, LanguageTool's annotated text: ``markup`` parts are
  not checked (their ``interpretAs``, if any, is) but count in the offsets, as LanguageTool does;
- ``offset`` and ``length`` are UTF-16 code units of the text as sent (LanguageTool is Java);
- a match covers the wrong phrase (what the fix replaces), the fix is its replacement; the rule id
  is the finding code, notes (``info``) are shown with ``level=picky`` or when enabled by id;
- LibreOffice 7.4 sends ``text=`` unencoded (measured: raw UTF-8, ``&``, ``+``): a form body with
  bytes a URL encoder never leaves raw is read so, up to its last ``&language=``;
- errors are plain text with LanguageTool's statuses (400, 413), never a 500; body and work go
  through ``web/limits`` (the ``CHECKS`` lane, off the event loop), like ``POST /check``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from calendar_gen import __version__
from calendar_gen.check.document import Options, Report, check_text
from calendar_gen.check.findings import Code, Finding, Severity, apply_edits
from calendar_gen.check.report import phrase
from calendar_gen.i18n import N_, MissingCatalog, _, speaking
from calendar_gen.model import Anniversary
from calendar_gen.web.check import MAX_BODY, _multipart
from calendar_gen.web.limits import CHECKS, Gone, Refused, offload, read_body
from calendar_gen.web.routes import state_of

MAX_TEXT = 2_000_000  # characters checked in one request (LanguageTool's maxTextLength); 413 beyond
MAX_PARAMETERS = 64  # LanguageTool's browser extension sends about 15
CONTEXT = 40  # characters of context on each side of a match, as LanguageTool's server gives
LANGUAGES = (("vi", "vi"), ("vi", "vi-VN"))  # (code, longCode): LibreOffice asks for "vi-VN"
ACCEPTED = frozenset({"vi", "vi-vn", "auto"})
CORS = {"Access-Control-Allow-Origin": "*"}  # web editors call LanguageTool servers directly
BUILT = dt.datetime.fromtimestamp(Path(__file__).stat().st_mtime, dt.UTC).strftime("%Y-%m-%d %H:%M:%S +0000")
_UNENCODED = re.compile(rb"[\x80-\xff \t\r\n]")  # bytes a URL encoder never leaves as they are
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s)|\n+")

# Each finding code as a LanguageTool rule: (description, issue type, category id). LibreOffice
# colours TYPOS red, STYLE blue and every other category orange; dates that contradict each
# other are LanguageTool's SEMANTICS category, issue type "inconsistency".
RULES: dict[Code, tuple[str, str, str]] = {
    Code.COUNT: (N_("The count of years does not match the dates"), "inconsistency", "SEMANTICS"),
    Code.ORDER: (N_("The founding date is after the date counted to"), "inconsistency", "SEMANTICS"),
    Code.DAY: (N_("The day or month differs between the two dates"), "inconsistency", "SEMANTICS"),
    Code.MALFORMED: (N_("A date is written wrong"), "typographical", "SEMANTICS"),
    Code.IMPOSSIBLE: (N_("The date does not exist"), "inconsistency", "SEMANTICS"),
    Code.TARGET_YEAR: (N_("The year is not the document's year"), "inconsistency", "SEMANTICS"),
    Code.LUNAR_DAY: (N_("The solar date is not that of the lunar date"), "inconsistency", "SEMANTICS"),
    Code.CATALOGUE_DATE: (N_("The founding date is not the catalogue's"), "inconsistency", "SEMANTICS"),
    Code.UNKNOWN: (N_("A commemoration the catalogue does not know"), "uncategorized", "MISC"),
    Code.CLASS_LABEL: (N_("The round-anniversary label does not fit the count"), "style", "STYLE"),
    Code.DATE_STYLE: (N_("A date not written as Decree 30/2020 asks"), "style", "STYLE"),
    Code.MISSPELT: (N_("A misspelt name that changes the meaning"), "misspelling", "TYPOS"),
}
CATEGORIES = {
    "SEMANTICS": N_("Dates and counts"),
    "MISC": N_("Other"),
    "STYLE": N_("Style"),
    "TYPOS": N_("Spelling of names"),
}


class BadRequest(Refused):
    """A request LanguageTool would refuse: 400 (or 413) with a plain message."""


@dataclass(frozen=True, slots=True)
class Piece:
    """One part of the annotated text: where it starts in the checked text and in the text sent."""

    checked: int  # start in the text checked
    sent: int  # start in the text as sent (text and markup)
    checked_length: int
    sent_length: int
    markup: bool


@dataclass(frozen=True)
class Asked:
    """A parsed request: the text to check, how it maps to the text sent, and the options."""

    text: str
    sent: str
    pieces: tuple[Piece, ...]
    language: str
    enabled: frozenset[str]
    disabled: frozenset[str]
    enabled_categories: frozenset[str]
    disabled_categories: frozenset[str]
    enabled_only: bool
    picky: bool


def _vietnamese(message: str) -> str:
    """A message in Vietnamese on the event loop (the worker threads speak it already)."""
    try:
        with speaking("vi"):
            return _(message)
    except MissingCatalog:
        return _(message)


async def languages(request: Request) -> Response:
    """``GET /v2/languages``: Vietnamese, with and without the country (LibreOffice needs vi-VN)."""
    name = _vietnamese("Vietnamese")
    body = [{"name": name, "code": code, "longCode": long} for code, long in LANGUAGES]
    return JSONResponse(body, headers={"Cache-Control": "max-age=3600", **CORS})


async def check(request: Request) -> Response:
    """``POST /v2/check`` (or GET with the same parameters): LanguageTool's JSON answer."""
    if request.method == "OPTIONS":  # a web editor's CORS preflight
        allowed = {
            "Access-Control-Allow-Methods": "GET, POST",
            "Access-Control-Allow-Headers": "Content-Type",
        }
        return Response(status_code=204, headers={**CORS, **allowed})
    try:
        if request.method == "POST":
            too_big = _vietnamese(N_("The request is too large (at most 4 MB)."))
            body = await read_body(request, MAX_BODY, too_big)
            kind = request.headers.get("content-type", "application/x-www-form-urlencoded")
        else:
            body, kind = request.scope["query_string"], "application/x-www-form-urlencoded"
        entries = state_of(request).store.get().catalogue.entries  # never waits for a reload
        return await offload(request, CHECKS, _answer, kind, body, entries)
    except Gone:
        return Response(status_code=499)  # nobody is left to read it
    except Refused as exc:
        headers = {**CORS, "Connection": "close"} if exc.status in (408, 413, 503) else CORS
        return PlainTextResponse(f"{exc}\n", status_code=exc.status, headers=headers)


def _answer(kind: str, body: bytes, entries: tuple[Anniversary, ...]) -> Response:
    """Parse, check and answer, in a worker thread (Vietnamese)."""
    asked = parse(kind, body)
    options = Options(nd30=Code.DATE_STYLE.value in asked.enabled)
    report = check_text(asked.text, entries, options)
    return JSONResponse(answer(asked, report), headers={"Cache-Control": "no-store", **CORS})


def parse(kind: str, body: bytes) -> Asked:
    """The request's parameters, as LanguageTool reads them."""
    fields = _fields(kind.split(";")[0].strip().lower(), kind, body)
    text, data = fields.get("text"), fields.get("data")
    if text is not None and data is not None:
        raise BadRequest(400, _("Set only 'text' or 'data', not both."))
    if text is None and data is None:
        raise BadRequest(400, _("Missing 'text' or 'data' parameter."))
    language = fields.get("language", "").strip()
    if not language:
        raise BadRequest(400, _("Missing 'language' parameter; use 'language=vi-VN' or 'language=auto'."))
    if language.lower() not in ACCEPTED:
        message = _(
            "'{code}' is not a language code this server knows; it checks Vietnamese: vi, vi-VN, auto."
        )
        raise BadRequest(400, message.format(code=language[:40]))
    if text is not None:
        pieces: tuple[Piece, ...] = (Piece(0, 0, len(text), len(text), False),)
        checked, sent = text, text
    else:
        checked, sent, pieces = _annotated(data or "")
    if len(checked) > MAX_TEXT:
        message = _("Your text exceeds the limit of {limit} characters (it has {size}); send a shorter text.")
        raise BadRequest(413, message.format(limit=MAX_TEXT, size=len(checked)))
    enabled = _ids(fields.get("enabledRules", ""))
    categories = _ids(fields.get("enabledCategories", ""))
    only = fields.get("enabledOnly", "").strip().lower() == "true"
    if only and not enabled and not categories:
        raise BadRequest(400, _("With 'enabledOnly=true', name the rules in 'enabledRules'."))
    return Asked(
        checked,
        sent,
        pieces,
        language,
        enabled,
        _ids(fields.get("disabledRules", "")),
        categories,
        _ids(fields.get("disabledCategories", "")),
        only,
        fields.get("level", "").strip().lower() == "picky",
    )


def _fields(kind: str, content_type: str, body: bytes) -> dict[str, str]:
    """The parameters of a form, a multipart body or LibreOffice 7.4's unencoded form."""
    if kind == "multipart/form-data":
        return _multipart(content_type, body)[0]
    if kind not in ("application/x-www-form-urlencoded", "text/plain", ""):
        raise BadRequest(400, _("Send the parameters as a form (application/x-www-form-urlencoded)."))
    raw = body.startswith(b"text=") and _UNENCODED.search(body) is not None
    tail = body
    fields: dict[str, str] = {}
    if raw:  # LibreOffice 7.4: "text=" + the paragraph as it is + "&language=" + the locale
        end = body.rfind(b"&language=")
        end = len(body) if end < 0 else end
        fields["text"] = _utf8(body[5:end])
        tail = body[end + 1 :]
    try:
        pairs = urllib.parse.parse_qsl(
            _utf8(tail), keep_blank_values=True, max_num_fields=MAX_PARAMETERS, errors="strict"
        )
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(
            400, _("The form has more than {count} parameters or is not UTF-8.").format(count=MAX_PARAMETERS)
        ) from None
    for key, value in pairs:
        fields.setdefault(key, value)
    for key, value in fields.items():
        _whole(key, value)
    return fields


def _utf8(data: bytes) -> str:
    """Bytes of the body as text; 400 when they are not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, _("The text must be UTF-8.")) from None


def _whole(key: str, value: str) -> None:
    """A lone surrogate (from a JSON ``\\ud800``) cannot be checked or answered: 400."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        message = _("The parameter '{name}' has an invalid character (half of a UTF-16 pair).")
        raise BadRequest(400, message.format(name=key[:40])) from None


def _ids(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def _annotated(data: str) -> tuple[str, str, tuple[Piece, ...]]:
    """The text checked, the text sent and the pieces of ``{"annotation": [...]}``."""
    invalid = _("The 'data' parameter must be JSON: {example}.").format(
        example='{"annotation": [{"text": "..."}, {"markup": "<b>"}]}'
    )
    try:
        tree = json.loads(data)
    except (ValueError, RecursionError):
        raise BadRequest(400, invalid) from None
    items = tree.get("annotation") if isinstance(tree, dict) else None
    if not isinstance(items, list):
        raise BadRequest(400, invalid)
    checked: list[str] = []
    sent: list[str] = []
    pieces: list[Piece] = []
    at_checked = at_sent = 0
    for item in items:
        text, markup = (item.get("text"), item.get("markup")) if isinstance(item, dict) else (None, None)
        if isinstance(text, str) and markup is None:
            shown, original, is_markup = text, text, False
        elif isinstance(markup, str) and text is None:
            meant = item.get("interpretAs", "")
            shown, original, is_markup = (meant if isinstance(meant, str) else ""), markup, True
        else:
            raise BadRequest(400, _("Each part of 'data' has either 'text' or 'markup'."))
        _whole("data", original)
        _whole("data", shown)
        pieces.append(Piece(at_checked, at_sent, len(shown), len(original), is_markup))
        checked.append(shown)
        sent.append(original)
        at_checked += len(shown)
        at_sent += len(original)
    return "".join(checked), "".join(sent), tuple(pieces)


class Offsets:
    """Positions in the text checked → UTF-16 code units of the text as sent (linear to build)."""

    def __init__(self, asked: Asked) -> None:
        self.pieces = asked.pieces
        self.starts = [piece.checked for piece in asked.pieces]
        # Characters beyond the Basic Multilingual Plane take two UTF-16 units: their positions.
        self.astral = [m.start() for m in _ASTRAL.finditer(asked.sent)]

    def sent(self, index: int, end: bool = False) -> int:
        """The offset in the text sent of ``index`` of the text checked (the end of a span if ``end``)."""
        if not self.pieces:
            return 0
        at = max(bisect.bisect_right(self.starts, index - 1 if end and index else index) - 1, 0)
        piece = self.pieces[at]
        if piece.markup:
            return piece.sent + (piece.sent_length if end else 0)
        return piece.sent + min(index - piece.checked, piece.sent_length)

    def utf16(self, index: int) -> int:
        """``index`` of the text sent in UTF-16 code units."""
        return index + bisect.bisect_left(self.astral, index)


def answer(asked: Asked, report: Report) -> dict[str, Any]:
    """LanguageTool's JSON: software, language, matches."""
    offsets = Offsets(asked)
    block = report.blocks[0]
    text = block.text
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    matches = [
        _match(finding, text, block.original_offset, offsets, ends)
        for finding in report.findings
        if _shown(finding, asked)
    ]
    name = _("Vietnamese")
    code = "vi-VN" if asked.language.lower() != "vi" else "vi"
    detected = {"name": name, "code": "vi-VN", "confidence": 1.0, "source": "calendar-gen"}
    return {
        "software": {
            "name": "calendar-gen",
            "version": __version__,
            "buildDate": BUILT,
            "apiVersion": 1,
            "premium": False,
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": {"name": name, "code": code, "detectedLanguage": detected},
        "matches": matches,
    }


def _shown(finding: Finding, asked: Asked) -> bool:
    """LanguageTool's rule selection: enabled and disabled ids and categories, ``enabledOnly``, level."""
    code = finding.code.value
    category = RULES[finding.code][2]
    if code in asked.disabled or category in asked.disabled_categories:
        return False
    named = code in asked.enabled or category in asked.enabled_categories
    if asked.enabled_only:
        return named
    return named or finding.severity is not Severity.INFO or asked.picky


def _match(
    finding: Finding, text: str, original: Callable[[int], int], offsets: Offsets, ends: Sequence[int]
) -> dict[str, Any]:
    """One finding as a LanguageTool match over the wrong phrase, the fix as its replacement."""
    start, end = phrase(finding) if finding.edits else (finding.start, finding.end)
    replacements = [{"value": apply_edits(text[start:end], finding.edits, start)}] if finding.edits else []
    first = offsets.utf16(offsets.sent(original(start)))
    last = offsets.utf16(offsets.sent(original(end), end=True))
    description, issue, category = RULES[finding.code]
    return {
        "message": finding.message,
        "shortMessage": _(description),
        "replacements": replacements,
        "offset": first,
        "length": max(last - first, 0),
        "context": _context(text, start, end),
        "sentence": _sentence(text, start, end, ends),
        "type": {"typeName": "Hint" if finding.severity is Severity.INFO else "Other"},
        "rule": {
            "id": finding.code.value,
            "description": _(description),
            "issueType": issue,
            "category": {"id": category, "name": _(CATEGORIES[category])},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _context(text: str, start: int, end: int) -> dict[str, Any]:
    """Up to CONTEXT characters on each side, "..." where cut; offsets in UTF-16 units."""
    left, right = max(start - CONTEXT, 0), min(end + CONTEXT, len(text))
    before = ("..." if left else "") + text[left:start].replace("\n", " ")
    wrong = text[start:end].replace("\n", " ")
    after = text[end:right].replace("\n", " ") + ("..." if right < len(text) else "")
    units = [len(part.encode("utf-16-le")) // 2 for part in (before, wrong)]
    return {"text": before + wrong + after, "offset": units[0], "length": units[1]}


def _sentence(text: str, start: int, end: int, ends: Sequence[int]) -> str:
    """The sentence (or line) holding the match: between the sentence ends around it."""
    at = bisect.bisect_right(ends, start)
    left = ends[at - 1] if at else 0
    after = bisect.bisect_left(ends, end)
    right = ends[after] if after < len(ends) else len(text)
    return text[left:right].strip()
