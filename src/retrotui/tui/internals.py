"""Every place retrotui leans on Textual's private parts, in one module.

Textual has no public way to repaint one row of a ``DataTable``, to ask where
a cell is on screen, or to know that every widget has finished with the
messages a key press caused.  Each lean is small and documented here, and
``tests/tui/test_internals.py`` checks each one against the installed Textual,
so an upgrade that moves them fails loudly there instead of misbehaving in a
meeting.  (pyproject pins Textual below 9 for the same reason.)
"""

from __future__ import annotations

import asyncio
from typing import Any

from rich.text import Text
from textual._queue import Queue
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.message_pump import MessagePump
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


_QUEUE_GET = Queue.get.__code__


def _queue_of(pump: MessagePump) -> Queue[Any]:
    queue: Queue[Any] = pump._message_queue
    return queue


def _waiting_for_messages(task: asyncio.Task[Any] | None) -> bool:
    """True when the pump's task waits in its queue's ``get``: it has finished every message it took."""
    if task is None or task.done():
        return True
    # Follow the chain of awaits down from the task's coroutine, looking for the queue's get.
    awaiting: Any = task.get_coro()
    while awaiting is not None:
        code = getattr(awaiting, "cr_code", None) or getattr(awaiting, "gi_code", None)
        if code is None:
            return False
        if code is _QUEUE_GET:
            return True
        awaiting = getattr(awaiting, "cr_await", None) or getattr(awaiting, "gi_yieldfrom", None)
    return False


def is_idle(pump: MessagePump, task: asyncio.Task[Any] | None) -> bool:
    """Nothing queued, nothing taken and not finished, nothing scheduled to run next.

    ``task`` is the asyncio task that runs the pump's message loop
    (``pump_task``; the App's is the task that runs the app).
    """
    return (
        _queue_of(pump).qsize() == 0
        and pump._pending_message is None
        and not pump._next_callbacks
        and _waiting_for_messages(task)
    )


def pump_task(pump: MessagePump) -> asyncio.Task[Any] | None:
    task: asyncio.Task[Any] | None = getattr(pump, "_task", None)
    return task
