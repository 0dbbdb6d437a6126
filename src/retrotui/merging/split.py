"""Cutting a file into its top-level units (the text before, each retro, the text between) as the parser cuts it.

Where the retros are is decided by the parser's own function
(``markdown.structure.retro_spans`` over the line scan), not by an imitation
of it: every shape the parser reads as a retro (a heading of any level, a
setext heading, a plain title line, a heading whose sections stand beside it)
is a unit here, and nothing here imports the model.

An edited version of a file already cut (``split(ours, like=base)``) is
scanned only where it differs: from the last blank line or heading before the
first changed line (where no code fence, comment or quote is open) to the
first such line in the tail both share; the base's scan stands for the rest.
The retros are then found from the whole heading list, as the parser finds
them, so an edit that changes how the rest of the file reads (a heading level
that now has more dated headings, an unclosed code fence) changes the cut as
it changes the parse.  So cutting the three versions of a 1,000-retro file
costs about one scan.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

from retrotui.markdown.headings import RetroSense
from retrotui.markdown.lines import Heading, Lines, Scan, first_line, is_blank, scan
from retrotui.markdown.structure import RetroSpan, retro_spans

RETRO = "retro"
TEXT = "text"
_BOM = "\ufeff"


class TopUnit:
    """A retro or a stretch of text outside retros, with its exact text.

    The key is made from the first line only when asked for: the merge needs
    it just for the few units that differ.
    """

    __slots__ = ("_key", "_title", "as_text", "kind", "previous", "text")

    def __init__(
        self, kind: str, text: str, previous: TopUnit | None = None, title: str = "", *, as_text: bool = False
    ) -> None:
        self.kind = kind
        self.text = text
        self.previous = previous  # for text: the retro before it
        self._title = title
        self._key: str | None = None
        self.as_text = as_text  # a base retro's lines that this version reads as text (see ``recut``)

    @property
    def title(self) -> str:
        """A retro's heading text (for text between retros, the title of the retro before)."""
        if self.kind != RETRO:
            return self.previous.title if self.previous is not None else ""
        return self._title

    @property
    def key(self) -> str:
        if self._key is None:
            if self.kind == RETRO:  # the heading line, spacing and case aside
                self._key = "retro:" + " ".join(first_line(self.text).split()).casefold()
            else:
                self._key = "text:" + (self.previous.key if self.previous is not None else "preamble")
        return self._key


@dataclass(slots=True)
class Split:
    """A text cut into units; ``starts[k]`` is where unit ``k`` begins, ``found`` the scan it was cut by."""

    text: str
    units: list[TopUnit]
    starts: list[int]
    found: Scan  # of the text after its byte order mark
    levels: frozenset[int]  # the heading levels its retros are at (title lines aside)
    reads: list[tuple[int, int]]  # the lines the cut looked at besides the headings (see ``retro_spans``)
    senses: dict[str, RetroSense] = field(default_factory=dict)  # what heading texts say, shared with edits
    _heads: tuple[list[int], set[int]] | None = None

    @property
    def bom(self) -> int:
        return 1 if self.text.startswith(_BOM) else 0

    @property
    def heads(self) -> tuple[list[int], set[int]]:
        """Where the headings are, and which of them are ATX headings (worked out once, for every edit)."""
        if self._heads is None:
            headings = self.found.headings
            self._heads = [h.index for h in headings], {h.index for h in headings if not h.setext}
        return self._heads


def split_units(text: str) -> list[TopUnit]:
    """The units of ``text`` in order; their texts joined are ``text``.

    The first unit is always the text before the first retro (maybe empty).
    """
    return split(text).units


def split(text: str, like: Split | None = None) -> Split:
    """Cut ``text``; given the cut of a version it was edited from, only the stretch that differs is scanned."""
    senses = like.senses if like is not None else {}
    found: Scan | None = None
    if like is not None:
        if text == like.text:
            return like
        edit = _rescan(text, like)
        if edit is not None:
            cut = _cut_like_base(text, like, edit)
            if cut is not None:
                return cut
            found = edit.found
    if found is None:
        found = scan(Lines(text[1:] if text.startswith(_BOM) else text))
    reads: list[tuple[int, int]] = []
    units, starts, levels = _cut(text, found, retro_spans(found.lines, found.opaque, found.headings, senses, reads))
    return Split(text, units, starts, found, levels, reads, senses)


def _cut(text: str, found: Scan, spans: list[RetroSpan]) -> tuple[list[TopUnit], list[int], frozenset[int]]:
    lines = found.lines
    offset = len(text) - len(lines.text)  # the byte order mark
    line_starts = lines.starts
    units: list[TopUnit] = []
    starts: list[int] = []
    previous: TopUnit | None = None
    text_start = 0
    levels = set()
    for span in spans:
        if "#" in span.head.prefix or span.head.setext:
            levels.add(span.head.level)
        start, end = offset + line_starts[span.head.index], offset + line_starts[span.end]
        if start > text_start or not units:
            units.append(TopUnit(TEXT, text[text_start:start], previous))
            starts.append(text_start)
        previous = TopUnit(RETRO, text[start:end], title=span.head.text)
        units.append(previous)
        starts.append(start)
        text_start = end
    if text_start < len(text) or not units:
        units.append(TopUnit(TEXT, text[text_start:], previous))
        starts.append(text_start)
    return units, starts, frozenset(levels)


# -- scanning only what an edit changed ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Edit:
    """An edited version's scan, made from its base's, and where the two differ.

    Base lines ``first`` to ``tail`` (characters ``head_end`` to ``tail_start``)
    became other lines, ``moved`` more of them; the headings the edit's own
    scan found are ``found.headings[window]``, in the place of the base's
    ``headings[old_window]``.
    """

    found: Scan
    first: int
    tail: int
    moved: int
    head_end: int
    tail_start: int
    window: slice
    old_window: slice


def _rescan(text: str, base: Split) -> _Edit | None:
    """The scan of ``text`` made from ``base``'s, scanning only the lines that differ; None if that cannot be exact."""
    bom = 1 if text.startswith(_BOM) else 0
    old = base.found.lines
    if bom != base.bom:
        return None
    body = text[bom:] if bom else text
    if body.startswith(("---", "+++")) or old.text.startswith(("---", "+++")):
        return None  # front matter: where it ends depends on lines further down
    first, head_end = _shared_head(body, old)
    tail, tail_start = _shared_tail(body, old, first, head_end)
    # The edited text's lines: the base's before and after the stretch that differs, the stretch's own between.
    middle = Lines(body[head_end:tail_start]).starts
    shift = tail_start - old.starts[tail]
    starts = old.starts[: first + 1]
    starts.extend(array("Q", [head_end + x for x in middle[1:]]))
    after = old.starts[tail + 1 :]
    starts.extend(after if not shift else array("Q", [x + shift for x in after]))
    lines = Lines.from_starts(body, starts)
    moved = len(middle) - 1 - (tail - first)  # how many lines the edit added (negative: removed)
    # Scan from where nothing is open before the first changed line ...
    found = base.found
    indexes, atx = base.heads
    begin = first
    while begin > 0 and not _at_rest(found, begin - 1, atx):
        begin -= 1
    # ... to where nothing is open again inside the shared tail (in both versions), or to the end.
    resume = next((i for i in range(tail, len(old)) if _at_rest(found, i, atx)), None)
    stop = resume + moved + 1 if resume is not None else None
    before = bisect_left(indexes, begin)
    fresh = scan(lines, begin, stop)
    if stop is not None and not _at_rest(fresh, stop - 1, {h.index for h in fresh.headings if not h.setext}):
        stop, fresh = None, scan(lines, begin)  # the edit left something open (a code fence, a comment)
    window = slice(before, before + len(fresh.headings))
    headings = found.headings[:before] + fresh.headings
    if resume is None or stop is None:
        scanned = Scan(
            lines, found.opaque[:begin] + fresh.opaque[begin:], headings, fresh.unclosed_fence, fresh.unclosed_comment
        )
        return _Edit(scanned, first, tail, moved, head_end, tail_start, window, slice(before, len(indexes)))
    after_resume = bisect_left(indexes, resume + 1)
    rest = found.headings[after_resume:]
    if moved:
        rest = [Heading(h.index + moved, h.level, h.text, h.prefix, h.suffix, h.end + moved) for h in rest]
    opaque = found.opaque[:begin] + fresh.opaque[begin:stop] + found.opaque[resume + 1 :]
    unclosed = found.unclosed_fence + moved if found.unclosed_fence is not None else None
    hidden = found.unclosed_comment + moved if found.unclosed_comment is not None else None
    scanned = Scan(lines, opaque, headings + rest, unclosed, hidden)
    return _Edit(scanned, first, tail, moved, head_end, tail_start, window, slice(before, after_resume))


def _cut_like_base(text: str, base: Split, edit: _Edit) -> Split | None:
    """``text`` cut as its base, its units outside the edit the base's own: when the edit left every heading as
    it was (text, level, place) and touched no line the base's cut read.  None when it did."""
    first, tail, moved = edit.first, edit.tail, edit.moved
    if any(first <= stop and tail >= start for start, stop in base.reads):
        return None
    old, new = base.found.headings[edit.old_window], edit.found.headings[edit.window]
    if len(old) != len(new):
        return None
    for was, now in zip(old, new, strict=True):
        if (
            first <= was.index < tail  # a heading line edited, even to the same text
            or was.level != now.level
            or was.text != now.text
            or was.setext != now.setext
            or now.index - was.index != (0 if was.index < first else moved)
        ):
            return None
    # Unit boundaries are heading lines the edit kept: the edit is inside one unit (or at its end), and the
    # units after it only move.
    changed_from = base.bom + edit.head_end
    k = max(bisect_left(base.starts, changed_from) - 1, 0)
    offset = len(text) - len(base.text)
    end = base.starts[k + 1] + offset if k + 1 < len(base.units) else len(text)
    old_unit = base.units[k]
    unit = TopUnit(old_unit.kind, text[base.starts[k] : end], old_unit.previous, old_unit.title)
    units = [*base.units[:k], unit, *base.units[k + 1 :]]
    if unit.kind == RETRO and k + 1 < len(units) and units[k + 1].kind == TEXT:
        units[k + 1] = TopUnit(TEXT, units[k + 1].text, unit)
    starts = base.starts[: k + 1] + [start + offset for start in base.starts[k + 1 :]]
    reads = [(start, stop) if stop < first else (start + moved, stop + moved) for start, stop in base.reads]
    return Split(text, units, starts, edit.found, base.levels, reads, base.senses)


def _at_rest(found: Scan, index: int, atx: set[int]) -> bool:
    """After line ``index`` nothing is open: it is a blank line or an ATX heading outside any code, comment or quote."""
    return not found.opaque[index] and (index in atx or is_blank(found.lines[index]))


def _shared_head(body: str, old: Lines) -> tuple[int, int]:
    """How many of the base's first lines ``body`` starts with, each ending where it ends there; and where they end."""
    head, position = 0, 0
    old_text, starts, count = old.text, old.starts, len(old)
    # Stretches of lines, halving the stretch down to one line: few comparisons, no copy of the whole text.
    step = 1024
    while step:
        while head + step <= count and body.startswith(old_text[starts[head] : starts[head + step]], position):
            head += step
            position = starts[head]
        step //= 2
    # The last shared line must end the same way: not a lone CR the edit made a CRLF, nor the end of the file.
    while head and not _ends_line_at(body, position):
        head -= 1
        position = starts[head]
    return head, position


def _shared_tail(body: str, old: Lines, first: int, head_end: int) -> tuple[int, int]:
    """The base line where the lines ``body`` ends with begin (not before ``first``), and where they begin in it."""
    tail, position = len(old), len(body)
    old_text, starts = old.text, old.starts
    step = 1024
    while step:
        while tail - step >= first:
            length = starts[tail] - starts[tail - step]
            if position - length < head_end or not body.endswith(
                old_text[starts[tail - step] : starts[tail]], 0, position
            ):
                break
            tail -= step
            position -= length
        step //= 2
    # The first shared line must begin a line in ``body`` too.
    while tail < len(old) and not _ends_line_at(body, position):
        position += starts[tail + 1] - starts[tail]
        tail += 1
    return tail, position


def _ends_line_at(text: str, position: int) -> bool:
    """A line ends just before ``position`` in ``text`` (or ``position`` is its start)."""
    if position == 0:
        return True
    before = text[position - 1]
    return before == "\n" or (before == "\r" and text[position : position + 1] != "\n")
