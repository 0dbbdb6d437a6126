"""Ask what a live meeting's phase is about: which section, and how many minutes or votes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from retrotui.safe_text import visible


@dataclass(frozen=True, slots=True)
class PhaseRequest:
    section: int  # index into the sections offered
    number: int  # minutes, or votes per person


class PhaseDialog(ModalScreen[PhaseRequest | None]):
    """A section (the one on screen first) and a number; enter starts, esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="phase.cancel")]

    def __init__(self, title: str, sections: list[str], chosen: int, label: str, number: int, top: int) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = title
        self.sections = sections
        self.chosen = chosen
        self.label = label
        self.number = number
        self.top = top

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="phase-dialog"):
            yield Static(Text(self.heading, style="bold"), classes="dialog-title")
            yield Static(Text("Section (tab, then ↑↓ to pick another):"), classes="dialog-message")
            options = [Option(Text(visible(title)), id=f"section-{n}") for n, title in enumerate(self.sections)]
            yield OptionList(*options, id="phase-sections")
            yield Static(Text(f"{self.label} (1 to {self.top}):"), classes="dialog-message")
            yield Input(str(self.number), id="phase-number", restrict=r"\d{0,3}", select_on_focus=False)
            yield Static("", id="phase-error")
            yield Static("Enter starts · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = self.chosen
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _submitted(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        event.stop()
        raw = self.query_one(Input).value.strip()
        if not raw.isdigit() or not 1 <= int(raw) <= self.top:
            self.query_one("#phase-error", Static).update(Text(f"⚠ Type a number from 1 to {self.top}.", style="bold"))
            self.query_one(Input).focus()
            return
        section = self.query_one(OptionList).highlighted
        self.dismiss(PhaseRequest(self.chosen if section is None else section, int(raw)))

    def action_cancel(self) -> None:
        self.dismiss(None)
