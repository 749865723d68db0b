"""The LanguageTool API of ``serve`` (``/v2/check``, ``/v2/languages``) against a real uvicorn.

Offsets are UTF-16 code units of the text as sent, as LanguageTool (Java) counts them: an emoji
before the mistake counts two. The client ``language-tool-python`` in remote mode converts them
back to Python's code points, so its offsets must land on the wrong count too.
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .test_hostile_fuzz import HOSTILE_CHARS, SETTINGS
from .test_server import Server

WRONG = "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2025)"
BEFORE = "Tuyên truyền 😀 các ngày kỷ niệm 𝐍𝐚𝐦: "  # four astral characters before the mistake
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    instance = Server([], tmp_path_factory.mktemp("lt") / "server.log")
    yield instance
    instance.stop()


def post(server: Server, body: bytes, content_type: str = FORM) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("POST", "/v2/check", body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        return response.status, response.getheader("content-type", ""), response.read()
    except (BrokenPipeError, ConnectionResetError):
        return 413, "", b""  # answered 413 and closed before the whole body was sent
    finally:
        connection.close()


def check(server: Server, **fields: str) -> dict[str, Any]:
    status, kind, body = post(server, urllib.parse.urlencode(fields).encode())
    assert status == 200, body
    assert kind.startswith("application/json")
    data: dict[str, Any] = json.loads(body)
    return data


def utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def covered(sent: str, match: dict[str, Any]) -> str:
    """The characters of ``sent`` a match covers, read in UTF-16 units as a Java client does."""
    units = utf16(sent)
    return units[2 * match["offset"] : 2 * (match["offset"] + match["length"])].decode("utf-16-le")


def test_utf16_offsets_fix_and_languagetool_fields(server: Server) -> None:
    text = BEFORE + WRONG + ". Câu sau."
    data = check(server, text=text, language="vi-VN")
    assert data["software"]["apiVersion"] == 1
    assert data["language"]["code"] == "vi-VN"
    assert data["language"]["detectedLanguage"]["code"] == "vi-VN"
    [match] = data["matches"]
    assert match["offset"] == len(utf16(BEFORE)) // 2 == len(BEFORE) + 4
    assert covered(text, match) == "65"
    assert match["replacements"] == [{"value": "66"}]
    assert match["rule"]["id"] == "count-mismatch"
    assert match["rule"]["issueType"] == "inconsistency"
    assert match["rule"]["category"]["id"] == "SEMANTICS"
    assert match["message"] == "65 năm không khớp với ngày tháng: 2025 − 1959 = 66 năm"  # Vietnamese
    assert match["shortMessage"] == match["rule"]["description"] == "Số năm không khớp với ngày tháng"
    context = match["context"]
    assert covered(context["text"], context) == "65"
    assert match["sentence"] == BEFORE + WRONG + "."
    assert match["type"]["typeName"] == "Other"


def test_annotated_data_counts_markup_in_offsets(server: Server) -> None:
    parts = [
        {"markup": "<p class='x'>"},
        {"text": "😀 Kỷ niệm"},
        {"markup": "<br/>", "interpretAs": " "},
        {"markup": "<b>"},
        {"text": WRONG},
        {"markup": "</b></p>", "interpretAs": "\n\n"},
    ]
    sent = "".join(part.get("text", part.get("markup", "")) for part in parts)
    data = check(server, data=json.dumps({"annotation": parts}), language="auto")
    [match] = data["matches"]
    assert covered(sent, match) == "65"
    assert match["offset"] == len(utf16("<p class='x'>😀 Kỷ niệm<br/><b>")) // 2
    assert match["sentence"].startswith("😀 Kỷ niệm 65 năm")  # the checked text: markup left out


def test_multipart_get_and_languages(server: Server) -> None:
    boundary = uuid.uuid4().hex
    body = (
        "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in (("text", WRONG), ("language", "vi"))
        )
        + f"--{boundary}--\r\n"
    )
    status, _, answer = post(server, body.encode(), f"multipart/form-data; boundary={boundary}")
    assert status == 200
    assert json.loads(answer)["matches"][0]["offset"] == 0
    query = urllib.parse.urlencode({"text": WRONG, "language": "vi-VN"})
    status, _, got = server.get(f"/v2/check?{query}")
    assert status == 200 and json.loads(got)["matches"][0]["replacements"] == [{"value": "66"}]
    status, _, listed = server.get("/v2/languages")
    assert status == 200
    assert {"name": "Tiếng Việt", "code": "vi", "longCode": "vi-VN"} in json.loads(listed)
    status, headers, _ = server.request("OPTIONS", "/v2/check", {"Origin": "https://editor.example"})
    assert status == 204 and headers["access-control-allow-origin"] == "*"  # a web editor's preflight


def test_libreoffice_74_unencoded_form(server: Server) -> None:
    """LibreOffice 7.4 posts ``text=`` + the paragraph as it is (measured): & and + stay raw."""
    text = "A & B + 1%20 😀 " + WRONG
    status, _, body = post(server, b"text=" + text.encode() + b"&language=vi-VN")
    assert status == 200
    [match] = json.loads(body)["matches"]
    assert covered(text, match) == "65"


def test_rule_selection_and_level(server: Server) -> None:
    text = WRONG + "; 70 năm Ngày hội Làng Vui (12/5/1955 – 12/5/2025)"
    assert check(server, text=text, language="vi")["matches"][0]["rule"]["id"] == "count-mismatch"
    assert len(check(server, text=text, language="vi")["matches"]) == 1  # notes only when picky
    assert check(server, text=text, language="vi", disabledRules="count-mismatch")["matches"] == []
    picky = check(server, text=text, language="vi", level="picky", motherTongue="vi", preferredVariants="")
    assert [m["rule"]["id"] for m in picky["matches"]] == ["count-mismatch", "unknown-event"]
    assert picky["matches"][1]["type"]["typeName"] == "Hint"
    only = check(server, text=text, language="vi", enabledRules="unknown-event", enabledOnly="true")
    assert [m["rule"]["id"] for m in only["matches"]] == ["unknown-event"]
    assert check(server, text="Ngày 8/3.", language="vi-VN")["matches"] == []


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"text": WRONG, "language": "fr"}, 400, "'fr' không phải mã ngôn ngữ"),
        ({"text": WRONG}, 400, "Thiếu tham số 'language'"),
        ({"language": "vi"}, 400, "Thiếu tham số 'text' hoặc 'data'"),
        ({"text": WRONG, "data": "{}", "language": "vi"}, 400, "Chỉ gửi 'text' hoặc 'data'"),
        ({"data": "{not json", "language": "vi"}, 400, "Tham số 'data' phải là JSON"),
        ({"data": '{"annotation": [{"text": "\\ud800"}]}', "language": "vi"}, 400, "một nửa cặp UTF-16"),
        ({"data": '{"annotation": [{"x": 1}]}', "language": "vi"}, 400, "'text' hoặc 'markup'"),
        ({"text": WRONG, "language": "vi", "enabledOnly": "true"}, 400, "enabledRules"),
        ({"text": "a" * 2_000_001, "language": "vi"}, 413, "vượt quá giới hạn 2000000 ký tự"),
    ],
)
def test_errors_are_plain_text(server: Server, fields: dict[str, str], status: int, message: str) -> None:
    got, kind, body = post(server, urllib.parse.urlencode(fields).encode())
    assert (got, kind.split(";")[0]) == (status, "text/plain")
    assert message in body.decode()


def test_body_limits(server: Server) -> None:
    status, _, body = post(server, b"text=" + b"a" * (4 * 1024 * 1024) + b"&language=vi")
    assert status == 413
    assert not body or "quá lớn" in body.decode()
    status, _, body = post(server, b"text=\xff\xfe&language=vi")
    assert status == 400 and "UTF-8" in body.decode()
    status, _, body = post(server, b"{}", "application/json")
    assert status == 400
    assert server.get("/healthz")[0] == 200  # nothing above was a 500 or took the server down


def test_language_tool_python_remote(server: Server) -> None:
    """The PyPI client in remote mode: it reads /v2/languages, posts the form, maps the offsets."""
    import language_tool_python

    text = BEFORE + WRONG
    tool = language_tool_python.LanguageTool("vi-VN", remote_server=f"http://127.0.0.1:{server.port}")
    try:
        [match] = tool.check(text)
        assert match.offset == text.index("65 năm")  # UTF-16 offsets converted back to code points
        assert text[match.offset : match.offset + match.error_length] == "65"
        assert match.replacements == ["66"]
        assert match.rule_id == "count-mismatch"
        assert tool.correct(text) == BEFORE + WRONG.replace("65", "66", 1)
        tool.disabled_rules = {"count-mismatch"}
        assert tool.check(text) == []
    finally:
        tool.close()


PARTS = st.one_of(
    st.builds(
        lambda t: {"text": t}, st.sampled_from(["😀", "𝐍 ", "Kỷ niệm ", " ", "", "\n", "a&b+c%20", "(8/3)"])
    ),
    st.builds(
        lambda m, i: {"markup": m, **({"interpretAs": i} if i is not None else {})},
        st.sampled_from(["<b>", "</p>", "<br/>", "😀", ""]),
        st.sampled_from([None, "", " ", "\n\n", "😀"]),
    ),
)


@SETTINGS
@given(st.lists(PARTS, max_size=8), st.lists(PARTS, max_size=8))
def test_generated_annotations_land_on_the_wrong_count(
    server: Server, before: list[dict[str, str]], after: list[dict[str, str]]
) -> None:
    parts = [*before, {"text": " " + WRONG + " "}, *after]
    sent = "".join(part.get("text", part.get("markup", "")) for part in parts)
    data = check(server, data=json.dumps({"annotation": parts}), language="vi-VN")
    counts = [m for m in data["matches"] if m["rule"]["id"] == "count-mismatch"]
    assert [covered(sent, m) for m in counts] == ["65"]


HOSTILE = st.lists(
    st.sampled_from(
        ["text=", "data=", "language=vi", "&", "=", "%", "%ED%A0%80", "%FF", "+", "😀", "\ud800", "{", "[", "65 năm",
         WRONG, "enabledOnly=true", "level=picky", '{"annotation":', '[{"text":1}]', "\x00", *HOSTILE_CHARS]
    ),
    max_size=30,
).map(lambda pieces: "".join(pieces).encode("utf-8", "surrogatepass"))  # fmt: skip


@SETTINGS
@given(HOSTILE, st.sampled_from([FORM, "multipart/form-data; boundary=b", "text/plain", "application/json"]))
def test_generated_bodies_get_an_answer_never_a_500(server: Server, body: bytes, kind: str) -> None:
    status, content_type, answer = post(server, body, kind)
    assert status in (200, 400), (body, status, answer[:200])
    if status == 400:
        assert content_type.startswith("text/plain") and answer.strip()
