"""Blocks of text to check, NFC-normalised, with a map back to the writer's own characters.

A plain-text draft is one block (lines and columns are counted in it); a Word document gives one
block per paragraph or table-cell paragraph (its number is the "line"). Text written in NFD
(combining accents) is composed so that the patterns see one character per letter, and every
position is mapped back, so columns point at the characters the writer sees.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Block:
    """One run of text: the composed text searched and where each of its characters came from."""

    text: str
    original: str
    offsets: tuple[int, ...]  # original offset of each character of ``text``, plus len(original)
    number: int = 0  # paragraph number in a Word document; 0 for a plain-text document
    line_starts: tuple[int, ...] = field(default=(0,), compare=False)

    def original_offset(self, index: int) -> int:
        """The offset in the writer's text of ``text[index]`` (``len(text)`` maps to the end)."""
        return self.offsets[min(max(index, 0), len(self.offsets) - 1)]

    def position(self, index: int) -> tuple[int, int]:
        """(line, column), both from 1: the paragraph number in a Word document."""
        offset = self.original_offset(index)
        if self.number:
            return self.number, offset + 1
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


def compose(original: str) -> tuple[str, tuple[int, ...]]:
    """NFC text and, for each of its characters, the offset of the original character it came from."""
    if unicodedata.is_normalized("NFC", original):
        return original, tuple(range(len(original) + 1))
    parts: list[str] = []
    offsets: list[int] = []
    start = 0
    length = len(original)
    while start < length:
        end = start + 1
        while end < length and unicodedata.combining(original[end]):
            end += 1
        composed = unicodedata.normalize("NFC", original[start:end])
        parts.append(composed)
        offsets.extend([start] * len(composed))
        start = end
    offsets.append(length)
    return "".join(parts), tuple(offsets)


def text_block(original: str) -> Block:
    """A whole plain-text or Markdown document as one block, with its line starts."""
    text, offsets = compose(original)
    starts = [0]
    for index, char in enumerate(original):
        if char == "\n":
            starts.append(index + 1)
    return Block(text, original, offsets, 0, tuple(starts))


def paragraph_block(original: str, number: int) -> Block:
    """One paragraph of a Word document (line breaks inside it are ``\\n``)."""
    text, offsets = compose(original)
    return Block(text, original, offsets, number)


def decode_text(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped, line ends kept); ValueError when it is not text."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary")
    return data.decode("utf-8-sig")  # UnicodeDecodeError is a ValueError
