"""The shipped catalogues in a precompiled form, validated when the wheel is built.

``hatch_build.py`` validates every shipped catalogue (``data/anniversaries.yaml`` and
``data/provinces/*.yaml``; the selection rules ``data/listing.yaml`` likewise) with the same code
as a full load and writes each as the cache's JSON into ``calendar_gen/compiled/``; a build with a
problem in the shipped data fails. At run time a shipped file whose bytes still match the stamp
(size and BLAKE2b hash of the YAML, calendar-gen's version, the cache's SCHEMA) is read from that
JSON: a cold start neither parses nor re-validates YAML. An edited shipped file (a source
checkout), or any user file, misses and goes through the user's cache and a full load as before.
"""

from __future__ import annotations

from pathlib import Path

from calendar_gen.catalogue.cache import dump, read, stamp
from calendar_gen.catalogue.types import CatalogueFile
from calendar_gen.paths import compiled_dir, resource_dir

COMPILED = compiled_dir()


def _name(path: Path) -> str | None:
    """``anniversaries.yaml`` or ``provinces/<slug>.yaml`` for a shipped file, else None."""
    try:
        relative = path.resolve().relative_to(resource_dir("data").resolve())
    except (OSError, ValueError):
        return None
    return relative.as_posix() if relative.suffix == ".yaml" else None


def _target(name: str) -> Path:
    return COMPILED / Path(name).with_suffix(".json")


def shipped(path: Path, data: bytes) -> CatalogueFile | None:
    """The precompiled form of a shipped catalogue whose content ``data`` is unchanged, else None."""
    name = _name(path)
    if name is None:
        return None
    return read(_target(name), stamp(name, data), str(path))


def compile_shipped(data_dir: Path, out_dir: Path) -> list[Path]:
    """Validate the catalogues under ``data_dir`` and write their compiled forms (the build hook).

    Raises CatalogueError with every problem of every file: a wheel never ships data that fails.
    """
    from calendar_gen.catalogue.schema import validate_file
    from calendar_gen.fileio import write_atomic
    from calendar_gen.problems import CatalogueError, Problem

    sources = [data_dir / "anniversaries.yaml", *sorted((data_dir / "provinces").glob("*.yaml"))]
    written: list[Path] = []
    problems: list[Problem] = []
    for source in sources:
        content = source.read_bytes()
        try:
            loaded = validate_file(source, content)
        except CatalogueError as exc:
            problems.extend(exc.problems)
            continue
        name = source.relative_to(data_dir).as_posix()
        target = out_dir / Path(name).with_suffix(".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, dump(stamp(name, content), loaded))
        written.append(target)
    if problems:
        raise CatalogueError(problems)
    written.append(_registry(data_dir / "provinces.yaml", out_dir))
    from calendar_gen.catalogue.listing import compile_rules

    written.append(compile_rules(data_dir / "listing.yaml", out_dir))
    return written


def _registry(source: Path, out_dir: Path) -> Path:
    """The registry of the 34 units as the JSON ``load_registry`` reads, under its content name."""
    import json

    import yaml

    from calendar_gen.catalogue.provinces import load_registry, registry_name
    from calendar_gen.fileio import write_atomic

    raw = source.read_bytes()
    target = out_dir / registry_name(raw)
    write_atomic(target, json.dumps(yaml.safe_load(raw.decode("utf-8")), ensure_ascii=False).encode("utf-8"))
    load_registry(source)  # fails the build on a registry the program cannot read
    return target
