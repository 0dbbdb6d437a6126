"""Small terminals: at 80x24 everything that matters stays in view; below 60x20 a plain message."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from retrotui.tui.internals.grid_table import GridTable
from retrotui.tui.screens.too_small import TooSmallScreen
from tests.conftest import SAMPLES, read_exact
from tests.tui.helpers import copy_sample, running, their_owner_on_disk

SMALL = (80, 24)


def inside(node: Widget, selector: str) -> bool:
    region = node.query_one(selector).region
    width, height = node.app.size
    return region.x >= 0 and region.y >= 0 and region.right <= width and region.bottom <= height


async def test_at_80x24_the_grid_keeps_due_date_and_status_in_view(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path), size=SMALL) as run:
        await run.press("4")
        table = run.app.query_one(GridTable)
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        assert [str(c.label) for c in table.ordered_columns] == ["Item", "Owner", "Due Date", "Status"]
        assert sum(widths) <= table.scrollable_content_region.width
        assert table.max_scroll_x == 0  # nothing hidden to the right
        due, status = widths[2], widths[3]
        assert due >= len("2026-01-09") and status >= len("Status")


async def test_at_80x24_the_tracker_shows_every_column(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path), size=SMALL) as run:
        await run.press("t")
        screen = run.editor.tracker
        assert screen is not None and run.editor.tracker_shown
        table = screen.table
        assert sum(table.widths) + 2 * len(table.widths) <= table.size.width + 2
        assert inside(screen, "#tracker-table") and inside(screen, "#tracker-stats")


@pytest.mark.parametrize(
    "keys",
    [
        ("ctrl+n",),  # new retro
        ("f1",),  # help
        ("4", "space", "ctrl+q"),  # quit
        ("t", "h"),  # an item's history
    ],
)
async def test_at_80x24_every_dialog_fits(tmp_path: Path, keys: tuple[str, ...]) -> None:
    async with running(copy_sample(tmp_path), size=SMALL) as run:
        await run.press(*keys)
        screen = run.app.screen
        dialog = screen.query_one(".dialog")
        assert dialog.region.right <= SMALL[0] and dialog.region.bottom <= SMALL[1]
        assert dialog.region.x >= 0 and dialog.region.y >= 0


async def test_below_60x20_a_message_instead_of_a_broken_layout(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path, size=(120, 40)) as run:
        await run.press("4", "space")
        await run.pilot.resize_terminal(50, 15)
        await run.settle()
        assert isinstance(run.app.screen, TooSmallScreen)
        assert "too small (50x15)" in str(run.app.screen.query_one("#too-small-message").render())
        await run.pilot.resize_terminal(100, 30)
        await run.settle()
        assert run.app.screen is run.editor
        assert run.editor.editor.modified  # nothing was lost meanwhile
    assert (SAMPLES / "volcano-multi-sprint.md").read_bytes() == path.read_bytes()


async def test_keys_typed_while_the_terminal_is_too_small_wait_and_land_where_typed(tmp_path: Path) -> None:
    path = copy_sample(tmp_path, "volcano-retrospective.md")
    async with running(path, size=(120, 40)) as run:
        await run.press("2", "a", *"before ")
        await run.pilot.resize_terminal(40, 10)
        await run.pilot.pause()
        assert isinstance(run.app.screen, TooSmallScreen)
        await run.pilot.press(*"during ")  # typed blind: held, not dropped
        assert run.app.gate.holding == len("during ")
        await run.pilot.resize_terminal(120, 40)
        await run.settle()
        await run.press(*"after", "enter", "ctrl+s")
    assert "- before during after\n" in read_exact(path)


async def test_a_dialog_opened_while_too_small_leaves_no_message_behind_once_the_window_grows(tmp_path: Path) -> None:
    """The conflicts dialog came up over the message; once the window grew and the dialog was answered, the
    message stayed on screen at full size, and the keys typed went to it."""
    from retrotui.tui.dialogs.merge import MergeDialog

    path = copy_sample(tmp_path)
    async with running(path, size=(120, 40)) as run:
        await run.press("4", "down", "right", "enter", "ctrl+u", *"Mine", "enter")
        await run.pilot.resize_terminal(40, 10)
        await run.settle()
        assert isinstance(run.app.screen, TooSmallScreen)
        their_owner_on_disk(path)
        await run.editor.check_disk()
        await run.settle()
        assert isinstance(run.app.screen, MergeDialog)
        await run.pilot.resize_terminal(120, 40)
        await run.settle()
        await run.press("o")
        assert run.app.screen is run.editor
        await run.press("space", "ctrl+s")
    assert "| Write an on-call handover template | Mine | 2026-01-09 | ☑ |" in read_exact(path)
