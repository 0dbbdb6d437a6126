"""The editor screen: the retro list on the left, the selected retro's sections on the right.

It shows the document and runs the editing commands; saving, the disk watch,
the journal, commit and quitting are the ``FileKeeper``'s (``tui/file_keeper.py``).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, OptionList, Static

from retrotui.store import StoreError
from retrotui.tui import commands
from retrotui.tui.commands import Scope
from retrotui.tui.file_keeper import FileKeeper
from retrotui.tui.services import EditorServices
from retrotui.tui.widgets.focus_line import FocusLine
from retrotui.tui.widgets.meeting_timer import MeetingTimer
from retrotui.tui.widgets.retro_list import OTHER_ID, RetroList, newest_first

if TYPE_CHECKING:
    from retrotui.editing import Change, Editor
    from retrotui.model import Retro, RetroDocument
    from retrotui.session import Session
    from retrotui.tracker import TrackedAction
    from retrotui.tui.dialogs.new_retro import NewRetroRequest
    from retrotui.tui.widgets.other_content import OtherContentView
    from retrotui.tui.widgets.retro_view import RetroView, ViewState

# Before the file is read, these wait for the document.
NEEDS_DOCUMENT = frozenset(
    {"save", "save_and_commit", "new_retro", "undo", "redo", "show_tab", "tracker", "timebox", "adjust_timebox"}
)


class EditorScreen(Screen[None]):
    """Edit one retrospective file; every action has a key and a palette entry."""

    BINDINGS = commands.bindings(Scope.RETROS)

    def __init__(
        self,
        source: Session | Callable[[], Session],
        path: Path,
        services: EditorServices,
        *,
        look_up_branch: bool = True,
        watch_file: bool = True,
        journal: bool = True,
        sync: str | None = None,
    ) -> None:
        super().__init__(id="editor")
        self.path = path
        self.services = services
        self.look_up_branch = look_up_branch
        self._opener = source if callable(source) else None
        self._session: Session | None = None if callable(source) else source
        self.showing = False  # the document is being put on screen
        self.quit_when_shown = False
        self.showing_other = False  # the parts outside the retros are on screen
        self._showing = asyncio.Lock()  # one retro put on screen at a time
        self.current: Retro | None = None
        self.branch: str | None = None
        self._history_state = (False, False)
        self.files = FileKeeper(self, watch_file=watch_file, journal=journal, sync=sync)

    @property
    def session(self) -> Session:
        assert self._session is not None, "the document is not open yet"
        return self._session

    @property
    def editor(self) -> Editor:
        return self.session.editor

    @property
    def is_open(self) -> bool:
        return self._session is not None and not self.showing

    def accepts_keys(self) -> bool:
        """Keys wait while the document opens or a save is on its way to the disk."""
        return self.is_open and not self.files.saving

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="main"):
            yield RetroList(id="retro-list")
            with Vertical(id="retro-pane"):
                yield Static(Text(f"Opening {self.path.name}…"), id="empty")
        with Horizontal(id="status-row"):
            yield FocusLine(self.services.keys, id="focus-line")
            yield MeetingTimer(self.services, id="meeting-timer")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = self.path.name
        if self._session is not None:
            await self.show_document(self._session)
        else:
            # After the first frame is on screen: parsing in a thread before it
            # would hold the GIL (and the import lock) while the frame is drawn.
            self.app.call_after_refresh(self.open_document)
        if self.look_up_branch:
            self.app.call_after_refresh(self.find_branch)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_document(self) -> None:
        assert self._opener is not None
        try:
            session = self._opener()
        except StoreError as error:
            self.app.call_from_thread(self.app.exit, None, 2, f"retrotui: {error}")
            return
        self.services.prepare()
        # Through the screen's own queue: the document goes on screen between two of its
        # messages, never interleaved with a handler that is half-way through.
        self.app.call_from_thread(self.call_later, self.show_document, session)

    async def show_document(self, session: Session) -> None:
        """Put the opened document on screen: the list, the newest retro, focus in the list."""
        if self.app.return_code is not None:
            return  # quit while the file was being read
        self.showing = True
        self._session = session
        session.bump_last_updated = self.services.settings().bump_last_updated
        self.services = dataclasses.replace(self.services, today=session.today)
        session.editor.listeners.append(self._on_document_changed)
        await self.files.show_read_only_banner()
        self.update_title()
        retro_list = self.query_one(RetroList)
        retro_list.show(session.doc)
        latest = retro_list.shown[0] if retro_list.shown else session.doc.template
        await self.show_retro(latest)
        retro_list.focus()
        self.call_later(self._say_where_focus_is)
        self.showing = False
        self.refresh_bindings()
        self.files.start_watching()
        self.services.opened()
        if self.quit_when_shown:
            self.files.quit()

    @work(thread=True, exclusive=True, group="branch", exit_on_error=False)
    def find_branch(self) -> None:
        from retrotui.git import current_branch

        branch = current_branch(self.path)
        self.app.call_from_thread(self.call_later, self._set_branch, branch)

    def _set_branch(self, branch: str | None) -> None:
        self.branch = branch
        self.update_title()

    def update_title(self) -> None:
        details = []
        if self.files.syncing:
            details.append("⟳ syncing…")
        if self.branch:
            details.append(f"⎇ {self.branch}")
        name = self.path.name
        if self._session is not None:
            name = self.session.path.name
            self.title = f"{name} ●" if self.editor.modified or self.session.is_new else name
            if self.session.read_only_reason:
                details.append("read-only")
            if self.session.is_new:
                details.append("new file")
        self.sub_title = " · ".join(details)

    def restyle(self) -> None:
        """The theme changed: redraw what carries retrotui's own colours."""
        view = self.view
        if view is not None and self.is_open:
            view.reload()

    # -- showing retros ----------------------------------------------------------------------

    @property
    def view(self) -> RetroView | OtherContentView | None:
        found = self.query("#retro-view, #other-view")
        return found.first() if found else None  # type: ignore[return-value]

    async def show_retro(self, retro: Retro | None, state: ViewState | None = None) -> None:
        """Replace the retro on screen; one at a time (a list highlight and a dialog's answer may race)."""
        async with self._showing:
            await self._show_retro(retro, state)

    async def _show_retro(self, retro: Retro | None, state: ViewState | None) -> None:
        from retrotui.tui.widgets.retro_view import RetroView

        pane = self.query_one("#retro-pane", Vertical)
        view = self.view
        if view is not None:
            view.commit_pending()
        self.current = retro
        self.showing_other = False
        await pane.remove_children()
        if retro is None:
            hint = f"No retros yet. Press {self.services.keys('app.new_retro')} to start one."
            await pane.mount(Static(Text(hint), id="empty"))
            return
        await pane.mount(RetroView(self.editor, retro, self.services, state=state))

    async def show_other(self) -> None:
        """The parts of the file outside the retros, in the place of a retro."""
        from retrotui.tui.widgets.other_content import OtherContentView

        async with self._showing:
            view = self.view
            if view is not None:
                view.commit_pending()
            self.current = None
            self.showing_other = True
            pane = self.query_one("#retro-pane", Vertical)
            await pane.remove_children()
            await pane.mount(OtherContentView(self.editor, self.services))

    @on(OptionList.OptionHighlighted, "#retro-list")
    async def _retro_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self._session is None or self.showing:
            return
        if event.option.id == OTHER_ID:
            if not self.showing_other:
                await self.show_other()
            return
        retro = self.query_one(RetroList).retro_at(event.option.id, self.editor.doc)
        async with self._showing:
            if retro is not None and retro is not self.current:
                await self._show_retro(retro, None)

    @on(OptionList.OptionSelected, "#retro-list")
    def _retro_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_retro()

    def action_open_retro(self) -> None:
        view = self.view
        if view is not None:
            view.focus_active()

    async def action_add_here(self) -> None:
        """``a`` in the retro list or the tab bar adds to the section on screen."""
        view = self.view
        target = view.active_editor() if view is not None else None
        if target is not None:
            await target.run_action("add_row" if target.has_class("action-grid") else "add_item")

    async def action_show_tab(self, number: int) -> None:
        view = self.view
        if view is not None:
            await view.show_tab(number)

    def watch_focused(self, focused: Widget | None) -> None:
        if self.is_mounted:
            self.query_one(FocusLine).show_for(focused)

    def _say_where_focus_is(self) -> None:
        self.query_one(FocusLine).show_for(self.focused)

    async def refresh_document(self, focus: Retro | None = None, state: ViewState | None = None) -> None:
        """Redraw the list and the selected retro after undo, redo, a reload or a new retro."""
        async with self._showing:
            await self._refresh_document(focus, state)

    async def _refresh_document(self, focus: Retro | None, state: ViewState | None) -> None:
        doc = self.editor.doc
        retro_list = self.query_one(RetroList)
        view = self.view
        if self.showing_other and focus is None and view is not None:
            retro_list.show(doc)
            retro_list.select_other()
            view.reload()
            return
        target = focus if focus is not None else self.current
        alive = [*doc.retros, doc.template]
        if target is None or not any(target is r for r in alive):
            shown = newest_first(doc)
            target = shown[0] if shown else doc.template
        retro_list.show(doc, selected=target)
        view = self.view
        if target is not None and view is not None and view.retro is target:
            view.reload()
        else:
            await self._show_retro(target, state)

    def view_state(self) -> ViewState | None:
        view = self.view
        return view.state() if view is not None else None

    async def replace_document_keeping_view(self, replace: Callable[[], None]) -> None:
        """Swap in a new document (a reload, a merge) with the same retro, tab, row and scroll on screen."""
        doc = self.editor.doc
        shown = newest_first(doc)
        place: tuple[str, int] | None = None
        if self.current is not None:
            if self.current is doc.template:
                place = ("template", 0)
            else:
                index = next((i for i, r in enumerate(shown) if r is self.current), 0)
                place = (self.current.title, index)
        state = self.view_state()
        focused = self.focused
        had_focus_in_view = focused is not None and self.view is not None and self.view in focused.ancestors_with_self
        replace()
        target = _same_place(self.editor.doc, place)
        await self.refresh_document(target, state)
        if had_focus_in_view and self.view is not None:
            self.view.focus_active()

    # -- document changes -----------------------------------------------------------------------

    def _on_document_changed(self, change: Change | None) -> None:
        self.files.journal_dirty = True
        self.update_title()
        # The footer only needs redrawing when undo or redo becomes (un)available.
        history = (self.editor.can_undo(), self.editor.can_redo())
        if history != self._history_state:
            self._history_state = history
            self.refresh_bindings()

    def commit_pending(self) -> None:
        """Keep whatever is being typed in a cell or an item."""
        view = self.view
        if view is not None and self.is_open:
            view.commit_pending()

    def pending_edits(self) -> list[Any]:
        view = self.view
        return view.pending_edits() if view is not None and self.is_open else []

    def journal_now(self) -> None:
        self.files.journal_dirty = True
        self.files.write_journal()

    async def action_undo(self) -> None:
        self.commit_pending()
        change = self.editor.undo()
        await self._after_history(change, "Undone", "Nothing to undo.")

    async def action_redo(self) -> None:
        self.commit_pending()
        change = self.editor.redo()
        await self._after_history(change, "Redone", "Nothing to redo.")

    async def _after_history(self, change: Change | None, verb: str, nothing: str) -> None:
        if change is None:
            self.notify(nothing, timeout=2)
            return
        await self.refresh_document(change.retro)
        view = self.view
        if view is not None:
            await view.show_section_of(change.section)
        self.notify(f"{verb}: {change.label}", timeout=2)

    # -- new retro, tracker, timer -------------------------------------------------------------

    def action_new_retro(self) -> None:
        from retrotui.tui.dialogs.new_retro import NewRetroDialog

        self.commit_pending()
        self.app.push_screen(NewRetroDialog(self.session.today(), self.editor.doc), self._create_retro)

    async def _create_retro(self, request: NewRetroRequest | None) -> None:
        if request is None:
            return
        from retrotui.heading_style import latest_retro

        previous = latest_retro(self.editor.doc)
        open_count = sum(not a.is_done for a in previous.action_items) if previous is not None else 0
        # Carried copies come in the order of the open items, so the dialog's ticks apply by position.
        flags = iter([n in request.keep for n in range(open_count)])
        retro = self.editor.add_retro(
            request.title,
            request.date,
            carry_over=request.carry_over,
            keep=lambda _item: next(flags, False),
            template=request.template,
            today=self.session.today(),
        )
        await self.refresh_document(retro)
        self.notify(f"New retro {retro.title!r} with {len(retro.action_items)} carried action items.")

    def action_tracker(self) -> None:

        from retrotui.tui.screens.tracker import TrackerScreen

        self.commit_pending()
        self.app.push_screen(TrackerScreen(self.editor, self.services), self._tracker_closed)

    async def _tracker_closed(self, jump_to: TrackedAction | None) -> None:
        if jump_to is None:
            await self.refresh_document()
            return
        await self.refresh_document(jump_to.retro)
        view = self.view
        if view is not None:
            await view.show_action(jump_to.action)

    def action_timebox(self) -> None:
        view = self.view
        self.query_one(MeetingTimer).toggle(view.active_section() if view is not None else None)

    def action_adjust_timebox(self, delta: int) -> None:
        view = self.view
        self.query_one(MeetingTimer).adjust(view.active_section() if view is not None else None, delta)

    # -- files: saving, commit, quitting (the FileKeeper decides) --------------------------------

    def action_save(self) -> None:
        self.files.save_now()

    def action_save_and_commit(self) -> None:
        self.files.save_and_commit()

    def action_cycle_sync(self) -> None:
        self.files.cycle_sync()

    async def action_quit(self) -> None:
        if self.showing:
            self.quit_when_shown = True  # the document is half on screen: leave once it is all there
            return
        self.files.quit()

    async def check_disk(self) -> None:
        await self.files.check_disk()

    # -- help, palette, bindings ------------------------------------------------------------------

    def where(self) -> str:
        return self.query_one(FocusLine).describe(self.focused)

    def action_help(self) -> None:
        from retrotui.tui.dialogs.help import HelpScreen

        if isinstance(self.app.screen, HelpScreen):
            return
        self.app.push_screen(HelpScreen(self.services.keys, self.where()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_open:
            return action not in NEEDS_DOCUMENT
        if action == "undo":
            return self.editor.can_undo() or None
        if action == "redo":
            return self.editor.can_redo() or None
        return True

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Every editor command by name, with its keys as they are now; then the active tab's."""
        if not self.is_open:
            return
        scopes = [Scope.EDITOR, *self._active_scopes()]
        for command in commands.COMMANDS:
            if command.scope not in scopes or not command.palette:
                continue
            keys = self.services.keys(command.id) if command.keys else ""
            help_text = f"{command.help} ({keys})" if keys else command.help
            yield SystemCommand(command.title, help_text, partial(self._run_command, command))

    def _active_scopes(self) -> list[Scope]:
        view = self.view
        return view.active_scopes() if view is not None else []

    async def _run_command(self, command: commands.Command) -> None:
        if command.scope == Scope.EDITOR:
            await self.run_action(command.action)
            return
        view = self.view
        target: Widget | None = view.active_editor() if view is not None else None
        if target is not None:
            await target.run_action(command.action)


def _same_place(doc: RetroDocument, place: tuple[str, int] | None) -> Retro | None:
    """The retro of a new document that stands where ``place`` (title, list position) was."""
    if place is None:
        return None
    title, index = place
    if title == "template":
        return doc.template
    shown = newest_first(doc)
    same_title = [r for r in shown if r.title == title]
    if same_title:
        return min(same_title, key=lambda r: abs(shown.index(r) - index))
    return shown[min(index, len(shown) - 1)] if shown else None
