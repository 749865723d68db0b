"""LibreOffice drafts (.odt): every paragraph and heading of the text, its notes and its frames.

The ODF package is unpacked by ``package.unpack`` (bounded, like a .docx) and ``content.xml`` is
read with lxml without network access or entity expansion. A paragraph's text is its own: notes
and text boxes inside it are paragraphs of their own, read after it; tracked deletions are not
text. The walk uses an explicit stack, so nesting costs no recursion.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from calendar_gen.check.package import PackageError, unpack
from calendar_gen.check.source import Block, paragraph_block
from calendar_gen.check.wordfile import MAX_CHARACTERS, MAX_PARAGRAPHS
from calendar_gen.i18n import _

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_PARAGRAPHS = {f"{_TEXT}p", f"{_TEXT}h"}
# Inside a paragraph: text of its own paragraphs (notes, frames), comments, and deleted text.
_NOT_TEXT = {f"{_TEXT}note", f"{_DRAW}frame", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes"}
_MAX_SPACES = 1000
ODT_MIME = b"application/vnd.oasis.opendocument.text"


def _root(data: bytes) -> Any:
    from lxml import etree

    parts = unpack(data, "LibreOffice (.odt)", ("mimetype", "content.xml"))
    if "content.xml" not in parts or not parts.get("mimetype", b"").startswith(ODT_MIME):
        raise PackageError(
            _("not a LibreOffice text document (.odt): open it in LibreOffice and save it as .odt or .docx")
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(parts["content.xml"], parser)
    except etree.XMLSyntaxError as exc:
        raise PackageError(
            _("cannot read the LibreOffice document: its text is damaged ({reason})").format(reason=exc)
        ) from None


def _text(paragraph: Any) -> str:
    """The paragraph's own text: spans and links, spaces, tabs and line breaks; not its notes."""
    out: list[str] = [paragraph.text or ""]
    stack: list[tuple[Any, bool]] = [(child, False) for child in reversed(list(paragraph))]
    while stack:
        element, tail_only = stack.pop()
        if not tail_only:
            tag = element.tag
            if tag == f"{_TEXT}s":
                out.append(" " * min(int(element.get(f"{_TEXT}c", "1") or 1), _MAX_SPACES))
            elif tag == f"{_TEXT}tab":
                out.append("\t")
            elif tag == f"{_TEXT}line-break":
                out.append("\n")
            elif tag not in _NOT_TEXT and tag not in _PARAGRAPHS:
                out.append(element.text or "")
                stack.append((element, True))
                stack.extend((child, False) for child in reversed(list(element)))
                continue
        out.append(element.tail or "")
    return "".join(out)


def _paragraphs(root: Any) -> Iterator[Any]:
    deleted = {p for changes in root.iter(f"{_TEXT}tracked-changes") for p in changes.iter(*_PARAGRAPHS)}
    for paragraph in root.iter(*_PARAGRAPHS):
        if paragraph not in deleted:
            yield paragraph


def read_odt(data: bytes) -> tuple[Block, ...]:
    """Every paragraph and heading of an .odt, numbered from 1, within the proofreader's limits."""
    blocks: list[Block] = []
    characters = 0
    for paragraph in _paragraphs(_root(data)):
        text = _text(paragraph)
        characters += len(text)
        if len(blocks) >= MAX_PARAGRAPHS or characters > MAX_CHARACTERS:
            raise PackageError(
                _("the document is too long: the proofreader reads at most {paragraphs} paragraphs and "
                  "{characters} characters").format(paragraphs=MAX_PARAGRAPHS, characters=MAX_CHARACTERS)
            )  # fmt: skip
        blocks.append(paragraph_block(text, len(blocks) + 1))
    return tuple(blocks)
