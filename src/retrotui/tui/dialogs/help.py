"""The help screen, generated from the command registry and the keymap in force."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from retrotui.tui import commands
from retrotui.tui.commands import Scope


def about(keys: Callable[[str], str]) -> str:
    return (
        "retrotui edits your team's retrospective file in place: only the lines you change are rewritten. "
        f"Save with {keys('app.save')}; {keys('app.commit')} saves and commits just this file."
    )


def help_table(keys: Callable[[str], str]) -> Table:
    """Every command with its keys now, grouped by where it applies; moving around first."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold")
    table.add_column()
    table.add_row(Text(""), Text("Moving around", style="bold underline"))
    for key, description in commands.MOVING_AROUND:
        table.add_row(Text(key), Text(description))
    for scope in Scope:
        table.add_row(Text(""), Text(""))
        table.add_row(Text(""), Text(scope.value, style="bold underline"))
        for command in commands.in_scope(scope):
            if not command.keys or command.id.startswith("app.alt_tab_") or command.id.startswith("app.tab_"):
                continue
            table.add_row(Text(keys(command.id)), Text(f"{command.title}: {command.help}"))
        if scope == Scope.EDITOR:
            table.add_row(Text(f"{keys('app.tab_1')}…6"), Text("Jump to tab 1…6 (not while typing)"))
            table.add_row(Text(f"{keys('app.alt_tab_1')}…6"), Text("Jump to tab 1…6, also while typing"))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q,question_mark", "close", "Close", id="help.close"),
    ]

    def __init__(self, keys: Callable[[str], str], where: str) -> None:
        super().__init__(classes="dialog-screen")
        self.keys = keys
        self.where = where

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-wide", id="help"):
            yield Static(Text("retrotui — keys", style="bold"), classes="dialog-title")
            yield Static(Text(self.where, style="bold"), id="help-where", classes="dialog-message")
            yield Static(Text(about(self.keys)), classes="dialog-message")
            yield Static(help_table(self.keys), id="help-keys")
            yield Static("Esc closes this screen.", classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
