"""Immutable value classes without ``@dataclass``, for the classes a cold ``month`` imports.

Hand-written instead of ``@dataclass(frozen=True, slots=True)`` (issue 21): in Python 3.11
creating such a class costs about half a millisecond (its methods are compiled from source and the
class is built twice for the slots), and importing ``dataclasses`` imports ``inspect`` and with it
``ast``, ``dis`` and ``tokenize``. For the 13 classes of a cold ``calendar-gen month`` that was
about 15 of its 55 ms (``benchmarks/cold_start.py``, 2026-12-08).

A subclass names its fields in order in ``_fields`` (also its ``__slots__``), annotates them, and
sets them in an explicit ``__init__`` whose parameters are the fields in the same order
(``tests/test_frozen.py`` checks this), through ``object.__setattr__``. ``Frozen`` gives what the
dataclass gave: equality and hash over the compared fields (``_uncompared`` names the others), the
same repr, assignment and deletion refused, copying and pickling, ``__match_args__``, and
:meth:`Frozen.replace`. They are not dataclasses: ``dataclasses.replace`` and the like refuse
them, and mypy says so before they run.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, Self

# Shared by every subclass's __init__: set a field of an instance that refuses assignment.
setfield = object.__setattr__


class FrozenInstanceError(AttributeError):
    """A field of a frozen instance was assigned or deleted (as ``dataclasses.FrozenInstanceError``)."""


class Frozen:
    """Base of the immutable value classes: equality, hash, repr, no assignment, copy and pickle."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()  # the fields in the order of __init__'s parameters
    _uncompared: ClassVar[tuple[str, ...]] = ()  # fields left out of == and hash (compare=False)
    _compared: ClassVar[Callable[[Any], tuple[Any, ...]]]  # the tuple of compared values

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        compared = tuple(name for name in cls._fields if name not in cls._uncompared)
        setattr(cls, "__match_args__", cls._fields)  # noqa: B010 - mypy knows no __match_args__ on type
        # attrgetter of one name returns the value itself: compare and hash a 1-tuple, as dataclasses do.
        one = compared[0] if len(compared) == 1 else None
        cls._compared = attrgetter(*compared) if one is None else (lambda obj: (getattr(obj, one),))

    def __eq__(self, other: object) -> bool:
        cls = self.__class__  # the getter is read from the class: an instance would bind the lambda
        if other.__class__ is not cls:
            return NotImplemented
        return bool(cls._compared(self) == cls._compared(other))

    def __hash__(self) -> int:
        return hash(self.__class__._compared(self))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({values})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        """Copy and pickle through ``__init__``: the default would assign the slots, refused here."""
        return self.__class__, tuple(getattr(self, name) for name in self._fields)

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed, as ``dataclasses.replace`` made it."""
        values = {name: getattr(self, name) for name in self._fields}
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"{self.__class__.__qualname__} has no field {sorted(unknown)[0]!r}")
        values.update(changes)
        return self.__class__(**values)
