"""``/check``: the "Kiểm tra văn bản" box. GET shows it; POST checks a pasted draft or a .docx.

POST takes a form (``text``, or ``file`` as multipart, optional ``year``), a raw body
(``text/plain`` or a .docx), or JSON ``{"text": ..., "year": ...}``, and answers JSON when asked
(``?format=json`` or ``Accept: application/json``), else the page with each mention highlighted.
Both say the document's year the counts were checked against and where it came from. A form
field ``download`` (``annotated`` or ``corrected``) answers a file instead (issue 19, item 4): the
.docx with one comment per finding, or with each fix as a tracked change; for pasted text the
corrected text. The JSON of a .docx also gives its ``paragraphs`` (number and text), which the
findings' ``line`` and ``column`` point into.
The body is read within the limits of ``web/limits`` (size 413, deadline 408); parsing, checking
and the page run in a worker thread of the ``CHECKS`` lane, in Vietnamese, stopped when the
client leaves. Nothing is kept after the response; a file that is not a Word document, a zip
bomb or malformed JSON or multipart gets 400 with a message, never a 500.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from calendar_gen.check.document import Options, Report, check_blocks, check_text
from calendar_gen.check.findings import Severity, severity_order
from calendar_gen.check.report import comment_spans, fix_edits, fixed_text, to_data
from calendar_gen.check.wordfile import ZIP_MAGIC, WordError, read
from calendar_gen.i18n import _
from calendar_gen.model import Anniversary
from calendar_gen.render.text import environment
from calendar_gen.web.limits import CHECKS, Gone, Refused, offload, read_body
from calendar_gen.web.responses import HTML, SECURITY, error
from calendar_gen.web.routes import state_of

MAX_BODY = 4 * 1024 * 1024  # a pasted draft or a .docx; more is refused with 413
MAX_FIELDS = 16  # form fields or multipart parts: text or file, year, format, download
TOO_BIG = "Văn bản hoặc tệp quá lớn (tối đa 4 MB)."
UNREADABLE = "Dữ liệu gửi lên không đọc được."
SEVERITY_VI = {Severity.ERROR: "Lỗi", Severity.WARNING: "Cảnh báo", Severity.INFO: "Ghi chú"}
DOWNLOADS = ("annotated", "corrected")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class BadInput(Refused):
    """A request the page cannot check; the message is shown to the officer."""


@dataclass(frozen=True)
class Draft:
    """What was posted: text or the bytes of a .docx, and the year asked for."""

    text: str | None
    word: bytes | None
    year: int | None
    want_json: bool
    download: str | None = None  # "annotated" or "corrected": answer that file


@dataclass(frozen=True)
class Posted:
    """A request's body and what the worker needs to answer it (no Request crosses threads)."""

    content_type: str
    body: bytes
    want_json: bool
    templates: Path | None


async def check_page(request: Request) -> Response:
    """``GET /check``: the empty box; ``POST /check``: the report."""
    templates = state_of(request).templates
    if request.method != "POST":
        return _page(templates, None, "", None, 200)
    want_json = _wants_json(request)
    try:
        body = await read_body(request, MAX_BODY, TOO_BIG)
        posted = Posted(request.headers.get("content-type", ""), body, want_json, templates)
        entries = state_of(request).store.get().catalogue.entries  # never waits for a reload
        return await offload(request, CHECKS, _answer, posted, entries)
    except Gone:
        return Response(status_code=499)  # nobody is left to read it (nginx's "client closed")
    except Refused as exc:
        return _refusal(templates, exc, want_json)


def _refusal(templates: Path | None, exc: Refused, want_json: bool) -> Response:
    """The message as JSON, on the page (400) or as text; a body left unread closes the connection."""
    if want_json:
        response: Response = JSONResponse({"error": str(exc)}, status_code=exc.status, headers=SECURITY)
    elif exc.status == 400:
        response = _page(templates, None, "", str(exc), exc.status)
    else:
        response = error(exc.status, str(exc))
    if exc.status in (408, 413, 503):  # uvicorn then closes instead of waiting for the rest
        response.headers["Connection"] = "close"
    return response


def _wants_json(request: Request) -> bool:
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _answer(posted: Posted, entries: tuple[Anniversary, ...]) -> Response:
    """Parse, check and render, in a worker thread."""
    draft = _parse(posted)
    report = _check(draft, entries)
    if draft.download is not None:
        return _download(draft, report)
    if draft.want_json:
        data = {**to_data(report), "year": report.year, "year_source": report.year_source}
        if draft.word is not None:  # the page shows the findings over the uploaded file's paragraphs
            data["paragraphs"] = [{"number": b.number, "text": b.original} for b in report.blocks]
        return JSONResponse(data, headers={"Cache-Control": "no-store", **SECURITY})
    return _page(posted.templates, report, draft.text or "", None, 200)


def _parse(posted: Posted) -> Draft:
    """The draft from a form, a multipart upload, JSON or a raw body."""
    kind = posted.content_type.split(";")[0].strip().lower()
    body = posted.body
    fields: dict[str, str] = {}
    word: bytes | None = None
    if kind == "application/x-www-form-urlencoded":
        try:
            pairs = urllib.parse.parse_qsl(_text(body), keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except ValueError:
            raise BadInput(400, f"Biểu mẫu có quá {MAX_FIELDS} trường.") from None
        fields = {key: _clean(value) for key, value in reversed(pairs)}
    elif kind == "multipart/form-data":
        fields, word = _multipart(posted.content_type, body)
    elif kind == "application/json":
        fields = _json(body)
    elif body.startswith(ZIP_MAGIC):
        word = body
    else:
        fields = {"text": _text(body)}
    want_json = posted.want_json or fields.get("format") == "json"
    text = fields.get("text", "").replace("\r\n", "\n")
    if word is None and not text.strip():
        raise BadInput(400, "Hãy dán văn bản hoặc chọn một tệp .docx để kiểm tra.")
    download = _wanted_file(fields.get("download", ""), word is not None)
    year = _year(fields.get("year", ""))
    return Draft(text if word is None else None, word, year, want_json, download)


def _wanted_file(value: str, word: bool) -> str | None:
    """The copy asked for: none, the annotated .docx (a .docx only) or the corrected draft."""
    value = value.strip()
    if not value:
        return None
    if value not in DOWNLOADS:
        raise BadInput(
            400,
            _("'{value}' is not a copy to download; ask for annotated or corrected").format(value=value[:20]),
        )
    if value == "annotated" and not word:
        raise BadInput(
            400,
            _("the copy with comments needs a .docx file; choose the file, or download the corrected text"),
        )
    return value


def _download(draft: Draft, report: Report) -> Response:
    """The annotated or corrected copy as an attachment, made from a fresh read of the upload."""
    headers = {"Cache-Control": "no-store", **SECURITY}
    if draft.word is None:
        headers["Content-Disposition"] = 'attachment; filename="da-sua.txt"'
        body = fixed_text(report).encode("utf-8")
        return Response(body, media_type="text/plain; charset=utf-8", headers=headers)
    from calendar_gen.check.wordedit import annotate, fix

    try:
        if draft.download == "annotated":
            name, data = "gop-y.docx", annotate(read(draft.word), comment_spans(report))
        else:
            name, fixed = "da-sua.docx", fix(read(draft.word), fix_edits(report))
            data = draft.word if fixed is None else fixed  # nothing to fix: the draft as it is
    except WordError as exc:
        raise BadInput(400, f"Tệp không đọc được: {exc}") from None
    headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(data, media_type=DOCX, headers=headers)


def year_note(report: Report) -> str:
    """The document's year the counts were checked against, and where the proofreader took it from."""
    if report.year is None:
        return _(
            "The document's year: not found; enter it to check the counts written without a target year too."
        )
    sources = {
        "option": _("the year you entered"),
        "mentions": _("the year most of its mentions count to"),
        "title": _("the year in its title"),
    }
    source = sources.get(report.year_source or "", "")
    return _("The document's year: {year} ({source}).").format(year=report.year, source=source)


def _json(body: bytes) -> dict[str, str]:
    """``{"text": ..., "year": ...}``; nesting too deep for the parser is malformed JSON too."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep (item 7)
        raise BadInput(400, "JSON không hợp lệ.") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise BadInput(400, 'JSON phải có dạng {"text": "..."}.')
    year = data.get("year")
    return {"text": _clean(data["text"]), "year": str(year) if isinstance(year, int | str) and year else ""}


def _clean(text: str) -> str:
    """Text that can be written back as UTF-8: a lone surrogate (``"\\ud800"`` in JSON) is refused."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(
            400, "Văn bản có ký tự không hợp lệ (một nửa cặp UTF-16 đứng riêng); hãy dán lại văn bản."
        ) from None
    return text


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(400, "Văn bản phải ở dạng UTF-8; hoặc tải lên tệp .docx.") from None


def _year(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 9999:
        raise BadInput(400, f"Năm '{value[:20]}' không hợp lệ; ghi 4 chữ số, ví dụ 2025.")
    return int(value)


def _multipart(content_type: str, body: bytes) -> tuple[dict[str, str], bytes | None]:
    """Fields and the uploaded file of a multipart body, at most MAX_FIELDS parts.

    python-multipart reads one flat level, so parts nested 2,000 deep are only bytes (item 7).
    """
    from python_multipart.exceptions import FormParserError
    from python_multipart.multipart import FormParser, parse_options_header

    boundary = parse_options_header(content_type)[1].get(b"boundary")
    if not boundary:
        raise BadInput(400, UNREADABLE)
    parts: list[tuple[str, bytes, bool]] = []  # name, data, has a file name

    def on_part(name: bytes | None, data: bytes, named: bool) -> None:
        if len(parts) >= MAX_FIELDS:
            raise BadInput(400, f"Biểu mẫu có quá {MAX_FIELDS} trường.")
        parts.append(((name or b"").decode("utf-8", "replace"), data, named))

    parser = FormParser(
        "multipart/form-data",
        lambda field: on_part(field.field_name, field.value or b"", False),
        lambda file: on_part(file.field_name, _file_bytes(file), True),
        boundary=boundary,
        config={"MAX_MEMORY_FILE_SIZE": MAX_BODY + 1, "MAX_BODY_SIZE": MAX_BODY + 1},
    )
    try:
        parser.write(body)
        parser.finalize()
    except FormParserError:
        raise BadInput(400, UNREADABLE) from None
    return _form_fields(parts)


def _file_bytes(file: Any) -> bytes:
    file.file_object.seek(0)
    data: bytes = file.file_object.read()
    return data


def _form_fields(parts: Sequence[tuple[str, bytes, bool]]) -> tuple[dict[str, str], bytes | None]:
    """The text fields and the Word file.

    A part ``file`` is the .docx when it has a file name or starts as a zip, else its text is the draft.
    """
    fields: dict[str, str] = {}
    word: bytes | None = None
    for name, data, named in parts:
        if name != "file":
            fields.setdefault(name, _clean(_text(data)))
        elif data and (named or data.startswith(ZIP_MAGIC)):
            word = data
        elif data:
            fields["text"] = _clean(_text(data))
    return fields, word


def _check(draft: Draft, entries: tuple[Anniversary, ...]) -> Report:
    options = Options(year=draft.year)
    if draft.word is None:
        return check_text(draft.text or "", entries, options)
    try:
        return check_blocks(read(draft.word).blocks, entries, options)
    except WordError as exc:
        raise BadInput(400, f"Tệp không đọc được: {exc}") from None


def _segments(report: Report) -> list[dict[str, Any]]:
    """Each block as text pieces, the mentions marked with their worst finding (escaped by Jinja)."""
    worst: dict[tuple[int, int], Severity] = {}
    notes: dict[tuple[int, int], list[str]] = {}
    for finding in report.findings:
        key = (finding.block, finding.start)
        if key not in worst or severity_order(finding.severity) < severity_order(worst[key]):
            worst[key] = finding.severity
        notes.setdefault(key, []).append(finding.message)
    blocks: list[dict[str, Any]] = []
    by_block: dict[int, list[Any]] = {}
    for mention in report.mentions:
        by_block.setdefault(mention.block, []).append(mention)
    for number, block in enumerate(report.blocks):
        pieces: list[dict[str, str]] = []
        position = 0
        for mention in by_block.get(number, []):
            pieces.append({"text": block.text[position : mention.start], "kind": ""})
            severity = worst.get((number, mention.start))
            pieces.append(
                {
                    "text": block.text[mention.start : mention.end],
                    "kind": severity.value if severity else "ok",
                    "title": " • ".join(notes.get((number, mention.start), [mention.entry or ""])),
                }
            )
            position = mention.end
        pieces.append({"text": block.text[position:], "kind": ""})
        blocks.append({"number": block.number, "pieces": pieces})
    return blocks


def _page(
    templates: Path | None, report: Report | None, text: str, problem: str | None, status: int
) -> Response:
    template = environment(templates).get_template("check.html.j2")
    findings = []
    if report is not None:
        data = to_data(report)
        for item, finding in zip(data["findings"], report.findings, strict=True):
            findings.append({**item, "label": SEVERITY_VI[finding.severity]})
    page = template.render(
        title="Kiểm tra văn bản",
        text=text,
        problem=problem,
        checked=report is not None,
        blocks=_segments(report) if report is not None else [],
        findings=findings,
        summary=to_data(report)["summary"] if report is not None else None,
        year_note=year_note(report) if report is not None else "",
    )
    headers = {"Cache-Control": "no-store", **SECURITY}
    return Response(page.encode("utf-8"), status_code=status, media_type=HTML, headers=headers)
