"""``/healthz`` and feed latency while hostile requests run (issue 23, items 4–6), reported.

    python benchmarks/hostile_server.py

Against ``calendar-gen serve`` with the shipped catalogue on 127.0.0.1 (bounded: each scenario
runs a few seconds): a 3.6 MB draft to ``POST /check``, a 1 MB form of 200,000 parameters, 255
connections sending a body a byte a second, 16 abandoned yearly PDFs. For each: ``/healthz``
latency (median and worst of 20), an uncached feed's latency, and the server's peak RSS.
Results go to benchmarks/out/hostile_server.md.
"""

from __future__ import annotations

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
LINE = "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024); ngày {day}/{month}/2024.\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seconds(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return time.monotonic() - started


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def post_raw(port: int, head: str, body: bytes, hold: float) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode() + body)
        time.sleep(hold)  # then hang up, as a closed browser tab does


def big_draft(port: int) -> None:
    body = "".join(LINE.format(day=i % 28 + 1, month=i % 12 + 1) for i in range(36_000)).encode()
    head = (
        f"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    post_raw(port, head, body, 4.0)


def many_fields(port: int) -> None:
    body = b"&".join(b"a%d=1" % i for i in range(200_000))
    head = (
        "POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    for _ in range(8):
        post_raw(port, head, body, 0.3)


def slow_bodies(port: int) -> None:
    head = b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
    socks = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(255)]
    for sock in socks:
        sock.sendall(head)
    for _ in range(4):
        time.sleep(1)
        for sock in socks:
            with contextlib.suppress(OSError):  # closed by the server's deadline
                sock.sendall(b"x")
    for sock in socks:
        sock.close()


def abandoned_pdfs(port: int) -> None:
    threads = [
        threading.Thread(
            target=post_raw, args=(port, f"GET /year/{2030 + i}.pdf HTTP/1.1\r\nHost: x\r\n\r\n", b"", 0.5)
        )
        for i in range(16)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(3)


def scenario(port: int, pid: int, name: str, attack: Callable[[int], None], year: int) -> str:
    worker = threading.Thread(target=attack, args=(port,))
    worker.start()
    time.sleep(0.5)
    waits = [seconds(f"http://127.0.0.1:{port}/healthz") for _ in range(20)]
    feed = seconds(f"http://127.0.0.1:{port}/feed.ics?from={year}&to={year + 1}")
    worker.join()
    return (
        f"| {name} | {statistics.median(waits) * 1000:.1f} | {max(waits) * 1000:.1f} | "
        f"{feed * 1000:.0f} | {peak_mib(pid):.0f} |"
    )


def main() -> None:
    OUT.mkdir(exist_ok=True)
    port = free_port()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "calendar_gen", "serve", "--port", str(port), "--body-timeout", "3"]
    log = (OUT / "hostile_server.log").open("w")
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=env)
    try:
        for _ in range(300):
            try:
                seconds(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        rows = [
            "| scenario | /healthz median (ms) | /healthz worst (ms) | uncached feed (ms) | peak RSS (MiB) |",
            "| --- | --- | --- | --- | --- |",
            scenario(port, server.pid, "idle", lambda _port: time.sleep(1), 2040),
            scenario(port, server.pid, "3.6 MB draft to /check, abandoned", big_draft, 2042),
            scenario(port, server.pid, "8 forms of 200,000 parameters", many_fields, 2044),
            scenario(port, server.pid, "255 bodies at a byte a second", slow_bodies, 2046),
            scenario(port, server.pid, "16 abandoned yearly PDFs", abandoned_pdfs, 2048),
        ]
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            print("the server did not stop within 10 s of SIGTERM", file=sys.stderr)
    report = "\n".join(rows) + "\n"
    (OUT / "hostile_server.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
