"""``Record`` behaves as a frozen dataclass: construction, defaults, equality, hashing, repr, replace, copies."""

from __future__ import annotations

import copy
import pickle
from typing import ClassVar

import pytest

from retrotui.record import Record, replace


class Point(Record):
    x: int
    y: int = 0
    label: str = "origin"
    kind: ClassVar[str] = "point"  # a class variable, not a field


class Spot(Record):
    x: int
    y: int = 0
    label: str = "origin"


class Named(Point):
    name: str = ""


def test_fields_come_from_the_annotations_in_order_with_their_defaults() -> None:
    assert Point(1) == Point(1, 0, "origin") == Point(x=1) == Point(y=0, x=1)
    assert (Point(1, 2).x, Point(1, 2).y, Point(1, 2).label) == (1, 2, "origin")
    assert Point.kind == "point" and Point.__record_fields__ == ("x", "y", "label")
    assert Named(1, 2, "a", "n").name == "n" and Named.__record_fields__ == ("x", "y", "label", "name")


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((1, 2, "a", "b"), {}), ((1,), {"x": 2}), ((1,), {"z": 3})],
)
def test_wrong_arguments_are_refused_as_a_function_would(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        Point(*args, **kwargs)  # type: ignore[arg-type]


def test_a_field_without_a_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="without a default"):

        class Broken(Record):
            a: int = 1
            b: int  # type: ignore[misc]


def test_records_are_frozen_and_have_no_dict() -> None:
    point = Point(1)
    with pytest.raises(AttributeError, match="cannot"):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError, match="cannot"):
        del point.x
    with pytest.raises(AttributeError):
        point.other = 1
    assert not hasattr(point, "__dict__")


def test_equality_and_hash_follow_the_type_and_the_values() -> None:
    assert Point(1, 2) == Point(1, 2) and hash(Point(1, 2)) == hash(Point(1, 2))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != Spot(1, 2)  # same fields, another type
    assert Point(1, 2) != (1, 2, "origin")
    assert len({Point(1), Point(1), Point(2)}) == 2


def test_repr_names_the_fields() -> None:
    assert repr(Point(1, 2, "a")) == "Point(x=1, y=2, label='a')"


def test_replace_changes_some_fields_and_refuses_unknown_ones() -> None:
    point = Point(1, 2, "a")
    assert replace(point, y=5) == Point(1, 5, "a")
    assert point == Point(1, 2, "a")
    with pytest.raises(TypeError):
        replace(point, z=1)


def test_copies_and_pickles_are_equal() -> None:
    point = Named(1, 2, "a", "n")
    assert copy.copy(point) == point == copy.deepcopy(point)
    assert pickle.loads(pickle.dumps(point)) == point


def test_match_statements_take_positional_patterns() -> None:
    match Point(3, 4):
        case Point(x, y):
            assert (x, y) == (3, 4)
        case _:
            pytest.fail("no match")
