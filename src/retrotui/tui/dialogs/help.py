"""The help screen, generated from the bindings (and the keymap in force)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

ABOUT = (
    "retrotui edits your team's retrospective file in place: only the lines you change are rewritten. "
    "Save with ctrl+s; ctrl+g saves and commits just this file."
)


def _bindings(items: Iterable[BindingType]) -> list[Binding]:
    return [b for b in items if isinstance(b, Binding)]


def help_table(groups: list[tuple[str, Iterable[BindingType]]], keys_of: Callable[[Binding], str]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold")
    table.add_column()
    for title, bindings in groups:
        table.add_row(Text(""), Text(""))
        table.add_row(Text(""), Text(title, style="bold underline"))
        for binding in _bindings(bindings):
            if not binding.description or binding.system:
                continue
            table.add_row(Text(keys_of(binding)), Text(binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q,question_mark", "close", "Close", id="help.close"),
    ]

    def __init__(self, groups: list[tuple[str, Iterable[BindingType]]], keys_of: Callable[[Binding], str]) -> None:
        super().__init__(classes="dialog-screen")
        self.groups = groups
        self.keys_of = keys_of

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-wide", id="help"):
            yield Static(Text("retrotui — keys", style="bold"), classes="dialog-title")
            yield Static(Text(ABOUT), classes="dialog-message")
            yield Static(help_table(self.groups, self.keys_of))
            yield Static("Esc closes this screen.", classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
