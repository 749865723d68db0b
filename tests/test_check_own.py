"""The project's own outputs check clean (issue 19, quality bar): text, Markdown, DOCX and PDF text.

Each sheet ends with a "Nguồn" list citing articles whose titles count to other years; those are
sources, not mentions. Through the real commands: ``month``/``year`` write the file, ``check``
reads it, and no error or warning may come back. ``--all`` prints every occurrence, not only the
editor's selection, so that the most text is checked.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli


def serious(path: Path) -> tuple[int, list[str]]:
    result = run_cli("check", str(path), "-f", "json")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    data = json.loads(result.stdout)
    return data["summary"]["mentions"], [f["message"] for f in data["findings"] if f["severity"] != "info"]


@pytest.mark.parametrize("period", ["month 2024-03", "month 2025-09", "month 2026-01", "year 2025"])
def test_sheets_and_text_check_clean(period: str, tmp_path: Path) -> None:
    command, value = period.split()
    for fmt, name in (("docx", "sheet.docx"), ("markdown", "sheet.md"), ("text", "sheet.txt")):
        path = tmp_path / name
        result = run_cli(command, value, "--all", "-f", fmt, "-o", str(path))
        assert result.returncode == 0, result.stderr
        mentions, findings = serious(path)
        assert findings == [], (fmt, findings)
        assert mentions >= 5, (fmt, mentions)


@pytest.mark.parametrize("month", ["2024-03", "2025-09"])
def test_pdf_text_checks_clean(month: str, tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    result = run_cli("month", month, "--all", "-f", "pdf", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert shutil.which("pdftotext"), "poppler-utils is missing (scripts/system-packages.txt)"
    text = tmp_path / "sheet.txt"
    subprocess.run(["pdftotext", str(pdf), str(text)], check=True, timeout=60)
    mentions, findings = serious(text)
    assert findings == [] and mentions >= 10, findings
