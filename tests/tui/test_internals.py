"""retrotui leans on a few private parts of Textual (tui/internals.py); these fail loudly if an upgrade moves them."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widgets import DataTable, Static

from retrotui.tui.internals import is_idle, pump_task
from retrotui.tui.internals.grid_table import GridTable


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


def test_a_lone_escape_is_a_key_once_the_short_wait_is_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser's wait after an ESC (its private ``_timeout_time``) is what the driver shortens and wakes for."""
    from textual import events
    from textual._xterm_parser import XTermParser

    from retrotui.tui import escape_key

    now = [100.0]
    monkeypatch.setattr(escape_key, "get_time", lambda: now[0])
    monkeypatch.setattr("textual._parser.get_time", lambda: now[0])
    parser = XTermParser()
    assert escape_key.next_wait(parser) == escape_key.IDLE_WAIT
    assert list(parser.feed("\x1b")) == []
    assert parser._timeout_time is not None, "XTermParser no longer waits after ESC: update tui/escape_key.py"
    escape_key.shorten_wait(parser, 0.03)
    assert escape_key.next_wait(parser) == pytest.approx(0.03)
    now[0] += 0.03
    assert escape_key.next_wait(parser) == 0.0
    keys = [event.key for event in parser.tick() if isinstance(event, events.Key)]
    assert keys == ["escape"]
    # The bytes of an arrow key that come with the ESC are one key, not Escape.
    assert [event.key for event in parser.feed("\x1b[A") if isinstance(event, events.Key)] == ["up"]


def test_escdelay_in_the_environment_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    from retrotui.tui.escape_key import ESCAPE_DELAY, escape_delay

    monkeypatch.delenv("ESCDELAY", raising=False)
    assert escape_delay() == ESCAPE_DELAY
    monkeypatch.setenv("ESCDELAY", "250")
    assert escape_delay() == 0.25


def test_the_app_runs_on_the_prompt_escape_driver_where_textual_would_use_its_linux_one() -> None:
    import sys

    from textual.drivers.linux_driver import LinuxDriver

    from retrotui.tui.app import RetroApp
    from retrotui.tui.escape_key import PromptEscapeDriver

    app = RetroApp.__new__(RetroApp)
    if sys.platform == "win32":  # Textual's Windows driver is kept as it is
        assert RetroApp.get_driver_class(app) is not PromptEscapeDriver
        return
    assert issubclass(PromptEscapeDriver, LinuxDriver)
    # PromptEscapeDriver's loop is a copy of this method's (Textual 8): an upgrade that drops it must be looked at.
    assert "run_input_thread" in vars(LinuxDriver), "LinuxDriver.run_input_thread is gone: update tui/escape_key.py"
    assert RetroApp.get_driver_class(app) is PromptEscapeDriver


def test_the_footer_parts_the_key_footer_leans_on_are_still_there() -> None:
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    assert hasattr(Footer(), "_bindings_ready"), "Footer._bindings_ready is gone: update tui/widgets/key_footer.py"
    key = FooterKey("a", "a", "Add", "add", disabled=True)
    assert key._disabled, "FooterKey._disabled is gone: update tui/widgets/key_footer.py"
