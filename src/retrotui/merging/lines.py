"""A line-by-line three-way merge (diff3), for text that has no finer structure.

Lines both sides kept anchor the merge; between two anchors, a stretch only
one side changed comes from that side, and a stretch both changed differently
is a conflict.  Two refinements for retro files: lines inserted at one place
on both sides are all kept (ours first, a line both added only once), and both
sides bumping **Last Updated** keeps the later date.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from retrotui.markdown.lines import split_lines
from retrotui.merging.align import AUTOJUNK_FROM
from retrotui.merging.result import BOTH_CHANGED, Conflict, Location, Piece
from retrotui.values import format_due, parse_due


def merge_lines(base: str, ours: str, theirs: str, where: Location, what: str = BOTH_CHANGED) -> list[Piece]:
    if ours == theirs or base == theirs:
        return [ours]
    if base == ours:
        return [theirs]
    b, o, t = split_lines(base), split_lines(ours), split_lines(theirs)
    to_ours = _matches(b, o)
    to_theirs = _matches(b, t)
    anchors = [(i, to_ours[i], to_theirs[i]) for i in range(len(b)) if i in to_ours and i in to_theirs]
    anchors.append((len(b), len(o), len(t)))
    pieces: list[Piece] = []
    previous = (-1, -1, -1)
    for anchor in anchors:
        chunk_b = b[previous[0] + 1 : anchor[0]]
        chunk_o = o[previous[1] + 1 : anchor[1]]
        chunk_t = t[previous[2] + 1 : anchor[2]]
        if chunk_o == chunk_b:
            pieces.append("".join(chunk_t))
        elif chunk_t == chunk_b or chunk_o == chunk_t:
            pieces.append("".join(chunk_o))
        elif not chunk_b:
            # Two pieces: the result puts a line ending between them if ours' text ended without one.
            pieces += ["".join(chunk_o), "".join(_not_in(chunk_t, chunk_o))]
        elif (later := _later_last_updated(chunk_b, chunk_o, chunk_t)) is not None:
            pieces.append(later)
        elif (both := _deleted_and_inserted(chunk_b, chunk_o, chunk_t)) is not None:
            pieces.append("".join(both))
        else:
            ours_text, theirs_text, base_text = "".join(chunk_o), "".join(chunk_t), "".join(chunk_b)
            pieces.append(Conflict.at(where, what, ours_text, theirs_text, base_text))
        if anchor[1] < len(o):
            pieces.append(o[anchor[1]])
        previous = anchor
    return pieces


def _matches(a: list[str], b: list[str]) -> dict[int, int]:
    """Line ``i`` of ``a`` is line ``pairs[i]`` of ``b``: the lines both start and end with, then a diff of the rest.

    Fixing the common ends first keeps repeated lines (blank lines, ``- ``
    placeholders) where they are; a long rest lets difflib skip popular lines
    rather than go quadratic.
    """
    n, m = len(a), len(b)
    low = 0
    while low < n and low < m and a[low] == b[low]:
        low += 1
    high = 0
    while high < n - low and high < m - low and a[n - 1 - high] == b[m - 1 - high]:
        high += 1
    pairs = {i: i for i in range(low)}
    pairs.update({n - 1 - k: m - 1 - k for k in range(high)})
    rest_a, rest_b = a[low : n - high], b[low : m - high]
    if rest_a and rest_b:
        long = len(rest_a) + len(rest_b) > 2 * AUTOJUNK_FROM
        matcher = difflib.SequenceMatcher(a=rest_a, b=rest_b, autojunk=long)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                pairs[low + block.a + k] = low + block.b + k
    return pairs


def _deleted_and_inserted(base: list[str], ours: list[str], theirs: list[str]) -> list[str] | None:
    """One side only deleted lines of the stretch, the other only inserted lines into it: both, not a conflict.

    (An item deleted here while the others added one next to it, or an undo of one's own new
    item after the others added theirs: diff3 would call it a conflict, as git does.)
    """
    for deleter, inserter in ((ours, theirs), (theirs, ours)):
        kept = _subsequence(deleter, base)
        placed = _subsequence(base, inserter)
        if kept is not None and placed is not None:
            still = set(kept)
            gone = {placed[i] for i in range(len(base)) if i not in still}
            return [line for n, line in enumerate(inserter) if n not in gone]
    return None


def _subsequence(short: list[str], long: list[str]) -> list[int] | None:
    """The places in ``long`` of the lines of ``short``, in order (the first that fit), or None."""
    places: list[int] = []
    at = 0
    for line in short:
        while at < len(long) and long[at] != line:
            at += 1
        if at == len(long):
            return None
        places.append(at)
        at += 1
    return places


def _not_in(lines: list[str], kept: list[str]) -> list[str]:
    """``lines`` without those ``kept`` already holds (each kept line used once)."""
    left = list(kept)
    out = []
    for line in lines:
        if line in left:
            left.remove(line)
        else:
            out.append(line)
    return out


def _later_last_updated(base: list[str], ours: list[str], theirs: list[str]) -> str | None:
    """Both sides bumped the Last Updated line: the later date wins, not a conflict.

    Only the date wins: the rest of the line (a facilitator, a note) merges
    as text.  When neither side changed it, or both the same way, the line
    with the later date is taken; when one side changed it, that side's line
    with the later date; two different changes are a conflict.
    """
    if len(ours) != 1 or len(theirs) != 1:
        return None
    line_o, line_t = ours[0], theirs[0]
    if "last updated" not in line_o.casefold() or "last updated" not in line_t.casefold():
        return None
    date_o, date_t = _DatedLine.of(line_o), _DatedLine.of(line_t)
    if date_o is None or date_t is None:
        return None
    date_b = _DatedLine.of(base[0]) if len(base) == 1 else None
    rest_b = date_b.rest if date_b is not None else None
    later = date_o if date_o.date >= date_t.date else date_t
    if date_o.rest == date_t.rest:
        return later.line
    if date_t.rest == rest_b:
        return date_o.with_date_of(later)
    if date_o.rest == rest_b:
        return date_t.with_date_of(later)
    return None


_WORD = re.compile(r"[^\s*]+")  # words as in ``**Last Updated:** 2025-01-02``: ``*`` separates too


@dataclass(frozen=True, slots=True)
class _DatedLine:
    """A line and its first date: where it is, and what it is (``YYYY-MM-DD``, to compare)."""

    line: str
    start: int
    end: int
    date: str

    @classmethod
    def of(cls, line: str) -> _DatedLine | None:
        for word in _WORD.finditer(line):
            value = parse_due(word.group())
            if not isinstance(value, str):
                return cls(line, word.start(), word.end(), format_due(value))
        return None

    @property
    def rest(self) -> tuple[str, str]:
        """The line around its date."""
        return self.line[: self.start], self.line[self.end :]

    def with_date_of(self, other: _DatedLine) -> str:
        """This line with ``other``'s date, as ``other`` writes it."""
        return self.line[: self.start] + other.line[other.start : other.end] + self.line[self.end :]
