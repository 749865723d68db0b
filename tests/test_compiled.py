"""The shipped catalogues' precompiled form (built and validated by hatch_build.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calendar_gen.catalogue.compiled import COMPILED, compile_shipped, shipped
from calendar_gen.catalogue.schema import validate_file
from calendar_gen.paths import default_catalogue, province_catalogues, resource_dir
from calendar_gen.problems import CatalogueError

SHIPPED = [default_catalogue(), *province_catalogues().values()]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_compiled_form_is_the_validated_file(path: Path) -> None:
    data = path.read_bytes()
    compiled = shipped(path, data)
    assert compiled is not None, f"no current compiled form in {COMPILED}: reinstall (pip install -e .)"
    assert compiled == validate_file(path, data)  # every entry, origin line and province alike


def test_an_edited_shipped_file_is_read_from_its_yaml() -> None:
    path = default_catalogue()
    assert shipped(path, path.read_bytes() + b"\n# edited\n") is None


def test_a_cold_start_writes_no_cache_for_shipped_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "CALENDAR_GEN_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8"}
    env.pop("CALENDAR_GEN_NO_CACHE", None)
    command = [
        sys.executable,
        "-m",
        "calendar_gen",
        "month",
        "2024-03",
        "-p",
        "kon-tum",
        "--today",
        "2026-11-22",
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0 and "65 năm Ngày truyền thống Bộ đội Biên phòng" in done.stdout
    assert not cache.exists() or not any(cache.iterdir())


def test_a_build_with_a_broken_shipped_catalogue_fails_naming_the_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(resource_dir("data"), data)
    text = (data / "anniversaries.yaml").read_text(encoding="utf-8")
    (data / "anniversaries.yaml").write_text(
        text.replace('date: "03/3/1959"', 'date: "31/2/1959"', 1), encoding="utf-8"
    )
    with pytest.raises(CatalogueError) as caught:
        compile_shipped(data, tmp_path / "out")
    assert any(p.path.endswith("anniversaries.yaml") and p.line for p in caught.value.problems)
    assert not (tmp_path / "out" / "anniversaries.json").exists()
