"""An action item's history: every retro it went through, oldest first, with its status there."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from retrotui.safe_text import visible


class HistoryDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,h,enter", "close", "Close", id="history.close")]

    def __init__(self, item: str, rows: list[tuple[str, str, str]]) -> None:
        """``rows`` are ``(retro, status, owner)``, oldest first."""
        super().__init__(classes="dialog-screen")
        self.item = item
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        table.add_column(style="dim")
        for retro, status, owner in self.rows:
            table.add_row(Text(visible(retro)), Text(visible(status)), Text(visible(owner)))
        with VerticalScroll(classes="dialog dialog-wide", id="history"):
            title = Text("History of ", style="bold")
            title.append(Text(visible(self.item) or "(no text)"))
            yield Static(title, classes="dialog-title")
            count = len(self.rows)
            yield Static(Text(f"In {count} retro{'s' if count != 1 else ''}, oldest first:"), classes="dialog-message")
            yield Static(table, id="history-table")
            yield Static("Esc closes this.", classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
