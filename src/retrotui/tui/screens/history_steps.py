"""Undo and redo on the editor screen: one step, then the retro and section it changed on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrotui.tui.screens.editor import EditorScreen


async def step_through_history(screen: EditorScreen, *, undo: bool) -> None:
    """Undo (or redo) one change and show where it was made, with a short note of what it was."""
    if screen.holds_unkept_typing("undone" if undo else "redone"):
        return
    editor = screen.editor
    change = editor.undo() if undo else editor.redo()
    if change is None:
        screen.notify("Nothing to undo." if undo else "Nothing to redo.", timeout=2)
        return
    await screen.refresh_document(change.retro)
    # Undone in the tracker: its rows and its counts show the document as it is now (the counts
    # stayed those of before the undo).
    screen.tracker_switch.document_replaced()
    view = screen.view
    if view is not None:
        await view.show_section_of(change.section)
    screen.notify(f"{'Undone' if undo else 'Redone'}: {change.label}", timeout=2)
