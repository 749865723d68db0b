"""A SHA-256 of every output users get, recorded once and compared after a change.

    python benchmarks/output_hashes.py record benchmarks/out/hashes-before.json
    python benchmarks/output_hashes.py compare benchmarks/out/hashes-before.json

Runs the real command (``python -m calendar_gen``) for sheets in every format, lists, feeds (the
shipped catalogue, a unit, and 10 years over the synthetic 10,000-entry catalogue), and two whole
``build`` sites, each file of which is hashed. ``compare`` lists every output that differs and exits
non-zero, so a speed-up that changes one byte of what officers get is caught.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
TODAY = ["--today", "2026-11-22"]
SYNTHETIC = OUT / "synthetic-10000.yaml"

STDOUT = {
    "month": ["month", "2024-03"],
    "month-en": ["--lang", "en", "month", "2024-03"],
    **{f"month-{f}": ["month", "2024-03", "-p", "kon-tum", "-f", f] for f in ("table", "markdown", "csv")},
    "month-json": ["month", "2024-03", "-f", "json"],
    "year": ["year", "2024"],
    "year-json": ["year", "2030", "-f", "json"],
    "upcoming": ["upcoming"],
    "provinces": ["provinces"],
    "feed": ["feed"],
    "feed-unit": ["feed", "-p", "quang-ngai", "--days-off"],
    "feed-10k": ["feed", "--no-default", "-c", str(SYNTHETIC), "--from", "2021", "--to", "2030"],
    "year-10k": ["year", "2030", "--format", "json", "--no-default", "-c", str(SYNTHETIC)],
    "help": ["--help"],
    "month-help": ["month", "--help"],
    "month-help-en": ["--lang", "en", "month", "--help"],
}
FILES = {f"sheet-{f}": ["month", "2024-03", "-p", "kon-tum", "-f", f] for f in ("html", "docx")}
NO_TODAY = {"provinces", "--help"}
SITES = {"site-national": ["build"], "site-kon-tum": ["build", "-p", "kon-tum"]}


def run(args: list[str], env: dict[str, str]) -> bytes:
    """The command's standard output (exit code 0 required)."""
    today = [] if args[0] in NO_TODAY else TODAY
    command = [sys.executable, "-m", "calendar_gen", *args, *today]
    return subprocess.run(command, check=True, capture_output=True, env=env).stdout


def digest(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def collect() -> dict[str, str]:
    """Name → hash of every output."""
    if not SYNTHETIC.exists():
        OUT.mkdir(exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "make_catalogue.py"), "10000", str(SYNTHETIC)], check=True)
    with tempfile.TemporaryDirectory(prefix="calendar-gen-hashes-") as work:
        env = {**os.environ, "CALENDAR_GEN_CACHE_DIR": str(Path(work) / "cache")}
        env.pop("SOURCE_DATE_EPOCH", None)
        hashes = {name: digest(run(args, env)) for name, args in STDOUT.items()}
        for name, args in FILES.items():
            target = Path(work) / name
            run([*args, "-o", str(target)], env)
            hashes[name] = digest(target.read_bytes())
        for name, args in SITES.items():
            site = Path(work) / name
            run([args[0], str(site), *args[1:]], env)
            for path in sorted(p for p in site.rglob("*") if p.is_file()):
                hashes[f"{name}/{path.relative_to(site)}"] = digest(path.read_bytes())
    return hashes


def main() -> None:
    """``record FILE`` or ``compare FILE``."""
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "compare"):
        sys.exit(__doc__)
    manifest = Path(sys.argv[2])
    hashes = collect()
    if sys.argv[1] == "record":
        manifest.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(hashes)} outputs recorded in {manifest}")
        return
    before = json.loads(manifest.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | hashes.keys() if before.get(k) != hashes.get(k))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(hashes)} outputs compared, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
