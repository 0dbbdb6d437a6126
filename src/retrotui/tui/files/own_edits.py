"""This participant's own edits in a live session: undo and redo, and an edit a later write replaced.

A live session replaces the document whenever the others' edits arrive, so the
editor's own history (changes to one document's objects) cannot serve.  Each
own step is kept as text (``retrotui.live.history``) and undone by a merge.
An edit of ours that someone's later write replaced is told, with the value it
had, and put back on request.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Any

from retrotui.live.history import LiveHistory

if TYPE_CHECKING:
    from retrotui.editing import Change
    from retrotui.tui.files.live import LiveKeeper

MINE_FOR = 120.0  # seconds a line written here is remembered as ours, to know a lost edit is ours


class OwnEdits:
    def __init__(self, live: LiveKeeper) -> None:
        self.live = live
        self.history = LiveHistory("")
        self._labels: list[str] = []  # the edits made since the last step was taken
        self._written: deque[tuple[float, frozenset[str]]] = deque()
        self.last_lost: dict[str, Any] | None = None

    def start(self) -> None:
        from retrotui.markdown import dumps

        editor = self.live.keeper.session.editor
        self.history = LiveHistory(dumps(editor.doc))
        editor.listeners.insert(0, self._document_changed)  # before the screen's, which redraws the footer

    # -- undo and redo --------------------------------------------------------------------------------

    def _document_changed(self, change: Change | None) -> None:
        """An edit made here belongs to this editor's next step (a replaced document does not).

        The step's text is taken when the edit is written (the write serialises the document
        anyway), or at an undo that comes first: no second serialisation per keystroke.
        """
        if change is not None:
            self._labels.append(change.label)

    def can_undo(self) -> bool:
        return self.history.can_undo() or bool(self._labels)

    def can_redo(self) -> bool:
        return self.history.can_redo() and not self._labels

    def record_step(self, text: str | None = None) -> None:
        """The edits since the last step become one step (``text``: the document's, if already serialised)."""
        if not self._labels:
            return
        from retrotui.markdown import dumps

        label = ", ".join(dict.fromkeys(self._labels))
        self._labels = []
        self.history.changed(label, text if text is not None else dumps(self.live.keeper.session.editor.doc))

    async def step(self, *, undo: bool) -> None:
        """Undo (or redo) this editor's last change, keeping whatever the others wrote since."""
        screen = self.live.keeper.screen
        if screen.holds_unkept_typing("undone" if undo else "redone"):
            return
        self.record_step()
        stepped = self.history.undo() if undo else self.history.redo()
        if stepped is None:
            screen.notify("Nothing to undo." if undo else "Nothing to redo.", timeout=2)
            return
        if stepped.text is None:
            screen.notify(
                f"Not {'undone' if undo else 'redone'}: {stepped.label}. Someone changed the same place since; "
                "their edit stays.",
                title="Live",
                severity="warning",
                timeout=8,
            )
            screen.refresh_bindings()
            return
        await self._put_in(stepped.text)
        screen.refresh_bindings()
        screen.notify(f"{'Undone' if undo else 'Redone'}: {stepped.label}", timeout=2)

    async def _put_in(self, text: str) -> None:
        """``text`` becomes the document, keeping the view; it is written at the next tick."""
        from retrotui.markdown import loads

        def replace() -> None:
            self.live.keeper.session.editor.replace_document(loads(text), modified=True)

        await self.live.rebuild(replace)
        self.live.written_state = None

    # -- an edit a later write replaced --------------------------------------------------------------

    def remember_written(self, lines: frozenset[str]) -> None:
        """Lines this editor just wrote: a later ``lost`` event quoting them is about our edit."""
        now = time.monotonic()
        self._written.append((now, lines))
        while self._written and now - self._written[0][0] > MINE_FOR:
            self._written.popleft()

    def on_lost(self, event: dict[str, Any]) -> None:
        """Someone's later write won a row or item: if what lost was written here, say so, with its value."""
        live = self.live
        if event.get("from") == live.room.id:
            return
        lost = str(event.get("lost", ""))
        lines = frozenset(line for line in lost.splitlines() if line.strip())
        now = time.monotonic()
        mine = frozenset().union(*(written for at, written in self._written if now - at < MINE_FOR))
        if not lines or not lines <= mine:
            return
        self.last_lost = event
        screen = live.keeper.screen
        keys = screen.services.keys("live.put_back")
        by = str(event.get("by", "someone"))
        screen.notify(
            f"{by} changed the same place at the same moment, and theirs was written last: {event.get('where', '')}."
            f"\nYours was: {lost.strip()}\n{keys} puts yours back.",
            title="Your edit was replaced",
            severity="warning",
            timeout=20,
        )

    async def put_back(self) -> None:
        """Put the text that lost back in place of the text that won, if that is still in the file."""
        from retrotui.markdown import dumps

        event, self.last_lost = self.last_lost, None
        screen = self.live.keeper.screen
        self.record_step()
        if event is None:
            screen.notify("Nothing of yours was replaced.", timeout=3)
            return
        lost, won = str(event.get("lost", "")), str(event.get("won", ""))
        text = dumps(self.live.keeper.session.editor.doc)
        if not won or text.count(won) != 1:
            screen.notify(
                f"That place has changed again since; yours was: {lost.strip()}", title="Not put back", timeout=12
            )
            return
        changed = text.replace(won, lost)
        await self._put_in(changed)
        self.history.changed("Put mine back", changed)
        screen.notify("Yours is back, and written for everyone.", title="Put back", timeout=4)
