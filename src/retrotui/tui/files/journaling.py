"""The crash journal: unsaved edits and typing in progress on disk within a second; offered back after a crash."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from retrotui import workflow
from retrotui.store import StoreError

if TYPE_CHECKING:
    from retrotui.journal import Journal
    from retrotui.tui.files import FileKeeper


class JournalKeeper:
    """Writes the journal in a worker, clears it after a save, offers it back on opening."""

    def __init__(self, keeper: FileKeeper) -> None:
        self.keeper = keeper
        self._journaled: str | None = None
        self._typing: tuple[tuple[str, str], ...] = ()
        # A write still on its way when the journal is cleared (a save) must not bring it back:
        # writes and clears take turns, and a write of an earlier generation is dropped.
        self._turns = threading.Lock()
        self._generation = 0
        self._failing = False  # the last write or clear failed, and that was said
        # Every file this editor journaled under: after "save elsewhere" the journal of the file it was
        # opened as holds edits now saved, and would be offered back as a crash's when that file opens.
        self._journaled_paths: set[Path] = set()
        # A crash's journal offered back and not yet answered (restored, discarded or set aside): it is
        # the only copy of those edits, so nothing clears it meanwhile (ctrl+q on the offer left
        # nothing changed, and quitting cleared the journal of a file with nothing unsaved).
        self._unanswered = False
        self._held: int | None = None  # the descriptor holding this file's journal (``hold_journal``)

    def start(self) -> bool:
        """Take this file's journal; False, and said, when another editor of the file on this machine has it.

        That editor's unsaved edits are in it: this one does not offer them back as a crash's, nor write
        over them, nor delete them at a save or a quit.  Its own edits go unjournaled, and it says so.
        """
        from retrotui.journal import hold_journal

        session = self.keeper.session
        try:
            self._held = hold_journal(session.path, session.journal_owner)
        except OSError:
            return True  # no usable state folder: the first journal write says so
        if self._held is not None:
            return True
        self.keeper.journal_on = False
        self._say_not_journaled(
            f"{self.keeper.name} is open in another retrotui on this machine, which keeps its crash journal. "
            "Edits made here are not journaled: a crash would lose them.",
            timeout=20,
        )
        return False

    def release(self) -> None:
        """Let go of the journal (the editor is closing); the next editor of the file may take it."""
        from retrotui.journal import let_go

        if self._held is not None:
            let_go(self._held)
            self._held = None

    def write_journal(self) -> None:
        """Keep unsaved edits, typing in progress included, on disk within a second.

        The text is taken here; the file is written in a worker so typing never waits on the disk.
        """
        if not self.keeper.journal_on or not self.keeper.screen.is_open:
            return
        pending = self.keeper.screen.pending_edits()
        typing = tuple((edit.where, edit.value) for edit in pending)
        if not self.keeper.journal_dirty and typing == self._typing:
            return
        self.keeper.journal_dirty = False
        self._typing = typing
        text = workflow.journal_text(self.keeper.session, pending)
        if text == self._journaled:
            return
        self._journaled = text
        session = self.keeper.session
        generation = self._generation
        if text is not None:
            self._journaled_paths.add(session.path)
        earlier = self._earlier_paths() if text is None else []
        write = partial(self._store, session.path, session.base_text, text, session.journal_owner, earlier)

        def store() -> OSError | StoreError | None:
            with self._turns:
                if generation == self._generation:
                    try:
                        write()
                    except (OSError, StoreError) as error:
                        return error
            return None

        self.keeper._in_worker(store, self._stored, "journal")

    def clear_journal(self) -> None:
        if self.keeper.journal_on and not self._unanswered:
            with self._turns:
                self._generation += 1
                session = self.keeper.session
                earlier = self._earlier_paths()
                try:
                    self._store(session.path, "", None, session.journal_owner, earlier)
                except (OSError, StoreError) as error:
                    self._stored(error)
                else:
                    self._journaled_paths.clear()
            self._journaled = None

    def _earlier_paths(self) -> list[Path]:
        """The files this editor journaled under before the one it now edits (``save elsewhere``)."""
        return [path for path in self._journaled_paths if path != self.keeper.session.path]

    def _store(self, path: Path, base_text: str, text: str | None, who: str | None, earlier: list[Path]) -> None:
        """Write (or clear) the journal of ``path``; a clear also clears those of ``earlier`` paths."""
        workflow.store_journal(path, base_text, text, who)
        for gone in earlier:
            workflow.store_journal(gone, "", None, who)

    def _stored(self, error: OSError | StoreError | None) -> None:
        """A journal that cannot be written is said once (not at every edit), and the editor goes on.

        The next edit tries again; once a write works, a later failure is said again.
        """
        if error is None:
            self._failing = False
            return
        self._journaled = None  # not on disk: the next edit writes it again
        if self._failing:
            return
        self._failing = True
        from retrotui.safe_text import visible

        if isinstance(error, OSError):
            reason = f"{error.filename}: {error.strerror}" if error.filename and error.strerror else str(error)
        else:
            reason = str(error)
        self._say_not_journaled(
            f"The crash journal cannot be written ({visible(reason)}): a crash now would lose the unsaved edits.",
            timeout=15,
        )

    def _say_not_journaled(self, why: str, timeout: int) -> None:
        keys = self.keeper.screen.services.keys("app.save")
        self.keeper.screen.notify(
            f"{why} {keys} saves them to the file.", title="No crash journal", severity="warning", timeout=timeout
        )

    def offer_restore(self) -> None:
        """After a crash: offer the unsaved edits found in the journal."""
        from retrotui.tui.dialogs.choice import ChoiceDialog

        found = workflow.find_unsaved(self.keeper.session)
        if found is None:
            self._put_aside_unreadable()
            return
        dialog = ChoiceDialog(
            "Unsaved edits found",
            f"{self.keeper.name} has edits from {found.age_text} that were never saved "
            "(a crash or a closed terminal). Restore them into the file as it is now?",
            [("restore", "Restore", "r"), ("discard", "Discard them", "d")],
        )
        # The keys typed while the file was opening are still held: they were meant for the editor,
        # and one letter of them would answer this question (d discards). They are not used, and said.
        typed = self.keeper.screen.services.drop_typeahead()
        self._unanswered = True
        self.keeper.screen.app.push_screen(dialog, partial(self._restore_answer, found))
        if typed:
            from retrotui.safe_text import visible

            self.keeper.screen.notify(
                f"Not used: what you typed while {self.keeper.name} was opening ({visible(typed)!r}) would have "
                "answered this question. Answer it, then type it again.",
                title="Keys not used",
                severity="warning",
                timeout=20,
            )

    def _put_aside_unreadable(self) -> None:
        """A journal that cannot be read is no journal, but it is not deleted unseen: moved aside, and said."""
        from retrotui.journal import put_aside_unreadable
        from retrotui.safe_text import visible

        session = self.keeper.session
        try:
            moved = put_aside_unreadable(session.path, session.journal_owner)
        except OSError as error:
            self._stored(error)
            return
        if moved is None:
            return
        kept, reason = moved
        self.keeper.screen.notify(
            f"A crash journal of {self.keeper.name} could not be read ({visible(reason)}), so nothing was restored "
            f"from it. It is kept, as it was, in {visible(str(kept))}.",
            title="Unreadable crash journal",
            severity="warning",
            timeout=20,
        )

    async def _restore_answer(self, found: Journal, answer: str | None) -> None:
        if answer == "discard":
            self._unanswered = False
            self._discard(found)
            return
        if answer != "restore":
            self._unanswered = False
            self._set_aside(found)
            return
        session = self.keeper.session
        disk, stamp = session.base_text, session.stamp

        async def adopt(text: str) -> None:
            self._unanswered = False
            await self.keeper.screen.replace_document_keeping_view(lambda: workflow.adopt(session, text, stamp, disk))
            self.keeper.journal_dirty = True
            keys = self.keeper.screen.services.keys("app.save")
            self.keeper.screen.notify(f"Your unsaved edits are back. {keys} saves them.", title="Restored", timeout=6)

        if session.is_new or not session.base_text.strip():
            # The file is gone (deleted or moved since) or emptied: nothing to merge the edits into.
            # Merged into nothing, only the parts in conflict were left (taking "mine" gave back a
            # third of the file). The file as it was being edited comes back whole.
            await adopt(found.text)
            return
        result = workflow.merge_unsaved(found, session)
        if result.clean:
            await adopt(result.text())
            return
        from retrotui.tui.dialogs.merge import MergeDialog

        async def decided(accepted: bool | None) -> None:
            if accepted:
                await adopt(result.text())
            else:
                self._unanswered = False
                self._set_aside(found)

        self.keeper.screen.app.push_screen(MergeDialog(result, self.keeper.name), decided)

    def _discard(self, found: Journal) -> None:
        """Discarded, but kept one step away: the question is answered by one letter, and a slip of a
        finger (``d`` for ``r``) must not cost the only copy of the edits."""
        from retrotui.journal import set_aside
        from retrotui.safe_text import visible

        try:
            kept: str | None = visible(str(set_aside(found)))
        except (OSError, StoreError):
            kept = None  # discarded as asked; nothing to say about a copy that could not be made
        self.clear_journal()
        if kept is not None:
            self.keeper.screen.notify(
                f"Discarded. In case that was a slip, the edits (the whole file as you had it) are in {kept}.",
                title="Discarded",
                timeout=10,
            )

    def _set_aside(self, found: Journal) -> None:
        """Not restored now, and not discarded either: the edits go to a file of their own, and the user is told."""
        from retrotui.journal import set_aside
        from retrotui.safe_text import visible

        try:
            kept = set_aside(found)
        except (OSError, StoreError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.keeper.screen.notify(
                f"Could not set the unsaved edits aside ({visible(reason)}); they stay in the journal.",
                title="Not restored",
                severity="error",
                timeout=15,
            )
            return
        self.clear_journal()
        self.keeper.screen.notify(
            f"Not restored. Your unsaved edits (the whole file as you had it) are kept in {visible(str(kept))}.",
            title="Not restored",
            severity="warning",
            timeout=20,
        )
