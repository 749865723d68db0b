"""Build hook: compile the gettext catalogs (``.po`` → ``.mo``) and the shipped catalogues.

The ``.mo`` files and ``calendar_gen/compiled/*.json`` (the shipped catalogues validated here, read
at run time without YAML: ``calendar_gen/catalogue/compiled.py``) are build products, not in git;
an editable install and ``pip install .`` both run this hook, so a checkout that was installed
once has them. A problem in the shipped catalogues fails the build, listing every one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[type-arg]
    """Compile every ``calendar_gen/locale/*/LC_MESSAGES/*.po`` and force-include the result."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Write each ``.mo`` and compiled catalogue atomically and add them to the wheel."""
        self._catalogs(build_data)
        self._shipped(build_data)

    def _shipped(self, build_data: dict[str, Any]) -> None:
        """Validate ``data/`` with the package's own code and write ``calendar_gen/compiled/``."""
        root = Path(self.root)
        sys.path.insert(0, str(root))
        try:
            from calendar_gen.catalogue.compiled import compile_shipped
            from calendar_gen.problems import CatalogueError

            try:
                written = compile_shipped(root / "data", root / "calendar_gen" / "compiled")
            except CatalogueError as exc:
                lines = "\n".join(str(problem) for problem in exc.problems)
                raise RuntimeError(f"the shipped catalogues have problems:\n{lines}") from None
        finally:
            sys.path.remove(str(root))
        for path in written:
            build_data["force_include"][str(path)] = str(path.relative_to(root))

    def _catalogs(self, build_data: dict[str, Any]) -> None:
        """Compile each ``.po`` to ``.mo`` beside it."""
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / "calendar_gen" / "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as source:
                catalog = read_po(source)
            mo = po.with_suffix(".mo")
            partial = mo.with_suffix(".mo.part")
            with partial.open("wb") as target:
                write_mo(target, catalog)
            partial.replace(mo)
            build_data["force_include"][str(mo)] = str(mo.relative_to(root))
