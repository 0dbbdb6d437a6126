"""A three-way merge of a sequence of units (retros, sections, action rows).

Each unit has a ``key`` (its title or item text, normalised) and its ``text``
as written.  Each side is aligned with the base (``align``: an edited row is
one row, not a deleted one plus a new one), then every base unit is merged
as both sides have it: an edit on one side meets a delete or another edit on
the other as a conflict, never as a silent loss or a duplicate.  A unit known
by its place alone is never mixed from both sides: if both changed it, both
versions are shown.

The order is ours', with what theirs added or moved placed after the unit
before it in theirs (after ours' own additions there).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import Generic, TypeVar

from retrotui.merging.align import Unit, align
from retrotui.merging.result import (
    BOTH_CHANGED,
    CHANGED_HERE_DELETED_THERE,
    DELETED_HERE_CHANGED_THERE,
    Conflict,
    Location,
    Piece,
)

U = TypeVar("U", bound=Unit)


class SequenceRules(ABC, Generic[U]):
    """What the sequence merge needs to know about one kind of unit."""

    threshold = 0.5  # least likeness for two units to count as one

    @abstractmethod
    def likeness(self, base: U, side: U) -> float:
        """0 (unrelated) to 1 (the same): how alike an old and an edited unit are."""

    @abstractmethod
    def merge(self, base: U | None, ours: U, theirs: U) -> list[Piece]:
        """The merge of one unit both sides have (``base`` is None when both added it)."""

    @abstractmethod
    def locate(self, unit: U) -> Location:
        """Where a unit is, for a conflict about it (the base's version when there is one)."""

    def unchanged(self, base: U, side: U) -> bool:
        return base.text == side.text


Entity = int | tuple[str, int]  # a base unit by index, or ("o" | "t", index) for a new one


def merge_sequence(base: Sequence[U], ours: Sequence[U], theirs: Sequence[U], rules: SequenceRules[U]) -> list[Piece]:
    aligned_o, aligned_t = align(base, ours, rules), align(base, theirs, rules)
    to_base_o, to_base_t = aligned_o.to_base, aligned_t.to_base
    by_place = aligned_o.by_place | aligned_t.by_place
    ours_of = {b: j for j, b in enumerate(to_base_o) if b is not None}
    theirs_of = {b: k for k, b in enumerate(to_base_t) if b is not None}
    twins = _twins(ours, theirs, to_base_o, to_base_t)
    seq_o: list[Entity] = [b if b is not None else ("o", j) for j, b in enumerate(to_base_o)]
    seq_t: list[Entity] = [
        b if b is not None else (("o", twins[k]) if k in twins else ("t", k)) for k, b in enumerate(to_base_t)
    ]
    order = _merged_order(seq_o, seq_t)
    twin_of_ours = {j: k for k, j in twins.items()}
    pieces: list[Piece] = []
    for entity in order:
        if isinstance(entity, int):
            pieces += _merge_base_unit(
                base[entity],
                ours_of.get(entity),
                theirs_of.get(entity),
                ours,
                theirs,
                rules,
                entity in by_place,
            )
        elif entity[0] == "o":
            j = entity[1]
            twin = twin_of_ours.get(j)
            pieces += rules.merge(None, ours[j], theirs[twin]) if twin is not None else [ours[j].text]
        else:
            pieces.append(theirs[entity[1]].text)
    return pieces


def _merge_base_unit(
    unit: U,
    j: int | None,
    k: int | None,
    ours: Sequence[U],
    theirs: Sequence[U],
    rules: SequenceRules[U],
    by_place: bool,
) -> list[Piece]:
    """A base unit as ours (``j``) and theirs (``k``) have it, or deleted (None)."""
    if j is not None and k is not None:
        mine, other = ours[j], theirs[k]
        if (
            by_place
            and not rules.unchanged(unit, mine)
            and not rules.unchanged(unit, other)
            and mine.text != other.text
        ):
            # Known only by its place: both sides' versions, side by side, rather than a guess at mixing them.
            return [Conflict.at(rules.locate(unit), BOTH_CHANGED, mine.text, other.text, unit.text)]
        return rules.merge(unit, mine, other)
    if j is not None and not rules.unchanged(unit, ours[j]):
        return [Conflict.at(rules.locate(unit), CHANGED_HERE_DELETED_THERE, ours[j].text, "", unit.text)]
    if k is not None and not rules.unchanged(unit, theirs[k]):
        return [Conflict.at(rules.locate(unit), DELETED_HERE_CHANGED_THERE, "", theirs[k].text, unit.text)]
    return []


def _twins(
    ours: Sequence[U], theirs: Sequence[U], to_base_o: list[int | None], to_base_t: list[int | None]
) -> dict[int, int]:
    """New units both sides added with the same key: theirs' index -> ours' index (one unit, not two)."""
    new_ours: dict[str, list[int]] = {}
    for j, b in enumerate(to_base_o):
        if b is None:
            new_ours.setdefault(ours[j].key, []).append(j)
    twins: dict[int, int] = {}
    for k, b in enumerate(to_base_t):
        if b is None and new_ours.get(theirs[k].key):
            twins[k] = new_ours[theirs[k].key].pop(0)
    return twins


def _merged_order(seq_o: list[Entity], seq_t: list[Entity]) -> list[Entity]:
    """Ours' order; what theirs added, moved, or kept where ours deleted it goes after its predecessor in theirs."""
    order = list(seq_o)
    present = set(order)
    moved_o = _moved([e for e in seq_o if isinstance(e, int)])
    moved_t = _moved([e for e in seq_t if isinstance(e, int)])
    for position, entity in enumerate(seq_t):
        if entity in present:
            if not isinstance(entity, int) or entity not in moved_t or entity in moved_o:
                continue
            order.remove(entity)
            present.discard(entity)
        anchor = next((p for p in reversed(seq_t[:position]) if p in present), None)
        at = order.index(anchor) + 1 if anchor is not None else 0
        # After ours' own additions there, but not past one theirs has too, further on (a unit both added):
        # a row both sides put before the text that ends a new section went after that text.
        later = set(seq_t[position + 1 :])
        while at < len(order) and _added_by_ours(order[at]) and order[at] not in later:
            at += 1
        order.insert(at, entity)
        present.add(entity)
    return order


def _added_by_ours(entity: Entity) -> bool:
    return isinstance(entity, tuple) and entity[0] == "o"


def _moved(indexes: list[int]) -> set[int]:
    """The indexes off one longest increasing run: the units a side moved."""
    if all(a < b for a, b in pairwise(indexes)):
        return set()
    tails: list[int] = []  # tails[k]: position in ``indexes`` ending the best run of length k + 1
    tail_values: list[int] = []
    parent = [-1] * len(indexes)
    for position, value in enumerate(indexes):
        k = bisect_left(tail_values, value)
        if k:
            parent[position] = tails[k - 1]
        if k == len(tails):
            tails.append(position)
            tail_values.append(value)
        else:
            tails[k] = position
            tail_values[k] = value
    kept: set[int] = set()
    position = tails[-1] if tails else -1
    while position != -1:
        kept.add(indexes[position])
        position = parent[position]
    return set(indexes) - kept
