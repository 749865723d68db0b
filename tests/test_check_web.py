"""The "Kiểm tra văn bản" box of ``serve`` in Debian's Chromium, and hostile input over HTTP."""

from __future__ import annotations

import http.client
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_check_docx import draft, zip_bomb
from .test_server import Server
from .test_sheets import CHROMIUM, FLAGS

PASTE = "Tuyên truyền: <b>in đậm</b> <script>alert(1)</script> " + (
    "91 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2022); Ngày Quốc tế Phụ nữ (8/3)"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    saved = os.environ.get("LANG")
    os.environ["LANG"] = "en_US.UTF-8"  # an English server locale: the web still answers in Vietnamese
    try:
        instance = Server([], tmp_path_factory.mktemp("check") / "server.log")
    finally:
        if saved is None:
            os.environ.pop("LANG", None)
        else:
            os.environ["LANG"] = saved
    yield instance
    instance.stop()


def post(server: Server, path: str, body: bytes, content_type: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("POST", path, body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        return response.status, response.read()
    except (BrokenPipeError, ConnectionResetError):
        return 413, b""  # the server answered 413 and closed before the whole body was sent
    finally:
        connection.close()


def multipart(name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_paste_upload_and_highlights_in_chromium(server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{server.port}/"
    upload = tmp_path / "du-thao.docx"
    upload.write_bytes(draft())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("dialog", lambda dialog: errors.append("dialog: " + dialog.message))
        page.goto(base + "dang-ky-lich")
        page.click("#check-link")
        assert page.url == base + "check"
        page.fill("#text", PASTE)
        page.click("#submit")
        page.wait_for_selector("#result")
        assert page.inner_text("#summary") == "2 ngày kỷ niệm; 1 lỗi, 0 cảnh báo, 0 ghi chú."
        marked = page.locator("mark.error")
        assert marked.count() == 1 and marked.inner_text().startswith("91 năm Ngày thành lập Đảng")
        assert page.locator("mark.ok").inner_text() == "Ngày Quốc tế Phụ nữ (8/3)"
        assert "92 năm Ngày thành lập Đảng" in page.inner_text("ol.findings")
        # The pasted HTML is shown as text: no element was made of it, no script ran.
        assert page.locator(".document b").count() == 0 and page.locator(".document script").count() == 0
        assert "<b>in đậm</b>" in page.inner_text(".document")
        assert page.input_value("#text") == PASTE  # the draft stays in the box for editing

        page.fill("#text", "")
        page.set_input_files("#file", str(upload))
        page.click("#submit")
        page.wait_for_selector("#result")
        assert page.locator("mark.error").count() == 2
        assert "đoạn 2, cột 15" in page.inner_text("ol.findings")
        page.screenshot(path=str(tmp_path / "check.png"), full_page=True)
        assert not errors, errors
        browser.close()


def test_json_answer(server: Server) -> None:
    status, body = post(server, "/check?format=json", PASTE.encode(), "text/plain; charset=utf-8")
    data = json.loads(body)
    assert status == 200
    assert [(f["code"], f["line"], f["column"]) for f in data["findings"]] == [("count-mismatch", 1, 55)]
    assert [m["entry"] for m in data["mentions"]] == ["thanh-lap-dang", "ngay-quoc-te-phu-nu"]
    body, kind = multipart("file", "du-thao.docx", draft())
    status, answer = post(server, "/check?format=json", body, kind)
    assert status == 200 and json.loads(answer)["summary"]["error"] == 2


@pytest.mark.parametrize(
    ("case", "status"),
    [("10 MB paste", 413), ("zip bomb", 400), ("not a docx", 400), ("empty", 400), ("bad year", 400)],
)
def test_hostile_input_gets_400_or_413_never_500(server: Server, case: str, status: int) -> None:
    if case == "10 MB paste":
        answer = post(
            server, "/check", b"text=" + b"a" * (10 * 1024 * 1024), "application/x-www-form-urlencoded"
        )
    elif case == "zip bomb":
        answer = post(server, "/check", *multipart("file", "bom.docx", zip_bomb()))
    elif case == "not a docx":
        answer = post(server, "/check", *multipart("file", "x.docx", b"PK\x03\x04 not really a zip"))
    elif case == "empty":
        answer = post(server, "/check", b"text=", "application/x-www-form-urlencoded")
    else:
        answer = post(server, "/check", b"text=8%2F3&year=%3Cscript%3E", "application/x-www-form-urlencoded")
    assert answer[0] == status, answer
    if status == 400:
        page = answer[1].decode("utf-8")
        assert 'class="problem"' in page and "<script>" not in page.split("<main>")[1]
    assert server.get("/healthz")[0] == 200
