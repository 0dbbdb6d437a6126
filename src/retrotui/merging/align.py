"""Recognising units across an edit: which unit of an edited sequence is which unit of the base.

The way diff3 anchors lines: units equal in both and units with equal keys
(in order, as a diff of the keys finds them) anchor the two sequences, and a
unit whose key is elsewhere moved.  Between two anchors, a base unit and an
edited one are the same unit when they are alike enough (similar text, same
other cells), then alike units anywhere (moved and edited); what is left
pairs by place, in order, as diff3 sees a changed stretch of lines, and is
marked so: a unit known by its place alone is never mixed from both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from sys import maxsize
from typing import Protocol, TypeVar


class Unit(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def text(self) -> str: ...


U = TypeVar("U", bound=Unit)
U_contra = TypeVar("U_contra", bound=Unit, contravariant=True)

# Pairing by likeness compares every unmatched unit with every other between
# two anchors; past this many comparisons, only pairing by place is left.
MAX_COMPARISONS = 10_000
AUTOJUNK_FROM = 1_000


class Judge(Protocol[U_contra]):
    """How alike an old and an edited unit are (0 to 1), and from what likeness on they are one."""

    threshold: float

    def likeness(self, base: U_contra, side: U_contra) -> float: ...


@dataclass(slots=True)
class Alignment:
    """``to_base[j]``: the base unit that side unit ``j`` is (an edit of), or None for a new one."""

    to_base: list[int | None]
    by_place: set[int] = field(default_factory=set)  # base units recognised by their place alone


def align(base: Sequence[U], side: Sequence[U], rules: Judge[U]) -> Alignment:
    """Which base unit each unit of ``side`` is."""
    n, m = len(base), len(side)
    result: list[int | None] = [None] * m
    by_place: set[int] = set()
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
        _align_middle(base, side, (low, high_b), (low, high_s), result, by_place, rules)
    return Alignment(result, by_place)


def _align_middle(
    base: Sequence[U],
    side: Sequence[U],
    span_b: tuple[int, int],
    span_s: tuple[int, int],
    result: list[int | None],
    by_place: set[int],
    rules: Judge[U],
) -> None:
    (b0, b1), (s0, s1) = span_b, span_s
    # Units edited in place keep their keys: those at both ends pair as they stand (the usual case: all of them).
    while b0 < b1 and s0 < s1 and base[b0].key == side[s0].key:
        result[s0] = b0
        b0, s0 = b0 + 1, s0 + 1
    while b0 < b1 and s0 < s1 and base[b1 - 1].key == side[s1 - 1].key:
        b1, s1 = b1 - 1, s1 - 1
        result[s1] = b1
    if b0 == b1 or s0 == s1:
        return
    import difflib

    keys_b = [base[i].key for i in range(b0, b1)]
    keys_s = [side[j].key for j in range(s0, s1)]
    # A long stretch of repeated keys (a hostile file) would make the diff quadratic: let difflib skip popular keys.
    popular = len(keys_b) + len(keys_s) > 2 * AUTOJUNK_FROM
    gaps: list[tuple[range, range]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_b, keys_s, autojunk=popular).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                result[s0 + j1 + k] = b0 + i1 + k
        else:
            gaps.append((range(b0 + i1, b0 + i2), range(s0 + j1, s0 + j2)))
    taken = {b for b in result if b is not None}
    # Moved: a key found once among the unpaired units on each side, in different places.
    free_b: dict[str, list[int]] = {}
    free_s: dict[str, list[int]] = {}
    for gap_b, gap_s in gaps:
        for i in gap_b:
            free_b.setdefault(base[i].key, []).append(i)
        for j in gap_s:
            free_s.setdefault(side[j].key, []).append(j)
    for key, (j, *more) in free_s.items():
        found = free_b.get(key)
        if not more and found is not None and len(found) == 1:
            result[j] = found[0]
            taken.add(found[0])
    # Edited: alike units between the same anchors, then alike units anywhere (moved and edited).
    for gap_b, gap_s in gaps:
        left_b = [i for i in gap_b if i not in taken]
        left_s = [j for j in gap_s if result[j] is None]
        for i, j in _pair_alike(left_b, left_s, base, side, rules):
            result[j] = i
            taken.add(i)
    left_b = [i for gap_b, _ in gaps for i in gap_b if i not in taken]
    left_s = [j for _, gap_s in gaps for j in gap_s if result[j] is None]
    for i, j in _pair_alike_anywhere(left_b, left_s, base, side, rules):
        result[j] = i
        taken.add(i)
    # What is left between two pairs pairs by place.
    for gap_b, gap_s in gaps:
        left_b = [i for i in gap_b if i not in taken]
        left_s = [j for j in gap_s if result[j] is None]
        paired = [(b, j) for j in gap_s if (b := result[j]) is not None and b in gap_b]
        for i, j in _pair_by_place(left_b, left_s, paired, base, side, rules):
            result[j] = i
            by_place.add(i)


def _pair_alike_anywhere(
    left_b: list[int], left_s: list[int], base: Sequence[U], side: Sequence[U], rules: Judge[U]
) -> list[tuple[int, int]]:
    """The most alike pairs first, each unit in one pair at most."""
    if not left_b or not left_s or len(left_b) * len(left_s) > MAX_COMPARISONS:
        return []
    scored = [(rules.likeness(base[i], side[j]), i, j) for i in left_b for j in left_s]
    pairs: list[tuple[int, int]] = []
    used_b: set[int] = set()
    used_s: set[int] = set()
    for score, i, j in sorted(scored, key=lambda t: -t[0]):
        if score >= rules.threshold and i not in used_b and j not in used_s:
            pairs.append((i, j))
            used_b.add(i)
            used_s.add(j)
    return pairs


def _pair_by_place(
    left_b: list[int],
    left_s: list[int],
    paired: list[tuple[int, int]],
    base: Sequence[U],
    side: Sequence[U],
    rules: Judge[U],
) -> list[tuple[int, int]]:
    """Unpaired units between two in-order pairs pair in order, as far as both sides have some (diff3 sees a change).

    Where one side has more, the units of the other pair with the most alike
    of them, first with first when nothing tells.
    """
    fences: list[tuple[int, int]] = []
    for i, j in sorted(paired, key=lambda pair: pair[1]):
        if not fences or i > fences[-1][0]:
            fences.append((i, j))
    pairs: list[tuple[int, int]] = []
    start_b = start_s = -1
    for i, j in [*fences, (maxsize, maxsize)]:
        between_b = [b for b in left_b if start_b < b < i]
        between_s = [s for s in left_s if start_s < s < j]
        if len(between_b) == len(between_s) or len(between_b) * len(between_s) > MAX_COMPARISONS:
            pairs += zip(between_b, between_s, strict=False)
        elif between_b and between_s:
            pairs += _pair_all_of_fewer(between_b, between_s, base, side, rules)
        start_b, start_s = i, j
    return pairs


def _pair_all_of_fewer(
    left_b: list[int], left_s: list[int], base: Sequence[U], side: Sequence[U], rules: Judge[U]
) -> list[tuple[int, int]]:
    """Every unit of the shorter list paired, in order, for the greatest total likeness (ties: the earliest)."""
    flipped = len(left_b) > len(left_s)
    few, many = (left_s, left_b) if flipped else (left_b, left_s)

    def weight(a: int, b: int) -> float:
        return rules.likeness(base[b], side[a]) if flipped else rules.likeness(base[a], side[b])

    rows, cols = len(few), len(many)
    # best[r][c]: the first r of ``few`` paired within the first c of ``many``.
    best = [[0.0] * (cols + 1)] + [[-1.0] * (cols + 1) for _ in range(rows)]
    for r in range(1, rows + 1):
        for c in range(r, cols + 1):
            best[r][c] = max(best[r][c - 1] if c > r else -1.0, best[r - 1][c - 1] + weight(few[r - 1], many[c - 1]))
    pairs: list[tuple[int, int]] = []
    r, c = rows, cols
    while r:
        if c > r and best[r][c] == best[r][c - 1]:
            c -= 1
        else:
            pairs.append((few[r - 1], many[c - 1]))
            r, c = r - 1, c - 1
    return [(b, a) for a, b in pairs[::-1]] if flipped else pairs[::-1]


def _pair_alike(
    left_b: list[int], left_s: list[int], base: Sequence[U], side: Sequence[U], rules: Judge[U]
) -> list[tuple[int, int]]:
    """The in-order pairing of alike units with the greatest total likeness, in order."""
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
    return pairs[::-1]
