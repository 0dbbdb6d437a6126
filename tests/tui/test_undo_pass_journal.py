"""The crash journal when its state folder fails or its file is hostile: the editor goes on, and says so."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from textual.worker import WorkerFailed

from tests.conftest import read_exact
from tests.tui.helpers import TOGGLED_ROW, Running, copy_sample, running


async def settle_through_failures(run: Running) -> None:
    """Let every worker finish; one that failed is left to the editor's own report of it."""
    for _ in range(2):
        with contextlib.suppress(WorkerFailed):
            await run.app.workers.wait_for_complete()
        await run.app.settled()


def unusable_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A state folder nothing can be written in (a file where the folder should be: root can't write there either)."""
    state = tmp_path / "state"
    state.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(state))
    return state


async def test_a_save_with_an_unusable_state_folder_saves_and_the_editor_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save cleared the journal on the UI thread: its NotADirectoryError ended the editor with a traceback."""
    unusable_state_folder(tmp_path, monkeypatch)
    path = copy_sample(tmp_path)
    async with running(path, journal=True) as run:
        await run.pilot.press("4", "space", "ctrl+s")
        await settle_through_failures(run)
        assert TOGGLED_ROW in read_exact(path)
        assert run.app.is_running and run.app.return_code is None
        assert not run.editor.editor.modified


async def test_quitting_with_an_unusable_state_folder_exits_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unusable_state_folder(tmp_path, monkeypatch)
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path, journal=True) as run:
        await run.pilot.press("ctrl+q")
        await settle_through_failures(run)
    assert run.app.return_code == 0 and read_exact(path) == before


async def test_a_journal_that_cannot_be_written_is_said_once_and_truly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each edit's journal write failed with "…Your edits are kept in the crash journal": false, and said per edit."""
    unusable_state_folder(tmp_path, monkeypatch)
    path = copy_sample(tmp_path)
    async with running(path, journal=True) as run:
        await run.pilot.press("4")
        for _ in range(3):  # three edits, each journaled (the last one back to the file as it is: a clear)
            await run.pilot.press("space")
            run.editor.files.journaler.write_journal()
            await settle_through_failures(run)
        journal_notes = [note for note in run.notes if "journal" in note]
        assert len(journal_notes) == 1, run.notes
        [note] = journal_notes
        assert note.startswith("The crash journal cannot be written (") and "Not a directory" in note
        assert note.endswith("a crash now would lose the unsaved edits. ^s saves them to the file.")
        assert not any("kept in the crash journal" in note for note in run.notes)
        await run.pilot.press("ctrl+s")
        await settle_through_failures(run)
    assert TOGGLED_ROW in read_exact(path)
