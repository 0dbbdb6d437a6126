"""Cutting a file into its top-level units (the text before, each retro, the text between) by its headings.

The cut is the parser's own (a retro is a level-2 heading with sub-headings
or a date, up to the next level-1 or level-2 heading; nothing inside a code
fence, a comment or front matter is a heading), found from the heading lines
alone.  Where no code fence or comment is in the way, one regular expression
finds those lines; otherwise the parser's line scan does.

An edited version of a file already cut (``split(ours, like=base)``) is cut
by looking only at the stretch that differs: the units before and after it
are the base's own.  So cutting the three versions of a 1,000-retro file
costs about one scan, and nothing here imports the model.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

RETRO = "retro"
TEXT = "text"

# Heading lines exactly as the parser reads them (up to 3 spaces, the hashes, then a blank or the line's end),
# and the marks that open an opaque stretch (a code fence or a comment) where no line is a heading.
_TOP_OR_OPAQUE = re.compile(r"\n {0,3}(?:#{1,2}(?=[ \t]|\r?\n|\Z)|`{3}|~{3}|<!--)")
_SUB = re.compile(r"\n {0,3}#{3,6}(?=[ \t]|\r?\n|\Z)")
# A heading can only hold a date the parser reads if it has an ISO date or ends in "(... digit ...)".
_MAYBE_DATED = re.compile(r"\d{4}-\d{2}-\d{2}|\([^()]*\d[^()]*\)[ \t]*$")


class TopUnit:
    """A retro or a stretch of text outside retros, with its exact text.

    The title and key are read from the heading line only when asked for:
    the merge needs them just for the few units that differ.
    """

    __slots__ = ("_key", "kind", "previous", "text")

    def __init__(self, kind: str, text: str, previous: TopUnit | None = None) -> None:
        self.kind = kind
        self.text = text
        self.previous = previous  # for text: the retro before it
        self._key: str | None = None

    @property
    def title(self) -> str:
        """A retro's heading text (for text between retros, the title of the retro before)."""
        if self.kind != RETRO:
            return self.previous.title if self.previous is not None else ""
        from retrotui.markdown.lines import parse_heading

        heading = parse_heading(0, _line_at(self.text, 0))
        return heading.text if heading is not None else ""

    @property
    def key(self) -> str:
        if self._key is None:
            if self.kind == RETRO:  # the heading line, spacing and case aside
                self._key = "retro:" + " ".join(_line_at(self.text, 0).split()).casefold()
            else:
                self._key = "text:" + (self.previous.key if self.previous is not None else "preamble")
        return self._key


@dataclass(frozen=True, slots=True)
class _Top:
    start: int
    level: int
    has_subs: bool | None = None  # None: no opaque stretch, so a search for a deeper heading line tells


@dataclass(slots=True)
class Split:
    """A text cut into units; ``starts[k]`` is where unit ``k`` begins."""

    text: str
    units: list[TopUnit]
    starts: list[int]
    tops: list[_Top]
    plain: bool  # no code fence, comment or front matter: the tops were found by the regular expression


def split_units(text: str) -> list[TopUnit]:
    """The units of ``text`` in order; their texts joined are ``text``.

    The first unit is always the text before the first retro (maybe empty).
    """
    return split(text).units


def split(text: str, like: Split | None = None) -> Split:
    """Cut ``text``; given the cut of a version it was edited from, only the stretch that differs is scanned."""
    if like is not None and like.plain:
        found = _split_edit(text, like)
        if found is not None:
            return found
    tops = _tops(text, 0, len(text))
    plain = tops is not None
    if tops is None:
        tops = _tops_by_full_scan(text)
    units: list[TopUnit] = []
    starts: list[int] = []
    _cut(text, tops, 0, units, starts, None)
    return Split(text, units, starts, tops, plain)


def _split_edit(text: str, base: Split) -> Split | None:
    """``text`` cut from ``base``'s units, scanning only between the units both share; None if that cannot be exact."""
    units, n = base.units, len(base.units)
    first, offset = 0, 0
    while first < n and text.startswith(units[first].text, offset):
        offset += len(units[first].text)
        first += 1
    stop, end = n, len(text)
    while stop > first and end - len(units[stop - 1].text) >= offset and text.endswith(units[stop - 1].text, 0, end):
        end -= len(units[stop - 1].text)
        stop -= 1
    if first == n and offset == len(text):
        return Split(text, list(units), list(base.starts), base.tops, True)
    # The stretch must hold whole lines, so the lines around it read as they do in the base
    # (and the base's first line must stay first if a byte order mark starts it).
    if (offset and text[offset - 1] != "\n") or (end < len(text) and end and text[end - 1] != "\n"):
        return None
    if stop == 0 and end and base.text.startswith("\ufeff"):
        return None
    middle = _tops(text, offset, end)
    if middle is None:
        return None
    base_from = base.starts[first] if first < n else len(base.text)
    base_to = base.starts[stop] if stop < n else len(base.text)
    shift = len(text) - len(base.text)
    old_starts = [t.start for t in base.tops]
    before = base.tops[: bisect_left(old_starts, base_from)]
    after = [_Top(t.start + shift, t.level, t.has_subs) for t in base.tops[bisect_left(old_starts, base_to) :]]
    tops = before + middle + after
    # Units before the one ahead of the stretch end where they did; from there on, cut again until the
    # cut meets a retro of the shared tail, after which everything is the base's own.
    restart = max(first - 1, 0)
    kept = units[:restart]
    starts = base.starts[:restart]
    previous = next((u for u in reversed(kept) if u.kind == RETRO), None)
    resume = {base.starts[k] + shift: k for k in range(stop, n) if units[k].kind == RETRO}
    tail = _cut(text, tops, base.starts[restart] if restart < n else len(text), kept, starts, previous, resume)
    if tail is not None:
        kept += units[tail:]
        starts += [s + shift for s in base.starts[tail:]]
    return Split(text, kept, starts, tops, True)


def _cut(
    text: str,
    tops: list[_Top],
    text_start: int,
    units: list[TopUnit],
    starts: list[int],
    previous: TopUnit | None,
    resume: dict[int, int] | None = None,
) -> int | None:
    """Append the units from ``text_start`` on; stop at a retro in ``resume`` (returning its base index)."""
    first_top = bisect_left([t.start for t in tops], text_start) if text_start else 0
    for position in range(first_top, len(tops)):
        top = tops[position]
        if top.level != 2:
            continue
        end = tops[position + 1].start if position + 1 < len(tops) else len(text)
        has_subs = top.has_subs if top.has_subs is not None else _SUB.search(text, top.start, end) is not None
        if not has_subs and not _is_dated(_line_at(text, top.start)):
            continue
        if top.start > text_start or not units:
            units.append(TopUnit(TEXT, text[text_start : top.start], previous))
            starts.append(text_start)
        elif resume is not None and top.start in resume:
            return resume[top.start]
        previous = TopUnit(RETRO, text[top.start : end])
        units.append(previous)
        starts.append(top.start)
        text_start = end
    if text_start < len(text) or not units:
        units.append(TopUnit(TEXT, text[text_start:], previous))
        starts.append(text_start)
    return None


def _tops(text: str, start: int, end: int) -> list[_Top] | None:
    """Where the level-1 and level-2 headings in ``text[start:end]`` begin; None if an opaque stretch may be there."""
    tops: list[_Top] = []
    if start == end:
        return tops
    if start == 0:
        bom = 1 if text.startswith("\ufeff") else 0
        first = _line_at(text, bom)
        if first.rstrip("\r\n") == "---":  # front matter
            return None
        found = _TOP_OR_OPAQUE.match("\n" + first)
        if found is not None:
            if not found.group().lstrip("\n ").startswith("#"):
                return None
            tops.append(_Top(bom, len(found.group().lstrip("\n "))))
        search_from = bom
    else:
        search_from = start - 1  # the line ending before the stretch
    for match in _TOP_OR_OPAQUE.finditer(text, search_from, end):
        marks = match.group().lstrip("\n ")
        if not marks.startswith("#"):
            return None
        tops.append(_Top(match.start() + 1, len(marks)))
    return tops


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : end + 1] if end != -1 else text[start:]


def _tops_by_full_scan(text: str) -> list[_Top]:
    """The parser's scan, line by line: for files with code fences, comments or front matter."""
    from retrotui.markdown.lines import Lines, scan

    bom = 1 if text.startswith("\ufeff") else 0
    lines = Lines(text[bom:])
    headings = scan(lines).headings
    tops = []
    for position, heading in enumerate(headings):
        if heading.level <= 2:
            following = headings[position + 1] if position + 1 < len(headings) else None
            has_subs = following is not None and following.level > 2
            tops.append(_Top(bom + lines.starts[heading.index], heading.level, has_subs))
    return tops


def _is_dated(line: str) -> bool:
    if _MAYBE_DATED.search(line) is None:
        return False
    from retrotui.markdown.headings import split_retro_heading  # imports the model: only for dated-looking titles
    from retrotui.markdown.lines import parse_heading

    heading = parse_heading(0, line)
    return heading is not None and split_retro_heading(heading.text)[1] is not None
