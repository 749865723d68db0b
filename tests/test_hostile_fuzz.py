"""Generated hostile catalogues and requests: a clean message or valid output, never a traceback.

Bounded for CI (issue 10, "Tests that prove it"): at most 40 examples per test, no deadline, the
whole module well under a minute. The CLI runs in-process through Typer's CliRunner for speed; the
server through Starlette's TestClient over ``create_app``.
"""

from __future__ import annotations

import tempfile
import traceback
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from typer.testing import CliRunner

from calendar_gen.cli.app import app
from calendar_gen.web.server import create_app

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: CI failures reproduce
)

HOSTILE_CHARS = "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\u200e\u202e\u2028\u2029\u2066\ufeff\ufffe\uffff\U0010ffff"
TEXT = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.text(alphabet=st.sampled_from(HOSTILE_CHARS + "aăâđ 0|<>&=+-@\n\t"), max_size=12),
    st.sampled_from(["Ngày A", "Ngày A\n", " ", "", "=1+1", "<script>x</script>", "a" * 2000]),
)
HUGE = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 10**4000, 9999, 10000, 2**63]),
)
DATES = st.one_of(
    st.sampled_from(
        [
            "3/3/1959",
            "03/03/1959",
            "1959-03-03",
            "12/1972",
            "1969",
            "8/3",
            "29/2/2000",
            "31/2/1959",
            "30/12/9999",
            "5/1/1789",
            "15/4 nhuận",
            "3/3/1959\n",
            "３/３/１９５９",
            "٣/٣/١٩٥٩",
            "0/0/0",
            "1/1/1",
            "31/12/9999",
            "10/3",
            "ngày 3 tháng 3 năm 1959",
            "tháng 4/1930",
        ]
    ),
    HUGE.map(str),
    TEXT,
)
SLUGS = st.one_of(st.sampled_from(["a", "doan", "abc\n", "A", "a--b", "-a", "quoc-phong", "x" * 300]), TEXT)
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "id": SLUGS,
    "name": TEXT,
    "date": DATES,
    "calendar": st.sampled_from(["solar", "lunar", "Lunar", "âm", "", None]),
    "leap": st.one_of(st.booleans(), TEXT),
    "count": st.one_of(st.booleans(), HUGE, TEXT),
    "observed": st.one_of(HUGE, TEXT),
    "scope": st.sampled_from(
        ["national", "province:kon-tum", "province:kon-tum\n", "sector:y-te", "province:", "mars", ""]
    ),
    "kind": st.sampled_from(["holiday", "event", "armed-forces", "leader", "figure", "x", "", "holiday\n"]),
    "tags": st.one_of(st.lists(SLUGS, max_size=3), TEXT, HUGE),
    "major": st.one_of(st.booleans(), st.lists(HUGE, max_size=3), TEXT),
    "class_by_year": st.one_of(st.booleans(), TEXT),
    "enabled": st.one_of(st.booleans(), TEXT),
    "source": TEXT,
    "note": TEXT,
    "former": SLUGS,
    "aliases": st.one_of(st.lists(TEXT, max_size=2), TEXT),
    "died": DATES,
    "settled": DATES,
    "other_dates": st.one_of(st.lists(DATES, max_size=2), TEXT),
    "unknown_key": TEXT,
}
ENTRY = st.fixed_dictionaries(
    {"id": VALUES["id"], "name": VALUES["name"], "date": VALUES["date"]},
    optional={key: value for key, value in VALUES.items() if key not in ("id", "name", "date")},
)

# Entries that usually validate, so that the renderers see hostile but legal text too.
PRINTABLE = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=40
).filter(lambda text: text.strip() == text and bool(text))
VALID_ENTRY = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z]{1,8}(-[a-z0-9]{1,4})?", fullmatch=True),
        "name": PRINTABLE,
        "date": st.sampled_from(
            ["3/3/1959", "12/1972", "1969", "8/3", "5/1/1789", "29/2/2000", "15/4 nhuận"]
        ),
    },
    optional={
        "calendar": st.sampled_from(["solar", "lunar"]),
        "note": PRINTABLE,
        "source": PRINTABLE,
        "kind": st.sampled_from(["holiday", "event", "figure"]),
        "tags": st.lists(st.sampled_from(["quoc-phong", "thanh-nien"]), max_size=2, unique=True),
        "major": st.one_of(st.booleans(), st.lists(st.integers(1, 9998), max_size=2)),
    },
)


@st.composite
def catalogues(draw: st.DrawFn) -> str:
    """YAML text: usually a well-formed document of hostile values, sometimes raw hostile bytes."""
    entries = draw(st.lists(st.one_of(VALID_ENTRY, ENTRY), min_size=0, max_size=4))
    document: dict[str, Any] = {"anniversaries": entries}
    if draw(st.booleans()):
        document["title"] = draw(TEXT)
    text = yaml.safe_dump(document, allow_unicode=draw(st.booleans()), sort_keys=False)
    mutation = draw(st.integers(0, 5))
    if mutation == 0:  # raw characters the YAML parser itself must refuse politely
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(st.sampled_from(list(HOSTILE_CHARS))) + text[position:]
    elif mutation == 1 and entries:  # integers past Python's 4,300-digit conversion limit
        huge = "9" * 5000
        key = draw(st.sampled_from(["date", "observed", "major", "count"]))
        text += f"  - {{id: huge, name: Huge, date: 1/1/2000, {key}: {huge}}}\n"
        text += f"  - {{id: huge-b, name: Huge, date: 1/1/{huge}}}\n"
    return text


RUNNER = CliRunner()


def invoke(args: list[str]) -> None:
    result = RUNNER.invoke(app, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        detail = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"{args[0]} raised instead of reporting:\n{detail}")
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-500:])
    assert "Traceback" not in result.output, result.output[-2000:]


def with_catalogue(text: str, commands: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        for command in commands:
            invoke([arg.replace("{c}", str(path)).replace("{d}", folder) for arg in command])


@SETTINGS
@given(catalogues())
def test_validate_and_month_never_crash(text: str) -> None:
    with_catalogue(text, [["validate", "{c}"], ["month", "2024-03", "--no-default", "-c", "{c}"]])


@SETTINGS
@given(catalogues())
def test_feed_never_crashes(text: str) -> None:
    with_catalogue(
        text,
        [["feed", "--no-default", "-c", "{c}", "--from", "2024", "--to", "2025", "--today", "2026-11-22"]],
    )


@SETTINGS
@given(catalogues())
def test_docx_and_csv_never_crash(text: str) -> None:
    with_catalogue(
        text,
        [
            ["month", "2024-03", "--no-default", "-c", "{c}", "-f", "docx", "-o", "{d}/x.docx"],
            ["year", "2024", "--no-default", "-c", "{c}", "-f", "csv", "--today", "2026-11-22"],
        ],
    )


@SETTINGS
@given(st.lists(TEXT, min_size=1, max_size=2), st.sampled_from(["--issuer", "--place", "--number"]))
def test_sheet_text_options_never_crash(values: list[str], option: str) -> None:
    for value in values:
        if "\x00" in value:
            continue  # a NUL cannot be passed in argv at all
        invoke(["month", "2024-03", "-f", "docx", "-o", "/dev/null", option, value, "--today", "2026-11-22"])


CATALOGUE = Path(__file__).resolve().parent / "data"
SERVER_CATALOGUE = """title: Đơn vị thử
anniversaries:
  - {id: a, name: Ngày A, date: 03/3/1959, tags: [quoc-phong]}
  - {id: b, name: Ngày B, date: 5/1/1789, calendar: lunar}
  - {id: c, name: Ngày C, date: 12/1972, observed: 18, scope: "province:kon-tum"}
"""
PATHS = ["/", "/feed.ics", "/api/occurrences", "/qr.svg", "/month/", "/year/", "/healthz", "/app.js"]
QUERY_TEXT = st.lists(
    st.sampled_from([*"=&%;,+#?/.:-0123456789abcdefmnorstuwy ", "%00", "%ff", "%e1%bb", "ü", "%20"]),
    max_size=30,
).map("".join)
QUERY_ITEMS = st.lists(
    st.tuples(
        st.sampled_from(["scope", "tag", "kind", "round", "alarm", "from", "to", "x", ""]),
        st.one_of(
            QUERY_TEXT,
            st.sampled_from(["2024-03-01", "9999", "0", "1", "province:kon-tum", "quoc-phong", "2024-02-30"]),
        ),
    ),
    max_size=5,
)


@SETTINGS
@given(
    st.sampled_from(PATHS),
    st.one_of(QUERY_TEXT, QUERY_ITEMS),
    st.sampled_from(["", "2024-03", "9999-12", "0000-01", "2024", "٢٠٢٤", "9999", "x.pdf"]),
    st.sampled_from(["127.0.0.1", "evil.example", "a" * 300, "[::1]:8000"]),
)
def test_server_answers_every_request_without_a_500(path: str, query: Any, tail: str, host: str) -> None:
    import urllib.parse

    client = SERVER.client
    if isinstance(query, list):
        query = urllib.parse.urlencode(query)
    url = path + (tail if path.endswith("/") and path != "/" else "") + ("?" + query if query else "")
    response = client.get(url, headers={"Host": host})
    assert response.status_code in (200, 304, 400, 404, 501), (url, response.status_code, response.text[:300])


class _Server:
    """One app for the whole module (created lazily: the catalogue lives in a temporary folder)."""

    def __init__(self) -> None:
        self._client: TestClient | None = None
        self._folder = tempfile.TemporaryDirectory()

    @property
    def client(self) -> TestClient:
        if self._client is None:
            path = Path(self._folder.name) / "c.yaml"
            path.write_text(SERVER_CATALOGUE, encoding="utf-8")
            self._client = TestClient(create_app([path]), raise_server_exceptions=False)
        return self._client


SERVER = _Server()


# Issue 23: profiles and user templates are hostile input too (a web form may write them).
PROFILE_KEYS = st.sampled_from(
    ["issuer", "party", "place", "number", "type", "summary", "intro", "closing", "recipients", "signer", "x"]
)
PROFILE_VALUES = st.one_of(
    TEXT,
    HUGE,
    st.booleans(),
    st.none(),
    st.lists(TEXT, max_size=3),
    st.sampled_from(["{year}", "{nam}", "{year:>99999999}", "{period.__class__}", "{", "}}", "{{x}}"]),
    st.fixed_dictionaries(
        {},
        optional={
            "authority": st.sampled_from(["kt", "tm", "tl", "K/T", "x", ""]),
            "on_behalf": TEXT,
            "name": TEXT,
            "role": TEXT,
        },
    ),
)
TEMPLATE_PIECES = st.sampled_from(
    [
        "{{ month }}",
        "{{ 'x'|center(999999999) }}",
        "{{ 'ab'|replace('', 'y' * 9999) }}",
        "{{ '%9999999d'|format(1) }}",
        "{{ lipsum(n=99999) }}",
        "{{ range(99)|join('z' * 99999) }}",
        "{% for d in days %}{{ d|join_day }}{% endfor %}",
        "{{ days|length }}",
        "{{ x.__class__ }}",
        "{% for i in range(99999) %}{% endfor %}",
        "{{ 'a'|wordwrap(0) }}",
        "{{ 5|indent(3) }}",
        "{{ '{:>99999999}'.format(1) }}",
        "{% set ns = namespace(x='ab') %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
        "{{",
        "{% if %}",
        "text ",
    ]
)
SHEET = ["month", "2024-03", "--no-default", "-c", "{c}", "--today", "2024-03-01"]
SMALL_CATALOGUE = (
    "anniversaries:\n  - id: a\n    name: Ngày thành lập Trường THPT Kon Tum\n    date: 3/3/1959\n"
    "    scope: sector:giao-duc\n"
)


@SETTINGS
@given(st.dictionaries(PROFILE_KEYS, PROFILE_VALUES, max_size=6))
def test_profiles_never_crash(profile: dict[str, Any]) -> None:
    text = yaml.safe_dump(profile, allow_unicode=True)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "p.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        for fmt in ("html", "docx"):
            args = [*SHEET, "--profile", str(Path(folder) / "p.yaml"), "-f", fmt, "-o", f"{folder}/o.{fmt}"]
            with_catalogue(SMALL_CATALOGUE, [args])


@SETTINGS
@given(st.lists(TEMPLATE_PIECES, min_size=1, max_size=4))
def test_user_templates_never_crash(pieces: list[str]) -> None:
    with tempfile.TemporaryDirectory() as templates:
        (Path(templates) / "month.txt.j2").write_text("".join(pieces), encoding="utf-8")
        (Path(templates) / "month.html.j2").write_text("".join(pieces), encoding="utf-8")
        for fmt in ("text", "html"):
            with_catalogue(SMALL_CATALOGUE, [[*SHEET, "--templates", templates, "-f", fmt]])
