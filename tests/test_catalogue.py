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
