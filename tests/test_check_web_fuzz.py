"""Generated hostile ``POST /check`` bodies: 200 or a clear 4xx in Vietnamese, never a 500.

Bounded for CI like ``test_hostile_fuzz.py`` (40 derandomised examples per test, no deadline); the
server through Starlette's TestClient over ``create_app``, one app for the module.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from starlette.testclient import TestClient

from calendar_gen.web.server import create_app

from .test_hostile_fuzz import HOSTILE_CHARS, SERVER_CATALOGUE, SETTINGS

PIECES = st.sampled_from(
    [
        "03/3/1959",
        "65 năm Ngày A (03/3/1959 – 03/3/2024)",
        "Ngày A",
        "\ud800",
        '"',
        "{",
        "[",
        "\\u",
        "--b\r\n",
        "\r\n\r\n",
        'Content-Disposition: form-data; name="text"',
        'name="file"; filename="a.docx"',
        "PK\x03\x04",
        "&",
        "=",
        "%",
        *HOSTILE_CHARS,
    ]
)
TEXT = st.lists(PIECES, max_size=40).map("".join)
KINDS = st.sampled_from(
    [
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=b",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "text/plain",
        "",
        "application/octet-stream",
    ]
)


def encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates reach the server as sent


def json_bodies() -> st.SearchStrategy[bytes]:
    values = st.recursive(
        st.one_of(TEXT, st.integers(-(10**20), 10**20), st.none(), st.booleans()),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["text", "year", "x"]), inner)
        ),
        max_leaves=10,
    )
    return st.one_of(
        st.dictionaries(st.sampled_from(["text", "year", "format"]), values).map(json.dumps).map(encoded),
        st.integers(1, 5000).map(lambda depth: b'{"text": ' + b"[" * depth + b"]" * depth + b"}"),
    )


BODIES = st.one_of(TEXT.map(encoded), json_bodies(), st.binary(max_size=200))


class _Client:
    """One app for the whole module (created lazily: the catalogue lives in a temporary folder)."""

    def __init__(self) -> None:
        self._client: TestClient | None = None
        self._folder = tempfile.TemporaryDirectory()

    def get(self) -> TestClient:
        if self._client is None:
            path = Path(self._folder.name) / "c.yaml"
            path.write_text(SERVER_CATALOGUE, encoding="utf-8")
            self._client = TestClient(create_app([path]), raise_server_exceptions=False)
        return self._client


CLIENT = _Client()


@SETTINGS
@given(BODIES, KINDS, st.sampled_from(["?format=json", ""]))
def test_check_answers_every_body_without_a_500(body: bytes, kind: str, query: str) -> None:
    headers = {"Content-Type": kind} if kind else {}
    response = CLIENT.get().post("/check" + query, content=body, headers=headers)
    assert response.status_code in (200, 400), (body[:200], kind, response.status_code, response.text[:300])
    if query and response.status_code == 400:
        message = response.json()["error"]
        assert (
            message and message == message.strip() and any(c in message for c in "ăâđêôơưạảấầẩậắặếệịọộớờủứữ")
        )
