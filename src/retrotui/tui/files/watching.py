"""The once-a-second look at the file: reload when nothing is unsaved, merge when something is."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from retrotui import workflow
from retrotui.workflow import DiskLook, Notice

if TYPE_CHECKING:
    from retrotui.merge import MergeResult
    from retrotui.store import FileStamp
    from retrotui.tui.files import FileKeeper


class DiskWatch:
    """Someone else's changes, noticed and merged or reloaded, keeping the view."""

    def __init__(self, keeper: FileKeeper) -> None:
        self.keeper = keeper
        self.merging = False
        self._declined: FileStamp | None = None
        self._waiting_for: FileStamp | None = None  # a disk version told about while the user types
        self.gone_noticed = False
        self._unreadable_said: str | None = None
        self._after_merge: list[Callable[[], object]] = []  # asked for while the conflicts dialog was open

    async def check_disk(self) -> None:
        """The once-a-second look at the file: reload when nothing is unsaved, else merge."""
        if not self.keeper.screen.is_open or self.merging or self.keeper.busy or self.keeper.syncing:
            return  # (while git pulls, the file may hold a merge it is about to undo)
        session = self.keeper.session
        state = session.editor.state
        modified = session.editor.modified
        look = partial(workflow.look_at_disk, session.path, session.stamp, not modified)
        self.keeper._in_worker(look, partial(self._looked, state, modified), "watch")

    async def _looked(self, state: int, modified: bool, look: DiskLook) -> None:
        if look.kind == "gone":
            if not self.gone_noticed:
                self.gone_noticed = True
                keys = self.keeper.screen.services.keys("app.save")
                self.keeper.notify(
                    Notice(
                        "File gone",
                        f"{self.keeper.name} was moved or deleted. Your work is still here: {keys} writes it again "
                        "or saves it elsewhere.",
                        "warning",
                    ),
                    timeout=12,
                )
            return
        self.gone_noticed = False
        if look.kind == "unreadable":
            if look.message != self._unreadable_said:  # said once, not every second
                self._unreadable_said = look.message
                self.keeper.notify(Notice("Not reloaded", look.message, "error"), timeout=10)
            return
        self._unreadable_said = None
        if look.kind == "same":
            return
        editor = self.keeper.session.editor
        if editor.state != state or editor.modified != modified or self.keeper.busy or self.merging:
            return  # something changed meanwhile; the next look decides again
        if self.keeper.screen.pending_edits():
            # A reload or merge now would throw away the open cell or item and what is typed in it:
            # the disk version waits (the next look sees it again) until the typing is done.
            if look.stamp != self._waiting_for:
                self._waiting_for = look.stamp
                self.keeper.screen.notify(
                    f"{self.keeper.name} changed on disk; merged once you finish typing (enter or esc).",
                    title="Changed on disk",
                    timeout=6,
                )
            return
        self._waiting_for = None
        if not modified:
            stamp = look.stamp

            def reload() -> None:
                workflow.adopt(self.keeper.session, look.text, stamp, look.text, look.document)

            await self.keeper.screen.replace_document_keeping_view(reload)
            self.keeper.journal_dirty = True
            self.keeper.screen.notify(f"{self.keeper.name} changed on disk; reloaded.", title="Reloaded", timeout=4)
            return
        if self._declined is not None and look.stamp == self._declined:
            return
        self.merge_disk_changes()

    def merge_disk_changes(
        self, then: Callable[[], object] | None = None, unreadable: Callable[[str], object] | None = None
    ) -> None:
        """Merge the version on disk (theirs) into the edits (ours); ask about conflicts.

        ``unreadable``: what to do when the version on disk cannot be read (it is said otherwise).
        """
        if self.merging:
            # The conflicts dialog is open (a save asked while it was): the same change is not asked
            # about twice; the save follows the answer.
            if then is not None:
                self._after_merge.append(then)
            return
        from retrotui.markdown import dumps
        from retrotui.store import StoreError, read_text

        session = self.keeper.session
        ours = dumps(session.editor.doc)
        base = session.base_text
        path = session.path

        def work() -> tuple[MergeResult, str, FileStamp] | StoreError:
            try:
                theirs, stamp = read_text(path)
            except StoreError as error:
                return error
            return workflow.merge_texts(base, ours, theirs), theirs, stamp

        self.keeper._begin()
        self.keeper._in_worker(work, partial(self._merged, then, unreadable), "merge")

    async def _merged(
        self,
        then: Callable[[], object] | None,
        unreadable: Callable[[str], object] | None,
        found: tuple[MergeResult, str, FileStamp] | Exception,
    ) -> None:
        self.keeper._end()
        if isinstance(found, Exception):
            if unreadable is not None:
                unreadable(str(found))
                return
            self.keeper.notify(Notice("Not merged", str(found), "error"), timeout=10)
            return
        result, theirs, stamp = found

        async def adopt() -> None:
            # A cell still open (a save keeps every other typing first; a due date that is not one stays
            # open with its warning) is opened again in the merged document, with what was typed.
            await self.keeper.screen.replace_document_keeping_view(
                lambda: workflow.adopt(self.keeper.session, result.text(), stamp, theirs), keep_typing=True
            )
            self._declined = None
            self.keeper.journal_dirty = True
            count = len(result.conflicts)
            settled = f", {count} conflict{'s' if count != 1 else ''} settled" if count else ""
            self.keeper.screen.notify(
                f"Merged the changes on disk into your edits{settled}.", title="Merged", timeout=5
            )
            if then is not None:
                then()

        if result.clean:
            await adopt()
            return
        from retrotui.tui.dialogs.merge import MergeDialog

        self.merging = True

        async def decided(accepted: bool | None) -> None:
            self.merging = False
            waiting, self._after_merge = self._after_merge, []
            if accepted:
                await adopt()
                for after in waiting:
                    after()
                return
            self._declined = stamp
            keys = self.keeper.screen.services.keys("app.save")
            self.keeper.notify(
                Notice("Not merged", f"Merge cancelled; nothing was written. {keys} will ask again."), timeout=6
            )

        self.keeper.screen.app.push_screen(MergeDialog(result, self.keeper.name), decided)
