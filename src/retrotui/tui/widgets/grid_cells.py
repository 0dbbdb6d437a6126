"""What the action grid shows in each cell, how wide each column is, and how a typed value goes in.

No widget here: the grid asks, and draws what it is told.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from retrotui.editing import ActionField
from retrotui.model import ActionItem, ActionTable, Retro, RetroDocument
from retrotui.safe_text import visible
from retrotui.tui.look import Look
from retrotui.values import format_due, parse_due, parse_status

ITEM_MIN = 12  # the Item column never gets narrower than this; it wraps
SQUEEZED_MIN = 6  # how narrow Owner and extra columns may get on a small terminal
CELL_PADDING = 2  # DataTable's padding, one column each side of a cell
SCROLLBAR = 2  # room kept for the vertical scrollbar


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    field: ActionField | None = None
    extra_index: int | None = None


KNOWN_COLUMNS = (
    Column("item", "Item", "item"),
    Column("owner", "Owner", "owner"),
    Column("due", "Due Date", "due"),
    Column("status", "Status", "status"),
)


def columns_for(retro: Retro) -> list[Column]:
    """The four known columns, then any extra columns the file's table has."""
    columns = list(KNOWN_COLUMNS)
    table = retro.action_list
    if isinstance(table, ActionTable):
        extras = table.extra_columns()
        columns += [Column(f"extra-{n}", name or f"Column {n + 1}", None, n) for n, name in enumerate(extras)]
    return columns


def cell_text(doc: RetroDocument, retro: Retro, item: ActionItem, column: Column, overdue: bool, look: Look) -> Text:
    """A cell as shown: the file's own status word or glyph, the settings' date format, the theme's colours."""
    if column.field == "status":
        return Text(visible(doc.status_text(retro, item)), style=f"bold {look.done}" if item.is_done else "")
    if column.field == "due":
        return Text(visible(look.due_text(item.due)), style=f"bold {look.overdue}" if overdue else "")
    if column.field == "item":
        return Text(visible(item.item), style=look.overdue if overdue else "")
    if column.field is not None:  # the owner: cut with an ellipsis when the terminal is narrow
        return Text(visible(getattr(item, column.field)), overflow="ellipsis", no_wrap=True)
    index = column.extra_index or 0
    return Text(visible(item.extra[index]) if index < len(item.extra) else "", overflow="ellipsis", no_wrap=True)


def column_widths(
    columns: Sequence[Column], items: Sequence[ActionItem], available: int, text_of: Callable[[ActionItem, Column], str]
) -> dict[str, int] | None:
    """Fixed widths that keep Due Date and Status in view on any terminal.

    The Item column takes the room the others leave (wrapping, at least
    ``ITEM_MIN`` columns); when that is too little, Owner and the extra
    columns give up room down to ``SQUEEZED_MIN`` (cut with an ellipsis).
    Due Date and Status always keep their full width.  None: no room known yet.
    """
    available -= SCROLLBAR
    if available <= 0:
        return None
    natural: dict[str, int] = {}
    for column in columns[1:]:
        widest = max((cell_len(text_of(item, column)) for item in items), default=0)
        natural[column.key] = max(widest, cell_len(column.label))
    item_width = available - CELL_PADDING * len(columns) - sum(natural.values())
    for key in [k for k in natural if k not in ("due", "status")]:
        if item_width >= ITEM_MIN:
            break
        give = min(natural[key] - SQUEEZED_MIN, ITEM_MIN - item_width)
        if give > 0:
            natural[key] -= give
            item_width += give
    return {"item": max(ITEM_MIN, item_width), **natural}


def row_height(item: ActionItem, width: int | None, console: Console) -> int:
    """Lines the Item needs at the column's width.

    Rows get a fixed height rather than DataTable's auto height, which
    would re-measure every row whenever any cell changes.
    """
    if width is None or cell_len(item.item) <= width:
        return 1
    return max(1, len(Text(item.item).wrap(console, width)))


def edit_value(item: ActionItem, column: Column) -> str:
    """What the cell editor starts with: the value as the file keeps it (ISO dates, the status text)."""
    if column.field == "due":
        return format_due(item.due)
    if column.field is not None:
        return str(getattr(item, column.field))
    index = column.extra_index or 0
    return item.extra[index] if index < len(item.extra) else ""


def show_typed(item: ActionItem, column: Column, value: str) -> Callable[[], None]:
    """Put a value still being typed into the item, outside the history; returns how to take it out.

    For the crash journal: a due date that is not one yet is kept as its text.
    """
    old = item.values()
    typed = value.strip()
    if column.field == "due":
        item.due = parse_due(typed)
    elif column.field == "status":
        item.status = parse_status(typed)
    elif column.field is not None:
        setattr(item, column.field, typed)
    else:
        index = column.extra_index or 0
        item.extra = [*item.extra, *[""] * (index + 1 - len(item.extra))]
        item.extra[index] = typed

    def restore() -> None:
        item.item, item.owner, item.due, item.status, extra = old
        item.extra = list(extra)

    return restore
