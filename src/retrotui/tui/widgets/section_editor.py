"""A text section (Summary, What Went Well, ...): its bullets as a list, or its Markdown.

List mode edits item by item (the file keeps its bullet style and every
other line); text mode edits the section's Markdown as a whole.  At most one
item is open for typing at a time, and what is typed in it is never dropped:
leaving the field (Tab, a click, a dialog) keeps it, and the crash journal
holds it while it is being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, ListItem, ListView, Static, TextArea

from retrotui.editing import Editor
from retrotui.markdown.bullets import has_only_bullets, split_trailing_blank_lines
from retrotui.model import Retro, Section
from retrotui.safe_text import visible
from retrotui.tui import commands
from retrotui.tui.commands import Scope
from retrotui.tui.services import EditorServices
from retrotui.tui.widgets.carried_input import CarriedInput
from retrotui.workflow import PendingEdit

if TYPE_CHECKING:
    from retrotui.tui.widgets.retro_view import OpenEdit, PlaceInTab


class BulletInput(CarriedInput):
    BINDINGS = commands.bindings(Scope.BULLET)

    class Cancelled(Message):
        pass

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())


class SectionText(TextArea):
    """The section as Markdown; escape applies the text and goes back to the list."""

    BINDINGS = commands.bindings(Scope.TEXT)

    class Done(Message):
        pass

    def action_done(self) -> None:
        self.post_message(self.Done())


class SectionEditor(Vertical):
    """Edit one section: a, enter/e, d, shift+up/down on items; m for the Markdown text."""

    BINDINGS = commands.bindings(Scope.SECTION)

    def __init__(
        self,
        editor: Editor,
        retro: Retro,
        section: Section,
        services: EditorServices,
        *,
        place: PlaceInTab | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="section-editor section-area")
        self.editor = editor
        self.retro = retro
        self.section = section
        self.section_title = section.title
        self.services = services
        self.border_title = Content(visible(section.title))  # the file's text, never markup
        self._field: BulletInput | None = None  # the one item open for typing
        self._editing: int | None = None
        self._inserting = False
        self._tail = ""
        self._place = place
        self.ready = False  # composed and filled: safe to ask for pending edits

    def compose(self) -> ComposeResult:
        # The items come with the list, so they are laid out and drawn in the same frame as the
        # tab: filled after mounting, the list was drawn empty first and its items frames later.
        items = self.editor.bullets(self.section)
        rows = self._rows(items)
        row = self._place.row_in(items) if self._place is not None else 0
        yield ListView(*rows, id="bullets", initial_index=row)
        yield Static("", id="section-hint")

    def on_mount(self) -> None:
        self._show_hint(self.editor.bullets(self.section))
        if self._place is not None and self.list_view.children:
            self.list_view.scroll_to(*self._place.scroll, animate=False, immediate=True)
        self.ready = True

    @staticmethod
    def _rows(items: list[str]) -> list[ListItem]:
        return [ListItem(Label(Text(visible(item) or " "), markup=False)) for item in items]

    @property
    def list_view(self) -> ListView:
        return self.query_one(ListView)

    @property
    def text_area(self) -> SectionText | None:
        """The section as Markdown, while it is being edited as text (built on first use: it is heavy)."""
        found = self.query(SectionText)
        return found.first() if found else None

    @property
    def in_text_mode(self) -> bool:
        area = self.text_area
        return area is not None and area.display

    def focus_main(self) -> None:
        self.main_widget().focus()

    def main_widget(self) -> Widget:
        """Where the keys go in this tab: the Markdown text, the item being typed, else the list."""
        area = self.text_area
        if area is not None and area.display:
            return area
        return self._field if self._field is not None else self.list_view

    def place(self) -> PlaceInTab:
        from retrotui.tui.widgets.retro_view import PlaceInTab

        view = self.list_view
        index = view.index or 0
        items = self.editor.bullets(self.section)
        return PlaceInTab(index, 0, (view.scroll_x, view.scroll_y), items[index] if index < len(items) else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In text mode the keys belong to the text area; while typing, to the item.
        return not self.in_text_mode and self._field is None

    def reload(self) -> None:
        """Show the section's items from the model."""
        view = self.list_view
        index = view.index or 0
        view.clear()
        self._field = None
        self._editing = None
        items = self.editor.bullets(self.section)
        view.extend(self._rows(items))
        if items:
            view.index = min(index, len(items) - 1)
        self._show_hint(items)

    def _show_hint(self, items: list[str]) -> None:
        """Under the list: the template's prompts while the section is empty (shown, never written)."""
        keys = self.services.keys
        hint = Text()
        if not items:
            from retrotui.templates import prompts_for

            for prompt in prompts_for(self.editor.doc, self.section):
                hint.append(f"{visible(prompt)}\n", style="dim italic")
            hint.append(f"No items yet. Press {keys('section.add')} to add one.")
        if not has_only_bullets(self.editor.section_text(self.section)):
            hint = Text(f"This section has more than a list: press {keys('section.text_mode')} to edit it as text.")
        note = self.services.section_note(self.retro, self.section)  # a live meeting's private items, votes
        if note is not None:
            hint = Text("\n").join([part for part in (hint, note) if part.plain])
        self.query_one("#section-hint", Static).update(hint)

    def meeting_changed(self, items: bool = False) -> None:
        """A live meeting changed what this section shows: the note under it, and (``items``) its items,
        redrawn unless one is open for typing (its commit redraws them) or the Markdown is being edited."""
        if items and self._field is None and not self.in_text_mode:
            self.reload()
        elif not self.in_text_mode:
            self._show_hint(["editing"] if self._field is not None else self.editor.bullets(self.section))

    # -- list mode ---------------------------------------------------------------------

    async def action_add_item(self) -> None:
        self.commit_edit()
        await self._open_input(len(self.editor.bullets(self.section)), "", inserting=True)

    async def action_edit_item(self) -> None:
        self.commit_edit()
        index = self.list_view.index
        items = self.editor.bullets(self.section)
        if index is None or not items:
            return
        await self._open_input(index, items[index], inserting=False)

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

    async def _open_input(self, index: int, value: str, inserting: bool) -> None:
        field = BulletInput(value=value, id="bullet-input", compact=True)
        field.cursor_blink = self.services.blink
        self._field = field
        self._editing = index
        self._inserting = inserting
        view = self.list_view
        if inserting or not view.children:
            await view.append(ListItem(field, classes="editing"))
            view.index = len(view.children) - 1
        else:
            row = view.children[index]
            row.query_one(Label).display = False
            await row.mount(field)
        field.focus()
        self._show_hint(["editing"])

    def commit_edit(self) -> None:
        """Apply the item being typed, if any; an empty new item is no item."""
        field = self._field
        if field is None or self._editing is None:
            return
        value = field.value.strip()
        index, inserting = self._editing, self._inserting
        refocus = field.has_focus
        if inserting and not value:
            self.cancel_edit(refocus)
            return
        if inserting and self.services.keep_aside(self.retro, self.section, value):
            self.cancel_edit(refocus)  # live silent writing keeps it private until the reveal
            return
        if inserting:
            self.editor.insert_bullet(self.retro, self.section, index, value)
        else:
            self.editor.edit_bullet(self.retro, self.section, index, value)
        self.reload()
        self.list_view.index = index
        if refocus:
            self.list_view.focus()

    def cancel_edit(self, refocus: bool = True) -> None:
        self.reload()
        if refocus:
            self.list_view.focus()

    @on(Input.Submitted, "#bullet-input")
    def _on_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit_edit()

    @on(BulletInput.Cancelled)
    def _on_cancelled(self, event: BulletInput.Cancelled) -> None:
        event.stop()
        self.cancel_edit()

    @on(Input.Blurred, "#bullet-input")
    def _on_blurred(self, event: Input.Blurred) -> None:
        # Focus moved away (Tab, a click, a dialog): keep what was typed.
        event.stop()
        if self._field is event.input:
            self.commit_edit()

    # -- text mode ---------------------------------------------------------------------

    async def action_text_mode(self) -> None:
        text_area = self.text_area
        if text_area is None:
            text_area = SectionText("", id="section-text", soft_wrap=True, show_line_numbers=False)
            await self.mount(text_area, before=self.query_one("#section-hint"))
        body, self._tail = split_trailing_blank_lines(self.editor.section_text(self.section))
        text_area.load_text(body)
        self.list_view.display = False
        text_area.display = True
        keys = self.services.keys("text.done")
        self.query_one("#section-hint", Static).update(
            Text(f"Editing the Markdown of this section. {keys} applies it.")
        )
        text_area.focus()

    def _typed_text(self) -> str:
        """The text area's Markdown as the section's body, in the file's line endings."""
        eol = self.editor.doc.format.eol
        area = self.text_area
        text = (area.text if area is not None else "").replace("\r\n", "\n").rstrip("\n")
        if eol != "\n":
            text = text.replace("\n", eol)
        # The blank lines before the next heading are kept as they were.
        return (text + eol if text else "") + self._tail

    def apply_text(self) -> None:
        """Put the text area's Markdown into the model and go back to the list."""
        text_area = self.text_area
        if text_area is None or not text_area.display:
            return
        typed = self._typed_text()
        self.editor.set_section_text(self.retro, self.section, typed)
        self._warn_of_headings(typed)
        text_area.display = False
        self.list_view.display = True
        self.reload()
        self.list_view.focus()

    def _warn_of_headings(self, typed: str) -> None:
        """A heading line in a section's text is kept as typed, but the file will read it as a new part."""
        from retrotui.markdown.lines import heading_lines

        found = heading_lines(typed)
        if found:
            where = ", ".join(str(number) for number in found[:5])
            self.notify(
                f"Line {where} of the text is a heading: the next time the file is read, a new section or retro "
                f"starts there. Kept as typed; {self.services.keys('app.undo')} takes the text back.",
                title="Heading in a section",
                severity="warning",
                timeout=12,
            )

    @on(SectionText.Done)
    def _on_text_done(self, event: SectionText.Done) -> None:
        event.stop()
        self.apply_text()

    def commit_pending(self) -> None:
        """Before a save: keep whatever is being typed."""
        self.commit_edit()
        self.apply_text()

    def take_open_edit(self) -> OpenEdit | None:
        """The item being typed, let go of without applying it (see ``RetroView.take_open_edit``)."""
        from retrotui.tui.widgets.retro_view import OpenEdit

        field, index = self._field, self._editing
        if field is None or index is None or self.in_text_mode:
            return None
        items = self.editor.bullets(self.section)
        original = items[index] if not self._inserting and index < len(items) else ""
        self._field, self._editing = None, None  # its blur on removal applies nothing
        return OpenEdit(index, 0, original, field.value, field.cursor_position, self._inserting)

    async def reopen(self, typing: OpenEdit) -> None:
        """Open the item again where its text is now; if someone else changed it, what is typed becomes a new item."""
        items = self.editor.bullets(self.section)
        index = None if typing.inserting else typing.found_in(items)
        if index is None:
            if not typing.inserting:
                self.notify(
                    "The item you are editing was changed by someone else at the same moment: "
                    "what you type is added as a new item.",
                    title="Live",
                    severity="warning",
                    timeout=8,
                )
            await self._open_input(len(items), typing.typed, inserting=True)
        else:
            await self._open_input(index, typing.typed, inserting=False)
        if self._field is not None:
            self._field.carry_cursor(typing.cursor)

    def pending_edits(self) -> list[PendingEdit]:
        """The item or text being typed, for the crash journal."""
        where = f"{self.retro.title} / {self.section.title}"
        if self.in_text_mode:
            typed = self._typed_text()
            return [PendingEdit(f"{where} / text", typed, self._shown_as(lambda: typed))]
        field = self._field
        if field is None or self._editing is None:
            return []
        value, index, inserting = field.value.strip(), self._editing, self._inserting
        if inserting and not value:
            return []

        def text() -> str:
            return self.editor.text_with_bullet(self.section, index, value, inserting)

        return [PendingEdit(f"{where} / item {index + 1}", value, self._shown_as(text))]

    def _shown_as(self, text: Callable[[], str]) -> Callable[[], Callable[[], None]]:
        return lambda: self.editor.with_section_text(self.section, text())
