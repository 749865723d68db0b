"""Docs are tested: every calendar-gen command shown in README.md runs and succeeds."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def commands() -> list[str]:
    found = []
    for block in shell_blocks():
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith("calendar-gen "):
                found.append(line)
    return found


def test_quick_start_is_exactly_two_lines_install_run_and_test() -> None:
    head = README.split("## Quick start", 1)[1]
    (block,) = re.findall(r"```sh\n(.*?)```", head, flags=re.S)[:1]
    lines = block.strip().splitlines()
    assert len(lines) == 2
    assert lines[0] == "./scripts/install && .venv/bin/calendar-gen month"
    assert lines[1] == "./scripts/test"
    install = (ROOT / "scripts" / "install").read_text(encoding="utf-8")
    assert "pip install" in install and "python3 -m venv .venv" in install
    setup = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert "'.[test]'" in setup and "-m pytest" in setup and "apt-get install" in setup


def test_ci_runs_exactly_the_readme_test_command() -> None:
    head = README.split("## Quick start", 1)[1]
    test_line = re.findall(r"```sh\n(.*?)```", head, flags=re.S)[0].strip().splitlines()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith("#")]
    assert commands[-1] == test_line  # after 'set -euo pipefail' and 'cd', nothing but the command


@pytest.mark.parametrize("command", commands())
def test_readme_command_runs(command: str, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    args = shlex.split(command)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", *args[1:]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


SHOWN = re.compile(r"(Real output|An excerpt) of `(calendar-gen [^`]+)`[^:`]*:\s*\n+```text\n(.*?)```", re.S)


def shown_outputs() -> list[tuple[str, str, str]]:
    """Every output the README shows, with the command it says printed it (issue 18, item 9)."""
    return SHOWN.findall(README)


def test_readme_shows_outputs() -> None:
    assert len(shown_outputs()) >= 3


@pytest.mark.parametrize(("how", "command", "block"), shown_outputs(), ids=lambda v: v[:60])
def test_readme_output_is_what_the_command_prints(how: str, command: str, block: str) -> None:
    args = shlex.split(command)
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", *args[1:]],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    if how == "Real output":
        assert result.stdout.strip() == block.strip()
    else:
        assert block.strip() in result.stdout
