"""Frozen records that cost nothing to define: the editor's start has no time for ``@dataclass``.

A ``@dataclass(frozen=True)`` writes the source of its ``__init__``,
``__eq__``, ``__hash__``, ``__repr__`` and ``__setattr__`` and compiles each
when its module is imported: about half a millisecond a class.  The editor
imports some twenty small value classes before its first frame (what a save
returned, a notice, the services a screen is given, a keymap command, the
meeting's phases), which was a twentieth of its time to show the file.

``Record`` gives the same frozen value class with generic methods made once
here: fields from the annotations in order, defaults from class attributes,
``__slots__``, equality and hashing by type and values, a dataclass-like
repr, ``__match_args__``, and ``replace``.  Type checkers read it as a frozen
dataclass (``dataclass_transform``).  Making one costs a few microseconds
more than a dataclass's compiled ``__init__``: classes made by the thousand
(the parser's) stay dataclasses.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, dataclass_transform

_MISSING: Any = object()
R = TypeVar("R", bound="Record")


class FrozenRecordError(AttributeError):
    """A record's fields cannot be assigned (as ``dataclasses.FrozenInstanceError``)."""


class _RecordType(type):
    """Turns the annotations of a ``Record`` subclass into slots and remembers the defaults."""

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
class Record(metaclass=_RecordType):
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

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, field) for field in self.__record_fields__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{field}={getattr(self, field)!r}" for field in self.__record_fields__)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenRecordError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for field, value in zip(self.__record_fields__, state, strict=True):
            object.__setattr__(self, field, value)


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed (as ``dataclasses.replace``)."""
    values = {field: getattr(record, field) for field in record.__record_fields__}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(record)(**values)
