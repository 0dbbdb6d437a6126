"""A side's units cut again where they hold a retro of the base that the side no longer reads as one.

Whether a line is a retro's title depends on its words (a date, ``Sprint 3``)
and on what is around it (a title line needs a blank line above it): reword a
title to ``Kickoff``, or add a table right above a title line, and the parser
reads that retro as text, as part of the text or the retro before it.  Merged
that way, the other side's version of the retro would meet a deleted retro
plus changed text, and a rename on both sides would keep both titles,
silently.  So where a side's unit holds the lines of a base retro, that unit
is cut like the base (a diff of their lines tells where each base unit's
lines went) and those lines merge as that retro, marked ``as_text``: against
the other side's changes to the retro, a conflict, as a deleted retro's
would be.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence

from retrotui.markdown.lines import content_of, first_line, split_lines
from retrotui.merging.split import RETRO, TEXT, TopUnit


def recut(base: Sequence[TopUnit], side: Sequence[TopUnit]) -> list[TopUnit]:
    """``side``'s units, those that hold the lines of a base retro besides their own cut like the base."""
    n, m = len(base), len(side)
    low = 0
    while low < n and low < m and base[low].text == side[low].text:
        low += 1
    high = 0
    while high < n - low and high < m - low and base[n - 1 - high].text == side[m - 1 - high].text:
        high += 1
    old, new = base[low : n - high], side[low : m - high]
    if [u.kind for u in old] == [u.kind for u in new]:
        return list(side)  # the usual case: each changed unit is the same kind of unit as before
    out = list(side[:low])
    matcher = difflib.SequenceMatcher(None, [u.text for u in old], [u.text for u in new], autojunk=False)
    # Stretches between units both have: each side unit there is cut against the base units there.
    stretches: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            stretches.append([i1, i2, j1, j2, 1])
        elif stretches and not stretches[-1][4]:
            stretches[-1][1], stretches[-1][3] = i2, j2
        else:
            stretches.append([i1, i2, j1, j2, 0])
    for i1, i2, j1, j2, equal in stretches:
        part = list(new[j1:j2])
        if not equal and [u.kind for u in old[i1:i2]] != [u.kind for u in part]:
            part = [piece for unit in part for piece in _cut_like(old[i1:i2], unit)]
        out += part
    out += side[m - high :]
    return _linked(out)


def _cut_like(base: Sequence[TopUnit], unit: TopUnit) -> list[TopUnit]:
    """``unit`` cut where the lines of each base retro it holds (other than its own) begin."""
    base_lines: list[str] = []
    owner: list[int] = []  # the base unit each base line is in
    heads: dict[int, int] = {}  # a base retro's first line
    for index, old in enumerate(base):
        lines = split_lines(old.text)
        if old.kind == RETRO:
            heads[len(base_lines)] = index
        base_lines += lines
        owner += [index] * len(lines)
    lines = split_lines(unit.text)
    source: list[int | None] = [None] * len(lines)  # the base unit each line came from
    head_at: dict[int, int] = {}  # where a base retro's first line is, unchanged
    for block in difflib.SequenceMatcher(None, base_lines, lines, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            source[block.b + k] = owner[block.a + k]
            if block.a + k in heads:
                head_at[heads[block.a + k]] = block.b + k
    # A base unit is found in ``unit`` by a line only it has: lines every retro has (a blank, "### 1. Summary")
    # match the first base retro that has them, so a retro renamed just after the one before it was deleted
    # was taken for that deleted retro's first lines, and the rest of it for another retro, as text.
    count = Counter(base_lines)
    found = sorted({s for s, line in zip(source, lines, strict=True) if s is not None and count[line] == 1})
    others = found[1:] if unit.kind == RETRO else found  # a retro's first lines are its own
    if not any(base[s].kind == RETRO for s in others):
        return [unit]
    # Each base unit after the first gets its piece: a retro from its first line if that is unchanged, else (a
    # reworded title, unmatched, goes with the lines under it) from after the last line of a unit before it.
    cuts = [0]
    for s in found[1:]:
        at = head_at.get(s)
        if at is None:
            at = 1 + max((j for j, o in enumerate(source) if o is not None and o < s), default=-1)
        cuts.append(max(at, cuts[-1]))
    pieces: list[TopUnit] = []
    for k, s in enumerate(found):
        text = "".join(lines[cuts[k] : cuts[k + 1] if k + 1 < len(cuts) else len(lines)])
        if k == 0 and unit.kind == RETRO:
            pieces.append(TopUnit(RETRO, text, title=unit.title, as_text=unit.as_text))
        elif base[s].kind == RETRO:
            pieces.append(TopUnit(RETRO, text, title=content_of(first_line(text)).strip(), as_text=True))
        else:
            pieces.append(TopUnit(TEXT, text))
    return [piece for piece in pieces if piece.text]


def _linked(units: list[TopUnit]) -> list[TopUnit]:
    """Text units know the retro before them (their key); adjacent text units become one; a text unit first."""
    out: list[TopUnit] = [] if units and units[0].kind == TEXT else [TopUnit(TEXT, "")]
    previous: TopUnit | None = None
    for unit in units:
        if unit.kind == RETRO:
            out.append(unit)
            previous = unit
        elif out and out[-1].kind == TEXT:
            out[-1] = TopUnit(TEXT, out[-1].text + unit.text, previous)
        elif unit.previous is not previous:
            out.append(TopUnit(TEXT, unit.text, previous))
        else:
            out.append(unit)
    return out
