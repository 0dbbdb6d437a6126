"""One retro: a tab per section, the action grid in the Action Items tab.

A tab's editor is built the first time the tab is shown, so opening a retro
costs one section, not six.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from retrotui.editing import Editor
from retrotui.model import ActionItem, Retro, Section, SectionKind
from retrotui.safe_text import visible
from retrotui.tui.commands import Scope
from retrotui.tui.services import EditorServices
from retrotui.tui.widgets.action_grid import ActionGrid
from retrotui.tui.widgets.section_editor import SectionEditor
from retrotui.workflow import PendingEdit

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
    return Content(f"{number} {visible(name)}")


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


@dataclass(frozen=True, slots=True)
class PlaceInTab:
    """Where a tab's editor was: its cursor and how far it was scrolled.

    ``text`` is the item (or the row's Item) under the cursor: after the others' edits
    came in (rows added or removed above it), the cursor goes back to that item.
    """

    row: int = 0
    column: int = 0
    scroll: tuple[float, float] = (0.0, 0.0)
    text: str | None = None

    def row_in(self, texts: list[str]) -> int:
        """The cursor's row among ``texts`` now: its item's, nearest to where it was, else the same number."""
        found = nearest(texts, self.text, self.row) if self.text is not None else None
        if found is not None:
            return found
        return min(self.row, len(texts) - 1) if texts else 0


def nearest(texts: list[str], wanted: str, near: int) -> int | None:
    """The index of ``wanted`` in ``texts`` closest to ``near`` (None: it is not there)."""
    found = [i for i, text in enumerate(texts) if text == wanted]
    return min(found, key=lambda i: abs(i - near)) if found else None


@dataclass(frozen=True, slots=True)
class OpenEdit:
    """A field being typed in, carried across a rebuilt view (a live session taking in the others' edits).

    ``original`` is the item (or the row's Item cell) as it was before typing: where the field
    is opened again, by text, nearest to ``row``.  ``rows`` is how many rows the grid had then
    (-1: not a grid's).
    """

    row: int
    column: int
    original: str
    typed: str
    cursor: int
    inserting: bool = False
    tab: int = 0
    rows: int = -1

    def found_in(self, texts: list[str]) -> int | None:
        """Where ``original`` is in ``texts`` now, nearest to where it was (None: gone or changed)."""
        return nearest(texts, self.original, self.row)


@dataclass(frozen=True, slots=True)
class ViewState:
    """What a redraw keeps: the tab shown and the place in every tab visited."""

    tab: int = 1
    places: dict[int, PlaceInTab] = field(default_factory=dict)


SectionWidget = ActionGrid | SectionEditor


class RetroView(Vertical):
    """The selected retro's sections as tabs."""

    def __init__(self, editor: Editor, retro: Retro, services: EditorServices, state: ViewState | None = None) -> None:
        super().__init__(id="retro-view")
        self.editor = editor
        self.retro = retro
        self.services = services
        self.sections = ordered_sections(retro)
        self.initial = state or ViewState()

    def compose(self) -> ComposeResult:
        title = Text(visible(self.retro.title), style="bold")
        if self.retro.date is not None:
            title.append(f"  {self.retro.date.isoformat()}", style="dim")
        yield Static(title, id="retro-title")
        if not self.sections:
            yield Static(Text("This block has no sections to edit."), id="no-sections")
            return
        tab = self.initial.tab if 1 <= self.initial.tab <= len(self.sections) else 1
        with TabbedContent(initial=f"tab-{tab}", id="sections"):
            for n, section in enumerate(self.sections, 1):
                with TabPane(tab_label(n, section), id=f"tab-{n}"):
                    if n == tab:
                        yield self._make_editor(n)

    def _make_editor(self, number: int) -> SectionWidget:
        section = self.sections[number - 1]
        place = self.initial.places.get(number)
        if holds_actions(self.editor, self.retro, section):
            return ActionGrid(self.editor, self.retro, section, self.services, place=place, id=f"grid-{number}")
        return SectionEditor(self.editor, self.retro, section, self.services, place=place, id=f"section-{number}")

    @property
    def tabs(self) -> TabbedContent | None:
        found = self.query(TabbedContent)
        return found.first() if found else None

    @property
    def active_number(self) -> int:
        tabs = self.tabs
        if tabs is None or not tabs.active:
            return 0
        return int(tabs.active.removeprefix("tab-"))

    def editor_in(self, number: int) -> SectionWidget | None:
        tabs = self.tabs
        if tabs is None:
            return None
        found = tabs.get_pane(f"tab-{number}").query("ActionGrid, SectionEditor")
        return found.first() if found else None  # type: ignore[return-value]

    async def ensure_editor(self, number: int) -> SectionWidget | None:
        """The tab's editor, built now if the tab was never shown."""
        existing = self.editor_in(number)
        if existing is not None or self.tabs is None or not self.is_attached:
            return existing  # (not attached: the app is quitting, and Textual mounts nothing more)
        made = self._make_editor(number)
        await self.tabs.get_pane(f"tab-{number}").mount(made)
        return made

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        number = int((event.pane.id or "tab-0").removeprefix("tab-"))
        if number:
            await self.ensure_editor(number)

    async def show_tab(self, number: int) -> bool:
        tabs = self.tabs
        if tabs is None or not 1 <= number <= len(self.sections):
            return False
        # Built before the tab is switched to: the tab bar, the pane and its items change in one
        # frame (switched first, an empty pane was drawn while the editor was being mounted).
        await self.ensure_editor(number)
        tabs.active = f"tab-{number}"
        self.focus_active()
        return True

    def active_editor(self) -> SectionWidget | None:
        return self.editor_in(self.active_number) if self.active_number else None

    def active_scopes(self) -> list[Scope]:
        active = self.active_editor()
        if isinstance(active, ActionGrid):
            return [Scope.GRID]
        if isinstance(active, SectionEditor):
            return [Scope.SECTION]
        return []

    def focus_active(self) -> None:
        active = self.active_editor()
        if active is not None:
            active.focus_main()

    def editors(self) -> list[SectionWidget]:
        """The section editors built so far (a tab's editor may still be on its way in)."""
        found: list[SectionWidget] = list(self.query("ActionGrid, SectionEditor").results())  # type: ignore[arg-type]
        return [widget for widget in found if widget.ready]

    def commit_pending(self) -> None:
        """Keep whatever is being typed in any cell or item before a save."""
        for widget in self.editors():
            widget.commit_pending()

    def pending_edits(self) -> list[PendingEdit]:
        """Typing in progress, for the crash journal."""
        return [edit for widget in self.editors() for edit in widget.pending_edits()]

    def take_open_edit(self) -> OpenEdit | None:
        """The field being typed in, let go of (not applied) so a rebuilt view can open it again."""
        for number in range(1, len(self.sections) + 1):
            widget = self.editor_in(number)
            found = widget.take_open_edit() if widget is not None and widget.ready else None
            if found is not None:
                return replace(found, tab=number)
        return None

    def can_carry_typing(self) -> bool:
        """Whatever is being typed can be carried across a rebuild (the Markdown text editor cannot)."""
        return not any(isinstance(w, SectionEditor) and w.in_text_mode for w in self.editors())

    async def reopen(self, typing: OpenEdit) -> None:
        """Open the field again where it stands now, with what was typed and the cursor where it was."""
        if typing.tab != self.active_number and not await self.show_tab(typing.tab):
            return
        widget = self.editor_in(typing.tab)
        if widget is not None:
            await widget.reopen(typing)

    def reload(self) -> None:
        """Redraw every section from the model."""
        for widget in self.editors():
            widget.reload()

    def state(self) -> ViewState:
        places = {}
        for n in range(1, len(self.sections) + 1):
            widget = self.editor_in(n)
            if widget is not None:
                places[n] = widget.place()
        return ViewState(self.active_number or 1, places)

    async def show_action(self, action: ActionItem) -> bool:
        """Open the Actions tab with the cursor on this item."""
        for n, section in enumerate(self.sections, 1):
            if holds_actions(self.editor, self.retro, section):
                await self.show_tab(n)
                grid = self.editor_in(n)
                if isinstance(grid, ActionGrid):
                    return grid.show_item(action)
        return False

    def active_section(self) -> Section | None:
        number = self.active_number
        return self.sections[number - 1] if 0 < number <= len(self.sections) else None

    async def show_section_of(self, section: Section | None) -> None:
        if section is None:
            return
        for n, candidate in enumerate(self.sections, 1):
            if candidate is section:
                await self.show_tab(n)
