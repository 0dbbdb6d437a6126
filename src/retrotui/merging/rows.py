"""Action rows as merge units: a table row merges cell by cell, a task line field by field.

A row is the same row after an edit of its Item text when its other cells
(owner, due date, status) and what is left of its text say so.  Two sides
changing different cells of one row both win, each cell as its side wrote
it; the same cell changed two ways is a conflict on that row alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from retrotui.markdown.lines import content_of, first_line
from retrotui.markdown.serializer import render_action_row
from retrotui.markdown.tables import cell_value, column_roles, split_row
from retrotui.merging.result import Conflict, Location, Piece
from retrotui.merging.sequence import SequenceRules
from retrotui.model import ActionItem, ActionTable, DocFormat, TaskList
from retrotui.values import parse_due, parse_status

TASK_FIELDS = ("Item", "Owner", "Due Date", "Status", "extra columns", "lines under it")
_UNDER = 5  # a task line's values: its fields, then the lines under it (``task_rows``)


@dataclass(frozen=True, slots=True)
class RowUnit:
    """One action row: its text as written (a task line with the lines under it), what it says, and
    (in a table) its raw cells; ``home`` is the table or list it is in."""

    key: str
    text: str
    action: ActionItem
    values: tuple[object, ...]  # what is compared: each cell (table) or each field (task line)
    cells: tuple[str, ...] | None = None
    home: ActionTable | TaskList | None = None


def table_rows(
    lines: Sequence[str], actions: Sequence[ActionItem], columns: Sequence[str], home: ActionTable | None = None
) -> list[RowUnit]:
    roles = {index: role for role, index in column_roles(list(columns)).items()}
    units = []
    for line, action in zip(lines, actions, strict=True):
        _, cells, _ = split_table_line(line)
        values = tuple(_cell_meaning(roles.get(k), raw) for k, raw in enumerate(cells))
        units.append(RowUnit(_key(action), line, action, values, tuple(cells), home))
    return units


def task_rows(texts: Sequence[str], actions: Sequence[ActionItem], home: TaskList | None = None) -> list[RowUnit]:
    """A task line's values are its fields and then the lines under it (a note, a link, a nested list):
    lines one side added or changed there are an edit of the row, merged as its fields are."""
    return [
        RowUnit(_key(action), text, action, (*action.values(), _lines_under(text)), None, home)
        for text, action in zip(texts, actions, strict=True)
    ]


def _lines_under(text: str) -> str:
    return text[len(first_line(text)) :]


def _key(action: ActionItem) -> str:
    return " ".join(action.item.split()).casefold()


def _cell_meaning(role: str | None, raw: str) -> object:
    value = cell_value(raw.strip(" \t"))
    if role == "status":
        return parse_status(value)
    if role == "due":
        return parse_due(value)
    return value


def split_table_line(line: str) -> tuple[str, list[str], str]:
    """``(prefix, raw cells, suffix)`` with ``prefix + "|".join(cells) + suffix == line``."""
    content = content_of(line)
    cells, leading, trailing = split_row(content)
    lead = content[: len(content) - len(content.lstrip(" \t"))]
    trail = content[len(content.rstrip(" \t")) :]
    return lead + ("|" if leading else ""), cells, ("|" if trailing else "") + trail + line[len(content) :]


class RowRules(SequenceRules[RowUnit]):
    """Rows of one action list; ``columns`` names the cells for conflicts."""

    # An Item rewritten with its owner changed too, due date and status kept, still counts as the same row.
    threshold = 0.4

    def __init__(self, retro: str, columns: Sequence[str], tasks: TaskList | None, fmt: DocFormat) -> None:
        self.retro = retro
        self.columns = list(columns) if tasks is None else list(TASK_FIELDS)
        self.tasks = tasks
        self.fmt = fmt

    def locate(self, unit: RowUnit) -> Location:
        return Location(f"{self.retro}: action {unit.action.item!r}", self.retro, unit.action.item)

    def unchanged(self, base: RowUnit, side: RowUnit) -> bool:
        return base.values == side.values  # re-padding a row is not a change of it

    def likeness(self, base: RowUnit, side: RowUnit) -> float:
        return row_likeness(base, side)

    def merge(self, base: RowUnit | None, ours: RowUnit, theirs: RowUnit) -> list[Piece]:
        if ours.text == theirs.text or ours.values == theirs.values:
            return [ours.text]
        if base is not None and (base.text == theirs.text or base.values == theirs.values):
            return [ours.text]
        if base is not None and (base.text == ours.text or base.values == ours.values):
            return [theirs.text]
        width = max(len(ours.values), len(theirs.values), len(base.values) if base else 0)
        from_theirs: list[int] = []
        clashes: list[int] = []
        for index in range(width):
            b = _at(base.values, index) if base is not None else ""
            o, t = _at(ours.values, index), _at(theirs.values, index)
            if o == t or t == b:
                continue
            if o == b:
                from_theirs.append(index)
            else:
                clashes.append(index)
        if clashes:
            names = tuple(self.columns[i] if i < len(self.columns) else f"column {i + 1}" for i in clashes)
            what = f"{', '.join(names)} changed on both sides"
            base_text = base.text if base is not None else ""
            return [Conflict.at(self.locate(base or ours), what, ours.text, theirs.text, base_text, names)]
        return [self.combined(ours, theirs, from_theirs)]

    def combined(self, ours: RowUnit, theirs: RowUnit, from_theirs: list[int]) -> str:
        """Ours' row with theirs' changed cells (or fields) put in."""
        if ours.cells is not None and theirs.cells is not None:
            prefix, cells, suffix = split_table_line(ours.text)
            for index in from_theirs:
                cells.extend([""] * (index + 1 - len(cells)))
                cells[index] = theirs.cells[index] if index < len(theirs.cells) else ""
            return prefix + "|".join(cells) + suffix
        assert self.tasks is not None  # a task line: render it from the merged fields
        result = ours.action.model_copy()
        other = theirs.action
        for index in from_theirs:
            if index == 4:
                result.extra = list(other.extra)
            elif index < 4:
                name = ("item", "owner", "due", "status")[index]
                setattr(result, name, getattr(other, name))
        text = render_action_row(result, self.tasks, self.fmt)
        if _UNDER in from_theirs:
            text = first_line(text) + _lines_under(theirs.text)
        return text


def row_likeness(base: RowUnit, side: RowUnit) -> float:
    """The Item text's likeness counts double; owner and due date count when there is one, and then the
    status a little.  A row with neither (a plain task line) is known by its text alone: most rows are
    open, so a status in common tells nothing."""
    old, new = base.action, side.action
    score, total = 2 * item_likeness(old.item, new.item), 2.0
    for a, b in ((old.owner, new.owner), (old.due, new.due)):
        if a or b:
            score += a == b
            total += 1
    if total > 2:
        score += 0.5 * (old.status == new.status)
        total += 0.5
    return score / total


def item_likeness(old: str, new: str) -> float:
    """How much of an Item text is still there: its characters in order, or the share of the new
    text's words that were in the old one (a rewritten item that kept a name, a ticket number)."""
    old, new = old.casefold(), new.casefold()
    if old == new:
        return 1.0
    characters = difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()
    new_words = set(new.split())
    kept = len(new_words & set(old.split())) / len(new_words) if new_words else 0.0
    return max(characters, kept)


def _at(values: tuple[object, ...], index: int) -> object:
    return values[index] if index < len(values) else ""
