"""A real user's install: the wheel in a fresh virtual environment, run from another folder."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_from_any_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(ROOT), "-w", str(wheels)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("calendar_gen-*.whl")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["CALENDAR_GEN_NO_CACHE"] = "1"
    result = subprocess.run(
        [env_dir / "bin" / "calendar-gen", "month", "2024-03", "--province", "kon-tum"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)" in result.stdout
    assert "49 năm Ngày Giải phóng tỉnh Kon Tum (16/3/1975 – 16/3/2024)" in result.stdout
    where = subprocess.run(
        [python, "-c", "import calendar_gen.paths as p; print(p.default_catalogue())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in where.stdout  # the installed data, not the source checkout
    # The wheel carries the 34 overlays, their registry and the Vietnamese catalog (compiled by the
    # build hook): -p resolves a typed name, and messages are Vietnamese without a locale.
    env_vi = {k: v for k, v in env.items() if k not in {"LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"}}
    provinces = subprocess.run(
        [env_dir / "bin" / "calendar-gen", "provinces", "--format", "json"],
        cwd=elsewhere,
        env=env_vi,
        capture_output=True,
        text=True,
        check=False,
    )
    assert provinces.returncode == 0, provinces.stderr
    assert provinces.stdout.count('"slug"') >= 34 + 29
    wrong = subprocess.run(
        [env_dir / "bin" / "calendar-gen", "month", "2024-03", "-p", "Kon Tun"],
        cwd=elsewhere,
        env=env_vi,
        capture_output=True,
        text=True,
        check=False,
    )
    assert wrong.returncode == 2 and "có phải là 'Kon Tum'?" in wrong.stderr
