"""Ask where to save when the file is gone: a path, checked before anything is written."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from retrotui.safe_text import visible


def check_target(text: str, base: Path) -> Path | str:
    """The path to write, or why not (a folder that does not exist, a file that is already there)."""
    raw = text.strip()
    if not raw:
        return "Type a path."
    if "\0" in raw:
        return "A path cannot hold a NUL character."
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = base / path
    try:
        if path.is_dir():
            return f"{path} is a folder; add a file name."
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist."
        if path.exists():
            return f"{path} already exists; pick another name."
    except OSError as error:  # a name too long, a folder that cannot be searched: said, never a crash
        return f"{path}: {error.strerror or error}"
    return path


class SaveAsDialog(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save_as.cancel")]

    def __init__(self, current: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Save as", style="bold"), classes="dialog-title")
            yield Input(str(self.current), id="save-as-path", select_on_focus=False)
            yield Static("", id="save-as-error")
            yield Static("Enter saves there · Esc cancels (nothing is written)", classes="dialog-help")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        found = check_target(event.value, self.current.parent)
        if isinstance(found, str):
            self.query_one("#save-as-error", Static).update(Text(f"⚠ {visible(found)}", style="bold"))
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(None)
