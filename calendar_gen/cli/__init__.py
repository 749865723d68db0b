"""The command line: one module per group of commands, shared option types in ``options``.

``main`` picks the language before the commands are imported; ``app`` holds the commands.
"""

from __future__ import annotations

from calendar_gen.cli.main import main

__all__ = ["main"]
