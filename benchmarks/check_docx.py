"""How long ``calendar-gen check`` takes on a 30-page Word draft (issue 12: under a second).

Builds a draft of about 30 A4 pages: the monthly paragraphs calendar-gen writes for 2024 to 2026
(every mention of the shipped catalogue, some with a wrong count), filler prose between them, and
a table of the year's days, in Times New Roman 13 pt. Then times, median of several runs:
reading the .docx and checking it in one process, and the whole ``calendar-gen check`` command.

    python benchmarks/check_docx.py [RUNS]
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import docx
from docx.shared import Pt

from calendar_gen.catalogue.load import load
from calendar_gen.check.document import Options, check_blocks
from calendar_gen.check.wordfile import read
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.paths import default_catalogue
from calendar_gen.render.formatting import mention
from calendar_gen.render.paragraph import month_text

FILLER = (
    "Tiếp tục đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; tuyên truyền "
    "các nhiệm vụ phát triển kinh tế - xã hội, xây dựng Đảng và hệ thống chính trị, củng cố quốc phòng, an "
    "ninh theo Nghị quyết số 18-NQ/TW, ngày 25-10-2017 của Ban Chấp hành Trung ương Đảng khoá XII."
)


def build_draft() -> tuple[bytes, int]:
    """The draft's bytes and its number of pages (estimated from its length at 13 pt)."""
    entries = load([default_catalogue()]).entries
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    characters = 0
    for year in (2024, 2025, 2026):
        for month in range(1, 13):
            last = gregorian.monthrange(year, month)[1]
            found = occurrences(entries, dt.date(year, month, 1), dt.date(year, month, last))
            text = month_text(found, year, month).strip().replace(" 94 năm", " 92 năm")
            for paragraph in (f"{month}. Tháng {month}/{year}", FILLER, text, FILLER):
                document.add_paragraph(paragraph)
                characters += len(paragraph)
    found = occurrences(entries, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    table = document.add_table(rows=1, cols=2)
    for occ in found[:150]:
        cells = table.add_row().cells
        cells[0].text = f"{occ.date.day}/{occ.date.month}"
        cells[1].text = mention(occ)
        characters += 80
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), characters // 2600 + 1  # about 2,600 characters on an A4 page at 13 pt


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    data, pages = build_draft()
    entries = load([default_catalogue()]).entries
    in_process: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        report = check_blocks(read(data).blocks, entries, Options())
        in_process.append(time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "du-thao-30-trang.docx"
        path.write_bytes(data)
        command: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "calendar_gen", "--lang", "en", "check", str(path), "-f", "json"],
                capture_output=True,
                check=False,
            )
            command.append(time.perf_counter() - start)
    print(f"draft: {len(data) // 1024} kB, about {pages} pages, {len(report.blocks)} paragraphs")
    print(f"mentions: {len(report.mentions)}, errors: {report.count('error')}")
    print(f"read + check in one process: median {statistics.median(in_process) * 1000:.0f} ms")
    print(f"calendar-gen check (whole process): median {statistics.median(command) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
