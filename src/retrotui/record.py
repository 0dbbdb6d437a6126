"""Record classes without ``dataclasses``: nothing is written and compiled when a module is imported.

A ``@dataclass`` writes the source of its ``__init__``, ``__eq__``,
``__hash__``, ``__repr__`` and ``__setattr__`` and compiles each when its
module is imported: about half a millisecond a class.  The editor imported
some twenty before its first frame (what a save returned, a notice, the
services a screen is given, a keymap command, the meeting's phases), a
twentieth of its time to show the file, and ``check`` and ``actions`` as many.
Two kinds here, with a dataclass's equality, ``repr``, ``__match_args__`` and,
frozen, hashing and refusing assignment:

- ``Slotted`` and ``FrozenSlotted``: the class lists its ``__slots__`` and
  ``__match_args__`` and writes its own ``__init__``: as fast as a
  dataclass's, for the classes a read makes by the thousand (headings, a row's
  copies, the tracker's entries);
- ``Record``: a frozen class declared as a dataclass is, by annotated fields
  and defaults; slots, field order and a generic ``__init__`` are made here,
  and type checkers read it as a frozen dataclass (``dataclass_transform``).
  A few microseconds more to make one: for classes made a few at a time.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, dataclass_transform

_MISSING: Any = object()
R = TypeVar("R", bound="Record")


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


class _RecordType(type):
    """Turns the annotations of a ``Record`` subclass into slots, in order, and keeps the defaults aside."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> _RecordType:
        inherited: tuple[str, ...] = ()
        defaults: dict[str, Any] = {}
        for base in bases:
            inherited += getattr(base, "__record_fields__", ())
            defaults.update(getattr(base, "__record_defaults__", {}))
        annotations = namespace.get("__annotations__", {})
        own = tuple(
            field
            for field, annotation in annotations.items()
            if not str(annotation).startswith(("ClassVar", "typing.ClassVar")) and field not in inherited
        )
        for field in own:
            if field in namespace:
                defaults[field] = namespace.pop(field)
        fields = inherited + own
        seen_default = False
        for field in fields:
            if field in defaults:
                seen_default = True
            elif seen_default:
                raise TypeError(f"{name}: field {field!r} without a default follows one with a default")
        namespace["__slots__"] = own
        namespace["__record_fields__"] = fields
        namespace["__record_defaults__"] = defaults
        namespace["__match_args__"] = fields
        return super().__new__(mcs, name, bases, namespace, **kwargs)


@dataclass_transform(frozen_default=True)
class Record(FrozenSlotted, metaclass=_RecordType):
    """A frozen value class; subclass it and annotate the fields, as with ``@dataclass(frozen=True)``."""

    __slots__ = ()
    __record_fields__: ClassVar[tuple[str, ...]] = ()
    __record_defaults__: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self.__record_fields__
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments, {len(args)} were given")
        set_field = object.__setattr__
        for field, value in zip(fields, args, strict=False):
            set_field(self, field, value)
        defaults = self.__record_defaults__
        for field in fields[len(args) :]:
            value = kwargs.pop(field, _MISSING)
            if value is _MISSING:
                value = defaults.get(field, _MISSING)
                if value is _MISSING:
                    raise TypeError(f"{type(self).__name__}() is missing the argument {field!r}")
            set_field(self, field, value)
        if kwargs:
            name = next(iter(kwargs))
            raise TypeError(f"{type(self).__name__}() got an unexpected or repeated argument {name!r}")


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed (as ``dataclasses.replace``)."""
    values = {field: getattr(record, field) for field in record.__record_fields__}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(record)(**values)
