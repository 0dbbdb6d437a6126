"""View only (``retrotui FILE --live --view-only``): the file is shown and follows the session, and no key edits it.

Two fences.  Every command that would change the document or write the file
(the keys and the palette reach them through ``App.run_action``) is refused
before it starts, so no item or cell editor opens; and the editor itself
refuses every change (``Editor.read_only``), for the ways into an edit that
are not a command (a click on a cell, enter on a list's item).  Each refusal
is one plain notice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.actions import parse

from retrotui.keymap import BY_ID

if TYPE_CHECKING:  # the footer asks ``edits`` from the first frame, before the model is loaded
    from retrotui.editing import Change, Editor

NOTICE = "View only: you follow this session; edits, saves and commits are for the participants with the join link."

# The commands that change the document or write the file.
EDITING_COMMANDS = frozenset(
    {
        "app.save",
        "app.commit",
        "app.new_retro",
        "app.undo",
        "app.redo",
        "retros.add",
        "grid.edit",
        "grid.add",
        "grid.delete",
        "grid.toggle",
        "grid.move_up",
        "grid.move_down",
        "section.add",
        "section.edit",
        "section.delete",
        "section.move_up",
        "section.move_down",
        "section.text_mode",
        "tracker.toggle",
        "live.put_back",
    }
)


def _name(action: str) -> str:
    return parse(action)[1]


EDITING_ACTIONS = frozenset(_name(BY_ID[command].action) for command in EDITING_COMMANDS)


def edits(action: Any, namespace: object) -> bool:
    """Whether running ``action`` (as ``App.run_action`` receives it) on ``namespace`` would start an edit."""
    if not isinstance(action, str):
        _, name, arguments = action  # an ActionParseResult
    else:
        _, name, arguments = parse(action)
    if name == "editor" and arguments:  # the app's own bindings: editor('save')
        name = _name(str(arguments[0]))
    if name == "select_cursor":
        # Imported here: the footer asks from the first frame, which has neither (4 ms to import).
        from textual.widgets import DataTable, ListView

        if isinstance(namespace, (ListView, DataTable)):
            return True  # enter on a section's item, a part of Other content or a grid cell opens its editor
    return name in EDITING_ACTIONS


def make_read_only(editor: Editor, say: Any) -> None:
    """The editor refuses every change from now on, and ``say(NOTICE)`` tells the user once per refusal."""
    if editor.read_only:
        return
    editor.read_only = True

    def refused(change: Change | None) -> None:
        say(NOTICE)

    editor.refusals.append(refused)
