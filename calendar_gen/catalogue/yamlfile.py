"""Read a YAML file safely into a node tree that remembers lines, or report why it cannot be read.

Nodes, not Python objects, so that every problem can name its line, and so that the raw text of a
scalar is available (``date: 3.3.1959`` and ``date: 10.3`` must not become floats). Only the YAML
core tags are accepted: ``!!python/object`` and every other tag is rejected before anything is built.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from calendar_gen.problems import CatalogueError, Problem

try:  # the C loader is much faster on large catalogues; fall back to pure Python where missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
SAFE_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


def read_text(path: Path) -> str:
    """Read a file as UTF-8 (a BOM is allowed), or raise CatalogueError saying what is wrong."""
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogueError([Problem(name, "file not found; check the path")]) from None
    except IsADirectoryError:
        raise CatalogueError([Problem(name, "is a folder; give a .yaml file")]) from None
    except OSError as exc:
        raise CatalogueError([Problem(name, f"cannot be read: {exc.strerror}")]) from None
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
                    f"is not UTF-8 (byte 0x{data[exc.start]:02x}); save the file with UTF-8 encoding",
                    line,
                    column,
                )
            ]
        ) from None


def compose(text: str, name: str) -> yaml.Node | None:
    """Parse YAML text into nodes, or raise CatalogueError with the line and column of the error."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        raise CatalogueError(
            [
                Problem(
                    name,
                    f"YAML syntax error: {what}; check indentation, colons and quotes",
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # ReaderError: control characters and the like
        raise CatalogueError([Problem(name, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise CatalogueError([Problem(name, "YAML nested too deeply to be a catalogue")]) from None
    if node is not None and "!" in text:  # a tag is always written with "!"
        _check_tags(node, name)
    return node


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
                    f"tag '{node.tag.replace(_CORE, '!!')}' is not allowed: catalogues are plain "
                    "data; remove the tag",
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


def to_int(node: yaml.ScalarNode) -> int:
    """An int scalar's value (YAML 1.1 forms such as 1_000 included)."""
    value = yaml.constructor.SafeConstructor().construct_yaml_int(node)
    return int(value)


def to_bool(node: yaml.ScalarNode) -> bool:
    """A bool scalar's value (true/false/yes/no per YAML 1.1)."""
    return bool(yaml.constructor.SafeConstructor().construct_yaml_bool(node))
