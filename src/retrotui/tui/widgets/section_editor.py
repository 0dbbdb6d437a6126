"""A text section (Summary, What Went Well, ...): its bullets as a list, or its Markdown.

List mode edits item by item (the file keeps its bullet style and every
other line); text mode edits the section's Markdown as a whole.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, ListItem, ListView, Static, TextArea

from retrotui.editing import Editor
from retrotui.markdown.bullets import has_only_bullets, split_trailing_blank_lines
from retrotui.model import Retro, Section


class BulletInput(Input):
    BINDINGS = [Binding("escape", "cancel", "Cancel edit", id="bullet.cancel")]

    class Cancelled(Message):
        pass

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())


class SectionText(TextArea):
    """The section as Markdown; escape applies the text and goes back to the list."""

    BINDINGS = [Binding("escape", "done", "Done", id="text.done")]

    class Done(Message):
        pass

    def action_done(self) -> None:
        self.post_message(self.Done())


class SectionEditor(Vertical):
    """Edit one section: a, enter/e, d, shift+up/down on items; m for the Markdown text."""

    BINDINGS = [
        Binding("a", "add_item", "Add", id="section.add"),
        Binding("e", "edit_item", "Edit", id="section.edit"),
        Binding("d", "delete_item", "Delete", id="section.delete"),
        Binding("shift+up", "move_item(-1)", "Move up", id="section.move_up"),
        Binding("shift+down", "move_item(1)", "Move down", id="section.move_down"),
        Binding("m", "text_mode", "Edit as text", id="section.text_mode"),
    ]

    def __init__(self, editor: Editor, retro: Retro, section: Section, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="section-editor")
        self.editor = editor
        self.retro = retro
        self.section = section
        self._editing: int | None = None
        self._inserting = False
        self._tail = ""

    def compose(self):  # type: ignore[no-untyped-def]
        yield ListView(id="bullets")
        yield SectionText("", id="section-text", soft_wrap=True, show_line_numbers=False)
        yield Static("", id="section-hint")

    def on_mount(self) -> None:
        self.query_one(SectionText).display = False
        self.reload()
        if not has_only_bullets(self.editor.section_text(self.section)):
            self.query_one("#section-hint", Static).update(
                "This section has more than a list: press m to edit it as text."
            )

    @property
    def list_view(self) -> ListView:
        return self.query_one(ListView)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In text mode the keys belong to the text area.
        return not self.query_one(SectionText).display

    def reload(self) -> None:
        """Show the section's items from the model."""
        view = self.list_view
        index = view.index or 0
        view.clear()
        items = self.editor.bullets(self.section)
        view.extend(ListItem(Label(Text(item or " "), markup=False)) for item in items)
        if items:
            view.index = min(index, len(items) - 1)
        self.query_one("#section-hint", Static).update("" if items else "No items yet. Press a to add one.")

    # -- list mode ---------------------------------------------------------------------

    async def action_add_item(self) -> None:
        count = len(self.editor.bullets(self.section))
        self._inserting = True
        await self._open_input(count, "")

    async def action_edit_item(self) -> None:
        index = self.list_view.index
        items = self.editor.bullets(self.section)
        if index is None or not items:
            return
        self._inserting = False
        await self._open_input(index, items[index])

    def action_delete_item(self) -> None:
        index = self.list_view.index
        if index is None or not self.editor.bullets(self.section):
            return
        self.editor.delete_bullet(self.retro, self.section, index)
        self.reload()

    def action_move_item(self, delta: int) -> None:
        index = self.list_view.index
        if index is None:
            return
        if self.editor.move_bullet(self.retro, self.section, index, delta):
            self.reload()
            self.list_view.index = index + delta

    @on(ListView.Selected)
    async def _on_selected(self, event: ListView.Selected) -> None:
        event.stop()
        await self.action_edit_item()

    async def _open_input(self, index: int, value: str) -> None:
        self._editing = index
        field = BulletInput(value=value, id="bullet-input", compact=True)
        view = self.list_view
        if self._inserting or not view.children:
            await view.append(ListItem(field, classes="editing"))
            view.index = len(view.children) - 1
        else:
            row = view.children[index]
            row.query_one(Label).display = False
            await row.mount(field)
        field.focus()

    def commit_edit(self) -> None:
        """Apply the item being typed, if any."""
        if self._editing is None:
            return
        field = self.query_one(BulletInput)
        value = field.value.strip()
        index = self._editing
        self._editing = None
        if self._inserting:
            self.editor.insert_bullet(self.retro, self.section, index, value)
        else:
            self.editor.edit_bullet(self.retro, self.section, index, value)
        self._inserting = False
        self.reload()
        self.list_view.index = index
        self.list_view.focus()

    def cancel_edit(self) -> None:
        self._editing = None
        self._inserting = False
        self.reload()
        self.list_view.focus()

    @on(Input.Submitted, "#bullet-input")
    def _on_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit_edit()

    @on(BulletInput.Cancelled)
    def _on_cancelled(self, event: BulletInput.Cancelled) -> None:
        event.stop()
        self.cancel_edit()

    # -- text mode ---------------------------------------------------------------------

    def action_text_mode(self) -> None:
        text_area = self.query_one(SectionText)
        body, self._tail = split_trailing_blank_lines(self.editor.section_text(self.section))
        text_area.load_text(body)
        self.list_view.display = False
        text_area.display = True
        self.query_one("#section-hint", Static).update("Editing the Markdown of this section. Esc applies it.")
        text_area.focus()

    def apply_text(self) -> None:
        """Put the text area's Markdown into the model and go back to the list."""
        text_area = self.query_one(SectionText)
        if not text_area.display:
            return
        eol = self.editor.doc.format.eol
        text = text_area.text.replace("\r\n", "\n").rstrip("\n")
        if eol != "\n":
            text = text.replace("\n", eol)
        # The blank lines before the next heading are kept as they were.
        text = (text + eol if text else "") + self._tail
        self.editor.set_section_text(self.retro, self.section, text)
        text_area.display = False
        self.list_view.display = True
        self.reload()
        self.list_view.focus()

    @on(SectionText.Done)
    def _on_text_done(self, event: SectionText.Done) -> None:
        event.stop()
        self.apply_text()

    def commit_pending(self) -> None:
        """Before a save: keep whatever is being typed."""
        self.commit_edit()
        self.apply_text()
