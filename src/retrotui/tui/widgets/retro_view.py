"""One retro: a tab per section, the action grid in the Action Items tab."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from retrotui.editing import Editor
from retrotui.model import ActionItem, Retro, Section, SectionKind
from retrotui.tui.widgets.action_grid import ActionGrid
from retrotui.tui.widgets.section_editor import SectionEditor

KIND_ORDER = {kind: n for n, kind in enumerate(SectionKind)}
SHORT_LABELS = {
    SectionKind.SUMMARY: "Summary",
    SectionKind.WENT_WELL: "Went Well",
    SectionKind.COULD_IMPROVE: "Improve",
    SectionKind.ACTION_ITEMS: "Actions",
    SectionKind.METRICS: "Metrics",
    SectionKind.FOLLOW_UP: "Follow-Up",
}


def tab_label(number: int, section: Section) -> Content:
    """Short labels for the known sections so six tabs fit; others as the file names them."""
    name = SHORT_LABELS.get(section.kind, section.title) if section.kind else section.title
    return Content(f"{number} {name}")


def ordered_sections(retro: Retro) -> list[Section]:
    """The known sections in template order, then the others in file order."""
    known = sorted((s for s in retro.sections if s.kind is not None), key=lambda s: KIND_ORDER[s.kind])  # type: ignore[index]
    return known + [s for s in retro.sections if s.kind is None]


def holds_actions(editor: Editor, retro: Retro, section: Section) -> bool:
    """The section shown as the grid: the retro's action list, or an empty Action Items section."""
    if section.action_list is not None:
        return section.action_list is retro.action_list
    if section.kind != SectionKind.ACTION_ITEMS or retro.action_list is not None:
        return False
    return retro.section(SectionKind.ACTION_ITEMS) is section and not editor.section_text(section).strip()


class RetroView(Vertical):
    """The selected retro's sections as tabs."""

    def __init__(self, editor: Editor, retro: Retro, today: Callable[[], dt.date], initial_tab: str = "") -> None:
        super().__init__(id="retro-view")
        self.editor = editor
        self.retro = retro
        self.today = today
        self.sections = ordered_sections(retro)
        self.initial_tab = initial_tab

    def compose(self):  # type: ignore[no-untyped-def]
        title = Text(self.retro.title, style="bold")
        if self.retro.date is not None:
            title.append(f"  {self.retro.date.isoformat()}", style="dim")
        yield Static(title, id="retro-title")
        if not self.sections:
            yield Static(Text("This block has no sections to edit."), id="no-sections")
            return
        initial = self.initial_tab if self.initial_tab else "tab-1"
        with TabbedContent(initial=initial, id="sections"):
            for n, section in enumerate(self.sections, 1):
                with TabPane(tab_label(n, section), id=f"tab-{n}"):
                    if holds_actions(self.editor, self.retro, section):
                        yield ActionGrid(self.editor, self.retro, self.today, id=f"grid-{n}")
                    else:
                        yield SectionEditor(self.editor, self.retro, section, id=f"section-{n}")

    @property
    def tabs(self) -> TabbedContent | None:
        found = self.query(TabbedContent)
        return found.first() if found else None

    def show_tab(self, number: int) -> bool:
        tabs = self.tabs
        if tabs is None or not 1 <= number <= len(self.sections):
            return False
        tabs.active = f"tab-{number}"
        self.focus_active()
        return True

    def focus_active(self) -> None:
        tabs = self.tabs
        if tabs is None:
            return
        pane = tabs.get_pane(tabs.active)
        grid = pane.query(ActionGrid)
        if grid:
            grid.first().table.focus()
            return
        editors = pane.query(SectionEditor)
        if editors:
            editors.first().list_view.focus()

    def commit_pending(self) -> None:
        """Keep whatever is being typed in any cell or item before a save."""
        for grid in self.query(ActionGrid):
            grid.commit_edit()
        for section in self.query(SectionEditor):
            section.commit_pending()

    def reload(self) -> None:
        """Redraw every section from the model."""
        for grid in self.query(ActionGrid):
            grid.reload()
        for section in self.query(SectionEditor):
            section.reload()

    def show_action(self, action: ActionItem) -> bool:
        """Open the Actions tab with the cursor on this item."""
        for n, section in enumerate(self.sections, 1):
            if holds_actions(self.editor, self.retro, section):
                self.show_tab(n)
                grid = self.query_one(f"#grid-{n}", ActionGrid)
                for row, candidate in enumerate(self.retro.action_items):
                    if candidate is action:
                        grid.table.move_cursor(row=row, column=0, animate=False)
                        grid.table.focus()
                        return True
        return False

    def active_section(self) -> Section | None:
        tabs = self.tabs
        if tabs is None or not tabs.active:
            return None
        number = int(tabs.active.removeprefix("tab-"))
        return self.sections[number - 1] if 0 < number <= len(self.sections) else None

    def show_section_of(self, section: Section | None) -> None:
        if section is None:
            return
        for n, candidate in enumerate(self.sections, 1):
            if candidate is section:
                self.show_tab(n)
