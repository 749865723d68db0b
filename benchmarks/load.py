"""Load benchmark on loopback (bounded: 10 s per run, 64 connections), reported, not asserted.

    python benchmarks/load.py          # needs wrk and nginx (Debian packages: wrk, nginx-light)

Against ``calendar-gen serve`` with the shipped catalogue: the cached feed (plain and gzip), the
304 path, and nginx serving the same feed built by ``calendar-gen build`` as the ceiling, and
serve's own gzip bytes with ``gzip_static`` (what gzip gains at best at this size). Also the
feed of every entry (``?all=1``, about 0.95 MB: the size class of issue 21's 2.85 MB default
feed, before issue 18 made the default the national selection), against nginx serving its bytes.
Results go to benchmarks/out/load.md.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
SECONDS, CONNECTIONS = 10, 64
NGINX_CONF = """
worker_processes auto;
daemon off;
error_log {prefix}/error.log;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    gzip_static on;  # feed.ics.gz, serve's own gzip bytes: the peer of serve's gzip rows
    types {{ text/calendar ics; text/html html; }}
    charset utf-8;
    charset_types text/calendar text/html;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location ~ \\.ics$ {{ add_header Cache-Control "public, max-age=3600"; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait(url: str, *headers: tuple[str, str]) -> bytes:
    for _ in range(200):
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, headers=dict(headers)), timeout=2
            ) as response:
                return bytes(response.read())
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} never answered")


def settled(log: Path) -> None:
    """Wait until serve has rendered this month's and year's documents ahead, at most 120 s.

    That start-up work would otherwise share the cores with the first runs.
    """
    deadline = time.monotonic() + 120
    while "documents rendered ahead" not in log.read_text(encoding="utf-8", errors="replace"):
        if time.monotonic() > deadline:
            raise RuntimeError("serve never finished rendering ahead: " + log.read_text(encoding="utf-8"))
        time.sleep(0.2)


def family(pid: int) -> list[int]:
    """The process and its children (nginx's workers)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()
    return [pid, *map(int, children)]


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of the processes so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def wrk(url: str, *headers: str, server: int) -> dict[str, str]:
    """Run wrk and pick out requests/s, p99 latency, errors, and the CPU of the server and of wrk.

    The CPU shares say what bounds a row: on 2 cores, a server near one core with wrk near the
    other is as fast as this machine can measure it.
    """
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    for header in headers:
        args += ["-H", header]
    pids = family(server)
    before, wrk_before = cpu_seconds(pids), resource.getrusage(resource.RUSAGE_CHILDREN)
    text = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    after, wrk_after = cpu_seconds(pids), resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu = wrk_after.ru_utime + wrk_after.ru_stime - wrk_before.ru_utime - wrk_before.ru_stime
    errors = re.search(r"Socket errors: (.*)", text)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": re.search(r"Requests/sec:\s+([\d.]+)", text).group(1),  # type: ignore[union-attr]
        "p50": re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1),  # type: ignore[union-attr]
        "p99": re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1),  # type: ignore[union-attr]
        "errors": (errors.group(1) if errors else "none")
        + (f"; non-2xx/3xx {non_2xx.group(1)}" if non_2xx else ""),
        "cpu": f"{(after - before) / SECONDS:.0%} / {wrk_cpu / SECONDS:.0%}",
    }


def main() -> None:
    """Serve, build, hammer, report."""
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"the load benchmark needs {tool}: apt-get install -y {tool}")
    OUT.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="calendar-gen-load-"))
    work.chmod(0o755)  # nginx workers run as an unprivileged user
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "CALENDAR_GEN_CACHE_DIR": str(work / "cache")}
    port = free_port()
    log = work / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "calendar_gen", "serve", "--port", str(port), "--today", "2026-11-22"],
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        env=env,
    )
    nginx = None
    rows = []
    try:
        feed_url = f"http://127.0.0.1:{port}/feed.ics"
        body = wait(feed_url)
        settled(log)
        with urllib.request.urlopen(feed_url) as response:
            etag = response.headers["ETag"]
        rows.append(("serve: cached feed, plain", len(body), wrk(feed_url, server=server.pid)))
        rows.append(
            ("serve: cached feed, gzip", 0, wrk(feed_url, "Accept-Encoding: gzip", server=server.pid))
        )
        rows.append(("serve: cached feed, br", 0, wrk(feed_url, "Accept-Encoding: br", server=server.pid)))
        rows.append(
            ("serve: 304 (If-None-Match)", 0, wrk(feed_url, f"If-None-Match: {etag}", server=server.pid))
        )
        every_url = feed_url + "?all=1"
        every = wait(every_url)
        rows.append(("serve: every entry, plain", len(every), wrk(every_url, server=server.pid)))
        rows.append(
            ("serve: every entry, gzip", 0, wrk(every_url, "Accept-Encoding: gzip", server=server.pid))
        )
        site = work / "site"
        subprocess.run(
            [sys.executable, "-m", "calendar_gen", "build", str(site), "--today", "2026-11-22"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert (site / "feed.ics").read_bytes() == body, "the built feed differs from the served one"
        (site / "every.ics").write_bytes(every)
        for name, url in (("feed.ics.gz", feed_url), ("every.ics.gz", every_url)):
            (site / name).write_bytes(wait(url, ("Accept-Encoding", "gzip")))
        nginx_port = free_port()
        conf = work / "nginx.conf"
        conf.write_text(NGINX_CONF.format(prefix=work, port=nginx_port, root=site), encoding="utf-8")
        nginx = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(work)], stderr=subprocess.DEVNULL)
        static_url = f"http://127.0.0.1:{nginx_port}/feed.ics"
        wait(static_url)
        rows.append(("nginx: built feed.ics, plain (ceiling)", len(body), wrk(static_url, server=nginx.pid)))
        rows.append(
            (
                "nginx: feed.ics.gz (gzip_static)",
                0,
                wrk(static_url, "Accept-Encoding: gzip", server=nginx.pid),
            )
        )
        every_static = f"http://127.0.0.1:{nginx_port}/every.ics"
        rows.append(("nginx: every entry, plain", len(every), wrk(every_static, server=nginx.pid)))
        rows.append(
            (
                "nginx: every entry, gzip_static",
                0,
                wrk(every_static, "Accept-Encoding: gzip", server=nginx.pid),
            )
        )
    finally:
        server.terminate()
        if nginx is not None:
            nginx.terminate()
    lines = [
        f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s on 127.0.0.1, shipped catalogue, default range; "
        f"{os.cpu_count()} cores shared by server and wrk.",
        "",
        "| target | body bytes | requests/s | p50 | p99 | errors | CPU server / wrk (of one core) |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for name, size, result in rows:
        cells = [
            name,
            str(size or ""),
            result["rps"],
            result["p50"],
            result["p99"],
            result["errors"],
            result["cpu"],
        ]
        lines.append("| " + " | ".join(cells) + " |")
    rps = {name: float(result["rps"]) for name, _size, result in rows}
    nginx_plain, nginx_every = rps["nginx: built feed.ics, plain (ceiling)"], rps["nginx: every entry, plain"]
    nginx_gzip, nginx_every_gzip = (
        rps["nginx: feed.ics.gz (gzip_static)"],
        rps["nginx: every entry, gzip_static"],
    )
    gzip_rps = rps["serve: cached feed, gzip"]
    plain = rps["serve: cached feed, plain"]
    every_plain = rps["serve: every entry, plain"]
    every_nginx, every_gzip = nginx_every, rps["serve: every entry, gzip"]
    lines += [
        "",
        f"serve plain / nginx: {plain / nginx_plain:.2f} (target ≥ 1.2)",
        f"serve gzip / serve plain: {rps['serve: cached feed, gzip'] / plain:.2f} (target ≥ 3)",
        f"  for reference, nginx gzip_static / nginx plain: {nginx_gzip / nginx_plain:.2f}",
        f"  serve gzip / nginx gzip_static: {gzip_rps / nginx_gzip:.2f}",
        f"serve br / serve plain: {rps['serve: cached feed, br'] / plain:.2f}",
        f"every entry: serve plain / nginx: {every_plain / every_nginx:.2f} (target ≥ 1.2)",
        f"every entry: serve gzip / serve plain: {every_gzip / every_plain:.2f} (target ≥ 3)",
        f"  for reference, nginx gzip_static / nginx plain: {nginx_every_gzip / nginx_every:.2f}",
    ]
    text = "\n".join(lines) + "\n"
    (OUT / "load.md").write_text(text, encoding="utf-8")
    print(text)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
