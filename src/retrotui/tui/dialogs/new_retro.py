"""Start a new retro: title (suggested), date (today), its sections, which open items to carry over."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from retrotui.builder import check_new_retro
from retrotui.editing import Editor
from retrotui.heading_style import latest_retro
from retrotui.model import ActionItem, Retro, RetroDocument
from retrotui.safe_text import visible
from retrotui.templates import TEMPLATES, RetroTemplate
from retrotui.values import parse_due_input

LIKE_THE_LATEST = "like-the-latest"


@dataclass(frozen=True, slots=True)
class NewRetroRequest:
    title: str
    date: dt.date | None
    carry_over: bool
    keep: frozenset[int]  # indexes of the previous retro's open items to carry
    template: RetroTemplate | None  # None: sections like the file's latest retro


class NewRetroDialog(ModalScreen[NewRetroRequest | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="new.cancel"),
        Binding("ctrl+enter", "create", "Create", id="new.create", show=False),
    ]

    def __init__(self, today: dt.date, doc: RetroDocument) -> None:
        super().__init__(classes="dialog-screen")
        self.today = today
        self.doc = doc
        self.previous = latest_retro(doc)
        self.open_items: list[ActionItem] = (
            [a for a in self.previous.action_items if not a.is_done] if self.previous is not None else []
        )
        try:
            self.suggested = check_new_retro(doc, None, today, today).title
        except ValueError:
            self.suggested = ""

    def compose(self) -> ComposeResult:
        # Scrolls when the screen is too short for it all (80x24 with a few open items); the keys and
        # the error come first, where a small screen still shows them.
        with VerticalScroll(classes="dialog dialog-wide", id="new-retro"):
            yield Static(Text("New retro", style="bold"), classes="dialog-title")
            yield Static("Enter creates · Space ticks an item · Esc cancels", classes="dialog-help", id="new-help")
            yield Static("", id="new-error")
            yield Input(self.suggested, placeholder="Title, e.g. Sprint 1 – Queue Hierarchy", id="new-title")
            yield Input(self.today.isoformat(), placeholder="YYYY-MM-DD, today, +3d", id="new-date")
            like = "Sections like the latest retro" if self.previous is not None else "Sections of the file's template"
            yield Select[str](
                [(like, LIKE_THE_LATEST), *((f"{t.label}: {t.description}", t.name) for t in TEMPLATES)],
                value=LIKE_THE_LATEST,
                allow_blank=False,
                id="new-template",
            )
            label = "Carry over open action items"
            if self.previous is not None:
                label += f" from {visible(self.previous.short_title)} ({len(self.open_items)})"
            yield Checkbox(Content(label), value=bool(self.open_items), id="new-carry")  # a title: never markup
            yield SelectionList[int](
                *(Selection(Text(visible(a.item) or "(no text)"), n, True) for n, a in enumerate(self.open_items)),
                id="new-items",
            )

    def on_mount(self) -> None:
        self.query_one("#new-items").display = bool(self.open_items)
        # The suggested title is selected: typing replaces it, Enter takes it.
        self.query_one("#new-title", Input).focus()

    @on(Checkbox.Changed)
    def _carry_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#new-items").display = event.value and bool(self.open_items)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    def _error(self, message: str) -> None:
        error = self.query_one("#new-error", Static)
        error.update(Text(f"⚠ {visible(message)}", style="bold red"))
        self.query_one("#new-retro", VerticalScroll).scroll_home(animate=False, immediate=True)

    def action_create(self) -> None:
        title = " ".join(self.query_one("#new-title", Input).value.split())
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
        try:
            check_new_retro(self.doc, title, date, self.today)
        except ValueError as error:
            self._error(f"{str(error)[:1].upper()}{str(error)[1:]}.")
            self.query_one("#new-title", Input).focus()
            return
        chosen = self.query_one("#new-template", Select).value
        template = next((t for t in TEMPLATES if t.name == chosen), None)
        carry = self.query_one("#new-carry", Checkbox).value
        keep = frozenset(self.query_one("#new-items", SelectionList).selected)
        self.dismiss(NewRetroRequest(title, date, carry, keep, template))

    def action_cancel(self) -> None:
        self.dismiss(None)


def add_as_asked(editor: Editor, request: NewRetroRequest, today: dt.date) -> Retro:
    """Add the retro the dialog asked for, as one undoable change, with the ticked items carried."""
    previous = latest_retro(editor.doc)
    open_count = sum(not a.is_done for a in previous.action_items) if previous is not None else 0
    # Carried copies come in the order of the open items, so the dialog's ticks apply by position.
    flags = iter([n in request.keep for n in range(open_count)])
    return editor.add_retro(
        request.title,
        request.date,
        carry_over=request.carry_over,
        keep=lambda _item: next(flags, False),
        template=request.template,
        today=today,
    )
