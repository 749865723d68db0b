"""A real uvicorn server on a random 127.0.0.1 port, exercised over HTTP like calendar apps do."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_ics import check_lines, read_back

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = """title: Đơn vị thử
anniversaries:
  - {id: bo-doi-bien-phong, name: Ngày truyền thống Bộ đội Biên phòng, date: 03/3/1959, tags: [quoc-phong]}
  - {id: doan, name: Ngày thành lập Đoàn TNCS Hồ Chí Minh, date: 26/3/1931, tags: [thanh-nien]}
  - {id: tinh, name: Ngày Giải phóng tỉnh Kon Tum, date: 16/3/1975, scope: "province:kon-tum"}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``calendar-gen serve`` in a subprocess, with its log."""

    def __init__(self, args: list[str], log: Path) -> None:
        self.port = free_port()
        self.log = log
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "SOURCE_DATE_EPOCH": "1767225600"}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "calendar_gen",
                "serve",
                "--port",
                str(self.port),
                "--today",
                "2026-11-22",
                *args,
            ],
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
            env=env,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(log.read_text())

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, headers)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("serve")
    os.environ.setdefault("CALENDAR_GEN_CACHE_DIR", str(folder / "cache"))
    instance = Server(["--province", "kon-tum"], folder / "server.log")
    yield instance
    instance.stop()


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/qr.svg?round=1", "image/svg+xml"),
        ("/feed.ics", "text/calendar; charset=utf-8"),
        (
            "/feed.ics?scope=province:kon-tum&round=1&alarm=1&from=2024&to=2026",
            "text/calendar; charset=utf-8",
        ),
        ("/api/occurrences?from=2024-03-01&to=2024-03-31", "application/json"),
        ("/month/2024-03", "text/html; charset=utf-8"),
        ("/month/2024-03.pdf", "application/pdf"),
        ("/year/2025", "text/html; charset=utf-8"),
        ("/healthz", "application/json"),
    ],
)
def test_every_route(server: Server, path: str, media_type: str) -> None:
    status, headers, body = server.get(path)
    assert status == 200, body[:300]
    assert headers["content-type"] == media_type
    assert body
    assert headers["x-content-type-options"] == "nosniff"


def test_feed_is_a_valid_calendar_for_three_readers(server: Server) -> None:
    import icalendar

    _, headers, body = server.get("/feed.ics?scope=national&round=1")
    check_lines(body)
    assert read_back(body)
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert len(events) > 20
    for event in events:  # round=1 keeps năm tròn and năm lẻ 5 only
        assert {"Năm tròn", "Năm lẻ 5"} & {str(c) for c in event["CATEGORIES"].cats}, event["SUMMARY"]
    assert headers["cache-control"] == "public, max-age=3600"


def test_api_is_the_json_contract(server: Server) -> None:
    _, _, body = server.get("/api/occurrences?from=2024-03-01&to=2024-03-31&scope=province:kon-tum")
    records = json.loads(body)
    assert [r["text"] for r in records] == ["49 năm Ngày Giải phóng tỉnh Kon Tum (16/3/1975 – 16/3/2024)"]


def test_conditional_requests_head_and_gzip(server: Server) -> None:
    assert server.get("/feed.ics")[0] == 200
    _, headers, body = server.get("/feed.ics")
    etag, modified = headers["etag"], headers["last-modified"]
    assert modified == "Thu, 01 Jan 2026 00:00:00 GMT"  # SOURCE_DATE_EPOCH
    assert server.get("/feed.ics", {"If-None-Match": etag})[0] == 304
    assert server.get("/feed.ics", {"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert server.get("/feed.ics", {"If-None-Match": '"other"'})[0] == 200
    assert server.get("/feed.ics", {"If-Modified-Since": modified})[0] == 304
    assert server.get("/feed.ics", {"If-Modified-Since": "Wed, 31 Dec 2025 23:59:59 GMT"})[0] == 200
    assert server.get("/feed.ics", {"If-Modified-Since": "not a date"})[0] == 200
    head_status, head_headers, head_body = server.request("HEAD", "/feed.ics")
    assert head_status == 200 and head_body == b""
    assert head_headers["content-length"] == str(len(body)) and head_headers["etag"] == etag
    zipped_status, zipped_headers, zipped = server.get("/feed.ics", {"Accept-Encoding": "gzip, deflate"})
    assert zipped_status == 200 and zipped_headers["content-encoding"] == "gzip"
    assert gzip.decompress(zipped) == body and len(zipped) < len(body) / 2
    assert zipped_headers["etag"] != etag and zipped_headers["vary"] == "Accept-Encoding"
    gz_etag = zipped_headers["etag"]
    assert server.get("/feed.ics", {"Accept-Encoding": "gzip", "If-None-Match": gz_etag})[0] == 304


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/feed.ics?scope=mars", "scope"),
        ("/feed.ics?tag=khong-co", "tag"),
        ("/feed.ics?from=0", "from"),
        ("/feed.ics?to=10000", "to"),
        ("/feed.ics?from=1950&to=2026", "to"),
        ("/feed.ics?from=2030&to=2020", "from"),
        ("/feed.ics?alarm=99", "alarm"),
        ("/feed.ics?round=maybe", "round"),
        ("/feed.ics?scope=national&scope=national", "scope"),
        ("/feed.ics?foo=1", "foo"),
        ("/feed.ics?tag=" + "a" * 300, "tag"),
        ("/feed.ics?" + "&".join(f"x{i}=1" for i in range(400)), "query"),
        ("/api/occurrences?from=2024-13-01&to=2024-12-31", "from"),
        ("/api/occurrences?from=2024-03-01", "to"),
        ("/api/occurrences?from=1900-01-01&to=2024-01-01", "to"),
        ("/api/occurrences?from=yesterday&to=2024-01-01", "from"),
        ("/qr.svg?scope=mars", "scope"),
        ("/dang-ky-lich?alarm=x", "alarm"),
        ("/month/2024-03?x=1", "x"),
        ("/month/2024-03.docx?scope=mars", "scope"),
        ("/year/2024.pdf?scpe=national", "scpe"),
        ("/feed.ics?utm_source=zalo&scpe=national", "scpe"),
    ],
)
def test_bad_requests_get_400_naming_the_parameter(server: Server, path: str, param: str) -> None:
    status, headers, body = server.get(path)
    assert status == 400, body
    assert f"tham số '{param}'" in body.decode("utf-8")
    assert headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize(
    "path",
    [
        "/nothing",
        "/feeds/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/month/..%2f..%2fetc%2fpasswd",
        "/month/2024-13",
        "/month/2024-3",
        "/month/2024-03.exe",
        "/year/abcd",
        "/year/0",
        "/year/002024",
        "/feed.ics/../../../etc/passwd",
        "//etc/passwd",
    ],
)
def test_unknown_paths_404_and_nothing_leaves_the_app(server: Server, path: str) -> None:
    status, _, body = server.get(path)
    assert status == 404, (path, status)
    assert b"root:" not in body


def test_methods_other_than_get_and_head(server: Server) -> None:
    status, headers, _ = server.request("POST", "/feed.ics")
    assert status == 405 and headers["allow"] == "GET, HEAD"
    assert server.request("DELETE", "/")[0] == 405


def test_subscribe_page_shows_names_not_slugs(server: Server) -> None:
    page = server.get("/dang-ky-lich")[2].decode("utf-8")
    assert '<option value="quoc-phong">Quốc phòng</option>' in page
    assert '<option value="national" selected>Toàn quốc</option>' in page
    # Kon Tum's days live in the Quảng Ngãi overlay since 01/7/2025: its group names both.
    assert '<optgroup label="Quảng Ngãi">' in page
    assert '<option value="province:kon-tum">Kon Tum (tỉnh cũ)</option>' in page
    _, _, feed = server.get("/feed.ics?tag=quoc-phong")
    assert "chủ đề Quốc phòng".encode() in feed.replace(b"\r\n ", b"")


def test_host_header_cannot_poison_the_cache(server: Server) -> None:
    status, _, evil = server.get("/dang-ky-lich?alarm=3", {"Host": "evil.example"})
    assert status == 200 and b"webcal://evil.example/" in evil
    _, _, page = server.get("/dang-ky-lich?alarm=3")
    assert b"evil.example" not in page and f"webcal://127.0.0.1:{server.port}/".encode() in page
    _, _, qr = server.get("/qr.svg?alarm=3")
    assert qr != server.get("/qr.svg?alarm=3", {"Host": "evil.example"})[2]


def test_last_modified_follows_what_the_content_depends_on(server: Server) -> None:
    # SOURCE_DATE_EPOCH is 2026-01-01T00:00Z and the server's today is 2026-11-22 (UTC+7).
    assert server.get("/feed.ics?from=2024&to=2026")[1]["last-modified"] == "Thu, 01 Jan 2026 00:00:00 GMT"
    assert (
        server.get("/dang-ky-lich")[1]["last-modified"] == "Sat, 31 Oct 2026 17:00:00 GMT"
    )  # 01/11 00:00 in Vietnam
    assert server.get("/month/2024-03")[1]["last-modified"] == "Sat, 21 Nov 2026 17:00:00 GMT"


def test_gzip_refused_with_q_zero_and_app_js_has_validators(server: Server) -> None:
    _, headers, body = server.get("/feed.ics", {"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in headers and body.startswith(b"BEGIN:VCALENDAR")
    _, headers, _ = server.get("/feed.ics", {"Accept-Encoding": "br;q=0, gzip;q=0.5"})
    assert headers["content-encoding"] == "gzip"
    _, headers, _ = server.get("/app.js")
    assert server.get("/app.js", {"If-None-Match": headers["etag"]})[0] == 304


def test_no_input_gives_a_500(server: Server) -> None:
    rng = random.Random(7)
    pieces = [
        "scope",
        "tag",
        "round",
        "alarm",
        "from",
        "to",
        "kind",
        "=",
        "&",
        "%00",
        "%ff",
        "%e1%bb",
        "..",
        "2024",
        "-1",
        "province:",
        "ü",
        "<script>",
        "'",
        '"',
        ";",
        ",",
        "1",
        "0",
        " ",
        "+",
        "#",
    ]
    paths = ["/", "/feed.ics", "/api/occurrences", "/qr.svg", "/month/2024-03", "/year/2024"]
    for _ in range(150):
        query = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        path = rng.choice(paths) + "?" + urllib.parse.quote(query, safe="=&%:,;'<>\"+")
        status, _, _ = server.get(path)
        assert status in (200, 304, 400, 404), (path, status)


def test_reload_on_edit_and_keep_last_good(tmp_path: Path) -> None:
    catalogue = tmp_path / "don-vi.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    log = tmp_path / "server.log"
    server = Server(["--no-default", "-c", str(catalogue)], log)
    try:
        url = "/api/occurrences?from=2024-03-01&to=2024-03-31"
        assert len(json.loads(server.get(url)[2])) == 3
        catalogue.write_text(CATALOGUE + "  - {id: moi, name: Ngày mới, date: 20/3/2000}\n", encoding="utf-8")
        time.sleep(1.2)
        records = json.loads(server.get(url)[2])
        assert [r["id"] for r in records][-2:] == ["moi", "doan"]
        good_feed = server.get("/feed.ics")[2]
        catalogue.write_text(
            CATALOGUE + "  - {id: hong, name: Hỏng, date: 31/02/2000}\n  - {id: x, nam: y}\n",
            encoding="utf-8",
        )
        time.sleep(1.2)
        assert len(json.loads(server.get(url)[2])) == 4  # the last good catalogue, still with 'moi'
        assert server.get("/feed.ics")[2] == good_feed
        assert server.get("/healthz")[0] == 200
        text = log.read_text(encoding="utf-8")
        assert "catalogue edit rejected" in text
        assert "day 31 does not exist in 2/2000" in text and "unknown key 'nam'" in text
    finally:
        server.stop()


def test_serve_refuses_a_broken_catalogue(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("anniversaries:\n  - {id: a, name: A, date: 31/02/1990}\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "calendar_gen",
            "serve",
            "--no-default",
            "-c",
            str(broken),
            "--port",
            str(free_port()),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert (
        result.returncode == 1
        and "day 31 does not exist" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_port_in_use_is_a_message(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "calendar_gen", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert result.returncode != 0 and "Traceback" not in result.stderr
