"""The editor's file: saving, the disk watch, the crash journal, commit and sync, quitting.

``retrotui.workflow`` decides; this presents.  Disk and git work runs in worker
threads, and the UI thread only takes the document's text before and swaps
the result in after.  While a save or a merge is under way the key gate holds
the keys, so ``ctrl+s`` then ``ctrl+q`` quits after the save, and nothing
typed meanwhile is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

from retrotui import workflow
from retrotui.workflow import (
    ChangedOnDisk,
    DiskLook,
    FileGone,
    Notice,
    Saved,
    SaveFailed,
    SaveOutcome,
    SaveRequest,
)

if TYPE_CHECKING:
    from retrotui.journal import Journal
    from retrotui.merge import MergeResult
    from retrotui.session import Session
    from retrotui.store import FileStamp
    from retrotui.tui.screens.editor import EditorScreen


class FileKeeper:
    """Everything between the editor and the file on disk, for one editor screen."""

    def __init__(self, screen: EditorScreen, *, watch_file: bool, journal: bool, sync: str | None) -> None:
        self.screen = screen
        self.watch_file = watch_file
        self.journal = journal
        self._sync = sync  # "off", "pull" or "pull-push" from the command line; else the setting
        self.busy = 0  # saves and merges under way: keys wait for them
        self.syncing = False
        self.journal_dirty = False
        self._journaled: str | None = None
        self._typing: tuple[tuple[str, str], ...] = ()
        self._merging = False
        self._declined: FileStamp | None = None
        self._gone_noticed = False

    @property
    def session(self) -> Session:
        return self.screen.session

    @property
    def saving(self) -> bool:
        return self.busy > 0

    @property
    def name(self) -> str:
        return self.session.path.name

    def notify(self, notice: Notice, timeout: float = 5) -> None:
        self.screen.notify(notice.message, title=notice.title, severity=notice.severity, timeout=timeout)

    def _begin(self) -> None:
        self.busy += 1

    def _end(self) -> None:
        self.busy -= 1
        if self.busy == 0:
            self.screen.services.keys_may_flow()

    def _in_worker(self, work: Callable[[], Any], done: Callable[[Any], Any], group: str) -> None:
        """Run ``work`` in a thread; ``done`` gets its result on the UI thread."""

        def run() -> None:
            result = work()
            # Through the screen's queue, so the result is taken between two of its messages.
            self.screen.app.call_from_thread(self.screen.call_later, done, result)

        self.screen.run_worker(run, thread=True, group=group, exit_on_error=False)

    # -- start ------------------------------------------------------------------------------

    def start_watching(self) -> None:
        if self.watch_file:
            self.screen.set_interval(1.0, self.check_disk, name="watch")
        if self.journal:
            self.screen.set_interval(0.5, self.write_journal, name="journal")
            self.offer_restore()

    async def show_read_only_banner(self) -> None:
        """A banner while the file cannot be written; it goes once a save succeeds."""
        reason = self.session.read_only_reason
        found = self.screen.query("#read-only-banner")
        if reason and not found:
            banner = Static(
                Text(f"Read-only: {reason}. Edits cannot be saved until that changes.", style="bold"),
                id="read-only-banner",
            )
            await self.screen.mount(banner, before=self.screen.query_one("#main"))
        elif not reason and found:
            await found.remove()

    # -- saving --------------------------------------------------------------------------------

    def save_now(self) -> None:
        self.screen.commit_pending()
        if not self.session.needs_save:
            self.screen.notify("No changes to save.", timeout=2)
            return
        self.save()

    def save(self, then: Callable[[], object] | None = None, overwrite: bool = False) -> None:
        prepared = workflow.prepare_save(self.session, overwrite)
        if isinstance(prepared, SaveFailed):
            self.notify(Notice("Not saved", prepared.message, "error"), timeout=10)
            self.screen.run_worker(self.show_read_only_banner(), exclusive=False)
            self.screen.update_title()
            return
        self._begin()
        self._in_worker(partial(workflow.write, prepared), partial(self._saved, prepared, then), "save")

    async def _saved(self, request: SaveRequest, then: Callable[[], object] | None, outcome: SaveOutcome) -> None:
        self._end()
        if isinstance(outcome, Saved):
            workflow.finish_save(self.session, request, outcome)
            self._gone_noticed = False
            if self.session.editor.modified:
                self.journal_dirty = True  # edits made while the save was on its way stay journaled
            else:
                self.clear_journal()
            await self.show_read_only_banner()
            self.screen.update_title()
            self.screen.notify(f"Saved {request.path.name}", title="Saved", timeout=3)
            if then is not None:
                then()
        elif isinstance(outcome, ChangedOnDisk):
            self.merge_disk_changes(then=partial(self.save, then))
        elif isinstance(outcome, FileGone):
            self.ask_where_to_save(outcome.path, then)
        else:
            self.notify(Notice("Not saved", outcome.message, "error"), timeout=10)

    def ask_where_to_save(self, path: Path, then: Callable[[], object] | None) -> None:
        """The file was moved or deleted: write it again where it was, or somewhere else."""
        from retrotui.tui.dialogs.choice import ChoiceDialog

        dialog = ChoiceDialog(
            f"{path.name} is gone",
            f"{path} was moved or deleted while it was open. Write it again there, or save it elsewhere?",
            [("recreate", "Recreate it", "r"), ("elsewhere", "Save elsewhere…", "e"), ("cancel", "Cancel", "c")],
        )

        def answered(answer: str | None) -> None:
            if answer == "recreate":
                self.save(then, overwrite=True)
            elif answer == "elsewhere":
                self.ask_for_path(then)

        self.screen.app.push_screen(dialog, answered)

    def ask_for_path(self, then: Callable[[], object] | None) -> None:
        from retrotui.tui.dialogs.save_as import SaveAsDialog

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            self.session.path = path
            self.session.stamp = None
            self.save(then, overwrite=True)

        self.screen.app.push_screen(SaveAsDialog(self.session.path), chosen)

    # -- someone else's changes ----------------------------------------------------------------

    async def check_disk(self) -> None:
        """The once-a-second look at the file: reload when nothing is unsaved, else merge."""
        if not self.screen.is_open or self._merging or self.busy:
            return
        session = self.session
        state = session.editor.state
        modified = session.editor.modified
        look = partial(workflow.look_at_disk, session.path, session.stamp, not modified)
        self._in_worker(look, partial(self._looked, state, modified), "watch")

    async def _looked(self, state: int, modified: bool, look: DiskLook) -> None:
        if look.kind == "gone":
            if not self._gone_noticed:
                self._gone_noticed = True
                keys = self.screen.services.keys("app.save")
                self.notify(
                    Notice(
                        "File gone",
                        f"{self.name} was moved or deleted. Your work is still here: {keys} writes it again "
                        "or saves it elsewhere.",
                        "warning",
                    ),
                    timeout=12,
                )
            return
        self._gone_noticed = False
        if look.kind == "unreadable":
            self.notify(Notice("Not reloaded", look.message, "error"), timeout=10)
            return
        if look.kind == "same":
            return
        editor = self.session.editor
        if editor.state != state or editor.modified != modified or self.busy or self._merging:
            return  # something changed meanwhile; the next look decides again
        if not modified:
            stamp = look.stamp

            def reload() -> None:
                workflow.adopt(self.session, look.text, stamp, look.text, look.document)

            await self.screen.replace_document_keeping_view(reload)
            self.journal_dirty = True
            self.screen.notify(f"{self.name} changed on disk; reloaded.", title="Reloaded", timeout=4)
            return
        if self._declined is not None and look.stamp == self._declined:
            return
        self.merge_disk_changes()

    def merge_disk_changes(self, then: Callable[[], object] | None = None) -> None:
        """Merge the version on disk (theirs) into the edits (ours); ask about conflicts."""
        from retrotui.markdown import dumps
        from retrotui.store import StoreError, read_text

        session = self.session
        ours = dumps(session.editor.doc)
        base = session.base_text
        path = session.path

        def work() -> tuple[MergeResult, str, FileStamp] | StoreError:
            try:
                theirs, stamp = read_text(path)
            except StoreError as error:
                return error
            return workflow.merge_texts(base, ours, theirs), theirs, stamp

        self._begin()
        self._in_worker(work, partial(self._merged, then), "merge")

    async def _merged(
        self, then: Callable[[], object] | None, found: tuple[MergeResult, str, FileStamp] | Exception
    ) -> None:
        self._end()
        if isinstance(found, Exception):
            self.notify(Notice("Not merged", str(found), "error"), timeout=10)
            return
        result, theirs, stamp = found

        async def adopt() -> None:
            await self.screen.replace_document_keeping_view(
                lambda: workflow.adopt(self.session, result.text(), stamp, theirs)
            )
            self._declined = None
            self.journal_dirty = True
            count = len(result.conflicts)
            settled = f", {count} conflict{'s' if count != 1 else ''} settled" if count else ""
            self.screen.notify(f"Merged the changes on disk into your edits{settled}.", title="Merged", timeout=5)
            if then is not None:
                then()

        if result.clean:
            await adopt()
            return
        from retrotui.tui.dialogs.merge import MergeDialog

        self._merging = True

        async def decided(accepted: bool | None) -> None:
            self._merging = False
            if accepted:
                await adopt()
                return
            self._declined = stamp
            keys = self.screen.services.keys("app.save")
            self.notify(
                Notice("Not merged", f"Merge cancelled; nothing was written. {keys} will ask again."), timeout=6
            )

        self.screen.app.push_screen(MergeDialog(result, self.name), decided)

    # -- the crash journal -----------------------------------------------------------------------

    def write_journal(self) -> None:
        """Keep unsaved edits, typing in progress included, on disk within a second.

        The text is taken here; the file is written in a worker so typing never waits on the disk.
        """
        if not self.journal or not self.screen.is_open:
            return
        pending = self.screen.pending_edits()
        typing = tuple((edit.where, edit.value) for edit in pending)
        if not self.journal_dirty and typing == self._typing:
            return
        self.journal_dirty = False
        self._typing = typing
        text = workflow.journal_text(self.session, pending)
        if text == self._journaled:
            return
        self._journaled = text
        store = partial(workflow.store_journal, self.session.path, self.session.base_text, text)
        self._in_worker(store, lambda _: None, "journal")

    def clear_journal(self) -> None:
        if self.journal:
            workflow.store_journal(self.session.path, "", None)
            self._journaled = None

    def offer_restore(self) -> None:
        """After a crash: offer the unsaved edits found in the journal."""
        from retrotui.tui.dialogs.choice import ChoiceDialog

        found = workflow.find_unsaved(self.session)
        if found is None:
            return
        dialog = ChoiceDialog(
            "Unsaved edits found",
            f"{self.name} has edits from {found.age_text} that were never saved "
            "(a crash or a closed terminal). Restore them into the file as it is now?",
            [("restore", "Restore", "r"), ("discard", "Discard them", "d")],
        )
        self.screen.app.push_screen(dialog, partial(self._restore_answer, found))

    async def _restore_answer(self, found: Journal, answer: str | None) -> None:
        if answer != "restore":
            self.clear_journal()
            return
        result = workflow.merge_unsaved(found, self.session)
        disk, stamp = self.session.base_text, self.session.stamp

        async def adopt() -> None:
            await self.screen.replace_document_keeping_view(
                lambda: workflow.adopt(self.session, result.text(), stamp, disk)
            )
            self.journal_dirty = True
            keys = self.screen.services.keys("app.save")
            self.screen.notify(f"Your unsaved edits are back. {keys} saves them.", title="Restored", timeout=6)

        if result.clean:
            await adopt()
            return
        from retrotui.tui.dialogs.merge import MergeDialog

        async def decided(accepted: bool | None) -> None:
            if accepted:
                await adopt()

        self.screen.app.push_screen(MergeDialog(result, self.name), decided)

    # -- commit and sync ---------------------------------------------------------------------------

    @property
    def sync(self) -> str:
        return self._sync or self.screen.services.settings().sync

    def cycle_sync(self) -> None:
        self._sync = workflow.next_sync_mode(self.sync)
        self.screen.notify(f"Sync {self.sync}: {workflow.SYNC_EXPLAINED[self.sync]}.", title="Sync", timeout=4)

    def save_and_commit(self) -> None:
        self.screen.commit_pending()
        if self.session.needs_save:
            self.save(then=self.ask_commit_message)
        else:
            self.ask_commit_message()

    def ask_commit_message(self) -> None:
        """Nothing to commit (or no repository, or no git) is said before any message is asked for."""
        path = self.session.path
        self._in_worker(partial(workflow.commit_status, path), self._commit_status, "git")

    def _commit_status(self, problem: Notice | None) -> None:
        if problem is not None:
            self.notify(problem, timeout=8)
            return
        from retrotui.session import commit_message
        from retrotui.tui.dialogs.commit import CommitDialog

        current = self.screen.current
        retro = current if current is not None and not current.is_template else None
        if retro is None:
            retro = self.session.doc.latest_retro()
        message = commit_message(retro, self.session.path, self.screen.services.settings().commit_message)
        self.screen.app.push_screen(CommitDialog(message, self.name), self._commit_answer)

    def _commit_answer(self, message: str | None) -> None:
        if not message:
            return
        path, sync = self.session.path, self.sync

        def work() -> None:
            def report(notice: Notice) -> None:
                self.screen.app.call_from_thread(self.notify, notice, 10 if notice.severity != "information" else 5)
                if notice.title == "Committed" and sync != "off":
                    self.screen.app.call_from_thread(self._syncing, True)

            try:
                workflow.commit_and_sync(path, message, sync, report)
            finally:
                self.screen.app.call_from_thread(self._syncing, False)

        self.screen.run_worker(work, thread=True, group="git", exclusive=True, exit_on_error=False)

    def _syncing(self, busy: bool) -> None:
        """The progress indicator: a spinner in the header while git talks to the remote."""
        self.syncing = busy
        self.screen.update_title()

    # -- quitting ------------------------------------------------------------------------------------

    def quit(self) -> None:
        app = self.screen.app
        if not self.screen.is_open:
            app.exit()
            return
        self.screen.commit_pending()
        if not self.session.editor.modified:
            self.clear_journal()
            app.exit()
            return
        from retrotui.tui.dialogs.choice import quit_dialog

        app.push_screen(quit_dialog(self.name), self._quit_answer)

    def _quit_answer(self, answer: str | None) -> None:
        if answer == "save":
            self.save(then=self.screen.app.exit)
        elif answer == "discard":
            self.clear_journal()
            self.screen.app.exit()
