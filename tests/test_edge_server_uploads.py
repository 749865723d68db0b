"""Issue 23, item 1 through the server: zip bombs uploaded to ``/check`` on a real uvicorn.

A 35 KB upload with false declared sizes took the server to 3.1 GB, four 951 KB ones to 3.7 GB.
Each case here: 400 with the real reason, ``/healthz`` within a second meanwhile, and the server's
peak RSS (VmHWM) under 400 MiB.
"""

from __future__ import annotations

import concurrent.futures
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_check_limits import bomb_parts, lying_sizes, package
from .test_check_web import multipart
from .test_server import CATALOGUE, Server
from .test_server_limits import PEAK_MIB, healthz_seconds, peak_mib, post

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("uploads")
    catalogue = folder / "c.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    instance = Server(["--no-default", "-c", str(catalogue)], folder / "server.log")
    yield instance
    instance.stop()


BOMBS = {
    "false-sizes": (
        lambda: lying_sizes(package(bomb_parts(120 << 20))),
        "hỏng",
    ),  # past the 100 MB unpack limit
    "bzip2": (lambda: package(bomb_parts(1 << 20), zipfile.ZIP_BZIP2), "LibreOffice không bao giờ dùng"),
    "deflate-ratio": (lambda: package(bomb_parts(50 << 20)), "200 lần"),
}


@pytest.mark.parametrize("case", list(BOMBS))
def test_zip_bombs_uploaded_to_check_are_refused_in_bounded_memory(server: Server, case: str) -> None:
    make, reason = BOMBS[case]
    bomb = make()
    assert len(bomb) < 1_000_000
    body, kind = multipart("file", "du-thao.docx", bomb)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        started = time.monotonic()
        answers = [pool.submit(post, server, "/check?format=json", body, kind) for _ in range(4)]
        assert healthz_seconds(server) < 1.0
        results = [answer.result(timeout=60) for answer in answers]
        elapsed = time.monotonic() - started
    for status, data in results:
        text = data.decode("utf-8")
        assert status == 400 and reason in text, (status, text[:400])
        assert "Traceback" not in text
    assert elapsed < 30, elapsed
    assert peak_mib(server.process.pid) < PEAK_MIB
