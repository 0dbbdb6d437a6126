"""``merge``: two edited versions of a retrospective file against their common base.

The file is cut into its top-level units by the parser's line scan (no
model; an edited version only where it differs), and the units merge as a
sequence.  What only a changed unit needs (the line merge, the parser, the
model) is imported when one needs it.  A retro whose bytes one side left alone is
taken from the other side as it is, unparsed; only a retro both sides
changed is parsed and merged part by part.  So merging two edits of a
1,000-retro file costs little more than reading it, and whatever neither side
touched comes out byte-identical.

What is a retro is the parser's decision, and an edit can change it: a retro
one side no longer reads as one is still merged as that retro (``recut``),
and sides whose retros are headings of different levels, if they conflict,
conflict over the whole file (settled either way, a retro among the other
side's would be read as text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrotui.markdown.lines import ending_of, first_line
from retrotui.merging.recut import recut
from retrotui.merging.result import BOTH_CHANGED, OTHER_LEVELS, Conflict, Location, MergeResult, Piece
from retrotui.merging.sequence import SequenceRules, merge_sequence
from retrotui.merging.split import RETRO, TopUnit, split

if TYPE_CHECKING:
    from retrotui.model import RetroDocument


def merge(
    base: str | RetroDocument, ours: str | RetroDocument, theirs: str | RetroDocument, *, full: bool = False
) -> MergeResult:
    """Merge ``ours`` and ``theirs`` (texts, or documents taken as the text they save to) against ``base``.

    ``full`` parses and merges every retro part by part, even one a side left
    alone; the result is the same, only slower (the tests check that it is).
    """
    base, ours, theirs = _text(base), _text(ours), _text(theirs)
    eol = ending_of(first_line(ours)) or "\n"  # the file's, as the parser reads it
    if not full:
        if ours == theirs or base == theirs:
            return MergeResult([ours], eol)
        if base == ours:
            return MergeResult([theirs], eol)
    cut = split(base)
    mine, other = split(ours, like=cut), split(theirs, like=cut)
    units = cut.units, recut(cut.units, mine.units), recut(cut.units, other.units)
    result = MergeResult(merge_sequence(*units, _TopRules(full)), eol)
    if result.conflicts and base not in (ours, theirs) and mine.levels and other.levels and mine.levels != other.levels:
        # One side's retros are headings of another level (its retros deleted, new ones added a level down):
        # a conflict settled for one side would put its retro among the other's, where the file reads it as
        # text.  Both versions are shown whole.
        return MergeResult([Conflict.at(Location("the whole file"), OTHER_LEVELS, ours, theirs, base)], eol)
    return result


def _text(version: str | RetroDocument) -> str:
    if isinstance(version, str):
        return version
    from retrotui.markdown import dumps

    return dumps(version)


class _TopRules(SequenceRules[TopUnit]):
    def __init__(self, full: bool) -> None:
        self.full = full

    def locate(self, unit: TopUnit) -> Location:
        if unit.kind == RETRO:
            return Location(unit.title, unit.title)
        return Location("the text between retros" if unit.key != "text:preamble" else "the header")

    def likeness(self, base: TopUnit, side: TopUnit) -> float:
        if base.kind != side.kind:
            return 0.0
        if base.kind != RETRO:
            return 1.0  # the text between the same neighbours
        from retrotui.merging.likeness import after_first_line, content_kept, title_alike

        body = content_kept(after_first_line(base.text), after_first_line(side.text))
        return 0.7 * body + 0.3 * title_alike(base.title, side.title)

    def merge(self, base: TopUnit | None, ours: TopUnit, theirs: TopUnit) -> list[Piece]:
        if not self.full:
            if ours.text == theirs.text or (base is not None and base.text == theirs.text):
                return [ours.text]
            if base is not None and base.text == ours.text:
                return [theirs.text]
        one_side = ours.text == theirs.text or (base is not None and base.text in (ours.text, theirs.text))
        if ours.kind == RETRO and (ours.as_text or theirs.as_text) and not one_side:
            # A side's edit (a reworded title) made the retro text: as good as deleted there, and no longer
            # known part by part, so both versions are shown.
            return [
                Conflict.at(self.locate(base or ours), BOTH_CHANGED, ours.text, theirs.text, base.text if base else "")
            ]
        if ours.kind != RETRO:
            from retrotui.merging.lines import merge_lines

            return merge_lines(base.text if base else "", ours.text, theirs.text, self.locate(base or ours))
        from retrotui.merging.retros import merge_retro  # the model and the parser: only for retros both changed

        return merge_retro(base.text if base else None, ours.text, theirs.text, (base or ours).title)
