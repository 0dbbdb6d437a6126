"""The clumsy user in the editor: pasting, escaping, quitting and undoing at the wrong moment loses nothing unsaid."""

from __future__ import annotations

from pathlib import Path

from textual import events

from retrotui.tui.dialogs.choice import ChoiceDialog
from retrotui.tui.screens.editor import EditorScreen
from tests.conftest import read_exact
from tests.tui.helpers import TOGGLED_ROW, copy_sample, running

PASTED = "line one\nline | two\r\n\nthree"


async def test_lines_pasted_into_a_cell_are_joined_not_dropped(tmp_path: Path) -> None:
    """Textual's field kept the first pasted line and dropped the rest, unsaid: two of three lines lost."""
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "enter", "ctrl+u")  # the item's cell, emptied
        assert run.app.focused is not None
        run.app.focused.post_message(events.Paste(PASTED))
        await run.settle()
        await run.press("enter", "ctrl+s")
    assert "| line one line \\| two three | @sre-oncall | 2025-12-05 | ☑ |" in read_exact(path)


async def test_lines_pasted_into_an_item_are_joined_not_dropped(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("2", "a")
        assert run.app.focused is not None
        run.app.focused.post_message(events.Paste(PASTED))
        await run.settle()
        await run.press("enter", "escape", "ctrl+s")
    assert "- line one line | two three\n" in read_exact(path)


async def test_ctrl_q_pressed_again_asks_once(tmp_path: Path) -> None:
    """Each ctrl+q stacked one more "Save before quitting?": escape then left the same question on screen."""
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        await run.press("4", "space", "ctrl+q", "ctrl+q", "ctrl+q")
        assert [type(screen) for screen in run.app.screen_stack] == [EditorScreen, ChoiceDialog]
        await run.press("escape")
        assert run.app.screen is run.editor and run.app.return_code is None
        await run.press("ctrl+q")
        assert [type(screen) for screen in run.app.screen_stack] == [EditorScreen, ChoiceDialog]
        await run.press("d")
    assert run.app.return_code == 0 and read_exact(path) == before


async def test_ctrl_s_ctrl_q_typed_at_once_quits_after_the_save(tmp_path: Path) -> None:
    """ctrl+q skipped the wait for the save, found the edit not yet saved and asked "Save before quitting?"
    about a file the save then wrote: the editor stayed open behind a question that was no longer true."""
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space")
        for key in ("ctrl+s", "ctrl+q"):  # as a fast typist sends them: both before either is handled
            run.app.post_message(events.Key(key, None))
        await run.settle()
        assert run.notes == ["Saved volcano-multi-sprint.md"]
    assert run.app.return_code == 0 and read_exact(path).count(TOGGLED_ROW) == 2
