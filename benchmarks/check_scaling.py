"""How the proofreader's time grows with the draft (issue 23, item 3: linear, not quadratic).

Times, median of RUNS runs, in one process:
- checking a plain-text draft of 5,000, 10,000 and 20,000 mentions (each a correct mention of the
  shipped catalogue, repeated, one per line);
- ``--annotate`` and ``--fix`` on a Word draft with 2,500, 5,000 and 10,000 findings (wrong counts),
  100 findings per paragraph, checking included.
A linear proofreader doubles its time when the size doubles; the ratios are printed.

    python benchmarks/check_scaling.py [RUNS]
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import docx

from calendar_gen.catalogue.load import load
from calendar_gen.check.document import Options, check_blocks, check_text
from calendar_gen.check.report import comment_spans, fix_edits
from calendar_gen.check.wordedit import annotate, fix
from calendar_gen.check.wordfile import read
from calendar_gen.paths import default_catalogue

ENTRIES = load([default_catalogue()]).entries
RIGHT = "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024);"
WRONG = "66 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024);"


def median(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def word_draft(findings: int, per_paragraph: int = 100) -> bytes:
    document = docx.Document()
    for _ in range(findings // per_paragraph):
        document.add_paragraph(" ".join([WRONG] * per_paragraph))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    previous = None
    for mentions in (5_000, 10_000, 20_000):
        text = "\n".join([RIGHT] * mentions)
        seconds = median(runs, lambda text=text: check_text(text, ENTRIES, Options()))
        ratio = f" (×{seconds / previous:.2f} for ×2)" if previous else ""
        print(f"check, {mentions:>6} mentions in text: {seconds:7.3f} s{ratio}")
        previous = seconds
    previous = None
    for findings in (2_500, 5_000, 10_000):
        data = word_draft(findings)

        def both(data: bytes = data, findings: int = findings) -> None:
            doc = read(data)
            report = check_blocks(doc.blocks, ENTRIES, Options())
            assert len(report.findings) == findings
            annotate(read(data), comment_spans(report))
            fix(read(data), fix_edits(report))

        seconds = median(runs, both)
        ratio = f" (×{seconds / previous:.2f} for ×2)" if previous else ""
        print(f"check + annotate + fix, {findings:>6} findings in .docx: {seconds:7.3f} s{ratio}")
        previous = seconds


if __name__ == "__main__":
    main()
