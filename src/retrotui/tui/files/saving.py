"""Saving: the text taken on the UI thread, written in a worker; a file gone is written again or elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from retrotui import workflow
from retrotui.workflow import ChangedOnDisk, FileGone, Notice, Saved, SaveFailed, SaveOutcome, SaveRequest

if TYPE_CHECKING:
    from retrotui.tui.files import FileKeeper


class Saving:
    """ctrl+s and everything that can happen on the way to the disk."""

    def __init__(self, keeper: FileKeeper) -> None:
        self.keeper = keeper
        self._after_sync: list[tuple[Callable[[], object] | None, bool]] = []  # saves asked for while git pulled

    def save_now(self) -> None:
        if self.keeper.live is not None:
            self.keeper.live.write_soon()
            return
        self.keeper.screen.commit_pending()
        if not self.keeper.session.needs_save:
            self.keeper.screen.notify("No changes to save.", timeout=2)
            return
        self.save()

    def save(self, then: Callable[[], object] | None = None, overwrite: bool = False) -> None:
        if self.keeper.syncing:
            # git is pulling: a rebase it undoes resets the file, and a save written meanwhile with it.
            if not self._after_sync:
                self.keeper.screen.notify("Saving once the sync with the remote is done.", title="Sync", timeout=4)
            self._after_sync.append((then, overwrite))
            return
        prepared = workflow.prepare_save(self.keeper.session, overwrite)
        if isinstance(prepared, SaveFailed):
            self.keeper.screen.run_worker(self.keeper.show_read_only_banner(), exclusive=False)
            self.keeper.screen.update_title()
            if self.keeper.session.read_only_reason is not None:
                self.offer_elsewhere(then, "Not saved", prepared.message)  # another file may well be writable
            else:
                self.keeper.notify(Notice("Not saved", prepared.message, "error"), timeout=10)
            return
        self.keeper._begin()
        self.keeper._in_worker(partial(workflow.write, prepared), partial(self._saved, prepared, then), "save")

    async def _saved(self, request: SaveRequest, then: Callable[[], object] | None, outcome: SaveOutcome) -> None:
        self.keeper._end()
        if isinstance(outcome, Saved):
            workflow.finish_save(self.keeper.session, request, outcome)
            self.keeper.watcher.gone_noticed = False
            if self.keeper.session.editor.modified:
                self.keeper.journal_dirty = True  # edits made while the save was on its way stay journaled
            else:
                self.keeper.journaler.clear_journal()
            await self.keeper.show_read_only_banner()
            self.keeper.screen.update_title()
            self.keeper.screen.notify(f"Saved {request.path.name}", title="Saved", timeout=3)
            if then is not None:
                then()
        elif isinstance(outcome, ChangedOnDisk):
            self.keeper.watcher.merge_disk_changes(
                then=partial(self.save, then), unreadable=partial(self.unmergeable, then)
            )
        elif isinstance(outcome, FileGone):
            self.ask_where_to_save(outcome.path, then)
        else:
            self.offer_elsewhere(then, "Not saved", outcome.message)

    def sync_done(self) -> None:
        """git has finished with the file: the saves asked for meanwhile are made now, as one write, and
        what each was to be followed by (a quit, a commit) follows it."""
        waiting, self._after_sync = self._after_sync, []
        if not waiting:
            return
        thens = [then for then, _overwrite in waiting if then is not None]

        def follow() -> None:
            for then in thens:
                then()

        self.save(follow if thens else None, overwrite=any(overwrite for _then, overwrite in waiting))

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

        self.keeper.screen.app.push_screen(dialog, answered)

    def unmergeable(self, then: Callable[[], object] | None, reason: str) -> None:
        """The file on disk changed into something that cannot be read (not UTF-8, say): nothing to merge
        the edits into.  It is left as it is; the edits can go to another file."""
        self.offer_elsewhere(
            then,
            f"{self.keeper.name} cannot be merged",
            f"{reason}. Your edits cannot be merged into it, so it is left as it is; nothing was written",
        )

    def offer_elsewhere(self, then: Callable[[], object] | None, title: str, failure: str) -> None:
        """A save that cannot be done here (a read-only file or folder, a full disk, a file turned
        unreadable): say why, and offer another file, so that the edits are not left with nowhere to go
        but the crash journal.  Declined, the failure is said as a notice, as before."""
        from retrotui.tui.dialogs.choice import ChoiceDialog

        dialog = ChoiceDialog(
            title,
            f"{failure}. Your edits are still here: save them elsewhere?",
            [("elsewhere", "Save elsewhere…", "e"), ("cancel", "Cancel", "c")],
        )

        def answered(answer: str | None) -> None:
            if answer == "elsewhere":
                self.ask_for_path(then)
            else:
                self.keeper.notify(Notice("Not saved", f"{failure}.", "error"), timeout=10)

        self.keeper.screen.app.push_screen(dialog, answered)

    def ask_for_path(self, then: Callable[[], object] | None) -> None:
        from retrotui.tui.dialogs.save_as import SaveAsDialog

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            self.keeper.session.path = path
            self.keeper.session.stamp = None
            self.save(then, overwrite=True)

        self.keeper.screen.app.push_screen(SaveAsDialog(self.keeper.session.path), chosen)
