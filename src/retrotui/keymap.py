"""One registry of what the editor can do: id, title, default keys, and where it applies.

The bindings of every screen and widget (``tui/commands.py``), the command
palette, the help screen, the report of keys bound twice and the check of a
keymap in the settings are all made from this list, and every key name shown
to the user (footer, help, palette, dialogs, notifications) is read from the
keymap in force, so ``config set keymap.app.save ctrl+w`` leaves no ``ctrl+s``
anywhere.  No Textual here: the settings check uses it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from retrotui.record import Record


class Scope(StrEnum):
    """Where a command applies; each scope is one owner of bindings."""

    EDITOR = "Everywhere"
    RETROS = "Retro list"
    GRID = "Action-item grid"
    CELL = "Editing a cell"
    SECTION = "Sections"
    BULLET = "Editing an item"
    TEXT = "Editing a section as text"
    TRACKER = "Action tracker"
    LIVE = "Live meeting"  # global keys, like EDITOR's, that act only in a live session


class Command(Record):
    id: str
    action: str
    title: str
    help: str
    keys: str
    scope: Scope
    show: bool = True  # in the footer
    priority: bool = False
    palette: bool = True  # offered in the command palette (where its scope is active)
    footer: str = ""  # a shorter label for the footer, where room is short (default: the title)


E, R, G, C, S, B, T, K, L = (
    Scope.EDITOR,
    Scope.RETROS,
    Scope.GRID,
    Scope.CELL,
    Scope.SECTION,
    Scope.BULLET,
    Scope.TEXT,
    Scope.TRACKER,
    Scope.LIVE,
)

# fmt: off
COMMANDS: tuple[Command, ...] = (
    # id, action, title (palette), help, default keys, scope, options
    Command("app.save", "save", "Save", "Write the file", "ctrl+s", E, priority=True),
    Command("app.commit", "save_and_commit", "Save and commit", "Save, then git commit this file", "ctrl+g", E,
            priority=True, footer="Commit"),
    Command("app.new_retro", "new_retro", "New retro", "Start a retro from the template", "ctrl+n", E, priority=True),
    Command("app.undo", "undo", "Undo", "Undo the last change", "ctrl+z", E),
    Command("app.redo", "redo", "Redo", "Redo the last undone change", "ctrl+y", E),
    Command("app.tracker", "tracker", "Action tracker", "Every action item of every retro, with stats", "t", E,
            footer="Tracker"),
    Command("app.timebox", "timebox", "Start or stop the timer", "A timebox for the section on screen", "ctrl+t", E,
            footer="Timer"),
    Command("app.help", "help", "Help", "Every key, and where the focus is", "f1,question_mark", E),
    Command("app.quit", "quit", "Quit", "Leave retrotui (asks about unsaved changes)", "ctrl+q", E, priority=True),
    Command("app.sync", "cycle_sync", "Sync: off / pull / pull and push", "What save-and-commit does with the remote",
            "", E, show=False),
    Command("live.put_back", "put_back", "Put mine back",
            "Live session: your edit that someone's write at the same moment replaced", "ctrl+b", E, show=False,
            priority=True),
    Command("app.timebox_more", "adjust_timebox(1)", "Timebox: one minute more", "For this section, remembered", "",
            E, show=False),
    Command("app.timebox_less", "adjust_timebox(-1)", "Timebox: one minute less", "For this section, remembered", "",
            E, show=False),
    *(
        Command(f"app.tab_{n}", f"show_tab({n})", f"Go to tab {n}", f"Show section {n} of this retro", str(n), E,
                show=False)
        for n in range(1, 7)
    ),
    *(
        Command(f"app.alt_tab_{n}", f"show_tab({n})", f"Go to tab {n}", f"Show section {n}, also while typing",
                f"alt+{n}", E, show=False, priority=True, palette=False)
        for n in range(1, 7)
    ),
    Command("retros.open", "open_retro", "Into the section", "Move the focus into the section on screen", "enter", R,
            show=False, palette=False),
    Command("retros.add", "add_here", "Add", "Add an item to the section on screen", "a", R, palette=False),
    Command("grid.edit", "edit_cell", "Edit cell", "Edit the cell under the cursor", "e,enter", G, footer="Edit"),
    Command("grid.add", "add_row", "Add action item", "A new row; starts editing its Item", "a", G, footer="Add"),
    Command("grid.delete", "delete_row", "Delete action item", "Remove the row under the cursor", "d", G,
            footer="Delete"),
    Command("grid.toggle", "toggle_status", "Toggle status", "Open ↔ done for the action item under the cursor",
            "space", G, footer="Toggle"),
    Command("grid.move_up", "move_row(-1)", "Move action item up", "Swap with the row above", "shift+up", G,
            footer="Move up"),
    Command("grid.move_down", "move_row(1)", "Move action item down", "Swap with the row below", "shift+down", G,
            footer="Move down"),
    Command("cell.cancel", "cancel", "Cancel edit", "Restore the cell", "escape", C, palette=False),
    Command("cell.next", "commit_and_move(1)", "Next cell", "Keep the cell, edit the next one", "tab", C, show=False,
            palette=False),
    Command("cell.previous", "commit_and_move(-1)", "Previous cell", "Keep the cell, edit the previous one",
            "shift+tab", C, show=False, palette=False),
    Command("section.add", "add_item", "Add item", "A new bullet at the end of this section", "a", S, footer="Add"),
    Command("section.edit", "edit_item", "Edit item", "Edit the highlighted bullet", "e,enter", S, footer="Edit"),
    Command("section.delete", "delete_item", "Delete item", "Remove the highlighted bullet", "d", S, footer="Delete"),
    Command("section.move_up", "move_item(-1)", "Move item up", "Swap with the item above", "shift+up", S,
            footer="Move up"),
    Command("section.move_down", "move_item(1)", "Move item down", "Swap with the item below", "shift+down", S,
            footer="Move down"),
    Command("section.text_mode", "text_mode", "Edit section as text", "The section's Markdown in a text area", "m", S,
            footer="Edit as text"),
    Command("bullet.cancel", "cancel", "Cancel edit", "Leave the item as it was", "escape", B, palette=False),
    Command("text.done", "done", "Done", "Apply the text and go back to the list", "escape", T, palette=False),
    Command("tracker.close", "close", "Back", "Back to the retro", "escape,t", K, palette=False),
    Command("tracker.filter", "cycle_filter", "Filter", "Open, overdue, done or all items", "f", K, palette=False),
    Command("tracker.owner", "cycle_owner", "Owner", "One owner's items, or everyone's", "o", K, palette=False),
    Command("tracker.sort", "cycle_sort", "Sort", "By retro, due date, owner or age", "s", K, palette=False),
    Command("tracker.search", "search", "Search", "Items, owners and retros containing a text", "slash", K,
            palette=False),
    Command("tracker.toggle", "toggle_status", "Toggle", "Open ↔ done for the item (its newest copy)", "space", K,
            palette=False),
    Command("tracker.history", "history", "History", "Every retro the item went through", "h", K, palette=False),
    Command("tracker.jump", "jump", "Go to", "Show the item in its retro", "enter", K, palette=False),
    Command("live.write", "start_writing", "Start silent writing",
            "New items in a section stay private to their writer until the reveal", "w", L, footer="Silent writing"),
    Command("live.reveal", "reveal", "Reveal the silent writing", "Everyone's private items go into the section",
            "r", L, footer="Reveal"),
    Command("live.voting", "start_voting", "Start dot voting", "Everyone gets votes for the section on screen",
            "v", L, footer="Dot voting"),
    Command("live.vote", "vote", "Vote", "One of your votes for the item under the cursor", "plus,equals_sign", L),
    Command("live.unvote", "unvote", "Take a vote back", "One of your votes for the item under the cursor back",
            "minus", L, footer="Unvote"),
    Command("live.close_voting", "close_voting", "Close the voting",
            "Count the votes: the items ordered by votes, each with (+N)", "c", L, footer="Close voting"),
)
# fmt: on

BY_ID: dict[str, Command] = {command.id: command for command in COMMANDS}

# Keys Textual itself gives meaning everywhere; a command bound to one of them would never run.
MOVING_AROUND = (
    ("tab", "Next area: retro list → tab bar → section or grid"),
    ("shift+tab", "Previous area"),
    ("ctrl+p", "Command palette: every action by name"),
)


def in_scope(scope: Scope) -> list[Command]:
    return [command for command in COMMANDS if command.scope == scope]


def keys_of(command_id: str, keymap: Mapping[str, str]) -> list[str]:
    """The keys bound to a command now: the keymap's, else the default (none for palette-only commands)."""
    keys = keymap.get(command_id, BY_ID[command_id].keys)
    return [key.strip() for key in keys.split(",") if key.strip()]


def clashes(keymap: Mapping[str, str]) -> list[str]:
    """Keys given to two commands that are active together (one scope, or a scope and the global keys)."""
    found: list[str] = []
    global_keys: dict[str, str] = {}
    for command in in_scope(Scope.EDITOR) + in_scope(Scope.LIVE):
        for key in keys_of(command.id, keymap):
            if key in global_keys and global_keys[key] != command.id:
                found.append(f"{key}: {global_keys[key]} and {command.id}")
            global_keys.setdefault(key, command.id)
    for scope in Scope:
        if scope in (Scope.EDITOR, Scope.LIVE):
            continue
        seen: dict[str, str] = {}
        for command in in_scope(scope):
            for key in keys_of(command.id, keymap):
                if key in seen and seen[key] != command.id:
                    found.append(f"{key}: {seen[key]} and {command.id}")
                seen.setdefault(key, command.id)
                shadowed = global_keys.get(key)
                if shadowed is not None and BY_ID[shadowed].priority:
                    found.append(f"{key}: {shadowed} is taken first, so {command.id} never runs")
    return found


# Textual's names for the printable keys whose name is not their character's Unicode name.
_TEXTUAL_KEY_NAMES = {"slash": "/", "backslash": "\\", "at": "@", "minus": "-", "plus": "+", "underscore": "_"}
_NOT_TYPING_MODIFIERS = frozenset({"ctrl", "alt", "meta", "super", "hyper"})


def types_text(key: str) -> bool:
    """Whether pressing ``key`` in a text field types a character (``x``, ``shift+x``, ``space``, ``question_mark``)."""
    import unicodedata

    *modifiers, name = key.strip().split("+")
    if _NOT_TYPING_MODIFIERS.intersection(modifiers):
        return False
    if len(name) == 1:
        return name.isprintable()
    character = _TEXTUAL_KEY_NAMES.get(name)
    if character is None:
        try:
            character = unicodedata.lookup(name.replace("_", " "))
        except KeyError:
            return False
    return character.isprintable()


def keymap_problem(command_id: str, keys: str) -> str | None:
    """Why a keymap entry cannot work, or None: an unknown command, or a key that is typed as text
    given to a command that works while typing (it would take that character from every text field)."""
    command = BY_ID.get(command_id)
    if command is None:
        return f"no such command '{command_id}' (the README's Settings section lists the ids)"
    if command.priority:
        for key in keys.split(","):
            if key.strip() and types_text(key):
                return (
                    f"{command_id} works while typing, so '{key.strip()}' could never be typed in a cell or item;"
                    " use a key with ctrl or alt, or a function key"
                )
    return None
