"""Read a YAML file safely into a node tree that remembers lines, or report why it cannot be read.

Nodes, not Python objects, so that every problem can name its line, and so that the raw text of a
scalar is available (``date: 3.3.1959`` and ``date: 10.3`` must not become floats). Only the YAML
core tags are accepted: ``!!python/object`` and every other tag is rejected before anything is built.
Only regular files up to a size limit are read, and characters that hide or reorder text (control
characters, bidi controls, non-characters) are rejected wherever they appear.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from calendar_gen.catalogue.files import read_bytes
from calendar_gen.catalogue.guards import check_aliases
from calendar_gen.characters import FORBIDDEN
from calendar_gen.i18n import N_, _
from calendar_gen.problems import CatalogueError, Problem

try:  # the C loader is much faster on large catalogues; fall back to pure Python where missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
SAFE_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))

MULTILINE_KEYS = frozenset({"source", "note", "description"})  # may hold tabs and line breaks
MAX_INT_CHARS = 32  # a YAML integer longer than this is no day or year (and int() of 5,000 digits fails)

# Characters no catalogue text may hold (calendar_gen.characters). Raw, PyYAML's reader already
# refuses most of them; the rest, and every one written as an escape in a double-quoted string
# ("\e", "\u202e"), is found by check_characters. Tab, LF and CR are judged by the key.

_FORBIDDEN = re.compile(f"[{FORBIDDEN}]")
_FORBIDDEN_ONE_LINE = re.compile(f"[{FORBIDDEN}\t]")  # a tab only in multi-line keys
# Whether a file may hold one: a raw character, or an escape that can produce one.
_SUSPECT = re.compile(f"[{FORBIDDEN}\t]|\\\\[0abtvfeNLPxuU\t]")


def _kind_of(char: str) -> str:
    """What sort of forbidden character ``char`` is, in words."""
    code = ord(char)
    if code == 0x09:
        return _("a tab, allowed only in source, note and description")
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return _("a control character")
    if code in (0x2028, 0x2029):
        return _("a line or paragraph separator")
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return _("a bidirectional text control")
    if 0xD800 <= code <= 0xDFFF:
        return _("a lone surrogate")
    return _("a Unicode non-character")


def character_message(char: str) -> str:
    """The problem text for a forbidden character: which one, and to remove it."""
    return _("character U+{code} ({kind}) is not allowed in a catalogue; remove it").format(
        code=f"{ord(char):04X}", kind=_kind_of(char)
    )


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting lines as editors do (by LF)."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(data: bytes, name: str) -> str:
    """Decode a file's bytes as UTF-8 (a BOM is allowed), or raise CatalogueError saying where."""
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark, as Windows editors write
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CatalogueError(
            [
                Problem(
                    name,
                    _("is not UTF-8 (byte 0x{byte}); save the file with UTF-8 encoding").format(
                        byte=f"{data[exc.start]:02x}"
                    ),
                    line,
                    column,
                )
            ]
        ) from None


def read_text(path: Path) -> str:
    """Read a catalogue file as UTF-8 text, or raise CatalogueError saying what is wrong."""
    return decode(read_bytes(path), str(path))


def compose(text: str, name: str) -> yaml.Node | None:
    """Parse YAML text into nodes, or raise CatalogueError with the line and column of the error."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise CatalogueError([syntax_problem(exc, text, name)]) from None
    except yaml.reader.ReaderError as exc:  # a raw character YAML refuses (NUL, ESC, C1...)
        line, column = _position(text, exc.position) if 0 <= exc.position <= len(text) else (None, None)
        char = text[exc.position] if 0 <= exc.position < len(text) else chr(exc.character)
        raise CatalogueError([Problem(name, character_message(char), line, column)]) from None
    except yaml.YAMLError as exc:
        raise CatalogueError([Problem(name, _("YAML error: {error}").format(error=exc))]) from None
    except RecursionError:
        raise CatalogueError([Problem(name, _("YAML nested too deeply to be a catalogue"))]) from None
    if node is not None and "!" in text:  # a tag is always written with "!"
        _check_tags(node, name)
    check_aliases(node, text, name)  # before anything is validated or cached (issue 23, item 12)
    return node


# PyYAML's problems, said as what to do (issue 23, "Messages a person can act on").
_PROBLEMS = (
    ("found unexpected end of stream", N_("the quote opened here is never closed; add the closing quote")),
    (
        "mapping values are not allowed",
        N_("a colon followed by a space inside a value; put the value in quotes"),
    ),
    (
        "that cannot start any token",
        N_("this character cannot start a value (a tab? indent with spaces); quote the value"),
    ),
    (
        "did not find expected '-' indicator",
        N_("the indentation here does not match the list above; align the '-' items"),
    ),
    ("expected <block end>", N_("the indentation here does not match the lines above; align the keys")),
    ("expected ',' or ']'", N_("a list in brackets is not closed here; add ']'")),
    ("expected ',' or '}'", N_("a mapping in braces is not closed here; add the closing brace")),
    (
        "found undefined alias",
        N_("an alias (*name) that no anchor (&name) defines; define it or write the value"),
    ),
    ("could not find expected ':'", N_("a key without ':' (or an unclosed quote above); add the colon")),
)


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """A YAML syntax error at the place the problem starts, in words a person can act on.

    An unclosed quote is reported at the quote (PyYAML's problem mark is the end of the file,
    past the last line); every mark is kept within the file.
    """
    problem = exc.problem or exc.context or ""
    at_end = exc.problem_mark is not None and exc.problem_mark.index >= len(text.rstrip())
    mark = (
        exc.context_mark
        if exc.context_mark is not None and (at_end or exc.problem_mark is None)
        else exc.problem_mark
    )
    advice = next((_(said) for found, said in _PROBLEMS if found in problem), None)
    message = (
        _("YAML syntax error: {advice}").format(advice=advice)
        if advice
        else _("YAML syntax error: {error}; check indentation, colons and quotes").format(error=problem)
    )
    if mark is None:
        return Problem(name, message)
    index = min(mark.index, max(len(text.rstrip()) - 1, 0))
    line, column = _position(text, index) if mark.index > index else (mark.line + 1, mark.column + 1)
    return Problem(name, message, line, column)


def check_characters(root: yaml.Node | None, text: str, name: str) -> list[Problem]:
    """A problem for every scalar holding a forbidden character, at that character when it is raw.

    Tabs and line breaks are allowed in ``source``, ``note`` and ``description``; a line break in a
    one-line value is reported by the check of that value, with its own advice.
    """
    if root is None or not _SUSPECT.search(text):  # one fast scan; most files need no walk
        return []
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, multiline = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                long_text = isinstance(key, yaml.ScalarNode) and key.value in MULTILINE_KEYS
                stack.extend(((key, False), (value, long_text)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, False) for item in node.value)
        elif isinstance(node, yaml.ScalarNode) and not node.value.isprintable():  # every one is not
            found = (_FORBIDDEN if multiline else _FORBIDDEN_ONE_LINE).search(node.value)
            if found is None:
                continue
            start, end = node.start_mark.index, node.end_mark.index
            raw = text.find(found.group(), start, end)  # -1 when written as an escape ("\e")
            line, column = _position(text, raw) if raw >= 0 else (line_of(node), column_of(node))
            problems.append(Problem(name, character_message(found.group()), line, column))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


def _check_tags(root: yaml.Node, name: str) -> None:
    """Reject any tag outside the YAML core schema (``!!python/object`` and friends)."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases share nodes; visit each once
            continue
        seen.add(id(node))
        if node.tag not in SAFE_TAGS:
            problems.append(
                Problem(
                    name,
                    _("tag '{tag}' is not allowed: catalogues are plain data; remove the tag").format(
                        tag=node.tag.replace(_CORE, "!!")
                    ),
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                )
            )
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise CatalogueError(problems)


def line_of(node: yaml.Node) -> int:
    """1-based line of a node."""
    return int(node.start_mark.line) + 1


def column_of(node: yaml.Node) -> int:
    """1-based column of a node."""
    return int(node.start_mark.column) + 1


def scalar_kind(node: yaml.Node) -> str | None:
    """The core type of a scalar node ('str', 'int', 'bool', ...), None for lists and mappings."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    return str(node.tag).removeprefix(_CORE)


def to_int(node: yaml.ScalarNode) -> int | None:
    """An int scalar's value (YAML 1.1 forms such as 1_000 included); None when absurdly long."""
    if len(node.value) > MAX_INT_CHARS:  # int() of thousands of digits raises (or takes long)
        return None
    value = yaml.constructor.SafeConstructor().construct_yaml_int(node)
    return int(value)


def to_bool(node: yaml.ScalarNode) -> bool:
    """A bool scalar's value (true/false/yes/no per YAML 1.1)."""
    return bool(yaml.constructor.SafeConstructor().construct_yaml_bool(node))
