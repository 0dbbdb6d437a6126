"""A three-way merge of a sequence of units (retros, sections, action rows).

Each unit has a ``key`` (its title or item text, normalised) and its ``text``
as written.  What makes the merge safe is recognising a unit after an edit of
its key, the way diff3 anchors lines: units equal on both sides and units
with equal keys (in order, as a diff of the keys finds them) anchor the
sequences; between two anchors, an unmatched unit of the base and one of a
side are the same unit when they are alike enough (similar text, same other
cells).  A unit with the same key that moved is still the same unit.  So an
edited row is one row, not a deleted one plus a new one, and an edit on one
side meets a delete or another edit on the other as a conflict, never as a
silent loss or a duplicate.

The order is ours', with what theirs added or moved placed after the unit
before it in theirs (after ours' own additions there).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import Generic, Protocol, TypeVar

from retrotui.merging.result import (
    CHANGED_HERE_DELETED_THERE,
    DELETED_HERE_CHANGED_THERE,
    Conflict,
    Location,
    Piece,
)


class Unit(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def text(self) -> str: ...


U = TypeVar("U", bound=Unit)

# Pairing by likeness compares every unmatched unit with every other between
# two anchors; past this many comparisons the units stay unpaired (deleted and
# added), which is safe: an edit on the other side then shows as a conflict.
MAX_COMPARISONS = 10_000


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
    to_base_o = align(base, ours, rules)
    to_base_t = align(base, theirs, rules)
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
            unit = base[entity]
            j, k = ours_of.get(entity), theirs_of.get(entity)
            if j is not None and k is not None:
                pieces += rules.merge(unit, ours[j], theirs[k])
            elif j is not None and not rules.unchanged(unit, ours[j]):
                pieces.append(Conflict.at(rules.locate(unit), CHANGED_HERE_DELETED_THERE, ours[j].text, "", unit.text))
            elif k is not None and not rules.unchanged(unit, theirs[k]):
                pieces.append(
                    Conflict.at(rules.locate(unit), DELETED_HERE_CHANGED_THERE, "", theirs[k].text, unit.text)
                )
        elif entity[0] == "o":
            j = entity[1]
            twin = twin_of_ours.get(j)
            pieces += rules.merge(None, ours[j], theirs[twin]) if twin is not None else [ours[j].text]
        else:
            pieces.append(theirs[entity[1]].text)
    return pieces


def align(base: Sequence[U], side: Sequence[U], rules: SequenceRules[U]) -> list[int | None]:
    """For each unit of ``side``, the index of the base unit it is (an edit of), or None if new."""
    n, m = len(base), len(side)
    result: list[int | None] = [None] * m
    low = 0
    while low < n and low < m and base[low].text == side[low].text:
        result[low] = low
        low += 1
    high_b, high_s = n, m
    while high_b > low and high_s > low and base[high_b - 1].text == side[high_s - 1].text:
        high_b -= 1
        high_s -= 1
        result[high_s] = high_b
    if low < high_b and low < high_s:
        _align_middle(base, side, (low, high_b), (low, high_s), result, rules)
    return result


def _align_middle(
    base: Sequence[U],
    side: Sequence[U],
    span_b: tuple[int, int],
    span_s: tuple[int, int],
    result: list[int | None],
    rules: SequenceRules[U],
) -> None:
    (b0, b1), (s0, s1) = span_b, span_s
    keys_b = [base[i].key for i in range(b0, b1)]
    keys_s = [side[j].key for j in range(s0, s1)]
    if keys_b == keys_s:  # edited in place, keys unchanged: the usual case
        for k in range(b1 - b0):
            result[s0 + k] = b0 + k
        return
    import difflib

    gaps: list[tuple[range, range]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_b, keys_s, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                result[s0 + j1 + k] = b0 + i1 + k
        else:
            gaps.append((range(b0 + i1, b0 + i2), range(s0 + j1, s0 + j2)))
    taken = {b for b in result if b is not None}
    # Moved: the same key elsewhere.
    free: dict[str, list[int]] = {}
    for gap_b, _ in gaps:
        for i in gap_b:
            free.setdefault(base[i].key, []).append(i)
    for _, gap_s in gaps:
        for j in gap_s:
            candidates = free.get(side[j].key)
            if candidates:
                moved = candidates.pop(0)
                result[j] = moved
                taken.add(moved)
    # Edited: alike units between the same anchors.
    for gap_b, gap_s in gaps:
        left_b = [i for i in gap_b if i not in taken]
        left_s = [j for j in gap_s if result[j] is None]
        for i, j in _pair_alike(left_b, left_s, base, side, rules):
            result[j] = i
            taken.add(i)


def _pair_alike(
    left_b: list[int], left_s: list[int], base: Sequence[U], side: Sequence[U], rules: SequenceRules[U]
) -> list[tuple[int, int]]:
    """The in-order pairing of alike units with the greatest total likeness."""
    if not left_b or not left_s or len(left_b) * len(left_s) > MAX_COMPARISONS:
        return []
    threshold = rules.threshold
    weight = [[rules.likeness(base[i], side[j]) for j in left_s] for i in left_b]
    rows, cols = len(left_b), len(left_s)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for r in range(1, rows + 1):
        for c in range(1, cols + 1):
            w = weight[r - 1][c - 1]
            paired = best[r - 1][c - 1] + w if w >= threshold else -1.0
            best[r][c] = max(best[r - 1][c], best[r][c - 1], paired)
    pairs: list[tuple[int, int]] = []
    r, c = rows, cols
    while r and c:
        w = weight[r - 1][c - 1]
        if w >= threshold and best[r][c] == best[r - 1][c - 1] + w:
            pairs.append((left_b[r - 1], left_s[c - 1]))
            r, c = r - 1, c - 1
        elif best[r][c] == best[r - 1][c]:
            r -= 1
        else:
            c -= 1
    return pairs


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
        while at < len(order) and _added_by_ours(order[at]):
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
