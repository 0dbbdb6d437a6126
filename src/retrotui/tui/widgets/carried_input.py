"""A one-line field that can be opened again with its cursor where it was.

Textual selects a field's whole text when it gains focus, so the next key
typed would replace it.  A field carried across a rebuilt view (a live
session taking in the others' edits) must go on exactly as it was: the
cursor where it was, nothing selected.
"""

from __future__ import annotations

from textual.events import Focus, Paste
from textual.widgets import Input


class CarriedInput(Input):
    _carried_cursor: int | None = None

    def carry_cursor(self, cursor: int) -> None:
        """Put the cursor at ``cursor`` now, and keep it there through the coming focus."""
        self.cursor_position = cursor
        self._carried_cursor = cursor
        self.select_on_focus = False

    def _on_focus(self, event: Focus) -> None:
        # Textual calls this class's handler, then Input's (which selects all unless told not to).
        if self._carried_cursor is not None:
            self._carried_cursor = None
            self.call_later(setattr, self, "select_on_focus", True)

    def _on_paste(self, event: Paste) -> None:
        """A cell or an item is one line: pasted lines are joined by spaces.

        Textual's field keeps the first line and drops the rest without a word.
        """
        line = " ".join(part.strip() for part in event.text.splitlines() if part.strip())
        if line:
            if self.selection.is_empty:
                self.insert_text_at_cursor(line)
            else:
                self.replace(line, *self.selection)
        event.prevent_default()
        event.stop()
