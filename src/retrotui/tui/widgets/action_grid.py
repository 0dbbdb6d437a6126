"""The action-item grid: a ``DataTable`` whose cells are edited in place.

The grid shows one retro's action items and changes them only through the
``Editor`` (so every change can be undone); it updates just the cells an
edit touched, which keeps a key press instant with thousands of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey, RowKey

from retrotui.editing import ActionField, Editor
from retrotui.model import ActionItem, ActionTable, DocFormat, Retro
from retrotui.tui.look import Look, look_of
from retrotui.values import DONE, OPEN, format_due, parse_due_input


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
    if isinstance(table, ActionTable) and table._layout is not None:
        roles = set(table._layout.roles.values())
        extras = [name for i, name in enumerate(table.columns) if i not in roles]
        columns += [Column(f"extra-{n}", name or f"Column {n + 1}", None, n) for n, name in enumerate(extras)]
    return columns


class GridTable(DataTable[Text]):
    """The table inside the grid: a cell update repaints its row, not the whole table.

    ``DataTable.update_cell`` invalidates every cached line and repaints all
    visible rows; with thousands of rows that is most of a toggle's cost.
    The caches are keyed by an update counter, so bumping it and repainting
    the one row is enough: other rows re-render fresh whenever they are next
    painted.  A change of column width still repaints everything.
    """

    def update_cell(
        self, row_key: RowKey | str, column_key: ColumnKey | str, value: Text, *, update_width: bool = False
    ) -> None:
        if update_width:
            super().update_cell(row_key, column_key, value, update_width=True)
            return
        row_key = RowKey(row_key) if isinstance(row_key, str) else row_key
        column_key = ColumnKey(column_key) if isinstance(column_key, str) else column_key
        row_index = self._row_locations.get(row_key)
        if row_index is None or column_key not in self._column_locations:
            super().update_cell(row_key, column_key, value)  # raises CellDoesNotExist
            return
        self._data[row_key][column_key] = value
        self._update_count += 1
        self.refresh_row(row_index)


class CellEditor(Input):
    """The one-line editor laid over the cell being edited."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel edit", id="cell.cancel"),
        Binding("tab", "commit_and_move(1)", "Next cell", show=False, id="cell.next"),
        Binding("shift+tab", "commit_and_move(-1)", "Previous cell", show=False, id="cell.previous"),
    ]

    class Cancelled(Message):
        pass

    class Moved(Message):
        def __init__(self, value: str, step: int) -> None:
            super().__init__()
            self.value = value
            self.step = step

    def on_mount(self) -> None:
        # Tests and snapshots turn blinking off so screenshots are stable.
        self.cursor_blink = getattr(self.app, "blink_cursors", True)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_commit_and_move(self, step: int) -> None:
        self.post_message(self.Moved(self.value, step))


class ActionGrid(Vertical):
    """Edit a retro's action items: enter/e edit, a add, d delete, space toggle."""

    BINDINGS = [
        Binding("e", "edit_cell", "Edit", id="grid.edit"),
        Binding("a", "add_row", "Add", id="grid.add"),
        Binding("d", "delete_row", "Delete", id="grid.delete"),
        Binding("space", "toggle_status", "Toggle", id="grid.toggle"),
        Binding("shift+up", "move_row(-1)", "Move up", id="grid.move_up"),
        Binding("shift+down", "move_row(1)", "Move down", id="grid.move_down"),
        Binding("tab", "move_cell(1)", "Next cell", show=False, id="grid.next_cell"),
        Binding("shift+tab", "move_cell(-1)", "Previous cell", show=False, id="grid.previous_cell"),
    ]

    def __init__(
        self,
        editor: Editor,
        retro: Retro,
        today: Callable[[], dt.date],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="action-grid")
        self.editor = editor
        self.retro = retro
        self.today = today
        self.columns = columns_for(retro)
        self._keys: list[RowKey] = []
        self._editing: Coordinate | None = None
        self._width: int | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield GridTable(cursor_type="cell", zebra_stripes=True, id="grid-table")
        yield CellEditor(id="cell-editor", compact=True, select_on_focus=False)
        yield Static("", id="grid-message")

    def on_mount(self) -> None:
        self.query_one(CellEditor).display = False
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a cell is being edited, keys belong to the cell editor.
        return not self.is_editing

    def on_resize(self) -> None:
        self._fit_item_column()

    def on_show(self) -> None:
        # A grid in a hidden tab gets no resize; fit it when its tab is shown.
        self._fit_item_column()

    def _fit_item_column(self) -> None:
        if not self.is_editing and self._item_width() != self._width:
            self.reload()

    # -- rendering -----------------------------------------------------------------

    @property
    def table(self) -> GridTable:
        return self.query_one(GridTable)

    @property
    def items(self) -> list[ActionItem]:
        return self.retro.action_items

    @property
    def fmt(self) -> DocFormat:
        return self.editor.doc.format

    def _item_width(self) -> int | None:
        """The Item column takes the room the other columns leave, so Status stays in view."""
        available = self.size.width
        if available <= 0:
            return None
        others = 0
        look = look_of(self.app)
        for column in self.columns[1:]:
            widest = max((cell_len(self.cell_text(item, column, False, look).plain) for item in self.items), default=0)
            others += max(widest, cell_len(column.label)) + 2
        return max(24, available - others - 4)

    def reload(self) -> None:
        """Rebuild every row from the model (after undo, redo or a reload)."""
        table = self.table
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        self._width = self._item_width()
        for column in self.columns:
            table.add_column(Text(column.label), key=column.key, width=self._width if column.key == "item" else None)
        self._keys = [table.add_row(*self.row_cells(item), height=self.row_height(item)) for item in self.items]
        if self.items:
            table.move_cursor(
                row=min(cursor.row, len(self.items) - 1),
                column=min(cursor.column, len(self.columns) - 1),
                animate=False,
            )
        self._show_empty_hint()

    def _show_empty_hint(self) -> None:
        hint = "No action items yet. Press [b]a[/b] to add one." if not self.items else ""
        self.query_one("#grid-message", Static).update(hint)

    def row_height(self, item: ActionItem) -> int:
        """Lines the Item needs at the column's width.

        Rows get a fixed height rather than DataTable's auto height, which
        would re-measure every row whenever any cell changes.
        """
        if self._width is None or cell_len(item.item) <= self._width:
            return 1
        return max(1, len(Text(item.item).wrap(self.app.console, self._width)))

    def row_cells(self, item: ActionItem) -> list[Text]:
        overdue = item.is_overdue(self.today())
        look = look_of(self.app)
        return [self.cell_text(item, column, overdue, look) for column in self.columns]

    def cell_text(self, item: ActionItem, column: Column, overdue: bool, look: Look | None = None) -> Text:
        look = look or look_of(self.app)
        if column.field == "status":
            status = item.status
            shown = self.fmt.open_glyph if status == OPEN else self.fmt.done_glyph if status == DONE else status
            return Text(shown, style=f"bold {look.done}" if status == DONE else "")
        if column.field == "due":
            return Text(look.due_text(item.due), style=f"bold {look.overdue}" if overdue else "")
        if column.field is not None:
            value = getattr(item, column.field)
            return Text(value, style=look.overdue if overdue and column.field == "item" else "")
        index = column.extra_index or 0
        return Text(item.extra[index] if index < len(item.extra) else "")

    def refresh_row(self, index: int) -> None:
        """Redraw the cells of one row that differ from the model.

        Only changed cells are touched, and a column is re-measured only when
        a cell grows wider than it: re-measuring means visiting every row.
        """
        item = self.items[index]
        table = self.table
        if table.rows[self._keys[index]].height != self.row_height(item):
            self.reload()  # DataTable cannot change a row's height in place
            return
        for column_index, text in enumerate(self.row_cells(item)):
            coordinate = Coordinate(index, column_index)
            shown = table.get_cell_at(coordinate)
            if isinstance(shown, Text) and shown.plain == text.plain and shown.style == text.style:
                continue
            column = table.ordered_columns[column_index]
            wider = not column.auto_width or cell_len(text.plain) > column.content_width
            table.update_cell_at(coordinate, text, update_width=wider and column.auto_width)

    # -- actions -----------------------------------------------------------------------

    def _current(self) -> tuple[int, ActionItem] | None:
        row = self.table.cursor_coordinate.row
        if not self.items or not 0 <= row < len(self.items):
            return None
        return row, self.items[row]

    def action_toggle_status(self) -> None:
        current = self._current()
        if current is None:
            return
        index, item = current
        if self.editor.toggle_status(self.retro, item):
            self.refresh_row(index)

    def action_add_row(self) -> None:
        owner = getattr(getattr(self.app, "settings", None), "default_owner", "")
        item = ActionItem(item="", owner=owner, due="", status=OPEN)
        self.editor.add_action(self.retro, len(self.items), item)
        self._keys.append(self.table.add_row(*self.row_cells(item), height=self.row_height(item)))
        self._show_empty_hint()
        self.table.move_cursor(row=len(self.items) - 1, column=0, animate=False)
        self.call_after_refresh(self.start_edit)

    def action_delete_row(self) -> None:
        current = self._current()
        if current is None:
            return
        index, item = current
        self.editor.delete_action(self.retro, item)
        self.table.remove_row(self._keys.pop(index))
        self._show_empty_hint()
        self.notify(f"Deleted {item.item or 'an empty row'!r}. ctrl+z brings it back.", timeout=3)

    def action_move_row(self, delta: int) -> None:
        current = self._current()
        if current is None:
            return
        index, item = current
        if self.editor.move_action(self.retro, item, delta) is None:
            return
        self.refresh_row(index)
        self.refresh_row(index + delta)
        self.table.move_cursor(row=index + delta, animate=False)

    def action_edit_cell(self) -> None:
        self.start_edit()

    def action_move_cell(self, step: int) -> None:
        self.move_cell(step)

    def move_cell(self, step: int) -> None:
        table = self.table
        if not self.items:
            return
        row, column = table.cursor_coordinate
        flat = row * len(self.columns) + column + step
        flat = max(0, min(flat, len(self.items) * len(self.columns) - 1))
        table.move_cursor(row=flat // len(self.columns), column=flat % len(self.columns), animate=False)

    @on(DataTable.CellSelected)
    def _on_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.start_edit()

    # -- in-place editing ----------------------------------------------------------------

    @property
    def is_editing(self) -> bool:
        return self._editing is not None

    def start_edit(self) -> None:
        current = self._current()
        if current is None:
            return
        _, item = current
        table = self.table
        coordinate = table.cursor_coordinate
        column = self.columns[coordinate.column]
        editor = self.query_one(CellEditor)
        editor.value = self.edit_value(item, column)
        editor.suggester = (
            SuggestFromList(self.editor.doc.owners(), case_sensitive=False) if column.field == "owner" else None
        )
        region = table._get_cell_region(coordinate)  # Textual has no public cell geometry.
        scroll_x, scroll_y = table.scroll_offset
        editor.styles.offset = (max(0, region.x - scroll_x), max(0, region.y - scroll_y))
        editor.styles.width = max(region.width, 24)
        editor.display = True
        self._editing = coordinate
        self.query_one("#grid-message", Static).update(self._edit_hint(column))
        editor.focus()
        editor.cursor_position = len(editor.value)

    def _edit_hint(self, column: Column) -> str:
        hints = {
            "due": "Due date: YYYY-MM-DD, today, +3d or +1w. Enter saves the cell, Esc restores it.",
            "owner": "Owner: → accepts a suggestion. Enter saves the cell, Esc restores it.",
            "status": "Status: open, done, or any text. Enter saves the cell, Esc restores it.",
        }
        return hints.get(column.field or "", "Enter saves the cell, Tab moves on, Esc restores it.")

    def edit_value(self, item: ActionItem, column: Column) -> str:
        if column.field == "status":
            return item.status
        if column.field == "due":
            return format_due(item.due)
        if column.field is not None:
            return str(getattr(item, column.field))
        index = column.extra_index or 0
        return item.extra[index] if index < len(item.extra) else ""

    def commit_edit(self, refocus: bool = True) -> bool:
        """Write the editor's value into the model; False (still editing) if it is invalid."""
        if self._editing is None:
            return True
        editor = self.query_one(CellEditor)
        row, column_index = self._editing
        if row >= len(self.items):
            self._stop_edit()
            return True
        item = self.items[row]
        column = self.columns[column_index]
        value = editor.value.strip()
        if column.field == "due":
            try:
                due = parse_due_input(value, self.today())
            except ValueError as error:
                self.query_one("#grid-message", Static).update(
                    Text(f"⚠ {error}", style=f"bold {look_of(self.app).overdue}")
                )
                return False
            self.editor.set_action_field(self.retro, item, "due", due)
        elif column.field is not None:
            self.editor.set_action_field(self.retro, item, column.field, value)
        else:
            self._set_extra(item, column.extra_index or 0, value)
        self._stop_edit(refocus=refocus and editor.has_focus)
        self.refresh_row(row)
        return True

    def _set_extra(self, item: ActionItem, index: int, value: str) -> None:
        old = list(item.extra)
        new = old + [""] * (index + 1 - len(old)) if index >= len(old) else list(old)
        new[index] = value
        if new == old:
            return
        from retrotui.editing import Change

        self.editor.apply(
            Change(
                f"Edit {self.columns[index + 4].label}",
                lambda: setattr(item, "extra", list(new)),
                lambda: setattr(item, "extra", list(old)),
                self.retro,
            )
        )

    def cancel_edit(self) -> None:
        self._stop_edit()

    def _stop_edit(self, refocus: bool = True) -> None:
        editor = self.query_one(CellEditor)
        editor.display = False
        self._editing = None
        self._show_empty_hint()
        if refocus:
            self.table.focus()

    @on(Input.Submitted, "#cell-editor")
    def _on_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit_edit()

    @on(CellEditor.Cancelled)
    def _on_cancelled(self, event: CellEditor.Cancelled) -> None:
        event.stop()
        self.cancel_edit()

    @on(CellEditor.Moved)
    def _on_moved(self, event: CellEditor.Moved) -> None:
        event.stop()
        if self.commit_edit(refocus=False):
            self.move_cell(event.step)
            self.start_edit()

    @on(Input.Blurred, "#cell-editor")
    def _on_blurred(self, event: Input.Blurred) -> None:
        # Focus moved away (a click elsewhere, a dialog): keep what was typed if it is valid.
        event.stop()
        if not self.is_editing or self.query_one(CellEditor).has_focus:
            return  # a stale blur: editing moved on to another cell
        if not self.commit_edit(refocus=False):
            self.cancel_edit()
