"""``/check`` offers the annotated and the corrected copy, and says the document's year it assumed.

Issue 19, item 4, through a real uvicorn on 127.0.0.1: a form field ``download`` = ``annotated`` or
``corrected`` answers the .docx (comments; tracked changes by "calendar-gen") or, for pasted text,
the corrected text, as an attachment; the JSON answer and the page say the year and its source.
"""

from __future__ import annotations

import http.client
import io
import json
import uuid
import zipfile

import docx
import pytest

from .test_check_web import PASTE, post, server
from .test_check_word import stories_draft
from .test_server import Server

__all__ = ["server"]  # the module-scoped uvicorn of test_check_web
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def form(fields: dict[str, str], upload: bytes | None = None) -> tuple[bytes, str]:
    """A multipart body with text fields and, when given, the .docx as ``file``."""
    boundary = uuid.uuid4().hex
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    if upload is not None:
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="du-thao.docx"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + upload
            + b"\r\n"
        )
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def fetch(server: Server, body: bytes, kind: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("POST", "/check", body=body, headers={"Content-Type": kind})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def tracked(data: bytes) -> list[tuple[str, str]]:
    """('ins' or 'del', text) of each tracked change of the body, all by calendar-gen."""
    root = docx.oxml.parse_xml(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    found = []
    for mark in root.iter(f"{W}ins", f"{W}del"):
        assert mark.get(f"{W}author") == "calendar-gen"
        found.append(
            (mark.tag.removeprefix(W), "".join(t.text or "" for t in mark.iter(f"{W}t", f"{W}delText")))
        )
    return found


def test_annotated_and_corrected_docx_are_downloaded(server: Server) -> None:
    status, headers, data = fetch(server, *form({"download": "annotated"}, stories_draft()))
    assert status == 200, data[:300]
    assert headers["content-disposition"] == 'attachment; filename="gop-y.docx"'
    assert headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert len(list(docx.Document(io.BytesIO(data)).comments)) == 6  # one per finding, every story
    status, headers, data = fetch(server, *form({"download": "corrected"}, stories_draft()))
    assert status == 200 and headers["content-disposition"] == 'attachment; filename="da-sua.docx"'
    assert tracked(data) == [
        ("del", "66"), ("ins", "65"), ("del", "năm tròn"), ("ins", "năm khác"), ("del", "50"), ("ins", "49"),
    ]  # fmt: skip
    # The corrected copy checks clean, and correcting it again gives it back unchanged.
    body, kind = form({}, data)
    answer = json.loads(post(server, "/check?format=json", body, kind)[1])
    assert answer["summary"]["error"] == 0 and answer["summary"]["warning"] == 0
    status, _headers, again = fetch(server, *form({"download": "corrected"}, data))
    assert status == 200 and again == data


def test_corrected_text_and_the_year_assumed(server: Server) -> None:
    status, headers, data = fetch(server, *form({"text": PASTE, "download": "corrected"}))
    assert status == 200
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert headers["content-disposition"] == 'attachment; filename="da-sua.txt"'
    assert data.decode("utf-8") == PASTE.replace("91 năm", "92 năm")  # 1930 to 2022
    status, body = post(server, "/check?format=json", PASTE.encode(), "text/plain; charset=utf-8")
    answer = json.loads(body)
    assert (answer["year"], answer["year_source"]) == (None, None)  # one target year is no majority
    status, body = post(server, "/check?format=json", *form({"text": PASTE, "year": "2022"}))
    assert (json.loads(body)["year"], json.loads(body)["year_source"]) == (2022, "option")
    title = "KẾ HOẠCH tuyên truyền các ngày lễ năm 2024\nNgày Quốc tế Phụ nữ (8/3)"
    status, body = post(server, "/check?format=json", title.encode(), "text/plain; charset=utf-8")
    assert (json.loads(body)["year"], json.loads(body)["year_source"]) == (2024, "title")
    status, body = post(server, "/check", *form({}, stories_draft()))
    page = body.decode("utf-8")
    assert status == 200
    assert '<p id="year">Năm của văn bản: 2024 (năm mà phần lớn các ngày kỷ niệm tính đến).</p>' in page
    assert 'value="annotated"' in page and 'value="corrected"' in page


@pytest.mark.parametrize(
    ("fields", "word", "message"),
    [
        ({"text": PASTE, "download": "annotated"}, False, "cần một tệp .docx"),
        ({"text": PASTE, "download": "pdf"}, False, "không phải bản để tải về"),
        ({"download": "corrected"}, False, "Hãy dán văn bản"),
        ({"download": "corrected"}, True, "Tệp không đọc được"),
    ],
)
def test_bad_download_requests_get_400(
    server: Server, fields: dict[str, str], word: bool, message: str
) -> None:
    status, headers, data = fetch(server, *form(fields, b"PK\x03\x04 not a zip" if word else None))
    assert status == 400 and "content-disposition" not in headers
    assert message in data.decode("utf-8")
    assert server.get("/healthz")[0] == 200
