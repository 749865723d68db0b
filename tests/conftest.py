"""Shared fixtures: catalogue files written into a temporary folder; English for every command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to a file and return its path."""

    def write(text: str, name: str = "catalogue.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own catalogue cache, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CALENDAR_GEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("CALENDAR_GEN_NO_CACHE", raising=False)
    return folder


ENGLISH = {"LANG": "en_US.UTF-8"}
UNSET = ("LANGUAGE", "LC_ALL", "LC_MESSAGES")


def pytest_configure(config: pytest.Config) -> None:
    """Commands run in a subprocess speak English (their default is Vietnamese).

    Set before collection, because some modules copy ``os.environ`` at import; test_i18n passes
    its own environment to each command it runs.
    """
    os.environ.update(ENGLISH)
    for variable in UNSET:
        os.environ.pop(variable, None)


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same for every test, whatever an earlier test did to the environment."""
    for variable, value in ENGLISH.items():
        monkeypatch.setenv(variable, value)
    for variable in UNSET:
        monkeypatch.delenv(variable, raising=False)


def run_cli(
    *args: str, cwd: Path | None = None, umask: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``calendar-gen ARGS`` in a real process, in English, with a fixed SOURCE_DATE_EPOCH."""
    env = {
        **os.environ,
        "LANG": "en_US.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "SOURCE_DATE_EPOCH": "1767225600",
    }
    return subprocess.run(
        [sys.executable, "-m", "calendar_gen", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The selection's scores against the evidence, in every run's log (benchmarks/selection_score.py)."""
    import runpy

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "selection_score.py"
    if not path.exists():
        return
    import contextlib
    import io

    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(str(path), run_name="__main__")
    except Exception as exc:  # a broken benchmark must not hide the tests' result
        out.write(f"selection_score failed: {exc!r}\n")
    terminalreporter.write_sep("-", "the default selection against real guidance lists")
    terminalreporter.write(out.getvalue())
