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

from retrotui.markdown.lines import content_of
from retrotui.markdown.serializer import render_action_row
from retrotui.markdown.tables import cell_value, column_roles, split_row
from retrotui.merging.result import Conflict, Location, Piece
from retrotui.merging.sequence import SequenceRules
from retrotui.model import ActionItem, DocFormat, TaskList
from retrotui.values import parse_due, parse_status

TASK_FIELDS = ("Item", "Owner", "Due Date", "Status", "extra columns")


@dataclass(frozen=True, slots=True)
class RowUnit:
    """One action row: its line as written, what it says, and (in a table) its raw cells."""

    key: str
    text: str
    action: ActionItem
    values: tuple[object, ...]  # what is compared: each cell (table) or each field (task line)
    cells: tuple[str, ...] | None = None


def table_rows(lines: Sequence[str], actions: Sequence[ActionItem], columns: Sequence[str]) -> list[RowUnit]:
    roles = {index: role for role, index in column_roles(list(columns)).items()}
    units = []
    for line, action in zip(lines, actions, strict=True):
        _, cells, _ = split_table_line(line)
        values = tuple(_cell_meaning(roles.get(k), raw) for k, raw in enumerate(cells))
        units.append(RowUnit(_key(action), line, action, values, tuple(cells)))
    return units


def task_rows(lines: Sequence[str], actions: Sequence[ActionItem]) -> list[RowUnit]:
    return [RowUnit(_key(action), line, action, action.values()) for line, action in zip(lines, actions, strict=True)]


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
        """The Item text's likeness counts double; owner and due date count when there is one."""
        old, new = base.action, side.action
        item = difflib.SequenceMatcher(None, old.item.casefold(), new.item.casefold(), autojunk=False).ratio()
        score, total = 2 * item, 2.0
        for a, b in ((old.owner, new.owner), (old.due, new.due)):
            if a or b:
                score += a == b
                total += 1
        score += 0.5 * (old.status == new.status)
        return score / (total + 0.5)

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
            else:
                name = ("item", "owner", "due", "status")[index]
                setattr(result, name, getattr(other, name))
        return render_action_row(result, self.tasks, self.fmt)


def _at(values: tuple[object, ...], index: int) -> object:
    return values[index] if index < len(values) else ""
