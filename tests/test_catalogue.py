"""Loading and validating catalogues: every problem reported with file, line, id and a fix."""

from __future__ import annotations

import contextlib
import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_gen.catalogue.load import load, load_file
from calendar_gen.model import Calendar, Precision
from calendar_gen.problems import CatalogueError

Writer = Callable[..., Path]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        load([path])
    return [str(p) for p in info.value.problems]


def test_valid_entry_with_every_key(write_yaml: Writer) -> None:
    path = write_yaml(
        """
        anniversaries:
          - id: ngoc-hoi-dong-da
            name: Chiến thắng Ngọc Hồi – Đống Đa
            date: 5/1/1789
            calendar: lunar
            leap: false
            count: true
            scope: national
            kind: event
            tags: [chien-thang]
            major: [2039]
            enabled: true
            source: Đại Nam thực lục
            note: Mùng 5 Tết Kỷ Dậu
        """
    )
    (entry,) = load([path]).entries
    assert entry.founded.calendar is Calendar.LUNAR
    assert (entry.founded.year, entry.founded.month, entry.founded.day) == (1789, 1, 5)
    assert entry.is_major(2039) and not entry.is_major(2040)
    assert entry.origin is not None and entry.origin.line == 2


def test_yaml_date_objects_and_numbers_are_read_from_their_text(write_yaml: Writer) -> None:
    path = write_yaml(
        """
        anniversaries:
          - {id: a, name: A, date: 1959-03-03}
          - {id: b, name: B, date: 3.3.1959}
          - {id: c, name: C, date: 1969}
          - {id: d, name: D, date: 10.3, calendar: lunar, count: false}
          - {id: e, name: E, date: 12/1972, observed: 18}
        """
    )
    entries = {e.id: e.founded for e in load([path]).entries}
    assert (entries["a"].year, entries["a"].month, entries["a"].day) == (1959, 3, 3)
    assert entries["b"] == entries["a"]
    assert entries["c"].precision is Precision.YEAR
    assert (entries["d"].month, entries["d"].day) == (3, 10)
    assert entries["e"].precision is Precision.MONTH


def test_every_problem_is_reported_with_line_and_id(write_yaml: Writer) -> None:
    path = write_yaml(
        """
        anniversaries:
          - id: one
            name: Một
            dat: 3/3/1959
          - id: two
            name: Hai
            date: 31/02/1959
          - id: two
            name: Hai lần
            date: 1/1/1960
          - id: three
            name: Ba
            date: 30/12/2024
            calendar: lunar
          - id: four
            name: Bốn
            date: 1/1/2030
          - id: five
            name: [x]
            date: 1/1/1960
            count: "yes"
            calendr: lunar
        """
    )
    found = problems_of(path)
    text = "\n".join(found)
    assert f"{path}:4:5: entry 'one': unknown key 'dat'; did you mean 'date'?" in text
    assert f"{path}:2:5: entry 'one': missing required key 'date'" in text
    assert f"{path}:7:11: entry 'two': date '31/02/1959': day 31 does not exist in 2/1959" in text
    assert "entry 'two': duplicate id (first used on line 5)" in text
    assert "entry 'three': date '30/12/2024': lunar month 12 of 2024 has 29 days" in text
    assert "entry 'five': 'name' must be text, not a list" in text
    assert "entry 'five': 'count' must be true or false" in text
    assert "did you mean 'calendar'?" in text
    assert len(found) == 8  # 'four' (1/1/2030) is valid: validation does not read the clock


def test_problems_of_several_files_are_all_reported(write_yaml: Writer) -> None:
    first = write_yaml("anniversaries:\n  - {id: a, name: A}\n", "a.yaml")
    second = write_yaml("anniversaries: [\n", "b.yaml")
    with pytest.raises(CatalogueError) as info:
        load([first, second])
    paths = {p.path for p in info.value.problems}
    assert paths == {str(first), str(second)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("anniversaries:\n  - id: a\n   name: x\n", "YAML syntax error"),
        ("", "is empty"),
        ("- id: a\n", "must be a mapping"),
        ("anniversary: []\n", "unknown top-level key 'anniversary'; did you mean 'anniversaries'?"),
        ("anniversaries: {}\n", "'anniversaries' must be a list"),
        ("anniversaries:\n  - just text\n", "each entry must be a mapping"),
        (
            "anniversaries:\n  - !!python/object:os.system {id: a}\n",
            "tag '!!python/object:os.system' is not allowed",
        ),
        ("anniversaries:\n  - {id: Bad Id, name: A, date: 1990}\n", "must use only a-z, 0-9"),
        ("anniversaries:\n  - {id: a, name: A, date: 1990, scope: tinh}\n", "scope 'tinh' is not valid"),
        ("anniversaries:\n  - {id: a, name: A, date: 1990, kind: evnt}\n", "did you mean 'event'?"),
        ("anniversaries:\n  - {id: a, name: A, date: 1990, tags: quoc-phong}\n", "'tags' must be a list"),
        (
            "anniversaries:\n  - {id: a, name: A, date: 10/3, calendar: lunar, count: true}\n",
            "'count: true' needs a founding year",
        ),
        (
            "anniversaries:\n  - {id: a, name: A, date: 1/1/1990, observed: 5}\n",
            "'observed' is only for solar month-only",
        ),
        (
            "anniversaries:\n  - {id: a, name: A, date: 2/1990, observed: 30}\n",
            "'observed: 30' is not a day of month 2",
        ),
        (
            "anniversaries:\n  - {id: a, name: A, date: 1/1/1990, leap: true}\n",
            "'leap: true' is for lunar dates",
        ),
        ('anniversaries:\n  - {id: a, name: "A\\nB", date: 1990}\n', "'name' must be one line"),
        ("anniversaries:\n  - {id: a, name: A, date: 1990, id: b}\n", "key 'id' appears twice"),
        ("anniversaries:\n  - {id: a, name: A, date: 1990, major: soon}\n", "'major' must be true/false"),
        (
            "anniversaries:\n  - {id: a, name: A, date: 1/1/1990, class_by_year: true}\n",
            "'class_by_year' is for entries without",
        ),
        ("anniversaries:\n  - {id: a, name: 1990, date: 1990}\n", "'name' must be text, not a number"),
    ],
)
def test_problem_messages(write_yaml: Writer, text: str, message: str) -> None:
    assert any(message in p for p in problems_of(write_yaml(text)))


def test_non_utf8_file_names_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("anniversaries:\n  - id: a\n    name: Ngày\n".encode("cp1258"))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:3:")
    assert "is not UTF-8" in problem and "save the file with UTF-8" in problem


def test_bom_and_bad_byte_position(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfanniversaries:\n  - id: a\n    name: Ng\xe0y\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:3:13:") and "0xe0" in problem


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "file not found" in problems_of(tmp_path / "nope.yaml")[0]
    assert "is a folder" in problems_of(tmp_path)[0]


def test_bom_is_accepted_and_text_normalised_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "nfd.yaml"
    name = unicodedata.normalize("NFD", "Ngày Biên phòng toàn dân")
    path.write_text(f"\ufeffanniversaries:\n  - {{id: a, name: {name}, date: 3/3/1989}}\n", encoding="utf-8")
    (entry,) = load([path]).entries
    assert entry.name == unicodedata.normalize("NFC", name) and entry.name != name


def test_later_files_override_and_disable(write_yaml: Writer) -> None:
    base = write_yaml(
        """
        anniversaries:
          - {id: a, name: A, date: 1/1/1990}
          - {id: b, name: B, date: 2/2/1990}
          - {id: c, name: C, date: 3/3/1990}
        """,
        "base.yaml",
    )
    mine = write_yaml(
        """
        anniversaries:
          - {id: a, name: A mới, date: 1/1/1991}
          - {id: b, enabled: false}
        """,
        "mine.yaml",
    )
    entries = {e.id: e for e in load([base, mine]).entries}
    assert set(entries) == {"a", "c"}
    assert entries["a"].name == "A mới" and entries["a"].founded.year == 1991


def test_defaults_apply_to_entries_that_lack_the_key(write_yaml: Writer) -> None:
    path = write_yaml(
        """
        defaults:
          scope: province:kon-tum
          kind: local
        anniversaries:
          - {id: a, name: A, date: 16/3/1975}
          - {id: b, name: B, date: 1/1/1990, scope: national}
        """
    )
    scopes = {e.id: (e.scope, e.kind) for e in load([path]).entries}
    assert scopes == {"a": ("province:kon-tum", "local"), "b": ("national", "local")}


def test_a_later_founding_is_valid_and_listed_from_its_first_anniversary(write_yaml: Writer) -> None:
    from calendar_gen.engine.occurrences import occurrences

    path = write_yaml("anniversaries:\n  - {id: a, name: A, date: 1/12/2026}\n")
    (entry,) = load([path]).entries  # valid whatever today is (issue 9: no clock in validation)
    assert occurrences([entry], dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == []  # N = 0 is never listed
    (first,) = occurrences([entry], dt.date(2027, 12, 1), dt.date(2027, 12, 1))
    assert first.count == 1


yaml_text = st.one_of(
    st.text(max_size=200),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates(),
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=20,
    ).map(lambda value: yaml.safe_dump({"anniversaries": value}, allow_unicode=True)),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(yaml_text)
def test_loader_never_raises_anything_but_its_own_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_file(path)
    except CatalogueError as exc:
        assert exc.problems and all(p.path == str(path) for p in exc.problems)


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("anniversaries: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with contextlib.suppress(CatalogueError):
        load_file(path)


# Issue 10: hostile catalogue files.

ENTRY = "anniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('anniversaries:\n  - {id: a, name: "A\\eB", date: 1990}\n', "U+001B"),  # ESC as an escape
        ('anniversaries:\n  - {id: a, name: "A\\x7fB", date: 1990}\n', "U+007F"),  # DEL
        ('anniversaries:\n  - {id: a, name: "A\\x85B", date: 1990}\n', "U+0085"),  # C1 (NEL)
        ('anniversaries:\n  - {id: a, name: "A\\tB", date: 1990}\n', "U+0009"),  # tab in a one-line key
        ('anniversaries:\n  - {id: a, name: "A\\LB", date: 1990}\n', "U+2028"),
        ('anniversaries:\n  - {id: a, name: "A\\PB", date: 1990}\n', "U+2029"),
        ('anniversaries:\n  - {id: a, name: "A\\u202eB", date: 1990}\n', "U+202E"),  # right-to-left override
        ('anniversaries:\n  - {id: a, name: "A\\u2066B", date: 1990}\n', "U+2066"),  # left-to-right isolate
        ('anniversaries:\n  - {id: a, name: "A\\ufffeB", date: 1990}\n', "U+FFFE"),
        ('anniversaries:\n  - {id: a, name: "A\\ufdd0B", date: 1990}\n', "U+FDD0"),
        ('anniversaries:\n  - {id: a, name: A, date: 1990, source: "S\\0"}\n', "U+0000"),
        ('anniversaries:\n  - {id: a, name: A, date: 1990, note: "N\\x1b[31m"}\n', "U+001B"),
        ('description: "D\\u202d"\n' + ENTRY, "U+202D"),
        ('title: "T\\a"\n' + ENTRY, "U+0007"),
        ('anniversaries:\n  - {id: a, name: A, date: 1990, aliases: ["X\\u2067"]}\n', "U+2067"),
        ('anniversaries:\n  - {id: a, name: A, date: 1990, tags: ["x\\u202a"]}\n', "U+202A"),
        ('anniversaries:\n  - {id: "a\\u2069", name: A, date: 1990}\n', "U+2069"),
        ('anniversaries:\n  - {id: a, name: A, date: 1990, scope: "national\\b"}\n', "U+0008"),
        ('anniversaries:\n  - {id: a, name: A, date: "1990\\x9b"}\n', "U+009B"),
        ('anniversaries:\n  - {id: a, name: A, date: 1990, "not\\u202ekey": 1}\n', "U+202E"),
        ('province: {slug: p, name: "P\\u202e", type: tỉnh}\n' + ENTRY, "U+202E"),
        ('province: {slug: p, name: P, former: [{slug: q, name: "Q\\x1b"}]}\n' + ENTRY, "U+001B"),
    ],
)
def test_control_and_invisible_characters_are_refused_everywhere(
    write_yaml: Writer, text: str, code: str
) -> None:
    problems = problems_of(write_yaml(text))
    (problem,) = [p for p in problems if code in p]
    assert f"character {code} (" in problem and "remove it" in problem
    assert problem.split(":")[1].isdigit() and problem.split(":")[2].isdigit()  # file:line:column


def test_lone_surrogate_escape_is_refused(write_yaml: Writer) -> None:
    (problem,) = problems_of(write_yaml('anniversaries:\n  - {id: a, name: "A\\ud800B", date: 1990}\n'))
    assert ":2:23: YAML syntax error: found invalid Unicode character escape code" in problem


def test_raw_bidi_control_is_located_at_its_column(write_yaml: Writer) -> None:
    path = write_yaml("anniversaries:\n  - id: a\n    name: Ngày \u202eBiên phòng\n    date: 1990\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:3:16: character U+202E (a bidirectional text control)")


def test_tabs_and_line_breaks_stay_allowed_in_multiline_texts(write_yaml: Writer) -> None:
    path = write_yaml(
        'description: "a\\tb\\nc"\nanniversaries:\n'
        '  - {id: a, name: A, date: 1990, source: "x\\ty", note: "line 1\\r\\nline 2"}\n'
    )
    (entry,) = load([path]).entries
    assert entry.source == "x\ty" and entry.note == "line 1\r\nline 2"


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x9b", "U+009B")])
def test_raw_control_character_names_line_and_column(tmp_path: Path, char: str, code: str) -> None:
    path = tmp_path / "raw.yaml"
    path.write_text(f"anniversaries:\n  - id: a\n    name: AB{char}C\n    date: 1990\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:3:13: character {code} (a control character)")
    assert "position" not in problem and "<unicode string>" not in problem


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('anniversaries:\n  - {id: "abc\\n", name: A, date: 1990}\n', "id 'abc\\n' must use only"),
        (
            'anniversaries:\n  - {id: a, name: A, date: 1990, scope: "province:kon-tum\\n"}\n',
            "scope 'province:kon-tum\\n' is not valid",
        ),
        ('anniversaries:\n  - {id: a, name: A, date: 1990, tags: ["quoc-phong\\n"]}\n', "must be a slug"),
        ('anniversaries:\n  - {id: a, name: A, date: 1990, former: "kon-tum\\n"}\n', "'former' must be"),
        ('province: {slug: "p\\n", name: P}\n' + ENTRY, "'former' must be a province slug"),
    ],
)
def test_slugs_are_matched_in_full_not_up_to_a_trailing_newline(
    write_yaml: Writer, text: str, message: str
) -> None:
    assert any(message in p for p in problems_of(write_yaml(text)))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("date: 3/3/" + "9" * 5000, "is out of range (1 to 9999)"),
        ("date: " + "9" * 5000, "cannot read"),
        ('date: "' + "1" * 5000 + '"', "cannot read"),
        ("date: 12/1972, observed: " + "1" * 5000, "'observed' must be a day of the month"),
        ("date: 1990, major: [" + "2" * 5000 + "]", "'major' must be true/false or a list of years"),
    ],
)
def test_thousands_of_digits_are_a_problem_not_a_crash(write_yaml: Writer, value: str, message: str) -> None:
    (problem,) = problems_of(write_yaml(f"anniversaries:\n  - {{id: a, name: A, {value}}}\n"))
    assert message in problem and "Exceeds the limit" not in problem
    assert len(problem) < 400  # the value is shortened in the message


def test_lunar_date_at_the_end_of_9999_is_a_problem(write_yaml: Writer) -> None:
    path = write_yaml("anniversaries:\n  - {id: a, name: A, date: 20/12/9999, calendar: lunar}\n")
    (problem,) = problems_of(path)
    assert "falls after 31/12/9999" in problem
    last = write_yaml("anniversaries:\n  - {id: a, name: A, date: 2/12/9999, calendar: lunar}\n", "ok.yaml")
    assert load([last]).entries[0].founded.year == 9999  # 2/12 âm lịch 9999 is 31/12/9999


@pytest.mark.parametrize("date", ["٣/٣/١٩٥٩", "２０２４", "3/3/১৯৫৯", "tháng ４/1930"])
def test_digits_other_than_ascii_are_refused(write_yaml: Writer, date: str) -> None:
    (problem,) = problems_of(write_yaml(f'anniversaries:\n  - {{id: a, name: A, date: "{date}"}}\n'))
    assert "is not 0-9; write dates with the digits 0-9" in problem


def test_fifo_device_and_folder_are_refused_without_reading(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = subprocess.run(  # a FIFO without a writer must not block the loader
        [sys.executable, "-m", "calendar_gen", "validate", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and "is not a regular file" in result.stderr, result.stderr
    assert "is not a regular file" in problems_of(Path("/dev/zero"))[0]
    assert "is a folder" in problems_of(tmp_path)[0]


def test_size_limit_names_the_limit_and_how_to_raise_it(
    write_yaml: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_yaml(ENTRY + "# padding\n" * 20)
    assert load([path]).entries  # under the default limit of 20 MB
    monkeypatch.setenv("CALENDAR_GEN_MAX_CATALOGUE_BYTES", "100")
    (problem,) = problems_of(path)
    assert "is larger than 100 bytes" in problem and "CALENDAR_GEN_MAX_CATALOGUE_BYTES=<bytes>" in problem
    monkeypatch.setenv("CALENDAR_GEN_MAX_CATALOGUE_BYTES", str(path.stat().st_size))
    assert load([path]).entries  # exactly at the limit is allowed


def test_size_limit_holds_when_the_file_size_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    proc = Path("/proc/self/smaps")  # a regular file whose stat says 0 bytes
    if not proc.exists() or proc.stat().st_size != 0:
        pytest.skip("needs Linux /proc")
    monkeypatch.setenv("CALENDAR_GEN_MAX_CATALOGUE_BYTES", "100")
    from calendar_gen.catalogue import files as yamlfile  # where read_bytes lives

    reads: list[int] = []
    real_read = yamlfile.os.read
    monkeypatch.setattr(yamlfile.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    (problem,) = problems_of(proc)
    assert "is larger than 100 bytes" in problem and sum(reads) <= 101
