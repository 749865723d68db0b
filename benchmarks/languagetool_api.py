"""``POST /v2/check`` (the LanguageTool API of ``serve``) against a running server on loopback.

Issue 19's bar: a two-page text answered in under 100 ms; issue 23 item 3: the time grows
linearly with the text (64 KB, 256 KB, 1 MB of UTF-8). The two-page text is the example draft
``examples/du-thao-thang-3-2024.txt`` twice with one wrong count (about 8,000 characters,
1,600 words: two A4 pages of Times 13 pt); the large texts repeat it to the size. Each time is
the median of several requests (one connection each, as LibreOffice makes them), client
included, after one warm-up request.

    python benchmarks/languagetool_api.py [RUNS]
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFT = (ROOT / "examples" / "du-thao-thang-3-2024.txt").read_text(encoding="utf-8")
WRONG = "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2025)."
TWO_PAGES = f"{DRAFT}\n{WRONG}\n{DRAFT}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "calendar_gen", "serve", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def check(port: int, text: str) -> tuple[float, int]:
    """Seconds for one request and the number of matches."""
    body = urllib.parse.urlencode({"text": text, "language": "vi-VN"}).encode()
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("POST", "/v2/check", body, {"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    data = response.read()
    seconds = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise SystemExit(f"HTTP {response.status}: {data[:200]!r}")
    return seconds, len(json.loads(data)["matches"])


def sized(size: int) -> str:
    """The draft with one wrong count, repeated to ``size`` bytes of UTF-8."""
    unit = f"{DRAFT}\n{WRONG}\n"
    copies = max(size // len(unit.encode()), 1)
    return unit * copies


def median(port: int, text: str, runs: int) -> tuple[float, int]:
    check(port, text)  # warm-up: the catalogue index, the patterns
    results = [check(port, text) for _ in range(runs)]
    return statistics.median(r[0] for r in results), results[0][1]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    port = free_port()
    server = start(port)
    try:
        seconds, matches = median(port, TWO_PAGES, runs)
        words = len(TWO_PAGES.split())
        print(
            f"two pages ({len(TWO_PAGES):,} characters, {words:,} words): "
            f"{seconds * 1000:6.1f} ms median of {runs}, {matches} match(es) (target < 100 ms)"
        )
        previous = None
        for label, size in (("64 KB", 64 * 1024), ("256 KB", 256 * 1024), ("1 MB", 1024 * 1024)):
            text = sized(size)
            seconds, matches = median(port, text, max(runs // 5, 3))
            per = seconds / len(text.encode()) * 1024 * 1024
            ratio = f", ×{seconds / previous:.2f} for ×4" if previous else ""
            print(
                f"{label:>6} ({len(text.encode()):>9,} bytes): {seconds:7.3f} s, "
                f"{per:6.2f} s per MB, {matches} matches{ratio}"
            )
            previous = seconds
    finally:
        os.kill(server.pid, signal.SIGINT)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
