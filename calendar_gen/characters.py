"""Characters no text of a user's may hold, for the catalogue and the command line alike.

C0 controls (tab, LF and CR are allowed or not by the caller), DEL, C1 controls, the line and
paragraph separators, bidi embeddings, overrides and isolates (they reorder what an editor shows,
"Trojan Source"), the non-characters U+FFFE, U+FFFF, U+FDD0–U+FDEF, and lone surrogates (bytes that
were not UTF-8). In a document, a feed or a terminal they break the file or hide what text says.
"""

from __future__ import annotations

# A regular-expression character class, without the brackets, so that callers can add to it.
FORBIDDEN = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 but tab, LF, CR; DEL; C1
    "\u2028\u2029\u202a-\u202e\u2066-\u2069"  # line/paragraph separators; bidi controls
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"  # non-characters; surrogates
)
# The non-characters of the 16 supplementary planes (U+1FFFE, U+1FFFF, ... U+10FFFF).
PLANE_NONCHARACTERS = "".join(chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF))
