"""Shared fixtures: catalogue files written into a temporary folder."""

from __future__ import annotations

import datetime as dt
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
