"""The output formats of the list commands and of ``month`` and ``year`` (``-f``)."""

from __future__ import annotations

from enum import StrEnum


class TextFormat(StrEnum):
    """Output formats of the list commands."""

    TEXT = "text"
    TABLE = "table"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"


class SheetFormat(StrEnum):
    """Output formats of month and year: the list formats and the printable sheets."""

    TEXT = "text"
    TABLE = "table"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
