"""Word drafts: read every paragraph (tables included) safely, annotate with comments, fix in place.

A .docx is a zip: before python-docx opens it, its directory is checked so that a zip bomb or a
file that is not a Word document is refused with a message, not unpacked. Runs are kept with
their positions, so that a finding spanning a split run ("65 năm" in one run, the dates in
another) is anchored to the runs it covers and a fix edits exactly those characters.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calendar_gen.check.findings import Edit
from calendar_gen.check.source import Block, paragraph_block
from calendar_gen.i18n import _

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

MAX_UNPACKED = 100 * 1024 * 1024  # all parts together, unpacked
MAX_RATIO = 200  # unpacked size / packed size of one part bigger than 1 MB
MAX_PARTS = 5000
ZIP_MAGIC = b"PK\x03\x04"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {f"{_W}del", f"{_W}txbxContent", f"{_W}moveFrom"}  # deleted text and text boxes


class WordError(ValueError):
    """A file that is not a Word document, or one too big to unpack; the message says which."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A run and where its text sits in its paragraph's text."""

    run: Run
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """A document's blocks, and for each the paragraph and its runs."""

    document: Document
    blocks: tuple[Block, ...]
    paragraphs: tuple[Paragraph, ...]
    pieces: tuple[tuple[Piece, ...], ...]


def check_zip(data: bytes) -> None:
    """Refuse what is not a .docx, and zip bombs, from the zip directory alone."""
    if not data.startswith(ZIP_MAGIC):
        raise WordError(_("not a Word document (.docx): the file is not a zip package"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise WordError(_("not a Word document (.docx): {reason}").format(reason=exc)) from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise WordError(_("not a Word document (.docx): it has no word/document.xml"))
    total = sum(info.file_size for info in infos)
    bomb = len(infos) > MAX_PARTS or total > MAX_UNPACKED
    bomb = bomb or any(
        info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if bomb:
        raise WordError(
            _("the .docx unpacks to {size} MB (a zip bomb?); the limit is {limit} MB").format(
                size=total // (1024 * 1024), limit=MAX_UNPACKED // (1024 * 1024)
            )
        )


def open_document(data: bytes) -> Document:
    """The python-docx document of checked bytes."""
    import docx

    check_zip(data)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise WordError(_("cannot read the Word document: {reason}").format(reason=exc)) from None


def read(data: bytes) -> Paragraphs:
    """Every paragraph of the body and its tables, numbered from 1 in reading order."""
    document = open_document(data)
    blocks: list[Block] = []
    paragraphs: list[Paragraph] = []
    pieces: list[tuple[Piece, ...]] = []
    for paragraph in _paragraphs(document):
        runs = _pieces(paragraph)
        text = "".join(piece.run.text for piece in runs)
        blocks.append(paragraph_block(text, len(blocks) + 1))
        paragraphs.append(paragraph)
        pieces.append(runs)
    return Paragraphs(document, tuple(blocks), tuple(paragraphs), tuple(pieces))


def _paragraphs(container: Any) -> Iterator[Paragraph]:
    """Paragraphs in reading order, descending into tables (each merged cell once)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _paragraphs(cell)


def _pieces(paragraph: Paragraph) -> tuple[Piece, ...]:
    """The paragraph's runs (in hyperlinks, fields and insertions too), with their positions."""
    from docx.text.run import Run

    found: list[Piece] = []
    position = 0
    stack = list(reversed(list(paragraph._p)))
    while stack:
        element = stack.pop()
        if element.tag in _SKIP:
            continue
        if element.tag == f"{_W}r":
            run = Run(element, paragraph)
            length = len(run.text)
            found.append(Piece(run, position, position + length))
            position += length
            continue
        stack.extend(reversed(list(element)))
    return tuple(found)


def runs_between(pieces: tuple[Piece, ...], start: int, end: int) -> list[Run]:
    """The runs that hold any character of ``start:end`` (original offsets)."""
    covered = [p.run for p in pieces if p.start < end and p.end > start]
    if not covered and pieces:
        covered = [min(pieces, key=lambda p: abs(p.start - start)).run]
    return covered


def annotate(doc: Paragraphs, comments: list[tuple[int, int, int, str]]) -> bytes:
    """The document with a Word comment per (block, start, end, text); the text itself untouched."""
    for block, start, end, text in comments:
        target = doc.blocks[block]
        runs = runs_between(doc.pieces[block], target.original_offset(start), target.original_offset(end))
        if runs:
            doc.document.add_comment(runs, text=text, author="calendar-gen", initials="CG")
    return _save(doc)


def fix(doc: Paragraphs, edits: dict[int, list[Edit]]) -> bytes:
    """The document with the edits made inside the runs that hold the characters."""
    for block, block_edits in edits.items():
        target = doc.blocks[block]
        for edit in sorted(block_edits, key=lambda e: e.start, reverse=True):
            _edit_runs(
                doc.pieces[block],
                target.original_offset(edit.start),
                target.original_offset(edit.end),
                edit.new,
            )
    return _save(doc)


def _edit_runs(pieces: tuple[Piece, ...], start: int, end: int, new: str) -> None:
    """Replace characters start:end of a paragraph: the new text goes into the first run touched."""
    placed = False
    for piece in pieces:
        if piece.end < start or piece.start > end or (piece.end == start and piece.start != start):
            continue
        text = piece.run.text
        local_start = max(start - piece.start, 0)
        local_end = min(end - piece.start, len(text))
        if local_start > len(text) or local_end < 0:
            continue
        insert = "" if placed else new
        piece.run.text = text[:local_start] + insert + text[local_end:]
        placed = True
        if piece.end >= end:
            break


def _save(doc: Paragraphs) -> bytes:
    buffer = io.BytesIO()
    doc.document.save(buffer)
    return buffer.getvalue()
