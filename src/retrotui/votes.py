"""Dot votes written on a bullet: ``Fix the pager (+3)`` or ``Fix the pager (+1 Ana)(+2 Ben)``.

Real retro files already count votes this way, so the marks are read where a
bullet's text ends (with any spaces before and between them) and written back
in the same place; the rest of the text is never touched.  A dot vote's result
is one edit of a section's text: its bullets ordered by votes (ties keep their
order) and each bullet's marks set to its count.  No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from retrotui.markdown import bullets as bullet_text

# (+3) or (+2 Ana María): a count, then maybe a name (no parentheses in it).
_MARK = re.compile(r"\(\+(\d{1,6})(?:[ \t]+([^()\s](?:[^()]*[^()\s])?))?[ \t]*\)")


@dataclass(frozen=True, slots=True)
class Votes:
    """The votes a bullet's marks count: ``(+3)`` is 3 without names, ``(+1 Ana)(+2 Ben)`` 3 with."""

    unnamed: int = 0
    named: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.unnamed + sum(self.named.values())

    def __bool__(self) -> bool:
        return self.total > 0


def split_votes(text: str) -> tuple[str, str]:
    """``(text, marks)``: the bullet's own text and its trailing vote marks; ``text + marks`` is the input."""
    # From the end back, mark by mark (one pass over the text: a long line of marks costs no more).
    start = end = len(text.rstrip(" \t"))
    for mark in reversed(list(_MARK.finditer(text, 0, end))):
        if mark.end() != end:
            break
        start = mark.start()
        end = len(text[:start].rstrip(" \t"))
    if start == len(text.rstrip(" \t")):
        return text, ""
    return text[:end], text[end:]


def without_votes(text: str) -> str:
    """The bullet's text without its vote marks: what a vote is cast for (marks change while voting)."""
    return split_votes(text)[0].strip()


def read_votes(text: str) -> Votes:
    """The votes counted by the marks at the end of a bullet's text (none: no votes)."""
    _, marks = split_votes(text)
    unnamed = 0
    named: dict[str, int] = {}
    for mark in _MARK.finditer(marks):
        count, name = int(mark.group(1)), mark.group(2)
        if name is None:
            unnamed += count
        else:
            named[name] = named.get(name, 0) + count
    return Votes(unnamed, named)


def format_votes(votes: Votes) -> str:
    """Marks for ``votes``: ``(+3)``, or ``(+1 Ana)(+2 Ben)`` (then ``(+N)`` for the unnamed ones)."""
    marks = "".join(f"(+{count} {name})" for name, count in votes.named.items() if count > 0)
    if votes.unnamed > 0:
        marks += f"(+{votes.unnamed})"
    return marks


def with_votes(text: str, votes: Votes | int) -> str:
    """``text`` with its vote marks set to ``votes`` (none for no votes); the rest is kept byte for byte.

    Marks already there are replaced where they stand (with the spaces before
    them); a bullet without marks gets one space and then the marks.
    """
    if isinstance(votes, int):
        votes = Votes(max(votes, 0))
    own, marks = split_votes(text)
    new = format_votes(votes)
    if not new:
        return own
    kept = marks[: len(marks) - len(marks.lstrip(" \t"))]  # the spaces before the old marks
    return own + (kept if marks else " " if own else "") + new


def vote_order(counts: Sequence[int]) -> list[int]:
    """The old indices in the order of most votes first; equal counts keep their order."""
    return sorted(range(len(counts)), key=lambda index: -counts[index])


def section_with_results(text: str, counts: Sequence[int]) -> str:
    """A section's text after a dot vote: the bullets by votes, each with ``(+N)`` (none for no votes).

    ``counts`` has one count per top-level bullet, in the section's order. Every
    other line stays where it was; the lines nested under a bullet go with it.
    """
    items = bullet_text.bullets(text)
    if len(counts) != len(items):
        raise ValueError(f"{len(counts)} counts for {len(items)} items")
    values = [with_votes(item, count) for item, count in zip(items, counts, strict=True)]
    return bullet_text.rewrite_bullets(text, vote_order(counts), values)
