"""Limits on what YAML aliases may expand to, and a guarded reader of small YAML files (profiles).

An alias (``*name``) repeats a node without repeating its text: 300 KB of nested aliases expand to
a gigabyte ("billion laughs"), and a catalogue validated that way wrote a 478 MB cache file
(issue 23, items 10 and 12). The node tree shares aliased nodes, so its expanded size is counted
once per node, without expanding anything; a file whose aliases add more than a bound is refused
before anything is validated, built or cached. A profile is read with the catalogue's guards:
regular file, size limit, UTF-8, core tags, forbidden characters, and this bound.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from calendar_gen.i18n import _
from calendar_gen.problems import CatalogueError, Problem

MAX_ALIAS_NODES = 100_000  # what aliases may add to a file; reusing a tag list 1,000 times adds ~5,000


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def expanded_size(root: yaml.Node, limit: int) -> int | None:
    """How many nodes the tree holds once every alias is expanded; None beyond ``limit`` or cyclic.

    Each distinct node is visited once (an iterative post-order walk, so deep files do not
    recurse), its size being one plus its children's: linear in the file, not in the expansion.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > limit:
                return None
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in open_nodes:  # an alias inside its own anchor: endless
            return None
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def distinct_size(root: yaml.Node) -> int:
    """How many distinct nodes the tree holds (what the file itself spells out)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend(_children(node))
    return len(seen)


def check_aliases(root: yaml.Node | None, text: str, name: str) -> None:
    """Refuse a file whose aliases expand beyond :data:`MAX_ALIAS_NODES` more nodes (CatalogueError)."""
    if root is None or "*" not in text:  # an alias is always written with "*"
        return
    distinct = distinct_size(root)
    if expanded_size(root, distinct + MAX_ALIAS_NODES) is None:
        raise CatalogueError(
            [
                Problem(
                    name,
                    _(
                        "its YAML aliases (*name) repeat more than {limit} values, or refer to "
                        "themselves; write the values out instead of repeating them with aliases"
                    ).format(limit=MAX_ALIAS_NODES),
                )
            ]
        )


def load_plain(path: Path) -> Any:
    """A small YAML file (a profile) as plain data, read with every guard catalogues get.

    CatalogueError names the file (and the line, for syntax errors).
    """
    from calendar_gen.catalogue.yamlfile import check_characters, compose, read_text

    name = str(path)
    text = read_text(path)
    root = compose(text, name)
    check_aliases(root, text, name)
    problems = check_characters(root, text, name)
    if problems:
        raise CatalogueError(problems)
    if root is None:
        return None
    return yaml.constructor.SafeConstructor().construct_document(root)
