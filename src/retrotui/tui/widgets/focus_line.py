"""One line that says where the keyboard focus is and how to move it.

In a meeting the whole room watches the screen: the line names the area that
takes the keys ("Focus: items of What Went Well") and the keys that move on,
read from the keymap in force.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from retrotui.safe_text import visible

AREA_ORDER = "Tab/shift+Tab: next/previous area"


class FocusLine(Static):
    def __init__(self, keys: Callable[[str], str], *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.keys = keys

    def describe(self, focused: Widget | None) -> str:
        """Where the focus is, in words a facilitator can read aloud."""
        if focused is None:
            return "Nothing has the focus: Tab moves into the retro list."
        # Where the keys go, then how to move on.
        section = _section_title(focused) or "Section"
        # By id and kind, so the first frame needs none of the editors' modules.
        kind = {"retro-list": "list", "grid-table": "grid", "cell-editor": "cell", "section-text": "text"}.get(
            focused.id or "", type(focused).__name__
        )
        if kind == "list":
            return f"▸ Retro list: ↑↓ pick a retro · enter: into its sections · {AREA_ORDER}"
        if kind == "ContentTabs":
            return f"▸ Tab bar: ←→ switch section · enter: into it · {AREA_ORDER}"
        if kind == "VirtualTable":
            return "▸ Action tracker: ↑↓ pick · space toggles the newest copy · enter goes to it · h history · Esc back"
        if kind == "grid":
            return f"▸ {section} grid: arrows move · enter edits · {AREA_ORDER}"
        if kind == "ListView":
            return f"▸ {section} items: ↑↓ pick · enter edits · {AREA_ORDER}"
        if kind in ("text", "SectionText"):
            return f"✎ Editing {section} as Markdown: Esc applies it and goes back to the list"
        if kind == "cell":
            return "✎ Editing a cell: Enter keeps it · Esc restores it · Tab: next cell"
        if kind == "BulletInput":
            return f"✎ Editing an item of {section}: Enter keeps it · Esc leaves it as it was"
        return f"▸ {type(focused).__name__}: {AREA_ORDER}"

    def show_for(self, focused: Widget | None) -> None:
        self.update(Text(self.describe(focused)))

    def show_dialog(self) -> None:
        """A dialog (or the tracker's history, the palette) is over the editor and has the keys."""
        self.update(Text("▸ A dialog has the keys: its own line says what they do · Esc closes it"))


def _section_title(widget: Widget) -> str:
    """The title of the section whose editor holds ``widget`` (``""`` outside one), as the file's text is
    shown everywhere: its control characters made visible."""
    for node in widget.ancestors_with_self:
        title = getattr(node, "section_title", None)  # the section editors and the grid carry one
        if isinstance(title, str):
            return visible(title)
    return ""
