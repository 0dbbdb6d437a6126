"""Start a new retro: title, date (today by default), which open items to carry over."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from retrotui.model import ActionItem, Retro
from retrotui.values import parse_due_input


@dataclass(frozen=True, slots=True)
class NewRetroRequest:
    title: str
    date: dt.date | None
    carry_over: bool
    keep: frozenset[int]  # indexes of the previous retro's open items to carry


class NewRetroDialog(ModalScreen[NewRetroRequest | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="new.cancel"),
        Binding("ctrl+enter", "create", "Create", id="new.create", show=False),
    ]

    def __init__(self, today: dt.date, previous: Retro | None, taken: set[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.today = today
        self.previous = previous
        self.taken = {t.casefold() for t in taken}
        self.open_items: list[ActionItem] = (
            [a for a in previous.action_items if not a.is_done] if previous is not None else []
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Text("New retro", style="bold"), classes="dialog-title")
            yield Input(placeholder="Title, e.g. Sprint 1 – Queue Hierarchy", id="new-title")
            yield Input(self.today.isoformat(), placeholder="YYYY-MM-DD, today, +3d", id="new-date")
            label = "Carry over open action items"
            if self.previous is not None:
                label += f" from {self.previous.short_title} ({len(self.open_items)})"
            yield Checkbox(label, value=bool(self.open_items), id="new-carry")
            yield SelectionList[int](
                *(Selection(Text(a.item or "(no text)"), n, True) for n, a in enumerate(self.open_items)),
                id="new-items",
            )
            yield Static("", id="new-error")
            yield Static("Enter creates · Space ticks an item · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#new-items").display = bool(self.open_items)
        self.query_one("#new-title", Input).focus()

    @on(Checkbox.Changed)
    def _carry_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#new-items").display = event.value and bool(self.open_items)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    def _error(self, message: str) -> None:
        self.query_one("#new-error", Static).update(Text(f"⚠ {message}", style="bold red"))

    def action_create(self) -> None:
        title = " ".join(self.query_one("#new-title", Input).value.split())
        if not title:
            self._error("A retro needs a title.")
            self.query_one("#new-title", Input).focus()
            return
        if title.casefold() in self.taken:
            self._error(f"There is already a retro called {title!r}.")
            return
        date_text = self.query_one("#new-date", Input).value
        try:
            date = parse_due_input(date_text, self.today) if date_text.strip() else None
        except ValueError as error:
            self._error(str(error))
            self.query_one("#new-date", Input).focus()
            return
        if isinstance(date, str):
            self._error(f"{date_text!r} is not a date: use YYYY-MM-DD")
            return
        carry = self.query_one("#new-carry", Checkbox).value
        keep = frozenset(self.query_one("#new-items", SelectionList).selected)
        self.dismiss(NewRetroRequest(title, date, carry, keep))

    def action_cancel(self) -> None:
        self.dismiss(None)
