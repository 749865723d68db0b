"""``/check``: the "Kiểm tra văn bản" box. GET shows it; POST checks a pasted draft or a .docx.

POST takes a form (``text``, or ``file`` as multipart, optional ``year``), a raw body
(``text/plain`` or a .docx), or JSON ``{"text": ..., "year": ...}``, and answers JSON when asked
(``?format=json`` or ``Accept: application/json``), else the page with each mention highlighted.
The body is read up to a limit (413 beyond it); nothing is kept after the response; a file that
is not a Word document, or a zip bomb, gets 400 with a message.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import urllib.parse
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from calendar_gen.check.document import Options, Report, check_blocks, check_text
from calendar_gen.check.findings import Severity, severity_order
from calendar_gen.check.report import to_data
from calendar_gen.check.wordfile import ZIP_MAGIC, WordError, read
from calendar_gen.model import Anniversary
from calendar_gen.render.text import environment
from calendar_gen.web.responses import HTML, SECURITY, error
from calendar_gen.web.routes import state_of

MAX_BODY = 4 * 1024 * 1024  # a pasted draft or a .docx; more is refused with 413
TOO_BIG = "Văn bản hoặc tệp quá lớn (tối đa 4 MB)."
SEVERITY_VI = {Severity.ERROR: "Lỗi", Severity.WARNING: "Cảnh báo", Severity.INFO: "Ghi chú"}


class BadInput(ValueError):
    """A request the page cannot check; the message is shown to the officer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Draft:
    """What was posted: text or the bytes of a .docx, and the year asked for."""

    text: str | None
    word: bytes | None
    year: int | None
    want_json: bool


async def check_page(request: Request) -> Response:
    """``GET /check``: the empty box; ``POST /check``: the report."""
    if request.method != "POST":
        return _page(request, None, "", None, 200)
    want_json = _wants_json(request)
    try:
        draft = _parse(request, await _body(request), want_json)
        entries = state_of(request).store.get().catalogue.entries  # never waits for a reload
        report = await run_in_threadpool(_check, draft, entries)
    except BadInput as exc:
        if want_json:
            return JSONResponse({"error": str(exc)}, status_code=exc.status, headers=SECURITY)
        return _page(request, None, "", str(exc), exc.status) if exc.status != 413 else error(413, str(exc))
    if draft.want_json:
        return JSONResponse(to_data(report), headers={"Cache-Control": "no-store", **SECURITY})
    return _page(request, report, draft.text or "", None, 200)


def _wants_json(request: Request) -> bool:
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


async def _body(request: Request) -> bytes:
    """The body, refused with 413 as soon as it passes the limit (never buffered whole)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise BadInput(413, TOO_BIG)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise BadInput(413, TOO_BIG)
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(request: Request, body: bytes, want_json: bool) -> Draft:
    """The draft from a form, a multipart upload, JSON or a raw body."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fields: dict[str, str] = {}
    word: bytes | None = None
    if kind == "application/x-www-form-urlencoded":
        fields = {k: v[0] for k, v in urllib.parse.parse_qs(_text(body), keep_blank_values=True).items()}
    elif kind == "multipart/form-data":
        fields, word = _multipart(request.headers.get("content-type", ""), body)
    elif kind == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            raise BadInput(400, "JSON không hợp lệ.") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise BadInput(400, 'JSON phải có dạng {"text": "..."}.')
        fields = {"text": data["text"], "year": str(data.get("year") or "")}
    elif body.startswith(ZIP_MAGIC):
        word = body
    else:
        fields = {"text": _text(body)}
    want_json = want_json or fields.get("format") == "json"
    text = fields.get("text", "").replace("\r\n", "\n")
    if word is None and not text.strip():
        raise BadInput(400, "Hãy dán văn bản hoặc chọn một tệp .docx để kiểm tra.")
    return Draft(text if word is None else None, word, _year(fields.get("year", "")), want_json)


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
    """Fields and the uploaded file of a multipart body (the standard library's MIME parser)."""
    parser = email.parser.BytesParser(policy=email.policy.HTTP)
    message = parser.parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise BadInput(400, "Dữ liệu gửi lên không đọc được.")
    fields: dict[str, str] = {}
    word: bytes | None = None
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        if name == "file":
            if payload:
                word = payload if payload.startswith(ZIP_MAGIC) or part.get_filename() else None
                if word is None:
                    fields["text"] = _text(payload)
        else:
            fields[name] = _text(payload)
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


def _page(request: Request, report: Report | None, text: str, problem: str | None, status: int) -> Response:
    state = state_of(request)
    template = environment(state.templates).get_template("check.html.j2")
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
    )
    headers = {"Cache-Control": "no-store", **SECURITY}
    return Response(page.encode("utf-8"), status_code=status, media_type=HTML, headers=headers)
