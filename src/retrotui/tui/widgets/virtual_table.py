"""A read-only table that draws only the rows on screen.

``DataTable`` measures and lays out every row it is given; the tracker lists
thousands of items, so it uses this instead: rows are produced on demand by a
function, column widths come from plain text, and a key press redraws a line
or two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowRenderer = Callable[[int], Sequence[Text]]
# A tab in a cell (the file's text) is expanded to spaces: drawn as it is, it takes no cell in Textual's
# sums but moves a real terminal's cursor to the next tab stop, and the rest of the row lands elsewhere.
TAB_SIZE = 4


class VirtualTable(ScrollView, can_focus=True):
    """Rows ``0..count-1`` come from ``render_row(index)``; one line each."""

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
    }
    VirtualTable > .virtual-table--header {
        text-style: bold;
        background: $panel;
    }
    VirtualTable > .virtual-table--cursor {
        background: $accent 40%;
    }
    VirtualTable:focus > .virtual-table--cursor {
        background: $accent;
        color: $text;
    }
    """
    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--cursor"}

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False, id="table.up"),
        Binding("down", "move(1)", "Down", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page_down"),
        Binding("home", "edge(0)", "First", show=False, id="table.first"),
        Binding("end", "edge(1)", "Last", show=False, id="table.last"),
        Binding("enter", "select", "Go to", show=False, id="table.select"),
    ]

    cursor_row: reactive[int] = reactive(0)

    class Selected(Message):
        def __init__(self, table: VirtualTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> VirtualTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels: list[str] = []
        self.widths: list[int] = []
        self.row_count = 0
        self._render_row: RowRenderer = lambda _: []

    # -- data --------------------------------------------------------------------------

    def set_rows(self, labels: list[str], widths: list[int], count: int, render_row: RowRenderer) -> None:
        """Show ``count`` rows; ``widths`` are the columns' text widths."""
        self.labels = labels
        self.widths = widths
        self.row_count = count
        self._render_row = render_row
        self.virtual_size = Size(sum(widths) + 2 * len(widths), count + 1)
        self.cursor_row = min(self.cursor_row, max(0, count - 1))
        self.refresh()

    def row_cells(self, index: int) -> Sequence[Text]:
        return self._render_row(index)

    def refresh_row(self, index: int) -> None:
        self.refresh(Region(0, index + 1 - self.scroll_offset.y, self.size.width, 1))

    @staticmethod
    def column_widths(labels: list[str], columns: list[list[str]], limits: dict[int, int] | None = None) -> list[int]:
        widths = []
        for n, (label, values) in enumerate(zip(labels, columns, strict=True)):
            widest = max([cell_len(label), *(cell_len(v.expandtabs(TAB_SIZE)) for v in values)])
            if limits and n in limits:
                widest = min(widest, limits[n])
            widths.append(widest)
        return widths

    # -- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        style: Style | None
        if y == 0:
            cells = [Text(label) for label in self.labels]
            style = self.get_component_rich_style("virtual-table--header")
        else:
            index = y - 1 + scroll_y
            if index >= self.row_count:
                return Strip.blank(width, self.rich_style)
            cells = list(self._render_row(index))
            cursor: Style | None = None
            if index == self.cursor_row:
                cursor = self.get_component_rich_style("virtual-table--cursor")
            style = cursor
        line = Text(no_wrap=True, overflow="ellipsis")
        for cell, cell_width in zip(cells, self.widths, strict=False):
            shown = cell.copy()
            shown.expand_tabs(TAB_SIZE)
            shown.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append(" ")
            line.append_text(shown)
            line.append(" ")
        segments = list(line.render(self.app.console))
        if style is not None:
            segments = list(Segment.apply_style(segments, post_style=style))
        strip = Strip(segments, line.cell_len).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, style or self.rich_style or Style())

    def on_resize(self) -> None:
        self.refresh()

    # -- cursor -----------------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh_row(old)
        self.refresh_row(new)
        self._keep_visible(new)

    def _keep_visible(self, row: int) -> None:
        visible = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False)

    def action_move(self, delta: int) -> None:
        if self.row_count:
            self.cursor_row = max(0, min(self.row_count - 1, self.cursor_row + delta))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 2))

    def action_edge(self, end: int) -> None:
        if self.row_count:
            self.cursor_row = self.row_count - 1 if end else 0

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(self.Selected(self, self.cursor_row))

    def on_click(self, event) -> None:  # type: ignore[no-untyped-def]
        row = event.y - 1 + self.scroll_offset.y
        if 0 <= row < self.row_count and event.y >= 1:
            self.cursor_row = row
