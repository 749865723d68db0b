"""Write the findings into a Word draft: comments over the wrong phrase, fixes as tracked changes.

Runs are split at the edges of each phrase first (one pass per paragraph over its sorted edges,
so the work is linear in runs plus findings), then a comment is anchored on exactly the runs of
the phrase, and a fix is a ``w:del`` of those runs followed by a ``w:ins`` of the new text, author
"calendar-gen", so the officer accepts or rejects each one in Word or LibreOffice (issue 19,
item 3). No date is written on a change: the same draft gives the same bytes.
"""

from __future__ import annotations

import bisect
import copy
import io
from collections.abc import Sequence
from typing import Any

from calendar_gen.check.findings import Edit
from calendar_gen.check.wordfile import W_R, Paragraphs, Piece, Story

AUTHOR = "calendar-gen"
INITIALS = "CG"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + _W_NS + "}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ONE_CHARACTER = {f"{_W}{name}" for name in ("br", "cr", "noBreakHyphen", "ptab", "tab")}
_DELETED = {f"{_W}t": f"{_W}delText", f"{_W}instrText": f"{_W}delInstrText"}


def _length(child: Any) -> int:
    """How many characters of the run's text (python-docx's ``CT_R.text``) a child gives."""
    if child.tag == f"{_W}t":
        return len(child.text or "")
    if child.tag in _ONE_CHARACTER:
        return len(str(child))
    return 0


def _split_run(run: Any, cuts: Sequence[int]) -> list[Any]:
    """The run as several runs cut at local offsets ``cuts`` (sorted, inside the run)."""
    properties = run.find(f"{_W}rPr")
    segments: list[Any] = []

    def new_segment() -> Any:
        segment = copy.deepcopy(run)
        for child in list(segment):
            if child.tag != f"{_W}rPr":
                segment.remove(child)
        segments.append(segment)
        return segment

    current = new_segment()
    position, index = 0, 0
    for child in list(run):
        if child is properties:
            continue
        while index < len(cuts) and cuts[index] <= position:
            current = new_segment()
            index += 1
        if child.tag == f"{_W}t":
            text = child.text or ""
            while index < len(cuts) and cuts[index] < position + len(text):
                head = cuts[index] - position
                piece = copy.deepcopy(child)
                piece.text = text[:head]
                piece.set(_XML_SPACE, "preserve")
                current.append(piece)
                text, position = text[head:], cuts[index]
                current = new_segment()
                index += 1
            child.text = text
            child.set(_XML_SPACE, "preserve")
        current.append(child)
        position += _length(child)
    parent = run.getparent()
    for segment in segments:
        run.addprevious(segment)
    parent.remove(run)
    return segments


def split_at(pieces: tuple[Piece, ...], edges: Sequence[int]) -> tuple[Piece, ...]:
    """The paragraph's runs with a run boundary at every one of ``edges`` (original offsets)."""
    wanted = sorted(set(edges))
    result: list[Piece] = []
    for piece in pieces:
        low = bisect.bisect_right(wanted, piece.start)
        high = bisect.bisect_left(wanted, piece.end)
        inside = wanted[low:high]
        if not inside:
            result.append(piece)
            continue
        runs = _split_run(piece.run, [cut - piece.start for cut in inside])
        bounds = [piece.start, *inside, piece.end]
        result.extend(Piece(run, a, b) for run, a, b in zip(runs, bounds[:-1], bounds[1:], strict=True))
    return tuple(result)


def covered(pieces: tuple[Piece, ...], starts: list[int], start: int, end: int) -> list[Piece]:
    """The runs exactly inside ``start:end``, found by bisection (``starts`` are the runs' starts)."""
    first = bisect.bisect_left(starts, start)
    found: list[Piece] = []
    for piece in pieces[first:]:
        if piece.start >= end:
            break
        if piece.end > piece.start:
            found.append(piece)
    if not found and pieces:
        near = min(max(first, 0), len(pieces) - 1)
        found = [pieces[near]]
    return found


class _Ids:
    """Fresh ``w:id`` values for comments and revisions, above every id the document uses."""

    def __init__(self, roots: Sequence[Any]) -> None:
        self.next = 1
        key = f"{_W}id"
        for root in roots:
            for element in root.iter():
                value = element.get(key)
                if value is not None and value.isdigit() and len(value) < 10:
                    self.next = max(self.next, int(value) + 1)

    def take(self) -> str:
        value = self.next
        self.next += 1
        return str(value)


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml.parser import OxmlElement

    return OxmlElement(tag, attrs={f"{_W}{k}" if ":" not in k else k: v for k, v in attributes.items()})


def _comment_xml(comment_id: str, text: str) -> Any:
    """A ``w:comment`` with one paragraph per line of ``text``."""
    from docx.oxml.parser import OxmlElement

    comment = _element("w:comment", id=comment_id, author=AUTHOR, initials=INITIALS)
    for number, line in enumerate(text.split("\n")):
        paragraph = OxmlElement("w:p")
        style = OxmlElement("w:pPr")
        style.append(_element("w:pStyle", val="CommentText"))
        paragraph.append(style)
        if number == 0:
            mark = OxmlElement("w:r")
            properties = OxmlElement("w:rPr")
            properties.append(_element("w:rStyle", val="CommentReference"))
            mark.append(properties)
            mark.append(OxmlElement("w:annotationRef"))
            paragraph.append(mark)
        run = OxmlElement("w:r")
        words = OxmlElement("w:t")
        words.text = line
        words.set(_XML_SPACE, "preserve")
        run.append(words)
        paragraph.append(run)
        comment.append(paragraph)
    return comment


def _anchor(first: Any, last: Any, comment_id: str) -> None:
    from docx.oxml.parser import OxmlElement

    first.addprevious(_element("w:commentRangeStart", id=comment_id))
    reference = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    properties.append(_element("w:rStyle", val="CommentReference"))
    reference.append(properties)
    reference.append(_element("w:commentReference", id=comment_id))
    last.addnext(reference)
    last.addnext(_element("w:commentRangeEnd", id=comment_id))


def _by_block(spans: Sequence[tuple[int, int, int, Any]]) -> dict[int, list[tuple[int, int, Any]]]:
    grouped: dict[int, list[tuple[int, int, Any]]] = {}
    for block, start, end, payload in spans:
        grouped.setdefault(block, []).append((start, end, payload))
    return grouped


def _prepared(doc: Paragraphs, block: int, spans: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Spans in the writer's offsets, after the runs are split at their edges."""
    target = doc.blocks[block]
    mapped = [(target.original_offset(s), target.original_offset(e), p) for s, e, p in spans]
    edges = [edge for start, end, _payload in mapped for edge in (start, end)]
    doc.pieces[block] = split_at(doc.pieces[block], edges)
    return mapped


def annotate(doc: Paragraphs, comments: list[tuple[int, int, int, str]]) -> bytes:
    """The document with a Word comment per (block, start, end, text) over exactly that phrase."""
    if not comments:
        return save(doc)
    ids = _Ids([story.root for story in doc.stories])
    container = doc.document.part._comments_part.element
    for block, spans in _by_block(comments).items():
        mapped = _prepared(doc, block, spans)
        pieces = doc.pieces[block]
        starts = [piece.start for piece in pieces]
        for start, end, text in mapped:
            runs = covered(pieces, starts, start, end)
            if not runs:
                continue
            comment_id = ids.take()
            container.append(_comment_xml(comment_id, text))
            _anchor(runs[0].run, runs[-1].run, comment_id)
    return save(doc)


def _delete(run: Any, revision: str) -> Any:
    """Wrap a run in ``w:del``: its text becomes deleted text."""
    mark = _element("w:del", id=revision, author=AUTHOR)
    run.addprevious(mark)
    mark.append(run)
    for child in run:
        if child.tag in _DELETED:
            child.tag = _DELETED[child.tag]
    return mark


def _insertion(like: Any, new: str, revision: str) -> Any:
    """A ``w:ins`` holding one run with ``like``'s formatting and the text ``new``."""
    from docx.oxml.parser import OxmlElement

    mark = _element("w:ins", id=revision, author=AUTHOR)
    run = OxmlElement("w:r")
    properties = like.find(f"{_W}rPr") if like is not None else None
    if properties is not None:
        run.append(copy.deepcopy(properties))
    words = OxmlElement("w:t")
    words.text = new
    words.set(_XML_SPACE, "preserve")
    run.append(words)
    mark.append(run)
    return mark


def fix(doc: Paragraphs, edits: dict[int, list[Edit]]) -> bytes | None:
    """The document with each edit as a tracked change; None when there is nothing to change."""
    if not any(edits.values()):
        return None
    ids = _Ids([story.root for story in doc.stories])
    for block, block_edits in edits.items():
        mapped = _prepared(doc, block, [(e.start, e.end, e.new) for e in block_edits])
        pieces = doc.pieces[block]
        starts = [piece.start for piece in pieces]
        for start, end, new in mapped:
            inside = [p for p in covered(pieces, starts, start, end) if start <= p.start and p.end <= end]
            if not inside and start == end:
                at = bisect.bisect_left(starts, start)
                if at < len(pieces) and pieces[at].run.tag == W_R:
                    pieces[at].run.addprevious(_insertion(pieces[at].run, new, ids.take()))
                continue
            if not inside:
                continue
            last = None
            for piece in inside:
                last = _delete(piece.run, ids.take())
            if new and last is not None:
                last.addnext(_insertion(inside[0].run, new, ids.take()))
    return save(doc)


def _store(story: Story) -> None:
    """Write back a part python-docx keeps as bytes."""
    from lxml import etree

    if story.generic:
        story.part._blob = etree.tostring(story.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def save(doc: Paragraphs) -> bytes:
    """The document's bytes, with every edited story written back."""
    for story in doc.stories:
        _store(story)
    buffer = io.BytesIO()
    doc.document.save(buffer)
    return buffer.getvalue()
