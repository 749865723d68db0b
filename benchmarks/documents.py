"""Served documents: how long the first request of /year/YYYY.pdf takes (issue 22).

    python benchmarks/documents.py

Starts ``calendar-gen serve`` on 127.0.0.1 with an empty documents cache, measures how long the
pre-renderer takes to have this month's and this year's PDF and DOCX on disk, then times the
first and the second request of the yearly PDF and the monthly DOCX (a few requests, loopback
only), and, for comparison, one render of the same yearly PDF in this process (what a request
paid before). Results go to benchmarks/out/documents.md.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
TODAY = "2025-03-01"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return time.perf_counter() - start, response.status


def direct_render() -> float:
    """One render of the 2025 yearly PDF, as the request path did before issue 22."""
    sys.path.insert(0, str(HERE.parent))
    from calendar_gen.catalogue.load import load
    from calendar_gen.paths import default_catalogue
    from calendar_gen.web.documents import Sheet, year_document

    catalogue = load([default_catalogue()])
    sheet = Sheet(catalogue.entries, ("Các ngày kỷ niệm toàn quốc",), dt.date.fromisoformat(TODAY))
    start = time.perf_counter()
    year_document(sheet, 2025, "pdf")
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        env = {**os.environ, "CALENDAR_GEN_CACHE_DIR": folder}
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "calendar_gen", "serve", "--port", str(port), "--today", TODAY],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            documents = Path(folder) / "documents"
            while len(list(documents.glob("*.*"))) < 4:
                if time.perf_counter() - started > 300:
                    raise SystemExit("the documents were not rendered within 300 s")
                time.sleep(0.2)
            ready = time.perf_counter() - started
            rows = [
                (path, *get(port, path), *get(port, path))
                for path in ("/year/2025.pdf", "/month/2025-03.docx")
            ]
        finally:
            server.terminate()
            server.wait(timeout=20)
    before = direct_render()
    lines = [
        "# Served documents (benchmarks/documents.py)",
        "",
        f"- start-up to the 4 offered documents on disk: {ready:.1f} s (in the background)",
        f"- one render of /year/2025.pdf, as a request paid before: {before:.2f} s",
        "",
        "| path | first request | second request |",
        "| --- | --- | --- |",
        *(
            f"| {path} | {first * 1000:.0f} ms ({a}) | {second * 1000:.0f} ms ({b}) |"
            for path, first, a, second, b in rows
        ),
    ]
    OUT.mkdir(exist_ok=True)
    (OUT / "documents.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
