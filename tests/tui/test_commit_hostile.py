"""ctrl+g where git is in a state of the user's own: the file is saved, their git work is left alone."""

from __future__ import annotations

from pathlib import Path

from retrotui.tui.dialogs.commit import CommitDialog
from tests.conftest import git, init_repo
from tests.test_git_hostile import rebase_in_progress, stopped_rebase
from tests.tui.helpers import copy_sample, running


async def test_ctrl_g_during_the_users_rebase_saves_says_so_and_asks_for_no_message(tmp_path: Path) -> None:
    init_repo(tmp_path)
    path = copy_sample(tmp_path)
    git(tmp_path, "add", path.name)
    git(tmp_path, "commit", "-qm", "start")
    stopped_rebase(tmp_path)
    head = git(tmp_path, "rev-parse", "HEAD")
    before = path.read_bytes()
    async with running(path) as run:
        await run.press("4", "space", "ctrl+g")
        assert not isinstance(run.app.screen, CommitDialog)
        assert not run.editor.editor.modified  # saved
        assert run.notes[-1] == (
            "a rebase is in progress in this repository: finish it (git rebase --continue) or undo it"
            " (git rebase --abort) first; the file is saved but not committed"
        )
    assert path.read_bytes() != before
    assert rebase_in_progress(tmp_path)
    assert git(tmp_path, "rev-parse", "HEAD") == head
