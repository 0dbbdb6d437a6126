"""A small modal that asks one question and returns the key of the chosen answer."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets._button import ButtonVariant

from retrotui.safe_text import visible


class ChoiceDialog(ModalScreen[str]):
    """Buttons with a key each; escape answers "cancel"."""

    BINDINGS = [Binding("escape", "choose('cancel')", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str, str]]) -> None:
        """``choices`` are ``(answer, button label, key)``; the first is the default."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # Both quote file names, paths and OS errors: their control characters are shown, not obeyed.
            yield Static(Text(visible(self.title_text), style="bold"), classes="dialog-title")
            yield Static(Text(visible(self.message, keep_newlines=True)), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for n, (answer, label, key) in enumerate(self.choices):
                    variant: ButtonVariant = "primary" if n == 0 else ("error" if answer == "discard" else "default")
                    yield Button(Content(f"{label} [{key}]"), id=f"choice-{answer}", variant=variant)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        for answer, _label, key in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "choice-cancel").removeprefix("choice-"))

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer)


def quit_dialog(file_name: str) -> ChoiceDialog:
    return ChoiceDialog(
        "Unsaved changes",
        f"{file_name} has changes that are not saved.",
        [("save", "Save and quit", "s"), ("discard", "Quit without saving", "d"), ("cancel", "Cancel", "c")],
    )
