"""Settle merge conflicts one by one: ours, theirs, or an edit of your own."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from retrotui.merge import Conflict, MergeResult
from retrotui.safe_text import visible


class MergeDialog(ModalScreen[bool]):
    """Each conflict side by side; o takes ours, t theirs, e edits. Esc cancels: nothing is written."""

    AUTO_FOCUS = ""  # the keys belong to the dialog until "e" opens the editor

    BINDINGS = [
        Binding("o", "choose('ours')", "Take mine", id="merge.ours"),
        Binding("t", "choose('theirs')", "Take theirs", id="merge.theirs"),
        Binding("e", "edit", "Edit", id="merge.edit"),
        Binding("ctrl+s", "accept_edit", "Use the edit", id="merge.accept_edit", show=False),
        Binding("escape", "cancel", "Cancel", id="merge.cancel"),
        # Both sides scroll together: a long conflict on a small screen can be read to its end.
        Binding("down", "scroll_sides('down')", show=False),
        Binding("up", "scroll_sides('up')", show=False),
        Binding("pagedown", "scroll_sides('page_down')", show=False),
        Binding("pageup", "scroll_sides('page_up')", show=False),
    ]

    def __init__(self, result: MergeResult, file_name: str) -> None:
        super().__init__(classes="dialog-screen")
        self.result = result
        self.file_name = file_name
        self.index = 0

    @property
    def conflict(self) -> Conflict:
        return self.result.conflicts[self.index]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="merge"):
            yield Static("", id="merge-title", classes="dialog-title")
            # The keys first: below a long conflict on a small screen they would be cut off.
            yield Static(
                "o take mine · t take theirs · e edit (ctrl+s uses the edit) · esc cancel: nothing is written"
                " · ↑↓ PgUp PgDn scroll",
                id="merge-help",
                classes="dialog-help",
            )
            with VerticalScroll(id="merge-scroll", can_focus=False), Horizontal(id="merge-sides"):
                yield Static("", id="merge-ours", classes="merge-side")
                yield Static("", id="merge-theirs", classes="merge-side")
            yield TextArea("", id="merge-edit")

    def on_mount(self) -> None:
        self.query_one("#merge-edit", TextArea).display = False
        self.show_conflict()

    def show_conflict(self) -> None:
        conflict = self.conflict
        total = len(self.result.conflicts)
        title = Text(
            f"{visible(self.file_name)} changed on disk — conflict {self.index + 1} of {total}\n", style="bold"
        )
        title.append(visible(conflict.where))
        self.query_one("#merge-title", Static).update(title)
        ours = Text("Mine\n", style="bold")
        ours.append(visible(conflict.ours, keep_newlines=True) or "(deleted)")
        theirs = Text("Theirs (on disk)\n", style="bold")
        theirs.append(visible(conflict.theirs, keep_newlines=True) or "(deleted)")
        self.query_one("#merge-ours", Static).update(ours)
        self.query_one("#merge-theirs", Static).update(theirs)
        self.query_one("#merge-scroll", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """The two sides get what the screen has left once the title, the keys and the edit are shown."""
        if not self.is_attached or not self.is_active:
            return  # answered meanwhile (the last conflict settled): nothing left to fit
        dialog = self.query_one("#merge", Vertical)
        scroll = self.query_one("#merge-scroll", VerticalScroll)
        others = sum(
            child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
            for child in dialog.children
            if child is not scroll and child.display
        )
        chrome = dialog.styles.gutter.height + scroll.styles.margin.top + scroll.styles.margin.bottom
        room = max(3, self.size.height - chrome - others)
        if scroll.styles.max_height is None or scroll.styles.max_height.value != room:
            scroll.styles.max_height = room

    def action_scroll_sides(self, how: str) -> None:
        scroll = self.query_one("#merge-scroll", VerticalScroll)
        getattr(scroll, f"scroll_{how}")(animate=False, immediate=True)

    @property
    def editing(self) -> bool:
        """The edit is open: ctrl+s is this dialog's (it uses the edit), not the app's save.

        Asked for the footer's keys at any time, also before the dialog is composed (then: no edit).
        """
        found = self.query("#merge-edit")
        return bool(found) and bool(found.first().display)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        editing = self.editing
        if action in ("choose", "edit", "scroll_sides"):
            return not editing
        if action == "accept_edit":
            return editing
        return True

    def action_choose(self, side: str) -> None:
        self.conflict.resolve(side)
        self.next_conflict()

    def action_edit(self) -> None:
        area = self.query_one("#merge-edit", TextArea)
        area.load_text(self.conflict.ours or self.conflict.theirs)
        area.display = True
        area.focus()
        self.refresh_bindings()
        self.call_after_refresh(self._fit)

    def action_accept_edit(self) -> None:
        area = self.query_one("#merge-edit", TextArea)
        text = area.text
        if text and not text.endswith("\n"):
            text += "\n"
        self.conflict.resolve(text)
        area.display = False
        self.set_focus(None)
        self.refresh_bindings()
        self.call_after_refresh(self._fit)
        self.next_conflict()

    def next_conflict(self) -> None:
        if self.index + 1 < len(self.result.conflicts):
            self.index += 1
            self.show_conflict()
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(TextArea.Changed)
    def _typing(self, event: TextArea.Changed) -> None:
        event.stop()
