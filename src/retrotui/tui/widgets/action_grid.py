"""The action-item grid: a ``DataTable`` whose cells are edited in place.

The grid shows one retro's action items and changes them only through the
``Editor`` (so every change can be undone); it updates just the cells an
edit touched, which keeps a key press instant with thousands of rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import RowKey

from retrotui.editing import Editor, nested_note
from retrotui.model import ActionItem, DocFormat, Retro, Section
from retrotui.safe_text import visible
from retrotui.tui import commands
from retrotui.tui.commands import Scope
from retrotui.tui.internals.grid_table import GridTable
from retrotui.tui.look import Look
from retrotui.tui.services import EditorServices
from retrotui.tui.widgets.carried_input import CarriedInput
from retrotui.tui.widgets.grid_cells import (
    Column,
    cell_text,
    column_widths,
    columns_for,
    edit_value,
    row_height,
    show_typed,
)
from retrotui.values import OPEN, parse_due_input
from retrotui.workflow import PendingEdit

if TYPE_CHECKING:
    from retrotui.tui.widgets.retro_view import OpenEdit, PlaceInTab


class CellEditor(CarriedInput):
    """The one-line editor laid over the cell being edited."""

    BINDINGS = commands.bindings(Scope.CELL)

    class Cancelled(Message):
        pass

    class Moved(Message):
        def __init__(self, value: str, step: int) -> None:
            super().__init__()
            self.value = value
            self.step = step

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_commit_and_move(self, step: int) -> None:
        self.post_message(self.Moved(self.value, step))


class ActionGrid(Vertical):
    """Edit a retro's action items: enter/e edit, a add, d delete, space toggle."""

    BINDINGS = commands.bindings(Scope.GRID)

    def __init__(
        self,
        editor: Editor,
        retro: Retro,
        section: Section,
        services: EditorServices,
        *,
        place: PlaceInTab | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="action-grid section-area")
        self.editor = editor
        self.retro = retro
        self.section_title = section.title
        self.services = services
        self.today = services.today
        self.columns = columns_for(retro)
        self._keys: list[RowKey] = []
        self._editing: Coordinate | None = None
        self._widths: dict[str, int] | None = None
        self._place = place
        self._cell = CellEditor(id="cell-editor", compact=True, select_on_focus=False)
        self.ready = False  # composed and filled: safe to ask for pending edits
        self.border_title = Content(visible(section.title))  # the file's text, never markup

    def compose(self) -> ComposeResult:
        yield GridTable(cursor_type="cell", zebra_stripes=True, id="grid-table")
        yield self._cell
        yield Static("", id="grid-message")

    def on_mount(self) -> None:
        cell_editor = self.query_one(CellEditor)
        cell_editor.display = False
        cell_editor.cursor_blink = self.services.blink
        self.reload()
        if self._place is not None:
            table = self.table
            row = self._place.row_in([item.item for item in self.items])
            table.move_cursor(row=row, column=self._place.column, animate=False)
            table.scroll_to(*self._place.scroll, animate=False, immediate=True)
        self.ready = True

    def focus_main(self) -> None:
        self.main_widget().focus()

    def main_widget(self) -> Widget:
        """Where the keys go in this tab: the cell being typed in, else the table."""
        cell = self.query_one(CellEditor)
        return cell if self.is_editing and cell.display else self.table

    def place(self) -> PlaceInTab:
        from retrotui.tui.widgets.retro_view import PlaceInTab

        table = self.table
        row, column = table.cursor_coordinate
        items = self.items
        text = items[row].item if 0 <= row < len(items) else None
        return PlaceInTab(row, column, (table.scroll_x, table.scroll_y), text)

    def show_item(self, action: ActionItem) -> bool:
        for row, candidate in enumerate(self.items):
            if candidate is action:
                self.table.move_cursor(row=row, column=0, animate=False)
                self.table.focus()
                return True
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a cell is being edited, keys belong to the cell editor.
        return not self.is_editing

    def on_resize(self) -> None:
        self._fit_item_column()

    def on_show(self) -> None:
        # A grid in a hidden tab gets no resize; fit it when its tab is shown.
        self._fit_item_column()

    def _fit_item_column(self) -> None:
        if not self.is_editing and self._column_widths() != self._widths:
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

    def _column_widths(self) -> dict[str, int] | None:
        look = self.services.look()
        return column_widths(
            self.columns,
            self.items,
            self.size.width,
            lambda item, column: self.cell_text(item, column, False, look).plain,
        )

    @property
    def _width(self) -> int | None:
        return self._widths["item"] if self._widths else None

    def reload(self) -> None:
        """Rebuild every row from the model (after undo, redo or a reload)."""
        table = self.table
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        self._widths = self._column_widths()
        for column in self.columns:
            width = self._widths.get(column.key) if self._widths else None
            table.add_column(Text(visible(column.label)), key=column.key, width=width)
        self._keys = [table.add_row(*self.row_cells(item), height=self.row_height(item)) for item in self.items]
        if self.items:
            table.move_cursor(
                row=min(cursor.row, len(self.items) - 1),
                column=min(cursor.column, len(self.columns) - 1),
                animate=False,
            )
        self._show_empty_hint()

    def _show_empty_hint(self) -> None:
        hint = f"No action items yet. Press {self.services.keys('grid.add')} to add one." if not self.items else ""
        self.query_one("#grid-message", Static).update(Text(hint))

    def row_height(self, item: ActionItem) -> int:
        return row_height(item, self._width, self.app.console)

    def row_cells(self, item: ActionItem) -> list[Text]:
        overdue = item.is_overdue(self.today())
        look = self.services.look()
        return [self.cell_text(item, column, overdue, look) for column in self.columns]

    def cell_text(self, item: ActionItem, column: Column, overdue: bool, look: Look | None = None) -> Text:
        return cell_text(self.editor.doc, self.retro, item, column, overdue, look or self.services.look())

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
        item = ActionItem(item="", owner=self.services.default_owner(), due="", status=OPEN)
        self.editor.add_action(self.retro, len(self.items), item)
        self._keys.append(self.table.add_row(*self.row_cells(item), height=self.row_height(item)))
        self._show_empty_hint()
        self.table.move_cursor(row=len(self.items) - 1, column=0, animate=False)
        # At once, not after a refresh: the keys typed next belong to the new Item.
        self.start_edit()

    def action_delete_row(self) -> None:
        current = self._current()
        if current is None:
            return
        index, item = current
        self.editor.delete_action(self.retro, item)
        self.table.remove_row(self._keys.pop(index))
        self._show_empty_hint()
        undo = self.services.keys("app.undo")
        taken = nested_note(item)  # the lines under the item went with it: say so
        self.notify(f"Deleted {item.item or 'an empty row'!r}{taken}. {undo} brings it back.", timeout=3)

    def action_move_row(self, delta: int) -> None:
        current = self._current()
        if current is None:
            return
        index, item = current
        refusal = self.editor.move_refusal(self.retro, item, delta)
        if refusal is not None:
            self.notify(refusal, timeout=4)
            return
        if self.editor.move_action(self.retro, item, delta) is None:
            return
        self.refresh_row(index)
        self.refresh_row(index + delta)
        self.table.move_cursor(row=index + delta, animate=False)

    def action_edit_cell(self) -> None:
        self.start_edit()

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
        editor.value = edit_value(item, column)
        editor.suggester = (
            SuggestFromList(self.editor.doc.owners(), case_sensitive=False) if column.field == "owner" else None
        )
        editor.display = True
        self._editing = coordinate
        self.query_one("#grid-message", Static).update(self._edit_hint(column))
        editor.focus()
        editor.cursor_position = len(editor.value)
        self._lay_editor_over(coordinate)

    def _lay_editor_over(self, coordinate: Coordinate) -> None:
        """Put the cell editor over its cell; a new row has no place until the table is laid out."""
        table = self.table
        if coordinate.row >= table.row_count:
            return
        try:
            region = table.cell_region(coordinate)
        except (KeyError, IndexError):
            self.call_after_refresh(self._lay_editor_over, coordinate)
            return
        scroll_x, scroll_y = table.scroll_offset
        editor = self.query_one(CellEditor)
        editor.styles.offset = (max(0, region.x - scroll_x), max(0, region.y - scroll_y))
        editor.styles.width = max(region.width, 24)

    def _edit_hint(self, column: Column) -> str:
        hints = {
            "due": "Due date: YYYY-MM-DD, today, +3d or +1w. Enter saves the cell, Esc restores it.",
            "owner": "Owner: → accepts a suggestion. Enter saves the cell, Esc restores it.",
            "status": "Status: open, done, or any text. Enter saves the cell, Esc restores it.",
        }
        return hints.get(column.field or "", "Enter saves the cell, Tab moves on, Esc restores it.")

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
                    Text(f"⚠ {error}", style=f"bold {self.services.look().overdue}")
                )
                return False
            self.editor.set_action_field(self.retro, item, "due", due)
        elif column.field is not None:
            self.editor.set_action_field(self.retro, item, column.field, value)
        else:
            self.editor.set_extra(self.retro, item, column.extra_index or 0, value, column.label)
        self._stop_edit(refocus=refocus and editor.has_focus)
        self.refresh_row(row)
        return True

    def cancel_edit(self) -> None:
        self._stop_edit()

    def let_go_unkept(self) -> None:
        """The cell is closed with a value that cannot be kept (a due date that is not one): say what was typed.

        The cell goes back to what it holds in the model; the typed value is in the notice.
        """
        editing = self._editing
        if editing is None:
            return
        typed = self.query_one(CellEditor).value
        self._stop_edit(refocus=False)
        self._tell_unkept(editing, typed)

    def _tell_unkept(self, editing: Coordinate, typed: str) -> None:
        if editing.row >= len(self.items) or not typed.strip():
            return
        label = self.columns[editing.column].label
        self.notify(
            f"{label} of row {editing.row + 1} in {self.retro.title!r} was not kept: {typed.strip()!r} is not a "
            "value it can hold. The cell is as it was.",
            title="Cell not kept",
            severity="warning",
            timeout=20,
        )

    def on_unmount(self) -> None:
        # Taken off the screen with a cell still open (its value could not be kept before the view
        # was replaced): the typing is not dropped without a word. (The cell editor, a child, is
        # already gone: its value is read from the widget itself.)
        editing, self._editing = self._editing, None
        if editing is not None and self.app.is_running and self.app.return_code is None:
            self._tell_unkept(editing, self._cell.value)

    def commit_pending(self) -> None:
        """Before a save or a switch: keep the cell being typed.

        An invalid value (a due date that is not one) stays in the open editor with its
        warning, and in the crash journal, rather than being dropped.
        """
        self.commit_edit(refocus=False)

    def take_open_edit(self) -> OpenEdit | None:
        """The cell being typed, let go of without applying it (see ``RetroView.take_open_edit``)."""
        from retrotui.tui.widgets.retro_view import OpenEdit

        editing = self._editing
        if editing is None or editing.row >= len(self.items):
            return None
        cell = self.query_one(CellEditor)
        self._editing = None  # its blur on removal applies nothing
        original = self.items[editing.row].item
        return OpenEdit(editing.row, editing.column, original, cell.value, cell.cursor_position, rows=len(self.items))

    async def reopen(self, typing: OpenEdit) -> None:
        """Open the cell again on its row as it stands now (found by its Item), with what was typed."""
        row = typing.found_in([item.item for item in self.items])
        if row is None and typing.column > 0 and len(self.items) == typing.rows:
            # Someone else changed the Item of the row whose Owner, Due date or Status is being typed (no
            # row came or went): the row is where it was.  Closing the cell would send the next keys to
            # the grid (d deletes a row, space toggles one).
            row = typing.row
        if row is None and typing.column == 0:
            # Its Item was changed (or the row removed) by someone else at the same moment. Closing the
            # field would send the next keys typed to the grid (d deletes a row, space toggles one):
            # the typing goes on in a new row, as an item's does in a section.
            self.notify(
                "The action item you were editing was changed or removed by someone else at the same moment: "
                "what you type is added as a new row.",
                title="Live",
                severity="warning",
                timeout=8,
            )
            self.action_add_row()
            cell = self.query_one(CellEditor)
            cell.value = typing.typed
            cell.carry_cursor(typing.cursor)
            return
        if row is None and 0 < typing.column < len(self.columns):
            # Its row was removed by someone else (or rows came and went and its Item changed): closing
            # the cell would send the next keys to the grid.  The row comes back, as its Item was, with
            # the cell open on what was typed; the typist sees it and can delete it again.
            self.notify(
                f"The row {visible(typing.original)!r} you were editing was removed or changed by someone else "
                "at the same moment: it is added back with what you type (d deletes it).",
                title="Live",
                severity="warning",
                timeout=8,
            )
            self.action_add_row()
            self.query_one(CellEditor).value = typing.original
            self.commit_edit(refocus=False)
            self.table.cursor_coordinate = Coordinate(len(self.items) - 1, typing.column)
            self.start_edit()
            cell = self.query_one(CellEditor)
            cell.value = typing.typed
            cell.carry_cursor(typing.cursor)
            return
        if row is None or typing.column >= len(self.columns):
            self.notify(
                f"The action item you were editing was changed or removed by someone else; you had typed: "
                f"{visible(typing.typed)}",
                title="Live",
                severity="warning",
                timeout=15,
            )
            return
        self.table.cursor_coordinate = Coordinate(row, typing.column)
        self.start_edit()
        cell = self.query_one(CellEditor)
        cell.value = typing.typed
        cell.carry_cursor(typing.cursor)

    def pending_edits(self) -> list[PendingEdit]:
        """The cell being typed, for the crash journal."""
        if self._editing is None or self._editing.row >= len(self.items):
            return []
        item = self.items[self._editing.row]
        column = self.columns[self._editing.column]
        value = self.query_one(CellEditor).value
        where = f"{self.retro.title} / row {self._editing.row + 1} / {column.label}"
        return [PendingEdit(where, value, lambda: show_typed(item, column, value))]

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
            self.let_go_unkept()
