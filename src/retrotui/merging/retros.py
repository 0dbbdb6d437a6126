"""The structural merge of one retro both sides changed: heading, sections, action rows.

Only retros changed on both sides come here, so only they are parsed.  Each
side's retro text is read on its own (a retro's text means the same alone as
in its file), and every part is cut from the texts as written: the merge
never re-renders what a side did not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrotui.markdown import loads, render_blocks
from retrotui.markdown.lines import split_lines
from retrotui.markdown.serializer import render_section
from retrotui.merging.likeness import content_kept, title_alike
from retrotui.merging.lines import merge_lines
from retrotui.merging.result import Location, Piece
from retrotui.merging.rows import RowRules, RowUnit, table_rows, task_rows
from retrotui.merging.sequence import SequenceRules, merge_sequence
from retrotui.model import ActionTable, DocFormat, Retro, Section, TextBlock


def parse_retro(text: str) -> tuple[Retro, DocFormat] | None:
    """One retro's text read on its own; None if it does not read as exactly one retro."""
    doc = loads(text)
    if len(doc.blocks) != 1 or not isinstance(doc.blocks[0], Retro):
        return None
    return doc.blocks[0], doc.format


@dataclass(frozen=True, slots=True)
class SectionUnit:
    key: str
    text: str
    section: Section
    fmt: DocFormat

    @property
    def label(self) -> str:
        number = self.section.number
        return f"{number}. {self.section.title}" if number else self.section.title


@dataclass(frozen=True, slots=True)
class _RetroParts:
    title: str
    heading: str  # the heading line
    intro: str  # text between the heading and the first section
    sections: list[SectionUnit]


def _parts(text: str) -> _RetroParts | None:
    parsed = parse_retro(text)
    if parsed is None:
        return None
    retro, fmt = parsed
    sections = [
        SectionUnit(" ".join(s.title.split()).casefold(), render_section(s, fmt), s, fmt) for s in retro.sections
    ]
    body = "".join(s.text for s in sections)
    if not text.endswith(body):
        return None
    head = text[: len(text) - len(body)]
    cut = head.find("\n") + 1 or len(head)
    return _RetroParts(retro.title, head[:cut], head[cut:], sections)


def merge_retro(base: str | None, ours: str, theirs: str, label: str) -> list[Piece]:
    """Heading, intro and sections merged each on their own; ``label`` names the retro if it cannot be read."""
    parts = [_parts(t) if t is not None else None for t in (base, ours, theirs)]
    b, o, t = parts
    if o is None or t is None or (base is not None and b is None):
        return merge_lines(base or "", ours, theirs, Location(label, label))
    name = b.title if b is not None else o.title  # the retro as both sides knew it
    where = Location(name, name)
    pieces = merge_lines(b.heading if b else "", o.heading, t.heading, where, "heading changed on both sides")
    pieces += merge_lines(
        b.intro if b else "", o.intro, t.intro, where, "text before the sections changed on both sides"
    )
    pieces += merge_sequence(b.sections if b else [], o.sections, t.sections, _SectionRules(name))
    return pieces


class _SectionRules(SequenceRules[SectionUnit]):
    def __init__(self, retro: str) -> None:
        self.retro = retro

    def locate(self, unit: SectionUnit) -> Location:
        return Location(f"{self.retro}: {unit.label}", self.retro)

    def likeness(self, base: SectionUnit, side: SectionUnit) -> float:
        """The body counts most; then the title, or the same number in the same place."""
        body = content_kept(base.text.partition("\n")[2], side.text.partition("\n")[2])
        numbered = base.section.number is not None and base.section.number == side.section.number
        return 0.7 * body + 0.3 * max(title_alike(base.section.title, side.section.title), float(numbered))

    def merge(self, base: SectionUnit | None, ours: SectionUnit, theirs: SectionUnit) -> list[Piece]:
        if ours.text == theirs.text or (base is not None and base.text == theirs.text):
            return [ours.text]
        if base is not None and base.text == ours.text:
            return [theirs.text]
        where = self.locate(base or ours)
        table = ours.section.action_list
        lists = [s.section.action_list for s in (base, ours, theirs) if s is not None]
        kinds = {type(found) for found in lists if found is not None}
        if table is None or theirs.section.action_list is None or len(kinds) != 1:
            return merge_lines(base.text if base else "", ours.text, theirs.text, where)
        b = _cut_section(base) if base is not None else _CutSection("", "", (), "")
        o, t = _cut_section(ours), _cut_section(theirs)
        if b is None or o is None or t is None:
            return merge_lines(base.text if base else "", ours.text, theirs.text, where)
        pieces = merge_lines(b.before, o.before, t.before, where)
        headers = {o.header, t.header} | ({b.header} if b.rows or b.header else set())
        if len(headers) == 1:
            pieces.append(o.header)
            if isinstance(table, ActionTable):
                rules = RowRules(self.retro, table.columns, None, ours.fmt)
            else:
                rules = RowRules(self.retro, (), table, ours.fmt)
            pieces += merge_sequence(b.rows, o.rows, t.rows, rules)
        else:  # a column added or renamed: the table merges line by line
            pieces += merge_lines(b.table_text, o.table_text, t.table_text, where)
        pieces += merge_lines(b.after, o.after, t.after, where)
        return pieces


@dataclass(frozen=True, slots=True)
class _CutSection:
    """A section with an action list, cut into the text before it, its header, its rows and the text after."""

    before: str
    header: str
    rows: Sequence[RowUnit]
    after: str

    @property
    def table_text(self) -> str:
        return self.header + "".join(r.text for r in self.rows)


def _cut_section(unit: SectionUnit) -> _CutSection | None:
    section = unit.section
    pieces = split_lines(unit.text)
    before = [pieces[0] if pieces else ""]
    after: list[str] = []
    rows: list[RowUnit] = []
    header = ""
    seen = False
    primary = section.action_list  # the list the rows merge in; other lists (sub-groups) go as text
    for block in section.blocks:
        if isinstance(block, TextBlock):
            (after if seen else before).append(block.text)
        elif block is primary and not seen:
            seen = True
            lines = split_lines(render_blocks([block], unit.fmt))
            skip = 2 if isinstance(block, ActionTable) else 0
            header = "".join(lines[:skip])
            if len(lines) - skip != len(block.rows):
                return None
            if isinstance(block, ActionTable):
                rows = table_rows(lines[skip:], block.rows, block.columns)
            else:
                rows = task_rows(lines[skip:], block.rows)
        else:
            (after if seen else before).append(render_blocks([block], unit.fmt))
    cut = _CutSection("".join(before), header, rows, "".join(after))
    return cut if cut.before + cut.table_text + cut.after == unit.text else None
