"""Misspelt names that change the meaning: "Giải phòng" for the catalogue's "Giải phóng".

The name is compared with the entry's name (and aliases) word by word where their unaccented
words line up (runs of two words or more), so only a word that is the catalogue's word with
another tone mark is reported. Old and new tone placement ("Hoà", "Hòa") and i/y ("Liệt sỹ",
"Liệt sĩ") are one spelling; a word written without any tone mark, or a catalogue word without
one ("binh"), is left alone (a draft typed without accents is not misspelt word by word).
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from calendar_gen.check.findings import Code, Edit, Severity
from calendar_gen.check.internal import Draft
from calendar_gen.check.names import fold
from calendar_gen.i18n import _
from calendar_gen.model import Anniversary

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"[^\W\d_]+")
_CONSONANTS = frozenset("bcdghklmnpqrstvx")


def _key(word: str) -> tuple[str, str]:
    """(letters with their vowel marks, tone mark): 'hoà' and 'hòa' give ('hoa', grave)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = "".join(c for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if len(base) == 2 and base[1] == "y" and base[0] in _CONSONANTS:
        base = base[0] + "i"
    return base, tone


def _words(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    return [(m.group(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def _folded(word: str) -> str:
    folded = fold(word)
    if len(folded) == 2 and folded[1] == "y" and folded[0] in _CONSONANTS:
        return folded[0] + "i"
    return folded


def misspelt(text: str, start: int, end: int, entry: Anniversary) -> Draft | None:
    """A warning for the words of ``text[start:end]`` that are the entry's words with another tone."""
    written = _words(text[start:end], start)
    edits: list[Edit] = []
    wrong: list[tuple[str, str]] = []
    for name in (entry.name, *entry.aliases):
        right = _words(name)
        matcher = difflib.SequenceMatcher(
            None, [_folded(w) for w, _, _ in written], [_folded(w) for w, _, _ in right], autojunk=False
        )
        for block in matcher.get_matching_blocks():
            if block.size < 2:
                continue
            for k in range(block.size):
                word, a, b = written[block.a + k]
                good = right[block.b + k][0]
                mine, theirs = _key(word), _key(good)
                if mine[1] and theirs[1] and mine[0] == theirs[0] and mine[1] != theirs[1]:
                    fixed = good[0].upper() + good[1:] if word[0].isupper() else good.lower()
                    edits.append(Edit(a, b, fixed))
                    wrong.append((word, fixed))
        if edits:
            break
    if not edits:
        return None
    message = _("'{written}' is not the name's spelling: the catalogue writes '{right}' ({name})").format(
        written=" ".join(w for w, _ in wrong), right=" ".join(r for _, r in wrong), name=entry.name
    )
    return Draft(Severity.WARNING, Code.MISSPELT, message, tuple(edits))
