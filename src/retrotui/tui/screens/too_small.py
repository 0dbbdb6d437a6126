"""A clear message instead of a broken layout when the terminal is too small to work in."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 20


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    """Shown over everything below 60x20 and taken away when the window grows; nothing underneath changes."""

    def __init__(self) -> None:
        super().__init__(id="too-small")

    def compose(self) -> ComposeResult:
        yield Static("", id="too-small-message")

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def on_screen_resume(self) -> None:
        """Back on top (a dialog opened over the message meanwhile has closed): gone if the window grew.

        The app takes the message away when the window grows only while it is on top; one under a
        dialog would otherwise stay at full size, and take the keys meant for the editor.
        """
        if not too_small(self.app.size.width, self.app.size.height):
            self.app.pop_screen()

    def show_size(self, width: int, height: int) -> None:
        self.query_one("#too-small-message", Static).update(
            Text(
                f"The terminal is too small ({width}x{height}).\n"
                f"retrotui needs at least {MIN_WIDTH}x{MIN_HEIGHT}: make the window larger.\n"
                "Nothing is lost: your edits are kept, and keys typed now\n"
                "go where you typed them once the window is larger.",
                justify="center",
            )
        )
