"""The hand-written value classes (calendar_gen.frozen) behave as the frozen dataclasses they were."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import inspect
import pickle
from typing import Any

import pytest

from calendar_gen.catalogue.types import Catalogue, CatalogueFile, Province
from calendar_gen.engine.listing import Audience, Choice, ListingRules, Section, When
from calendar_gen.frozen import Frozen, FrozenInstanceError
from calendar_gen.model import Anniversary, Calendar, FoundingDate, LunarDay, Occurrence, Origin, RoundClass
from calendar_gen.problems import Problem

FOUNDED = FoundingDate(Calendar.SOLAR, 1930, 2, 3)
ENTRY = Anniversary(
    "dang",
    "Ngày thành lập Đảng",
    FOUNDED,
    tags=("dang",),
    major_years=frozenset({2030}),
    origin=Origin("a.yaml", 3),
)
OCCURRENCE = Occurrence(ENTRY, dt.date(2025, 2, 3), 2025, 95, RoundClass.LE5, LunarDay(2025, 1, 6))
RULES = ListingRules({"event": When.ROUND}, When.ALWAYS, ("dang",), sections=(Section("a", "A"),))
EXAMPLES: list[Frozen] = [
    FOUNDED,
    Origin("a.yaml", 3),
    ENTRY,
    LunarDay(2025, 1, 6, leap=True),
    OCCURRENCE,
    Audience("doan", "Đoàn", frozenset({"doan"})),
    Section("a", "A"),
    RULES,
    Choice(OCCURRENCE, True, "năm lẻ 5"),
    Province("hue", "Huế", "thành phố", (("thua-thien-hue", "Thừa Thiên Huế"),)),
    CatalogueFile("a.yaml", "A", None, (ENTRY,), ("x",), None),
    Problem("a.yaml", "bad", 3, 4, "dang"),
    Catalogue((CatalogueFile("a.yaml", "A", None, (ENTRY,), ()),), (ENTRY,), RULES),
]
HASHABLE = [value for value in EXAMPLES if not isinstance(value, ListingRules | Catalogue)]  # they hold dicts


def values(obj: Frozen) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj._fields}


@pytest.mark.parametrize("obj", EXAMPLES, ids=lambda o: type(o).__name__)
def test_the_fields_are_the_slots_and_the_parameters_in_order(obj: Frozen) -> None:
    cls = type(obj)
    assert set(cls.__slots__) == set(cls._fields)
    assert list(inspect.signature(cls.__init__).parameters)[1:] == list(cls._fields)
    assert set(inspect.get_annotations(cls)) >= set(cls._fields)
    assert cls.__match_args__ == cls._fields
    assert not hasattr(obj, "__dict__")


@pytest.mark.parametrize("obj", EXAMPLES, ids=lambda o: type(o).__name__)
def test_equal_copies_repr_and_no_assignment(obj: Frozen) -> None:
    cls = type(obj)
    again = cls(**values(obj))
    assert again == obj
    assert copy.copy(obj) == obj and copy.deepcopy(obj) == obj
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert obj.replace() == obj
    shown = ", ".join(f"{name}={value!r}" for name, value in values(obj).items())
    assert repr(obj) == f"{cls.__qualname__}({shown})"
    with pytest.raises(FrozenInstanceError):
        setattr(obj, cls._fields[0], None)
    with pytest.raises(FrozenInstanceError):
        delattr(obj, cls._fields[0])
    with pytest.raises(AttributeError):
        obj.something_else = 1  # type: ignore[attr-defined]
    assert obj != values(obj) and obj != tuple(values(obj).values())
    with pytest.raises(TypeError):
        obj.replace(no_such_field=1)


@pytest.mark.parametrize("obj", HASHABLE, ids=lambda o: type(o).__name__)
def test_hash_is_the_hash_of_the_compared_values(obj: Frozen) -> None:
    compared = tuple(value for name, value in values(obj).items() if name not in obj._uncompared)
    assert hash(obj) == hash(compared)  # as dataclasses.dataclass(frozen=True) hashes
    assert {obj: 1}[type(obj)(**values(obj))] == 1


def test_where_an_entry_was_written_is_not_compared() -> None:
    moved = ENTRY.replace(origin=Origin("b.yaml", 9))
    assert moved == ENTRY and hash(moved) == hash(ENTRY)
    assert ENTRY.replace(name="khác") != ENTRY
    assert OCCURRENCE.replace(anniversary=moved) == OCCURRENCE


def test_defaults_are_the_dataclass_defaults() -> None:
    entry = Anniversary("x", "X", FOUNDED)
    assert (entry.count_shown, entry.scope, entry.tags, entry.major_years, entry.origin) == (
        True,
        "national",
        (),
        frozenset(),
        None,
    )
    rules = ListingRules({}, When.ALWAYS, ())
    assert rules.audiences == {} and rules.joins == {} and rules.yearly_kinds == {}
    assert rules.audiences is not ListingRules({}, When.ALWAYS, ()).audiences  # a new dict each time


def test_a_match_statement_takes_positions() -> None:
    match LunarDay(2025, 1, 6):
        case LunarDay(year, month, day):
            assert (year, month, day) == (2025, 1, 6)
        case _:
            pytest.fail("no match")


@pytest.mark.parametrize("obj", EXAMPLES, ids=lambda o: type(o).__name__)
def test_they_are_not_dataclasses_but_replace_as_one(obj: Frozen) -> None:
    assert not dataclasses.is_dataclass(obj)  # so dataclasses.replace refuses them, and mypy too
    assert obj.replace() == obj
    name = obj._fields[0]
    assert getattr(obj.replace(**{name: "x"}), name) == "x"
    with pytest.raises(TypeError, match="no field"):
        obj.replace(nothing=1)
