"""Write a synthetic catalogue of N entries (solar, lunar, month-only, year-only) for benchmarks.

Deterministic (seeded), so every run measures the same input:

    python benchmarks/make_catalogue.py 10000 benchmarks/out/synthetic-10000.yaml
"""

from __future__ import annotations

import calendar
import random
import sys
from pathlib import Path

KINDS = ["event", "sector", "organisation", "armed-forces", "leader", "international", "local"]
WORDS = ["Ngày truyền thống", "Ngày thành lập", "Chiến thắng", "Ngày sinh đồng chí", "Ngày hội"]
PLACES = ["Bộ đội Biên phòng", "Đoàn TNCS Hồ Chí Minh", "ngành Giáo dục", "tỉnh Kon Tum", "Hội Nông dân"]


def entry(index: int, rng: random.Random) -> str:
    """One entry as YAML text."""
    year = rng.randint(1800, 2020)
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    shape = rng.random()
    extra = ""
    if shape < 0.70:
        date = f"{day}/{month}/{year}"
    elif shape < 0.80:
        date = f"{month}/{year}"
    elif shape < 0.85:
        date = f"{year}"
    else:
        date = f"{rng.randint(1, 29)}/{month}/{max(year, 1901)}"
        extra = "\n    calendar: lunar"
    name = f"{rng.choice(WORDS)} {rng.choice(PLACES)} số {index}"
    return (
        f"  - id: muc-{index:05d}\n"
        f"    name: {name}\n"
        f'    date: "{date}"{extra}\n'
        f"    kind: {rng.choice(KINDS)}\n"
        f"    tags: [tag-{index % 50}]\n"
        f'    source: "Synthetic entry {index} for benchmarks"\n'
    )


def main() -> None:
    """Write the catalogue."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"benchmarks/out/synthetic-{count}.yaml")
    rng = random.Random(20261122)
    target.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(entry(i, rng) for i in range(count))
    target.write_text("anniversaries:\n" + body, encoding="utf-8")
    print(target)


if __name__ == "__main__":
    main()
