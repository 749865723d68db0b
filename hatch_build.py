"""Build hook: compile the gettext catalogs (``.po`` → ``.mo``) with Babel into the wheel.

The ``.mo`` files are build products (not in git); an editable install and ``pip install .`` both
run this hook, so a checkout that was installed once has them next to the ``.po`` files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[type-arg]
    """Compile every ``calendar_gen/locale/*/LC_MESSAGES/*.po`` and force-include the result."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Write each ``.mo`` atomically beside its ``.po`` and add it to the wheel."""
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
