"""The commit message, prefilled and editable; enter commits."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from retrotui.safe_text import visible


class CommitDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="commit.cancel")]

    def __init__(self, message: str, file_name: str) -> None:
        super().__init__(classes="dialog-screen")
        self.message = message
        self.file_name = file_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Commit {visible(self.file_name)}", style="bold"), classes="dialog-title")
            yield Input(self.message, id="commit-message", select_on_focus=False)
            yield Static("Enter commits this file only · Esc cancels (the file stays saved)", classes="dialog-help")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        message = event.value.strip()
        if message:
            self.dismiss(message)
        else:
            self.notify("The commit message is empty.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
