"""Tabular output: a terminal table, Markdown, CSV and JSON (the stable contract)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence

from calendar_gen.engine.listing import Choice
from calendar_gen.model import Occurrence
from calendar_gen.render.formatting import DateStyle, date_label, mention
from calendar_gen.render.records import FIELDS, lunar_cell, record

HEADERS = ("Ngày", "Âm lịch", "Phân loại", "Nội dung")


def rows(occurrences: Sequence[Occurrence], style: DateStyle) -> list[tuple[str, str, str, str]]:
    """One row per occurrence: solar date, lunar date, round class, mention."""
    result = []
    for occ in occurrences:
        label = occ.round_class.label if occ.round_class and occ.round_class.value != "khac" else ""
        result.append((date_label(occ, style), lunar_cell(occ), label, mention(occ, style)))
    return result


def table(occurrences: Sequence[Occurrence], style: DateStyle = DateStyle.ND30) -> str:
    """A plain-text table aligned in columns (text is NFC, so one character is one column)."""
    body = rows(occurrences, style)
    if not body:
        return "Không có ngày kỷ niệm nào trong danh mục đã chọn.\n"
    widths = [max(len(row[i]) for row in (HEADERS, *body)) for i in range(3)]

    def line(row: Sequence[str]) -> str:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        return "  ".join([*cells, row[3]]).rstrip()

    rule = "  ".join(["-" * w for w in widths] + ["-" * len(HEADERS[3])])
    return "\n".join([line(HEADERS), rule, *(line(r) for r in body)]) + "\n"


def markdown(occurrences: Sequence[Occurrence], style: DateStyle = DateStyle.ND30) -> str:
    """A Markdown pipe table; pipes, line breaks and raw HTML inside cells are escaped."""

    def cell(text: str) -> str:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")

    lines = ["| " + " | ".join(HEADERS) + " |", "| --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows(occurrences, style)]
    return "\n".join(lines) + "\n"


def to_csv(occurrences: Sequence[Occurrence | Choice], style: DateStyle = DateStyle.ND30) -> str:
    """CSV with the JSON fields as columns; tags joined with ';'."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for occ in occurrences:
        data = record(occ, style)
        data["tags"] = ";".join(data["tags"])
        writer.writerow({key: _csv_cell(value) for key, value in data.items()})
    return buffer.getvalue()


# json.dumps(..., ensure_ascii=False) builds this encoder anew for each record (issue 21).
_JSON = json.JSONEncoder(ensure_ascii=False)


def to_json(
    occurrences: Sequence[Occurrence | Choice],
    style: DateStyle = DateStyle.ND30,
    today: dt.date | None = None,
) -> str:
    """A JSON list of records (README.md, "JSON output"), one record per line.

    One compact object per line keeps the output diffable and lets json use its C encoder
    (``indent`` forces the pure-Python one, several times slower on large years).
    """
    if not occurrences:
        return "[]\n"
    lines = ",\n".join(_JSON.encode(record(o, style, today)) for o in occurrences)
    return f"[\n{lines}\n]\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    """Empty for null, lower-case true/false as in the JSON output; no text starts a formula.

    A cell starting with = + - @, a tab or a carriage return is a live formula in Excel and
    LibreOffice (CSV injection): OWASP's advice is to prefix it with a single quote.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
