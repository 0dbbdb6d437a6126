"""Save and commit, then sync: nothing to commit is said before a message is asked for."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from retrotui import workflow
from retrotui.workflow import Notice

if TYPE_CHECKING:
    from retrotui.tui.files import FileKeeper


class GitFlow:
    """ctrl+g: save, ask for the message, commit in a worker, pull and push when sync is on."""

    def __init__(self, keeper: FileKeeper) -> None:
        self.keeper = keeper
        self._sync: str | None = None
        # "asking" while the message dialog is open, "committing" while git works: one commit at a time
        # (a second ctrl+g used to ask again and run a second commit beside the first).
        self._under_way: str | None = None

    @property
    def sync(self) -> str:
        return self._sync or self.keeper.screen.services.settings().sync

    def cycle_sync(self) -> None:
        self._sync = workflow.next_sync_mode(self.sync)
        self.keeper.screen.notify(f"Sync {self.sync}: {workflow.SYNC_EXPLAINED[self.sync]}.", title="Sync", timeout=4)

    def save_and_commit(self) -> None:
        self.keeper.screen.commit_pending()
        if self.keeper.live is not None:
            self.keeper.live.write_then(self.ask_commit_message)
        elif self.keeper.session.needs_save:
            self.keeper.saver.save(then=self.ask_commit_message)
        else:
            self.ask_commit_message()

    def ask_commit_message(self) -> None:
        """Nothing to commit (or no repository, or no git) is said before any message is asked for."""
        if self._under_way == "committing":
            self.keeper.screen.notify(
                "A commit is under way: ctrl+g again when it is done (the file is saved).", title="Commit", timeout=5
            )
            return
        path = self.keeper.session.path
        self.keeper._in_worker(partial(workflow.commit_status, path), self._commit_status, "git")

    def _commit_status(self, problem: Notice | None) -> None:
        if self._under_way is not None:
            return  # a second ctrl+g before the first's dialog opened: that one dialog is enough
        if problem is not None:
            self.keeper.notify(problem, timeout=8)
            return
        from retrotui.session import commit_message
        from retrotui.tui.dialogs.commit import CommitDialog

        current = self.keeper.screen.current
        retro = current if current is not None and not current.is_template else None
        if retro is None:
            retro = self.keeper.session.doc.latest_retro()
        message = commit_message(retro, self.keeper.session.path, self.keeper.screen.services.settings().commit_message)
        self._under_way = "asking"
        self.keeper.screen.app.push_screen(CommitDialog(message, self.keeper.name), self._commit_answer)

    def _commit_answer(self, message: str | None) -> None:
        if not message:
            self._under_way = None
            return
        self._under_way = "committing"
        path, sync = self.keeper.session.path, self.sync

        def work() -> None:
            def report(notice: Notice) -> None:
                self.keeper.screen.app.call_from_thread(
                    self.keeper.notify, notice, 10 if notice.severity != "information" else 5
                )
                if notice.title == "Committed" and sync != "off":
                    self.keeper.screen.app.call_from_thread(self._syncing, True)

            try:
                workflow.commit_and_sync(path, message, sync, report)
            finally:
                self.keeper.screen.app.call_from_thread(self._done)

        self.keeper.screen.run_worker(work, thread=True, group="git", exclusive=True, exit_on_error=False)

    def _done(self) -> None:
        self._under_way = None
        self._syncing(False)

    def _syncing(self, busy: bool) -> None:
        """The progress indicator: a spinner in the header while git talks to the remote."""
        self.keeper.syncing = busy
        self.keeper.screen.update_title()
        if not busy:
            self.keeper.saver.sync_done()
