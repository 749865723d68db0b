"""How long Mozilla's ical.js takes to parse a 10-year feed (issue 14: under 2 s).

Run after ``./scripts/test`` has installed tests/js: ``.venv/bin/python benchmarks/icaljs_parse.py``.
Prints the parse time of each of five runs and the median (node's start-up excluded).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Write the feed for 2020–2029 and let ical.js parse it five times."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ten-years.ics"
        subprocess.run(
            [sys.executable, "-m", "calendar_gen", "--lang", "en", "feed", "--from", "2020", "--to", "2029",
             "--today", "2026-11-29", "-o", str(path)],
            check=True,
            capture_output=True,
        )  # fmt: skip
        times = []
        for _ in range(5):
            out = subprocess.run(
                ["node", str(ROOT / "tests" / "js" / "read.mjs"), str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            read = json.loads(out)
            times.append(float(read["parse_ms"]))
            print(f"{len(read['events'])} events parsed in {read['parse_ms']:.0f} ms")
        print(f"median {statistics.median(times):.0f} ms (target < 2000 ms)")


if __name__ == "__main__":
    main()
