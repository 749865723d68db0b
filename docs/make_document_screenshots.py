"""Screenshots of a complete document (--profile) for the README, first page each.

The PDF as WeasyPrint writes it and the DOCX as LibreOffice renders it (pdftoppm, soffice).

python docs/make_document_screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARGS = [
    "month",
    "2024-03",
    "-p",
    "kon-tum",
    "--profile",
    str(ROOT / "examples" / "document-profile.yaml"),
    "--issued",
    "2024-02-27",
    "--today",
    "2024-02-27",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for ext in ("pdf", "docx"):
            subprocess.run(
                [sys.executable, "-m", "calendar_gen", *ARGS, "-o", str(work / f"van-ban.{ext}")],
                check=True,
                cwd=ROOT,
            )
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{work}/lo",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "lo"),
                str(work / "van-ban.docx"),
            ],
            check=True,
            capture_output=True,
        )
        for pdf, name in (
            (work / "van-ban.pdf", "van-ban-pdf"),
            (work / "lo" / "van-ban.pdf", "van-ban-docx"),
        ):
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "70",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(HERE / name),
                ],
                check=True,
            )
            print(HERE / f"{name}.png")


if __name__ == "__main__":
    main()
