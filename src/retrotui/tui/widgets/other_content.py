"""Everything in the file outside the retros: shown, and editable as Markdown, so nothing is out of sight.

A file from another team often has parts retrotui does not read as retros (a
timeline, a list of attendees, notes at the end).  They are listed here with
the line they start on; enter opens one as Markdown, Esc puts it back.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ListItem, ListView, Static

from retrotui.editing import Editor
from retrotui.reading import OtherContent
from retrotui.safe_text import visible
from retrotui.tui.commands import Scope
from retrotui.tui.services import EditorServices
from retrotui.tui.widgets.section_editor import SectionText
from retrotui.workflow import PendingEdit

PREVIEW_LINES = 12  # a long part shows its first lines; enter shows it all


class OtherContentView(Vertical):
    """The parts of the file outside the retros, each with its first line number."""

    def __init__(self, editor: Editor, services: EditorServices) -> None:
        super().__init__(id="other-view", classes="section-area")
        self.editor = editor
        self.services = services
        self.retro = None
        self.section_title = "Other content"
        self.border_title = "Other content: parts of the file outside the retros"
        self.parts: list[OtherContent] = []
        self._editing: OtherContent | None = None
        self.ready = False

    def compose(self) -> ComposeResult:
        yield ListView(id="other-parts")
        yield SectionText("", id="other-text", soft_wrap=True, show_line_numbers=False)
        yield Static("", id="other-hint")

    def on_mount(self) -> None:
        self.query_one(SectionText).display = False
        self.reload()
        self.ready = True

    def reload(self) -> None:
        self.parts = self.editor.doc.other_content()
        view = self.query_one(ListView)
        view.clear()
        view.extend(ListItem(Label(_preview(part), markup=False)) for part in self.parts)
        if self.parts:
            view.index = 0
        hint = "Enter edits a part as Markdown; Esc puts it back." if self.parts else "Nothing outside the retros."
        self.query_one("#other-hint", Static).update(Text(hint))

    def focus_active(self) -> None:
        text = self.query_one(SectionText)
        (text if text.display else self.query_one(ListView)).focus()

    @on(ListView.Selected, "#other-parts")
    def _selected(self, event: ListView.Selected) -> None:
        event.stop()
        index = self.query_one(ListView).index
        if index is None or not 0 <= index < len(self.parts):
            return
        self._editing = self.parts[index]
        text = self.query_one(SectionText)
        text.load_text(self._editing.text)
        self.query_one(ListView).display = False
        text.display = True
        done = self.services.keys("text.done")
        self.query_one("#other-hint", Static).update(
            Text(f"Editing line {self._editing.line} on. {done} puts it back.")
        )
        text.focus()

    @on(SectionText.Done)
    def _done(self, event: SectionText.Done) -> None:
        event.stop()
        self.commit_pending()
        self.query_one(ListView).focus()

    def commit_pending(self) -> None:
        """Put the part being edited back into the document, as one undoable change."""
        part, self._editing = self._editing, None
        text_area = self.query_one(SectionText)
        if part is None or not text_area.display:
            return
        self.editor.replace_other_content(part, text_area.text)
        text_area.display = False
        self.query_one(ListView).display = True
        self.reload()

    def pending_edits(self) -> list[PendingEdit]:
        part = self._editing
        if part is None:
            return []
        typed = self.query_one(SectionText).text
        return [
            PendingEdit(f"other content / line {part.line}", typed, lambda: self.editor.with_other_content(part, typed))
        ]

    # The editor screen treats this like a retro's view.

    def state(self) -> None:
        return None

    def active_editor(self) -> None:
        return None

    def active_scopes(self) -> list[Scope]:
        return []

    def active_section(self) -> None:
        return None

    async def show_tab(self, number: int) -> bool:
        return False

    async def show_section_of(self, section: object) -> None:
        return None

    async def show_action(self, action: object) -> bool:
        return False


def _preview(part: OtherContent) -> Text:
    lines = part.text.splitlines()
    shown = lines[:PREVIEW_LINES]
    text = Text(f"line {part.line}\n", style="bold")
    text.append(visible("\n".join(shown), keep_newlines=True))
    if len(lines) > PREVIEW_LINES:
        text.append(f"\n… {len(lines) - PREVIEW_LINES} more lines", style="dim")
    return text
