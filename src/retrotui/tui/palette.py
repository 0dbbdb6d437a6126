"""The command palette's entries: every editor command by name, with its keys as they are now.

Made from the command registry, like the bindings and the help, so the
palette never lists a key the keymap has changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from textual.app import SystemCommand
from textual.markup import escape
from textual.widget import Widget

from retrotui.tui import commands
from retrotui.tui.commands import Scope


def palette_help(help_text: str, keys: str) -> str:
    """A command's help with its keys, as the palette's markup: the keys come from the keymap, where
    ``[`` and ``]`` are keys (``"[,]"`` is shown as ``[/]``, which the palette would read as a closing tag
    and fail on), so the text is escaped."""
    return escape(f"{help_text} ({keys})" if keys else help_text)


def palette_entries(
    keys: Callable[[str], str],
    scopes: list[Scope],
    run_on_screen: Callable[[str], object],
    section_editor: Callable[[], Widget | None],
) -> Iterable[SystemCommand]:
    """The editor's commands, then those of the section or grid on screen (``scopes``)."""

    async def run(command: commands.Command) -> None:
        if command.scope == Scope.EDITOR:
            await run_on_screen(command.action)  # type: ignore[misc]
            return
        target = section_editor()
        if target is not None:
            await target.run_action(command.action)

    for command in commands.COMMANDS:
        if command.scope not in (Scope.EDITOR, *scopes) or not command.palette:
            continue
        shown = keys(command.id) if command.keys else ""
        yield SystemCommand(command.title, palette_help(command.help, shown), partial(run, command))
