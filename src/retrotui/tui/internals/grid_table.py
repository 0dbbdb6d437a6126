"""A ``DataTable`` that repaints one row: Textual's private caches (see ``retrotui.tui.internals``)."""

from __future__ import annotations

from rich.text import Text
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey


class GridTable(DataTable[Text]):
    """A ``DataTable`` whose cell update repaints its row, not the whole table.

    ``DataTable.update_cell`` invalidates every cached line and repaints all
    visible rows; with thousands of rows that is most of a toggle's cost.
    The caches are keyed by an update counter (``_update_count``), so bumping
    it and repainting the one row is enough: other rows re-render fresh
    whenever they are next painted.  A change of column width still goes
    through Textual and repaints everything.
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

    def cell_region(self, coordinate: Coordinate) -> Region:
        """Where a cell is drawn, in the table's virtual space (to lay an editor over it)."""
        return self._get_cell_region(coordinate)
