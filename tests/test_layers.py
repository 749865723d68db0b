"""The folders are the architecture: imports run one way, downward, with no cycles.

The contracts live in pyproject.toml ([tool.importlinter]); docs/ARCHITECTURE.md explains them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """The check can fail: a copy of the package where the engine imports the CLI is refused."""
    import shutil

    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT / "calendar_gen", copy / "calendar_gen", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    selection = copy / "calendar_gen" / "engine" / "selection.py"
    selection.write_text(selection.read_text(encoding="utf-8") + "\nimport calendar_gen.cli.common\n")
    lint = Path(sys.executable).with_name("lint-imports")
    env = {"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(lint)], cwd=copy, capture_output=True, text=True, check=False, env=env)
    assert result.returncode != 0
    assert "calendar_gen.engine.selection -> calendar_gen.cli.common" in result.stdout


def test_no_module_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): count
        for path in (ROOT / "calendar_gen").rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_no_function_over_60_lines() -> None:
    import ast

    long = {}
    for path in (ROOT / "calendar_gen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                # The body, not the signature: typer commands declare one option per line.
                size = (node.end_lineno or node.lineno) - node.body[0].lineno + 1
                if size > 60:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = size
    assert long == {}
