"""While git pulls (and perhaps undoes its rebase, resetting the file), the editor leaves the file to git.

A save, a live write or a look at the disk landing then was undone with the rebase (a save's text erased
from disk with its journal already cleared), or read a merge git was about to take back.  They wait for
the sync to end and happen then.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from retrotui.live.options import LiveOptions
from tests.conftest import read_exact
from tests.tui.helpers import copy_sample, running
from tests.tui.test_live import written

ROW = "| Carry: stabilise preemption tests (from Sprint 2) | @sre-oncall | 2025-12-05 | ☐ |"


async def test_a_save_asked_for_while_git_pulls_is_made_once_it_is_done(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        files = run.editor.files
        files.git._syncing(True)
        await run.press("4", "space", "ctrl+s", "ctrl+s")
        assert read_exact(path) == before and run.editor.editor.modified
        assert run.notes.count("Saving once the sync with the remote is done.") == 1
        path.write_bytes(before.replace("Platform Eng", "Platform Team").encode("utf-8"))  # git's pull
        await run.editor.check_disk()
        await run.settle()
        assert not any("changed on disk" in note for note in run.notes)  # not looked at mid-pull
        files.git._syncing(False)
        await run.settle()
        assert run.notes[-1] == "Saved volcano-multi-sprint.md" and not run.editor.editor.modified
        assert run.notes.count("Saved volcano-multi-sprint.md") == 1  # the two ctrl+s: one write
    saved = read_exact(path)
    assert ROW in saved and "Platform Team" in saved  # the pull's change merged in, the toggle kept


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(folder))
    return folder


async def test_a_live_edit_made_while_git_pulls_is_written_once_it_is_done(tmp_path: Path, state: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path, live=LiveOptions("Ben")) as run:
        run.editor.files.git._syncing(True)
        await run.press("4", "space")
        await written(run)
        await run.press("ctrl+s")
        assert read_exact(path) == before
        assert "Writing once the sync with the remote is done." in run.notes
        run.editor.files.git._syncing(False)
        await written(run)
    assert ROW in read_exact(path)
