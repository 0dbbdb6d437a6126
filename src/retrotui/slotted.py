"""Small record classes, as ``@dataclass(slots=True)`` makes them, without ``dataclasses``.

A dataclass writes and compiles its methods when its module is imported
(a few tenths of a millisecond each): the modules ``check`` and ``actions``
load held some twenty of them.  A class here declares its fields as
``__slots__`` and, in order, as ``__match_args__`` (as a dataclass does),
and writes its own ``__init__``, taking them in that order: as fast as a
dataclass's, for the classes a read makes by the thousand (headings, a
row's copies, the tracker's entries).  Equality, ``repr`` and, for a frozen
one, hashing and refusing assignment are what a dataclass's are.
"""

from __future__ import annotations

from typing import Any


class Slotted:
    """A mutable record: equal to one of the same class with equal fields (and so unhashable)."""

    __slots__ = ()
    __match_args__: tuple[str, ...] = ()

    def _names(self) -> tuple[str, ...]:
        return self.__match_args__

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._names())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Slotted) and other.__class__ is self.__class__:
            return self._fields() == other._fields()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._names())
        return f"{self.__class__.__qualname__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        return self.__class__, self._fields()


class FrozenSlotted(Slotted):
    """An immutable record (its ``__init__`` sets its fields with ``object.__setattr__``): hashable."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._fields())
