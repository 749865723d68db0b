"""Load benchmark on loopback (bounded: 10 s per run, 64 connections), reported, not asserted.

    python benchmarks/load.py          # needs wrk and nginx (Debian packages: wrk, nginx-light)

Against ``calendar-gen serve`` with the shipped catalogue: the default feed (183 kB; plain, gzip,
br, 304), the feed of every entry (``?all=1``, 0.95 MB) and of every entry over ten years (2.4 MB,
the size class of issue 21's 2.85 MB default feed before issue 18 made the default the national
selection). Each against nginx serving the same bytes from disk, plain and with ``gzip_static``
(serve's own gzip bytes): what this machine allows for each size. A row's CPU columns say what
bounds it (with wrk on the same two cores).
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
    gzip_static on;  # NAME.ics.gz, serve's own gzip bytes: the peer of serve's gzip rows
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
        rows.append(("serve: default, plain", len(body), wrk(feed_url, server=server.pid)))
        rows.append(("serve: default, gzip", 0, wrk(feed_url, "Accept-Encoding: gzip", server=server.pid)))
        rows.append(("serve: default, br", 0, wrk(feed_url, "Accept-Encoding: br", server=server.pid)))
        rows.append(
            ("serve: 304 (If-None-Match)", 0, wrk(feed_url, f"If-None-Match: {etag}", server=server.pid))
        )
        # The feed of every entry, and of every entry over the longest range a feed may have
        # (10 years, 2.4 MB): the size class of issue 21's 2.85 MB default feed.
        larger = {"every": feed_url + "?all=1", "ten-years": feed_url + "?all=1&from=2022&to=2031"}
        sizes = {}
        for name, url in larger.items():
            sizes[name] = len(wait(url))
            rows.append((f"serve: {name}, plain", sizes[name], wrk(url, server=server.pid)))
            rows.append((f"serve: {name}, gzip", 0, wrk(url, "Accept-Encoding: gzip", server=server.pid)))
        site = work / "site"
        subprocess.run(
            [sys.executable, "-m", "calendar_gen", "build", str(site), "--today", "2026-11-22"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert (site / "feed.ics").read_bytes() == body, "the built feed differs from the served one"
        (site / "feed.ics.gz").write_bytes(wait(feed_url, ("Accept-Encoding", "gzip")))
        for name, url in larger.items():  # serve's own bytes, for nginx to serve from disk
            (site / f"{name}.ics").write_bytes(wait(url))
            (site / f"{name}.ics.gz").write_bytes(wait(url, ("Accept-Encoding", "gzip")))
        nginx_port = free_port()
        conf = work / "nginx.conf"
        conf.write_text(NGINX_CONF.format(prefix=work, port=nginx_port, root=site), encoding="utf-8")
        nginx = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(work)], stderr=subprocess.DEVNULL)
        static = f"http://127.0.0.1:{nginx_port}/"
        wait(static + "feed.ics")
        rows.append(("nginx: default, plain", len(body), wrk(static + "feed.ics", server=nginx.pid)))
        gz = wrk(static + "feed.ics", "Accept-Encoding: gzip", server=nginx.pid)
        rows.append(("nginx: default, gzip_static", 0, gz))
        for name in larger:
            rows.append((f"nginx: {name}, plain", sizes[name], wrk(static + f"{name}.ics", server=nginx.pid)))
            gz = wrk(static + f"{name}.ics", "Accept-Encoding: gzip", server=nginx.pid)
            rows.append((f"nginx: {name}, gzip_static", 0, gz))
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
    lines.append("")
    for name in ("default", "every", "ten-years"):
        plain, gzip = rps[f"serve: {name}, plain"], rps[f"serve: {name}, gzip"]
        nginx_plain, nginx_gzip = rps[f"nginx: {name}, plain"], rps[f"nginx: {name}, gzip_static"]
        lines += [
            f"{name}: serve plain / nginx plain {plain / nginx_plain:.2f} (target ≥ 1.2); "
            f"serve gzip / serve plain {gzip / plain:.2f} (target ≥ 3); "
            f"nginx gzip_static / nginx plain {nginx_gzip / nginx_plain:.2f}; "
            f"serve gzip / nginx gzip_static {gzip / nginx_gzip:.2f}",
        ]
    lines.append(
        f"default: serve br / serve plain {rps['serve: default, br'] / rps['serve: default, plain']:.2f}"
    )
    text = "\n".join(lines) + "\n"
    (OUT / "load.md").write_text(text, encoding="utf-8")
    print(text)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
