"""retrotui leans on a few private parts of Textual (tui/internals.py); these fail loudly if an upgrade moves them."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widgets import DataTable, Static

from retrotui.tui.internals import GridTable, is_idle, pump_task


def test_the_private_parts_retrotui_uses_are_still_there() -> None:
    table = DataTable[Text]()
    for name in ("_data", "_update_count", "_row_locations", "_column_locations", "_get_cell_region"):
        assert hasattr(table, name), f"DataTable.{name} is gone: update tui/internals.py (GridTable)"
    pump = MessagePump()
    for name in ("_message_queue", "_pending_message", "_next_callbacks", "_task"):
        assert hasattr(pump, name), f"MessagePump.{name} is gone: update tui/internals.py (is_idle)"
    from textual._queue import Queue

    assert asyncio.iscoroutinefunction(Queue.get), "textual._queue.Queue.get changed: update tui/internals.py"


class Nudge(Message):
    """A message for nobody: it only has to sit in a queue."""


class _GridApp(App[None]):
    def compose(self) -> ComposeResult:
        yield GridTable()
        yield Static("busy or not")


async def test_a_cell_update_repaints_its_row_and_keeps_the_value() -> None:
    app = _GridApp()
    async with app.run_test() as pilot:
        table = app.query_one(GridTable)
        table.add_columns("a", "b")
        keys = [table.add_row(Text(f"r{n}"), Text("x")) for n in range(3)]
        await pilot.pause()
        before = table._update_count
        table.update_cell(keys[1], table.ordered_columns[1].key, Text("y"))
        assert table._update_count == before + 1
        assert table.get_cell_at(Coordinate(1, 1)).plain == "y"
        region = table.cell_region(Coordinate(2, 0))
        assert region.y == 3 and region.width >= 2  # under the header and two rows


async def test_idle_means_nothing_queued_and_nothing_half_done() -> None:
    app = _GridApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        static = app.query_one(Static)
        assert is_idle(static, pump_task(static))
        static.post_message(Nudge())
        assert not is_idle(static, pump_task(static))
        await pilot.pause()
        assert is_idle(static, pump_task(static))
