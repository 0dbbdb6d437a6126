"""The structural merge of one retro both sides changed: heading, sections, action rows.

Only retros changed on both sides come here, so only they are parsed.  Each
side's retro text is read on its own (a retro's text means the same alone as
in its file), and every part is cut from the texts as written: the merge
never re-renders what a side did not change.  A section's action rows, in all
its lists (sub-groups), merge as one sequence with the text around them, so a
row moved to another group stays one row; where the two versions do not read
the same lines as rows (a label reworded, an item put between a label and its
list), the section is a conflict rather than rows against text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from retrotui.markdown import loads, render_blocks
from retrotui.markdown.lines import content_of, first_line, split_lines
from retrotui.markdown.serializer import render_action_row, render_section, render_section_heading
from retrotui.merging.likeness import after_first_line, content_kept, title_alike
from retrotui.merging.lines import merge_lines
from retrotui.merging.result import BOTH_CHANGED, Conflict, Location, Piece
from retrotui.merging.rows import RowRules, RowUnit, row_likeness, table_rows, task_rows
from retrotui.merging.sequence import SequenceRules, merge_sequence
from retrotui.model import ActionTable, DocFormat, Retro, Section, TaskList


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
    heading = first_line(head)
    return _RetroParts(retro.title, heading, head[len(heading) :], sections)


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
        body = content_kept(after_first_line(base.text), after_first_line(side.text))
        numbered = base.section.number is not None and base.section.number == side.section.number
        return 0.7 * body + 0.3 * max(title_alike(base.section.title, side.section.title), float(numbered))

    def merge(self, base: SectionUnit | None, ours: SectionUnit, theirs: SectionUnit) -> list[Piece]:
        if ours.text == theirs.text or (base is not None and base.text == theirs.text):
            return [ours.text]
        if base is not None and base.text == ours.text:
            return [theirs.text]
        where = self.locate(base or ours)
        b = _cut_section(base) if base is not None else []
        o, t = _cut_section(ours), _cut_section(theirs)
        if b is None or o is None or t is None:
            return merge_lines(base.text if base else "", ours.text, theirs.text, where)
        reference = next((items for items in (b, o, t) if _has_rows(items)), None)
        if reference is not None:
            b, o, t = (_cut_like(reference, items) for items in (b, o, t))
        if _rows_read_as_text(b, o) or _rows_read_as_text(b, t):
            # An edit changed which lines are action rows (a label reworded, an item put between a label and
            # its list): merging those lines as rows on one side and as text on the other would lose or
            # double them, so both versions are shown.
            return [Conflict.at(where, BOTH_CHANGED, ours.text, theirs.text, base.text if base else "")]
        return merge_sequence(b, o, t, _ItemRules(self.retro, where, ours.fmt))


@dataclass(frozen=True, slots=True)
class _Part:
    """A section's text around its action rows: its heading and what comes before the first row (``head``), the
    text between two action lists, or what follows the last row (``tail``); with the header of the table after it.
    """

    key: str
    text: str


_Item = _Part | RowUnit


def _cut_section(unit: SectionUnit) -> list[_Item] | None:
    """The section's text cut at its action rows; None if the pieces do not make up its text exactly.

    Rows of all the section's lists are one sequence, so a row moved from one
    list to another (a sub-group, or a list the edit split in two) is one row,
    not a deleted one and a new one.
    """
    section, fmt = unit.section, unit.fmt
    items: list[_Item] = []
    text = render_section_heading(section, fmt)
    for block in section.blocks:
        if not isinstance(block, (ActionTable, TaskList)):
            text += render_blocks([block], fmt)
            continue
        rows = [render_action_row(row, block, fmt) for row in block.rows]
        whole = render_blocks([block], fmt)
        header = whole[: len(whole) - sum(len(row) for row in rows)]
        if header + "".join(rows) != whole:
            return None
        text += header
        if text or not items:
            items.append(_Part("text:" + " ".join(text.split()).casefold() if items else "head", text))
        text = ""
        if isinstance(block, ActionTable):
            items += table_rows(rows, block.rows, block.columns, block)
        else:
            items += task_rows(rows, block.rows, block)
    if not items:
        items.append(_Part("head", text))
        text = ""
    items.append(_Part("tail", text))
    if "".join(item.text for item in items) != unit.text:
        return None
    return items


def _has_rows(items: list[_Item]) -> bool:
    return any(isinstance(item, RowUnit) for item in items)


def _cut_like(reference: list[_Item], items: list[_Item]) -> list[_Item]:
    """A version with no action rows (all of it in its head), cut where the reference's head ends, as a diff of
    their lines tells: so the text after a deleted list stays after the rows the other side kept, rather than
    moving before them."""
    if not items or _has_rows(items):
        return items
    head, tail = split_lines(reference[0].text), split_lines(reference[-1].text)
    lines = split_lines("".join(item.text for item in items))
    after_head, in_tail = 0, len(lines)
    matcher = difflib.SequenceMatcher(None, head + tail, lines, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            if block.a + k < len(head):
                after_head = max(after_head, block.b + k + 1)
            else:
                in_tail = min(in_tail, block.b + k)
    cut = after_head or in_tail  # lines neither side of the cut claims follow the rows, as text after a list does
    return [_Part("head", "".join(lines[:cut])), _Part("tail", "".join(lines[cut:]))]


def _rows_read_as_text(one: list[_Item], other: list[_Item]) -> bool:
    """A row one version has and the other has not is in the other's text (its line, or its Item text): the
    two do not read the same lines as action rows."""
    for rows, texts in ((one, other), (other, one)):
        kept = {item.key for item in texts if isinstance(item, RowUnit)}
        missing = [item for item in rows if isinstance(item, RowUnit) and item.key not in kept]
        if not missing:
            continue
        text = "".join(item.text for item in texts if isinstance(item, _Part))
        lines = {content_of(line) for line in split_lines(text)}
        words = " ".join(text.split()).casefold()
        if any(content_of(first_line(row.text)) in lines or (len(row.key) > 3 and row.key in words) for row in missing):
            return True
    return False


class _ItemRules(SequenceRules[_Item]):
    """Text parts merge line by line, each with the part in the same place; rows merge cell by cell.

    Rows of all the section's lists are one sequence, so a row moved from one
    list to another (a sub-group) is one row, not a deleted one and a new one.
    """

    threshold = RowRules.threshold

    def __init__(self, retro: str, where: Location, fmt: DocFormat) -> None:
        self.retro = retro
        self.where = where
        self.fmt = fmt

    def locate(self, unit: _Item) -> Location:
        if isinstance(unit, _Part):
            return self.where
        return Location(f"{self.retro}: action {unit.action.item!r}", self.retro, unit.action.item)

    def unchanged(self, base: _Item, side: _Item) -> bool:
        if isinstance(base, RowUnit) and isinstance(side, RowUnit):
            return base.values == side.values  # re-padding a row is not a change of it
        return base.text == side.text

    def likeness(self, base: _Item, side: _Item) -> float:
        if isinstance(base, _Part) or isinstance(side, _Part):
            return 1.0 if base.key == side.key else 0.0
        if (base.cells is None) != (side.cells is None):
            return 0.0  # a table row and a task line are never one row
        return row_likeness(base, side)

    def merge(self, base: _Item | None, ours: _Item, theirs: _Item) -> list[Piece]:
        if isinstance(ours, _Part) and isinstance(theirs, _Part) and not isinstance(base, RowUnit):
            return merge_lines(base.text if base else "", ours.text, theirs.text, self.where)
        if isinstance(ours, RowUnit) and isinstance(theirs, RowUnit) and not isinstance(base, _Part):
            home = ours.home
            rows = [unit for unit in (base, ours, theirs) if unit is not None]
            if isinstance(home, TaskList) and all(isinstance(row.home, TaskList) for row in rows):
                return RowRules(self.retro, (), home, self.fmt).merge(base, ours, theirs)
            # Cells merge one by one only where they mean the same: under the same columns.
            columns = {tuple(row.home.columns) if isinstance(row.home, ActionTable) else None for row in rows}
            if isinstance(home, ActionTable) and len(columns) == 1:
                return RowRules(self.retro, home.columns, None, self.fmt).merge(base, ours, theirs)
            if base is not None and base.text == theirs.text:
                return [ours.text]
            if base is not None and base.text == ours.text:
                return [theirs.text]
        if ours.text == theirs.text:
            return [ours.text]
        where = self.locate(base or ours)
        return [Conflict.at(where, BOTH_CHANGED, ours.text, theirs.text, base.text if base is not None else "")]
