"""Word drafts: read every paragraph of every story safely, with the runs that hold its text.

A .docx is a zip: ``package.unpack`` inflates it in bounded chunks before python-docx opens it,
so a zip bomb is refused with a message, not unpacked. The stories read are the body (tables and
text boxes included), then the headers, footers, footnotes and endnotes (issue 19, item 3); the
paragraphs are numbered from 1 in that order. The walk is iterative over the XML, each table cell
once, whatever ``w:gridSpan`` or ``w:vMerge`` say, and it stops with a refusal past a number of
paragraphs or characters, so the work is bounded by the text, not the markup (issue 23, item 2).
Runs are kept with their positions, so that a finding spanning a split run is anchored to the
runs it covers and a fix edits exactly those characters (``wordedit``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calendar_gen.check.package import ZIP_MAGIC, PackageError, unpack
from calendar_gen.check.source import Block, paragraph_block
from calendar_gen.i18n import _

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["ZIP_MAGIC", "Paragraphs", "Piece", "Story", "WordError", "check_zip", "open_document", "read"]

WordError = PackageError  # the name callers catch
MAX_PARAGRAPHS = 100_000  # a 30-page draft has about 600
MAX_CHARACTERS = 4_000_000  # about 1,300 pages
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W_P, W_R = f"{_W}p", f"{_W}r"
# Inside a paragraph: deleted and moved-away text, text boxes (their own paragraphs) and the
# duplicate of a text box that older readers show instead (mc:Fallback).
_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_MC}Fallback", W_P}
_STORY_TYPES = ("/header", "/footer", "/footnotes", "/endnotes")
_PARAGRAPH_TAG = re.compile(rb"<w:p[\s>/]")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run element and where its text sits in its paragraph's text."""

    run: Any  # docx.oxml CT_R
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Story:
    """One XML part read: the body, a header, a footer, the footnotes; its root and how to save it."""

    root: Any
    part: Any
    generic: bool  # a part python-docx keeps as bytes (footnotes): written back on save


@dataclass(slots=True)
class Paragraphs:
    """A document's blocks, and for each its runs; the stories they come from."""

    document: Document
    blocks: tuple[Block, ...]
    pieces: list[tuple[Piece, ...]]  # split where comments and fixes go (``wordedit``)
    stories: tuple[Story, ...]


def check_zip(data: bytes) -> dict[str, bytes]:
    """The XML parts of a .docx, inflated within the limits; refuses what is not a Word document."""
    parts = unpack(data, "Word (.docx)", None)
    if "word/document.xml" not in parts or "[Content_Types].xml" not in parts:
        raise WordError(
            _(
                "not a Word (.docx) document: it has no text of a Word document; "
                "open it in Word or LibreOffice and save it as .docx"
            )
        )
    paragraphs = sum(
        len(_PARAGRAPH_TAG.findall(body))
        for name, body in parts.items()
        if name.startswith("word/") and name.endswith(".xml")
    )
    if paragraphs > MAX_PARAGRAPHS:
        raise _too_many(paragraphs)
    return parts


def _too_many(paragraphs: int) -> WordError:
    return WordError(
        _("the document has {count} paragraphs; the proofreader reads at most {limit}").format(
            count=paragraphs, limit=MAX_PARAGRAPHS
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


def stories(document: Document) -> list[Story]:
    """The body, then each header, footer, footnotes and endnotes part, once each."""
    from docx.oxml.parser import parse_xml

    found = [Story(document.element.body, document.part, False)]
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(_STORY_TYPES):
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        if element is not None:
            found.append(Story(element, part, False))
            continue
        try:
            found.append(Story(parse_xml(part.blob), part, True))
        except Exception:  # lxml's XMLSyntaxError and friends: a broken part is not read
            raise WordError(
                _("cannot read the Word document: the part {part} is damaged").format(part=part.partname)
            ) from None
    return found


def read(data: bytes) -> Paragraphs:
    """Every paragraph of every story, numbered from 1 in reading order, within the limits."""
    document = open_document(data)
    found = stories(document)
    blocks: list[Block] = []
    pieces: list[tuple[Piece, ...]] = []
    characters = 0
    for story in found:
        for paragraph in story_paragraphs(story.root):
            runs = runs_of(paragraph)
            text = "".join(piece.run.text for piece in runs)
            characters += len(text)
            if characters > MAX_CHARACTERS:
                raise WordError(
                    _(
                        "the document has more than {limit} characters; the proofreader reads at most that"
                    ).format(limit=MAX_CHARACTERS)
                )
            if len(blocks) >= MAX_PARAGRAPHS:
                raise _too_many(len(blocks) + 1)
            blocks.append(paragraph_block(text, len(blocks) + 1))
            pieces.append(runs)
    return Paragraphs(document, tuple(blocks), pieces, tuple(found))


def story_paragraphs(root: Any) -> Iterator[Any]:
    """The paragraphs of a story in document order: tables and text boxes too, each cell once.

    ``iter`` walks the tree without recursion, so deep nesting costs no stack; cells are visited
    as elements, so a huge ``w:gridSpan`` expands nothing and vertically merged cells are linear.
    """
    fallback = {p for alternative in root.iter(f"{_MC}Fallback") for p in alternative.iter(W_P)}
    for paragraph in root.iter(W_P):
        if paragraph not in fallback:
            yield paragraph


def runs_of(paragraph: Any) -> tuple[Piece, ...]:
    """The paragraph's runs (in hyperlinks, fields and insertions too), with their positions."""
    found: list[Piece] = []
    position = 0
    stack = list(reversed(list(paragraph)))
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag in _SKIP:
            continue
        if tag == W_R:
            length = len(element.text)
            found.append(Piece(element, position, position + length))
            position += length
            continue
        stack.extend(reversed(list(element)))
    return tuple(found)
