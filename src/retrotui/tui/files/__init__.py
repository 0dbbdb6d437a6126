"""The editor's file: saving, the disk watch, the crash journal, commit and sync, quitting.

``retrotui.workflow`` decides; these present.  Disk and git work runs in worker
threads, and the UI thread only takes the document's text before and swaps
the result in after.  While a save or a merge is under way the key gate holds
the keys, so ``ctrl+s`` then ``ctrl+q`` quits after the save, and nothing
typed meanwhile is lost.  One part per job: ``saving``, ``watching``,
``journaling``, ``committing``; the ``FileKeeper`` holds what they share.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

from retrotui.tui.files.committing import GitFlow
from retrotui.tui.files.journaling import JournalKeeper
from retrotui.tui.files.saving import Saving
from retrotui.tui.files.watching import DiskWatch
from retrotui.workflow import Notice

if TYPE_CHECKING:
    from retrotui.live.options import LiveOptions
    from retrotui.session import Session
    from retrotui.tui.files.live import LiveKeeper
    from retrotui.tui.screens.editor import EditorScreen


class FileKeeper:
    """Everything between the editor and the file on disk, for one editor screen."""

    def __init__(
        self,
        screen: EditorScreen,
        *,
        watch_file: bool,
        journal: bool,
        sync: str | None,
        live: LiveOptions | None = None,
    ) -> None:
        self.screen = screen
        self.live_options = live
        self.watch_file = watch_file
        # A follower edits nothing: nothing to journal, and nobody's journal to offer back.
        self.journal_on = journal and not (live is not None and live.view_only)
        self.busy = 0  # saves and merges under way: keys wait for them
        # git pulls (rebasing, perhaps undoing its rebase): the file on disk is git's until it is done, so
        # saves, live writes and looks at the disk wait (a save landing then was undone with the rebase).
        self.syncing = False
        self.journal_dirty = False
        self.saver = Saving(self)
        self.watcher = DiskWatch(self)
        self.journaler = JournalKeeper(self)
        self.git = GitFlow(self)
        self.git._sync = sync  # "off", "pull" or "pull-push" from the command line; else the setting
        self.live: LiveKeeper | None = None  # made when the document is on screen, in a live session
        self._asking_to_quit = False  # the quit dialog is open

    @property
    def session(self) -> Session:
        return self.screen.session

    @property
    def saving(self) -> bool:
        return self.busy > 0

    @property
    def name(self) -> str:
        return self.session.path.name

    @property
    def sync(self) -> str:
        return self.git.sync

    def header(self, branch: str | None, fallback_name: str) -> tuple[str, str]:
        """The header's title and details for the file as it is now."""
        details = ["⟳ syncing…"] if self.syncing else []
        if branch:
            details.append(f"⎇ {branch}")
        if not self.screen.has_document:
            return fallback_name, " · ".join([*details, "reading the file…"])
        session = self.session
        name = session.path.name
        unwritten = session.editor.modified or session.is_new
        if self.live is not None:
            unwritten = self.live.unwritten()
        title = f"{name} ●" if unwritten else name
        details += ["read-only"] if session.read_only_reason else []
        details += self.live.header_details() if self.live is not None else []
        details += ["new file"] if session.is_new else []
        return title, " · ".join(details)

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

    def start_watching(self) -> None:
        if self.live_options is not None:
            self.session.journal_owner = self.live_options.name  # each participant's own journal
            from retrotui.tui.files.live import LiveKeeper

            # A live session watches the file and the room itself, and writes every finished edit.
            live = LiveKeeper(self, self.live_options)
            try:
                live.start()
            except OSError as error:
                # No room to meet in (the state folder cannot be written): an editor of its own, said so.
                self.notify(
                    Notice(
                        "Not live",
                        f"The live session could not start: {live.room.folder}: {error.strerror or error}. "
                        f"This editor saves with {self.screen.services.keys('app.save')} and merges the others' "
                        "saves, as without --live.",
                        "error",
                    ),
                    timeout=20,
                )
            else:
                self.live = live
                self.screen.update_title()
        if self.live is None and self.watch_file:
            self.screen.set_interval(1.0, self.watcher.check_disk, name="watch")
        if self.journal_on and self.journaler.start():
            self.screen.set_interval(0.5, self.journaler.write_journal, name="journal")
            self.journaler.offer_restore()

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

    # -- failures ----------------------------------------------------------------------------------

    def worker_failed(self, error: BaseException) -> None:
        """The one place for a worker's unexpected failure: say it, keep the edits, carry on."""
        screen = self.screen
        if screen.app.return_code is not None:
            return
        screen.notify(
            f"{type(error).__name__}: {error}. Your edits are kept in the crash journal.",
            title="Something went wrong",
            severity="error",
            timeout=15,
        )
        if screen.is_open:
            self.journal_now()

    def journal_now(self) -> None:
        self.journal_dirty = True
        self.journaler.write_journal()

    # -- quitting ------------------------------------------------------------------------------------

    def quit(self) -> None:
        app = self.screen.app
        if not self.screen.is_open:
            app.exit()
            return
        if self.screen.holds_unkept_typing("quitting"):
            return
        live = self.live
        if live is not None and live.can_finish():
            # Every finished edit is written for everyone: the last one is written, then the editor leaves.
            def leave() -> None:
                live.leave()
                self.journaler.clear_journal()
                app.exit()

            live.write_then(leave)
            return
        if not self.session.editor.modified:
            self.journaler.clear_journal()
            app.exit()
            return
        if self._asking_to_quit:
            return  # ctrl+q again while the question is open: it is still the one question
        from retrotui.tui.dialogs.choice import quit_dialog

        self._asking_to_quit = True
        app.push_screen(quit_dialog(self.name), self._quit_answer)

    def _quit_answer(self, answer: str | None) -> None:
        self._asking_to_quit = False
        if answer == "save":
            self.saver.save(then=self.screen.app.exit)
        elif answer == "discard":
            self.journaler.clear_journal()
            self.screen.app.exit()
