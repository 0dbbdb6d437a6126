"""The crash journal when its state folder fails or its file is hostile: the editor goes on, and says so."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input
from textual.worker import WorkerFailed

from retrotui.tui.dialogs.choice import ChoiceDialog
from retrotui.tui.dialogs.merge import MergeDialog
from tests.conftest import TODAY, read_exact
from tests.tui.helpers import TOGGLED_ROW, Running, copy_sample, running

# The toggled row is also in Sprint 3 as the file has it: toggled in Sprint 4, the file holds it twice.


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
        assert read_exact(path).count(TOGGLED_ROW) == 2
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
    assert read_exact(path).count(TOGGLED_ROW) == 2


# -- a journal that is corrupt, hostile or from another version --------------------------------------


def journal_record(path: Path, state: Path, **fields: object) -> Path:
    """A journal for ``path`` whose record has ``fields`` in place of a good journal's."""
    from retrotui.journal import journal_path

    text = read_exact(path)
    record = {"path": str(path.resolve()), "base_text": text, "text": text.replace("| Ops |", "| Mine |")}
    record.update({"written_at": 1_700_000_000.0, **fields})
    target = journal_path(path, state)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(record), encoding="utf-8")
    return target


@pytest.mark.parametrize("written_at", [1e300, float("inf"), "2026-11-28T21:00:00Z", None])
async def test_a_journal_whose_time_is_not_one_is_still_offered(
    written_at: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A time out of the clock's range ended the editor as it opened (OverflowError in the offer's text)."""
    state = tmp_path / "state"
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(state))
    path = copy_sample(tmp_path)
    target = journal_record(path, state, written_at=written_at)
    os.utime(target, (1_700_000_000, 1_700_000_000))
    async with running(path, journal=True) as run:
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press("r")
        await run.press("ctrl+s")
    assert "| Mine |" in read_exact(path)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda good: good[: len(good) // 2], id="truncated"),
        pytest.param(
            lambda good: good.replace('"base_text": "', '"base_text": ["', 1).replace('", "text"', '"], "text"', 1),
            id="a list for a text",
        ),
        pytest.param(lambda good: "[" * 100_000, id="nested deeper than the parser goes"),
        pytest.param(lambda good: "[1, 2]", id="not a record"),
    ],
)
async def test_an_unreadable_journal_is_kept_aside_and_said_not_deleted_unseen(
    content: Callable[[str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read as no journal, then deleted by the next quit: the only copy of the edits, gone without a word.
    (A list for a text was restored as its Python repr, merged into the file.)"""
    state = tmp_path / "state"
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(state))
    path = copy_sample(tmp_path)
    before = read_exact(path)
    target = journal_record(path, state)
    bad = content(target.read_text(encoding="utf-8"))
    target.write_text(bad, encoding="utf-8")
    async with running(path, journal=True) as run:
        assert not isinstance(run.app.screen, ChoiceDialog)
        [kept] = (state / "set-aside").iterdir()
        assert kept.read_text(encoding="utf-8") == bad
        [note] = [note for note in run.notes if "crash journal" in note]
        assert note.startswith("A crash journal of volcano-multi-sprint.md could not be read (")
        assert note.endswith(f"so nothing was restored from it. It is kept, as it was, in {kept}.")
        assert not run.editor.editor.modified
        await run.press("ctrl+q")
    assert read_exact(path) == before and kept.read_text(encoding="utf-8") == bad


async def test_edits_saved_elsewhere_are_not_offered_back_when_the_first_file_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The journal of the file as first opened stayed after "save elsewhere": opening that file again
    offered the saved edits back as a crash's unsaved ones."""
    from retrotui.journal import journal_path

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    copy = tmp_path / "copy.md"
    async with running(path, journal=True) as run:
        await run.press("4", "space")
        run.editor.files.journaler.write_journal()
        await run.settle()
        assert journal_path(path).exists()
        path.rename(tmp_path / "away.md")  # a checkout of a branch without it, say
        await run.press("ctrl+s", "e")
        run.app.screen.query_one(Input).value = str(copy)
        await run.press("enter")
        assert run.notes[-1] == "Saved copy.md"
        await run.press("ctrl+q")
    assert read_exact(copy).count(TOGGLED_ROW) == 2
    assert not journal_path(path).exists() and not journal_path(copy).exists()
    (tmp_path / "away.md").rename(path)
    async with running(path, journal=True) as run:
        assert not isinstance(run.app.screen, ChoiceDialog)


@pytest.mark.parametrize("conflicting", [False, True], ids=["on the offer", "on the conflicts"])
async def test_ctrl_q_while_unsaved_edits_are_offered_back_keeps_them_for_next_time(
    conflicting: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing was changed yet, so quitting cleared the journal: the offered edits were deleted, unsaid."""
    from retrotui.journal import journal_path, write_journal

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    mine = read_exact(path).replace("| Ops |", "| Mine |")
    write_journal(path, read_exact(path), mine)
    if conflicting:  # the same cell changed on disk since
        path.write_bytes(read_exact(path).replace("| Ops |", "| Theirs |").encode("utf-8"))
    before = read_exact(path)
    async with running(path, journal=True) as run:
        assert isinstance(run.app.screen, ChoiceDialog)
        if conflicting:
            await run.press("r")
            assert isinstance(run.app.screen, MergeDialog)
        await run.press("ctrl+q")
    assert run.app.return_code == 0 and read_exact(path) == before
    assert journal_path(path).exists()
    async with running(path, journal=True) as run:
        assert isinstance(run.app.screen, ChoiceDialog)  # offered again
        await run.press("r")
        if conflicting:
            assert isinstance(run.app.screen, MergeDialog)
            return
        await run.press("ctrl+s")
    assert "| Mine |" in read_exact(path) and not journal_path(path).exists()


async def test_a_second_editor_of_the_file_leaves_the_first_ones_journal_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second editor offered the first one's unsaved edits back as a crash's, wrote its own over
    them, and deleted them when it quit: the first editor's crash then lost them."""
    from retrotui.journal import journal_path, read_journal

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    async with running(path, journal=True) as first:
        await first.press("4", "space")
        first.editor.files.journaler.write_journal()
        await first.settle()
        journaled = read_journal(path)
        assert journaled is not None
        async with running(path, journal=True) as second:
            assert not isinstance(second.app.screen, ChoiceDialog)
            assert second.notes == [
                "volcano-multi-sprint.md is open in another retrotui on this machine, which keeps its crash "
                "journal. Edits made here are not journaled: a crash would lose them. ^s saves them to the file."
            ]
            await second.press("3", "a", *"second's idea", "enter")
            second.editor.files.journaler.write_journal()
            await second.settle()
            await second.press("ctrl+q", "d")
        assert second.app.return_code == 0
        assert read_journal(path) == journaled
    # The first editor ends as a crash would: its journal is offered to the next editor of the file.
    assert journal_path(path).exists()
    async with running(path, journal=True) as third:
        assert isinstance(third.app.screen, ChoiceDialog)


@pytest.mark.parametrize("emptied", [False, True], ids=["deleted", "emptied"])
async def test_edits_restored_after_the_file_was_deleted_come_back_whole(
    emptied: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merged into a missing file (nothing), only the conflicting parts were left: "take mine" on each
    gave back a third of the file, said to be "your unsaved edits", and ctrl+s wrote that."""
    from retrotui.journal import write_journal
    from retrotui.markdown import dumps

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    mine = read_exact(path).replace("| Ops |", "| Mine |")
    write_journal(path, read_exact(path), mine)
    if emptied:
        path.write_bytes(b"")
    else:
        path.unlink()
    async with running(path, journal=True) as run:
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press("r")
        assert run.app.screen is run.editor and "Your unsaved edits are back. ^s saves them." in run.notes
        assert dumps(run.editor.editor.doc) == mine
        await run.press("ctrl+s")
    last_updated = f"**Last Updated:** {TODAY.isoformat()}"
    assert read_exact(path) == mine.replace("**Last Updated:** 2025-12-12", last_updated)
