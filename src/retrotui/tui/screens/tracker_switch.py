"""The action tracker in the place of the retros, and back.

The tracker is built once (hidden) after the document opens, so opening it is a
switch of what is displayed, and closing it redraws the retro only when
something changed while it was open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrotui.tui.screens.editor import EditorScreen
    from retrotui.tui.widgets.tracker_view import TrackerView


class TrackerSwitch:
    """Shows and hides the editor screen's tracker."""

    def __init__(self, screen: EditorScreen) -> None:
        self.screen = screen
        self.view: TrackerView | None = None
        self._opened_at = 0  # the document's state when the tracker was opened

    @property
    def shown(self) -> bool:
        """Asked for every key binding the footer shows: a plain attribute, no query of the screen."""
        return self.view is not None and self.view.display

    async def build(self) -> TrackerView:
        from retrotui.tui.widgets.tracker_view import TrackerView

        screen = self.screen
        if self.view is None:
            tracker = TrackerView(screen.editor, screen.services)
            tracker.display = False
            self.view = tracker
            await screen.mount(tracker, after=screen.query_one("#main"))
        return self.view

    def document_replaced(self) -> None:
        if self.view is not None and self.view.display:
            self.view.document_replaced()

    async def open(self) -> None:
        screen = self.screen
        tracker = await self.build()
        self._opened_at = screen.editor.state
        screen.query_one("#main").display = False
        tracker.display = True
        tracker.open()

    async def closed(self, event: TrackerView.Closed) -> None:
        """Back to the retro as it was, or to the item the user chose to go to."""
        screen = self.screen
        if self.view is not None:
            self.view.display = False
        screen.query_one("#main").display = True
        jump_to = event.jump_to
        if jump_to is None:
            # Redrawn only if something changed meanwhile (a toggle, an undo).
            if screen.editor.state != self._opened_at:
                await screen.refresh_document()
            view = screen.view
            if view is not None:
                view.focus_active()
            return
        await screen.refresh_document(jump_to.retro)
        view = screen.view
        if view is not None:
            await view.show_action(jump_to.action)
