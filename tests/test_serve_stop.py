"""A stopped ``serve`` leaves no process behind: its document renderer ends with it.

Found while measuring issue 21: SIGTERM ended ``serve`` cleanly, but the process rendering the
month's and the year's PDF and Word files ahead went on, an orphan, through its whole queue.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def _renderers(pid: int) -> set[int]:
    """The multiprocessing workers among the children of ``pid`` (a child may end as we look)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            try:
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.add(child)
            except OSError:
                continue
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return " Z " not in stat  # a zombie has ended


def test_the_renderer_ends_when_serve_is_stopped(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "CALENDAR_GEN_CACHE_DIR": str(tmp_path / "cache")}
    server = subprocess.Popen(
        [sys.executable, "-m", "calendar_gen", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        renderers: set[int] = set()
        while not renderers:  # the renderer starts with the server: this month's documents
            assert time.monotonic() < deadline, "serve never started its document renderer"
            assert server.poll() is None, "serve ended"
            renderers = _renderers(server.pid)
            time.sleep(0.1)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal it handled
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in renderers):
            assert time.monotonic() < deadline, f"renderer {renderers} still running after serve stopped"
            time.sleep(0.2)
    finally:
        if server.poll() is None:
            server.kill()
