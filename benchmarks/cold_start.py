"""A cold ``calendar-gen month`` against the bare interpreter, in one hyperfine run.

    python benchmarks/cold_start.py          # needs hyperfine (Debian package)

Target (issue 21): the median of ``calendar-gen month 2024-03`` at most 5× the median of
``python -c pass`` (the same interpreter), 9 runs each after 3 warm-ups. "Cold" is a new process
with an empty catalogue cache (the shipped catalogue is read precompiled); the files themselves are
in the page cache, as for any command typed twice. Also shown: the same with the cache disabled
(every YAML parsed and validated), and the import of typer alone, what a lighter command layer
could save at most. Bytecode must be writable (PYTHONDONTWRITEBYTECODE unset), as after pip install.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RUNS = 9


def main() -> None:
    """Run hyperfine on the commands and print medians and ratios."""
    if shutil.which("hyperfine") is None:
        sys.exit("needs hyperfine: apt-get install -y hyperfine")
    exe = shutil.which("calendar-gen", path=str(Path(sys.executable).parent)) or "calendar-gen"
    empty = tempfile.mkdtemp(prefix="calendar-gen-cold-")
    dropped = ("PYTHONDONTWRITEBYTECODE", "CALENDAR_GEN_NO_CACHE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    month = f"{exe} month 2024-03 --today 2026-11-22"
    commands = {
        "python -c pass": f"{sys.executable} -c pass",
        "python -c 'import typer'": f"{sys.executable} -c 'import typer'",
        "month 2024-03 (empty cache)": f"env CALENDAR_GEN_CACHE_DIR={empty} {month}",
        "month 2024-03 (no cache: YAML)": f"env CALENDAR_GEN_NO_CACHE=1 {month}",
    }
    report = Path(empty) / "report.json"
    args = ["hyperfine", "-N", "--warmup", "3", "--runs", str(RUNS), "--style", "none"]
    args += ["--export-json", str(report)]
    for name, command in commands.items():
        args += ["--command-name", name, command]
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)
    # An empty cache stays empty for the shipped catalogue (precompiled), so every run is cold.
    results = {r["command"]: r["median"] * 1000 for r in json.loads(report.read_text())["results"]}
    shutil.rmtree(empty, ignore_errors=True)
    bare = results["python -c pass"]
    for name, median in results.items():
        print(f"{name:34s} {median:7.1f} ms  {median / bare:5.1f}x python -c pass")


if __name__ == "__main__":
    main()
