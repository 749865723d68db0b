"""Benchmarks of whole processes, side by side with GNU Remind (README.md, "Performance").

    python benchmarks/run.py            # needs hyperfine and remind (Debian packages)

Measures, with hyperfine (warm-up runs, then the median of many):
1. ``calendar-gen month`` on the shipped catalogue (text output): target median ≤ 150 ms;
2. ``calendar-gen year 2030 --format json`` over a synthetic 10,000-entry catalogue: target ≤ 1 s,
   next to ``remind -s12`` computing the same year over the same entries.
Both are measured with the catalogue cache warm (the usual case: a catalogue is read many times
between edits) and with it disabled (``CALENDAR_GEN_NO_CACHE=1``: every run parses the YAML).
Results go to benchmarks/out/results.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent))

from calendar_gen.catalogue.load import load_file  # noqa: E402
from calendar_gen.engine import lunar  # noqa: E402
from calendar_gen.model import Calendar, Precision  # noqa: E402
from calendar_gen.paths import default_catalogue, province_catalogues  # noqa: E402

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def remind_script(catalogues: list[Path], year: int, target: Path) -> int:
    """The same entries as a Remind script; lunar dates are given to Remind pre-converted."""
    lines = []
    entries = [e for path in catalogues for e in load_file(path).entries]
    for entry in entries:
        founded = entry.founded
        text = entry.name.replace("[", "(").replace("]", ")")
        if founded.calendar is Calendar.LUNAR:
            assert founded.month is not None and founded.day is not None
            for lunar_year in (year - 1, year):
                date, _ = lunar.observe(lunar_year, founded.month, founded.day, founded.leap)
                if date.year == year:
                    lines.append(f"REM {date.isoformat()} MSG {lunar_year - (founded.year or 0)} năm {text}")
        elif founded.precision is Precision.DAY:
            lines.append(
                f"REM {founded.day} {MONTHS[founded.month - 1]} MSG [$Ty - {founded.year}] năm {text}"
            )  # type: ignore[index, operator]
        elif founded.precision is Precision.MONTH:
            day = entry.observed_day or 1
            lines.append(f"REM {day} {MONTHS[founded.month - 1]} MSG [$Ty - {founded.year}] năm {text}")  # type: ignore[index, operator]
        else:
            lines.append(f"REM 1 Jan {year} MSG [{year} - {founded.year}] năm {text}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def hyperfine(commands: dict[str, str], runs: int, env: dict[str, str]) -> dict[str, dict[str, float]]:
    """Median, mean and stddev in milliseconds for each named command."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        report = Path(handle.name)
    args = [
        "hyperfine",
        "--warmup",
        "3",
        "--runs",
        str(runs),
        "--style",
        "none",
        "--export-json",
        str(report),
    ]
    for name, command in commands.items():
        args += ["--command-name", name, command]
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)
    data = json.loads(report.read_text())["results"]
    report.unlink()
    return {r["command"]: {k: r[k] * 1000 for k in ("median", "mean", "stddev", "min", "max")} for r in data}


def peak_memory(command: str, env: dict[str, str]) -> int:
    """Peak resident memory of one run, in KiB (GNU time)."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command.split()],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(result.stderr.strip().splitlines()[-1])


def main() -> None:
    """Run every benchmark and write the table."""
    for tool in ("hyperfine", "remind"):
        if shutil.which(tool) is None:
            sys.exit(f"benchmarks need {tool}: apt-get install -y {tool}")
    OUT.mkdir(exist_ok=True)
    synthetic = OUT / "synthetic-10000.yaml"
    if not synthetic.exists():
        subprocess.run([sys.executable, str(HERE / "make_catalogue.py"), "10000", str(synthetic)], check=True)
    rem = OUT / "synthetic-10000.rem"
    count = remind_script([synthetic], 2030, rem)
    sheet_rem = OUT / "march-2024.rem"
    remind_script([default_catalogue(), province_catalogues()["quang-ngai"]], 2024, sheet_rem)
    exe = shutil.which("calendar-gen") or f"{sys.executable} -m calendar_gen"
    cache = tempfile.mkdtemp(prefix="calendar-gen-bench-")
    env = {**os.environ, "CALENDAR_GEN_CACHE_DIR": cache}
    cold = {**env, "CALENDAR_GEN_NO_CACHE": "1"}
    year = f"{exe} year 2030 --format json --no-default -c {synthetic} --today 2026-11-22"
    month = f"{exe} month 2024-03 --today 2026-11-22"
    feed = f"{exe} feed --today 2026-11-22"
    sheet = f"{exe} month 2024-03 -p kon-tum --today 2026-11-22"
    remind_month = f"remind -pp {sheet_rem} Mar 2024"
    big_feed = f"{exe} feed --no-default -c {synthetic} --from 2021 --to 2030 --today 2026-11-22"
    results = {}
    results.update(
        hyperfine(
            {
                "month, cache warm": month,
                "year 10k json, cache warm": year,
                f"remind -s12 ({count} REMs)": f"remind -s12 {rem} Jan 1 2030",
                "feed (shipped, default range), cache warm": feed,
                "feed 10k x 10 years, cache warm": big_feed,
                "sheet html (March 2024, Kon Tum)": f"{sheet} -f html -o {OUT / 's.html'}",
                "sheet pdf (March 2024, Kon Tum)": f"{sheet} -f pdf -o {OUT / 's.pdf'}",
                "remind -pp | rem2pdf (same month)": f"{remind_month} | rem2pdf > {OUT / 'r.pdf'}",
            },
            15,
            env,
        )
    )
    results.update(
        {
            f"{k.split(',')[0]}, no cache": v
            for k, v in hyperfine({"month, x": month, "year 10k json, x": year}, 10, cold).items()
        }
    )
    rows = ["| command | median ms | mean ms | min ms | max ms |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, r in results.items():
        rows.append(f"| {name} | {r['median']:.0f} | {r['mean']:.0f} | {r['min']:.0f} | {r['max']:.0f} |")
    remind_ms = results[f"remind -s12 ({count} REMs)"]["median"]
    rows.append("")
    for label in ("cache warm", "no cache"):
        ratio = results[f"year 10k json, {label}"]["median"] / remind_ms
        rows.append(f"calendar-gen / remind (10k, {label}): {ratio:.2f}")
    peak = peak_memory(big_feed, env)
    rows.append(f"feed 10k x 10 years: peak memory {peak / 1024:.0f} MB")
    compare = subprocess.run(
        [sys.executable, str(HERE / "feed_compare.py"), str(synthetic), "2021", "2030"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows += ["", "Same events, one process (benchmarks/feed_compare.py):", "", "```", compare.strip(), "```"]
    text = "\n".join(rows) + "\n"
    (OUT / "results.md").write_text(text, encoding="utf-8")
    print(text)
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
