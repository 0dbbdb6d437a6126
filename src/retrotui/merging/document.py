"""``merge``: two edited versions of a retrospective file against their common base.

The file is cut into its top-level units by its heading lines (cheap), and
the units merge as a sequence.  What only a changed unit needs (the line
merge, the parser, the model) is imported when one needs it.  A retro whose bytes one side left alone is
taken from the other side as it is, unparsed; only a retro both sides
changed is parsed and merged part by part.  So merging two edits of a
1,000-retro file costs little more than reading it, and whatever neither side
touched comes out byte-identical.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrotui.merging.result import Location, MergeResult, Piece
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
    first_eol = ours.find("\n")
    eol = "\r\n" if first_eol > 0 and ours[first_eol - 1] == "\r" else "\n"  # the file's, as the parser reads it
    if not full:
        if ours == theirs or base == theirs:
            return MergeResult([ours], eol)
        if base == ours:
            return MergeResult([theirs], eol)
    cut = split(base)
    units = cut.units, split(ours, like=cut).units, split(theirs, like=cut).units
    return MergeResult(merge_sequence(*units, _TopRules(full)), eol)


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
        from retrotui.merging.likeness import content_kept, title_alike

        body = content_kept(base.text.partition("\n")[2], side.text.partition("\n")[2])
        return 0.7 * body + 0.3 * title_alike(base.title, side.title)

    def merge(self, base: TopUnit | None, ours: TopUnit, theirs: TopUnit) -> list[Piece]:
        if not self.full:
            if ours.text == theirs.text or (base is not None and base.text == theirs.text):
                return [ours.text]
            if base is not None and base.text == ours.text:
                return [theirs.text]
        if ours.kind != RETRO:
            from retrotui.merging.lines import merge_lines

            return merge_lines(base.text if base else "", ours.text, theirs.text, self.locate(base or ours))
        from retrotui.merging.retros import merge_retro  # the model and the parser: only for retros both changed

        return merge_retro(base.text if base else None, ours.text, theirs.text, ours.title)
