"""ctrl+g where git is in a state of the user's own: the file is saved, their git work is left alone."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input

from retrotui.tui.dialogs.commit import CommitDialog
from tests.conftest import git, init_repo
from tests.test_git_hostile import install_hook, rebase_in_progress, stopped_rebase
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


async def test_a_hooks_brackets_are_shown_as_text_and_never_end_the_editor(tmp_path: Path) -> None:
    """Notifications went to Textual as markup (``Widget.notify`` passes ``markup=True``): a hook's
    ``[ERROR]`` vanished from the message and a ``[link=http://…]`` ended the editor with a MarkupError."""
    from textual.widgets._toast import Toast

    from tests.tui.helpers import make_app

    init_repo(tmp_path)
    path = copy_sample(tmp_path)
    git(tmp_path, "add", path.name)
    git(tmp_path, "commit", "-qm", "start")
    hook = tmp_path / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho '[ERROR] no owner, see [link=http://evil.example]x[/link]' >&2\nexit 1\n")
    hook.chmod(0o755)
    app = make_app(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("4", "space", "ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CommitDialog)
        app.screen.query_one(Input).value = "retro"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any(
            "git commit failed: [ERROR] no owner, see [link=http://evil.example]x[/link]" in text for text in shown
        ), shown
    assert app.return_code in (None, 0)


async def test_ctrl_g_while_git_is_still_committing_says_so_and_commits_once(tmp_path: Path) -> None:
    """A second ctrl+g while git was still at the first commit asked for a message again and ran a
    second commit beside the first (which failed on git's index lock, or committed twice)."""
    init_repo(tmp_path)
    path = copy_sample(tmp_path)
    git(tmp_path, "add", path.name)
    git(tmp_path, "commit", "-qm", "start")
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    # Held open for writing here, so the hook's read waits for the line the test writes, and no longer.
    held = os.open(gate, os.O_RDWR)
    install_hook(tmp_path, "pre-commit", f"#!/bin/sh\nread go < '{gate}'\n")
    try:
        async with running(path) as run:
            await run.press("4", "space", "ctrl+g")
            assert isinstance(run.app.screen, CommitDialog)
            run.app.screen.query_one(Input).value = "retro"
            await run.pilot.press("enter")  # the commit starts; its hook waits at the gate
            await run.pilot.press("ctrl+g")
            await run.app.settled()
            os.write(held, b"go\n")
            await run.settle()
            assert not isinstance(run.app.screen, CommitDialog)
            assert "A commit is under way: ctrl+g again when it is done (the file is saved)." in run.notes
            assert run.notes[-1].endswith(" retro"), run.notes  # the commit, said once
    finally:
        os.write(held, b"go\ngo\n")  # never leave a hook waiting
        os.close(held)
    assert git(tmp_path, "rev-list", "--count", "HEAD").strip() == "2"
