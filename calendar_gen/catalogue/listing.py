"""The selection rules (``data/listing.yaml``): read, checked, and cached as JSON like catalogues.

The engine (:mod:`calendar_gen.engine.listing`) applies them; only this layer reads YAML. A rule
file that does not hold together (an unknown rule, kind or section) is a CatalogueError naming the
file and the key, so a local edit of ``data/`` fails with a message, not a traceback.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from calendar_gen import __version__
from calendar_gen.catalogue.types import KINDS, LISTED, SLUG
from calendar_gen.digest import blake2b
from calendar_gen.engine.listing import Audience, ListingRules, Section, When
from calendar_gen.i18n import _
from calendar_gen.paths import compiled_dir, resource_dir
from calendar_gen.problems import CatalogueError, Problem

TOP_KEYS = (
    "major",
    "joins",
    "kinds",
    "yearly_kinds",
    "default",
    "yearly_always",
    "sections",
    "section_of_kind",
    "audiences",
)


COMPILED_NAME = "listing.json"


def rules_file() -> Path:
    """The shipped rules."""
    return resource_dir("data") / "listing.yaml"


def load_rules(path: Path | None = None, cache_dir: Path | None = None) -> ListingRules:
    """The rules of ``path`` (default: the shipped file), from the JSON cache when it is current."""
    path = path or rules_file()
    try:  # shipped data, not a user's catalogue: the catalogue size limit does not apply
        data = path.read_bytes()
    except OSError as exc:
        from calendar_gen.fileio import os_reason

        message = _("cannot read {path}: {reason}").format(path=path, reason=os_reason(exc))
        raise CatalogueError([Problem(str(path), message)]) from None
    stamp = rules_stamp(data)
    target = cache_dir / f"listing-{stamp[1]}.json" if cache_dir is not None else None
    # The shipped rules, unchanged, are read from the build's compiled form: a cold start writes
    # no cache for shipped files (calendar_gen/catalogue/compiled.py).
    for candidate in (compiled_dir() / COMPILED_NAME if path == rules_file() else None, target):
        if candidate is None:
            continue
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            cached = json.loads(candidate.read_bytes())
            if cached["stamp"] == stamp:
                return rules_from(cached["rules"], str(path))
    import yaml

    from calendar_gen.catalogue.yamlfile import decode

    try:
        plain = yaml.load(decode(data, str(path)), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise CatalogueError([Problem(str(path), _("not valid YAML: {error}").format(error=exc))]) from None
    rules = rules_from(plain, str(path))
    if target is not None:
        from calendar_gen.fileio import write_atomic

        with contextlib.suppress(OSError):
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, rules_json(stamp, plain))
    return rules


def rules_stamp(data: bytes) -> list[str]:
    """What a cached or compiled form must match: the version and the rule file's hash."""
    return [__version__, blake2b(data, digest_size=16).hexdigest()]


def rules_json(stamp: list[str], plain: Any) -> bytes:
    """The cached and compiled form of a rule file."""
    return json.dumps({"stamp": stamp, "rules": plain}, ensure_ascii=False).encode()


def compile_rules(source: Path, out_dir: Path) -> Path:
    """Check the rules of ``source`` and write their compiled form (the build hook)."""
    import yaml

    from calendar_gen.catalogue.yamlfile import decode
    from calendar_gen.fileio import write_atomic

    data = source.read_bytes()
    plain = yaml.safe_load(decode(data, str(source)))
    rules_from(plain, str(source))  # a build with broken rules fails, naming the key
    target = out_dir / COMPILED_NAME
    write_atomic(target, rules_json(rules_stamp(data), plain))
    return target


def rules_from(plain: Any, name: str) -> ListingRules:
    """Check the plain structure and build the rules; CatalogueError names the key at fault."""

    def bad(key: str) -> CatalogueError:
        return CatalogueError([Problem(name, _("'{key}' is missing or not valid").format(key=key))])

    if not isinstance(plain, dict) or set(plain) - set(TOP_KEYS):
        raise bad(", ".join(sorted(set(plain) - set(TOP_KEYS))) if isinstance(plain, dict) else "listing")
    kinds = plain.get("kinds") or {}
    if not isinstance(kinds, dict) or any(k not in KINDS or v not in LISTED for k, v in kinds.items()):
        raise bad("kinds")
    yearly_kinds = plain.get("yearly_kinds") or {}
    if not isinstance(yearly_kinds, dict) or any(
        k not in KINDS or v not in LISTED for k, v in yearly_kinds.items()
    ):
        raise bad("yearly_kinds")
    if plain.get("default", "round") not in LISTED:
        raise bad("default")
    sections = tuple(Section(str(s["slug"]), str(s["title"])) for s in _list(plain, "sections", bad))
    slugs = {s.slug for s in sections}
    section_of_kind = plain.get("section_of_kind") or {}
    if not isinstance(section_of_kind, dict) or not set(section_of_kind.values()) <= slugs:
        raise bad("section_of_kind")
    audiences = plain.get("audiences") or {}
    if not isinstance(audiences, dict) or not all(SLUG.fullmatch(str(a)) for a in audiences):
        raise bad("audiences")
    joins = plain.get("joins") or {}
    if not isinstance(joins, dict):
        raise bad("joins")
    try:
        return _build(plain, kinds, sections, section_of_kind, audiences, joins, bad)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise bad("audiences, joins, sections") from None


def _build(
    plain: dict[str, Any],
    kinds: dict[str, str],
    sections: tuple[Section, ...],
    section_of_kind: dict[str, str],
    audiences: dict[str, Any],
    joins: dict[str, Any],
    bad: Any,
) -> ListingRules:
    return ListingRules(
        kinds={str(k): When(v) for k, v in kinds.items()},
        default=When(plain.get("default", "round")),
        major=tuple(str(i) for i in _list(plain, "major", bad)),
        audiences={
            str(slug): Audience(
                str(slug),
                str(value["label"]),
                frozenset(map(str, value.get("tags") or ())),
                frozenset(map(str, value.get("kinds") or ())),
            )
            for slug, value in audiences.items()
        },
        sections=sections,
        section_of_kind={str(k): str(v) for k, v in section_of_kind.items()},
        joins={str(k): (str(v["with"]), str(v["words"])) for k, v in joins.items()},
        yearly_always=frozenset(map(str, _list(plain, "yearly_always", bad))),
        yearly_kinds={str(k): When(v) for k, v in (plain.get("yearly_kinds") or {}).items()},
    )


def _list(plain: dict[str, Any], key: str, bad: Any) -> list[Any]:
    value = plain.get(key) or []
    if not isinstance(value, list):
        raise bad(key)
    return value
