"""The editor screen: the retro list on the left, the selected retro's sections on the right.

It shows the document and runs the editing commands; saving, the disk watch,
the journal, commit and quitting are the ``FileKeeper``'s (``tui/files/``);
switching to the tracker and stepping through undo have their own modules.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.geometry import Offset
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, OptionList
from textual.worker import Worker, WorkerState

from retrotui.first_look import FirstLook, Outline
from retrotui.record import replace
from retrotui.safe_text import visible
from retrotui.store import StoreError
from retrotui.tui import commands
from retrotui.tui.commands import Scope
from retrotui.tui.files import FileKeeper
from retrotui.tui.screens.history_steps import step_through_history
from retrotui.tui.screens.tracker_switch import TrackerSwitch
from retrotui.tui.services import EditorServices
from retrotui.tui.widgets.focus_line import FocusLine
from retrotui.tui.widgets.key_footer import KeyFooter
from retrotui.tui.widgets.meeting_timer import MeetingTimer
from retrotui.tui.widgets.retro_list import OTHER_ID, RetroList
from retrotui.tui.widgets.retro_pane import RetroPane

if TYPE_CHECKING:
    from retrotui.editing import Change, Editor
    from retrotui.live.options import LiveOptions
    from retrotui.model import Retro
    from retrotui.session import Session
    from retrotui.tui.dialogs.new_retro import NewRetroRequest
    from retrotui.tui.widgets.retro_pane import PaneView
    from retrotui.tui.widgets.retro_view import ViewState
    from retrotui.tui.widgets.tracker_view import TrackerView


def settle_memory() -> None:
    """Keep the document out of the garbage collector's full passes.

    A big file is hundreds of thousands of long-lived objects; each full pass of
    the cycle collector walks them all and stalls a key press for a noticeable
    moment.  Freezing what exists once it is read (and again after the rows are
    read ahead) leaves the collector only what is new.  The collector is off from
    start-up until the document is on screen (``tui.run``): it is turned on here.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.enable()


def read_ahead(editor: Editor, today: date) -> None:
    """After opening, in the background: every retro's action rows and the tracker's items, ready for t.

    Rows are read under the model's lock, and the items are remembered for
    the document's version they were worked out for (an edit meanwhile only
    means the tracker works them out again).
    """
    from retrotui.tracker import all_actions, tracker_stats

    tracked = editor.derived("tracked", lambda: all_actions(editor.doc))
    editor.derived(("tracker stats", today), lambda: tracker_stats(editor.doc, today, items=tracked))
    settle_memory()


# While the tracker is shown, only these of the editor's commands apply (the rest act on a retro).
WITH_THE_TRACKER = frozenset({"save", "save_and_commit", "quit", "help", "undo", "redo", "cycle_sync", "timebox"})

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
        live: LiveOptions | None = None,
        preview: str | FirstLook | None = None,
    ) -> None:
        """``preview`` is the file's text (or its first look, under way), to show its newest retro before the
        document is parsed."""
        super().__init__(id="editor")
        self.preview = preview
        self.path = path
        self.services = services
        self.look_up_branch = look_up_branch
        self._opener = source if callable(source) else None
        self._session: Session | None = None if callable(source) else source
        self.showing = False  # the document is being put on screen
        self.tracker_switch = TrackerSwitch(self)
        self.quit_when_shown = False
        self.branch: str | None = None
        self._history_state = (False, False)
        self.files = FileKeeper(self, watch_file=watch_file, journal=journal, sync=sync, live=live)

    @property
    def session(self) -> Session:
        assert self._session is not None, "the document is not open yet"
        return self._session

    @property
    def editor(self) -> Editor:
        return self.session.editor

    @property
    def has_document(self) -> bool:
        """The session is there (it may still be going on screen)."""
        return self._session is not None

    @property
    def is_open(self) -> bool:
        return self._session is not None and not self.showing

    def accepts_keys(self) -> bool:
        """Keys wait while the document opens or a save is on its way to the disk."""
        return self.is_open and not self.files.saving

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        shown = self._first_look()
        with Horizontal(id="main"):
            retro_list = RetroList(id="retro-list")
            if shown is not None:
                retro_list.show_outline(shown.titles, shown.has_template)
            yield retro_list
            self._pane = RetroPane(retro_list, self.services, f"Opening {self.path.name}…", shown, id="retro-pane")
            yield self._pane
        with Horizontal(id="status-row"):
            yield FocusLine(self.services.keys, id="focus-line")
            yield MeetingTimer(self.services, id="meeting-timer")
        options = self.files.live_options
        yield KeyFooter(hide_edits=options is not None and options.view_only)

    def _first_look(self) -> Outline | None:
        """The newest retro from a scan of the text, for the first frame (no model, no pydantic).

        ``retrotui FILE`` has a child process scan it while the editor starts (``FirstLook``).
        """
        preview, self.preview = self.preview, None  # the file's text is not kept for it
        if preview is None:
            return None
        if isinstance(preview, str):
            preview = FirstLook(preview)
        return preview.outline()

    async def on_mount(self) -> None:
        self.update_title()
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
        self.services = replace(self.services, today=session.today)
        session.editor.listeners.append(self._on_document_changed)
        self.pane.editor = session.editor
        self.pane.services = self.services
        self._opener = None
        await self.files.show_read_only_banner()
        if self._quitting():
            return
        self.update_title()
        retro_list = self.query_one(RetroList)
        retro_list.show(session.doc)
        latest = retro_list.shown[0] if retro_list.shown else session.doc.template
        await self.show_retro(latest)
        if self._quitting():
            return
        retro_list.focus()
        self.call_later(self._say_where_focus_is)
        self.showing = False
        self.refresh_bindings()
        self.files.start_watching()
        self.services.opened()
        self.run_worker(
            partial(read_ahead, self.editor, session.today()),
            description="read ahead",  # else Textual names it by its repr, which holds the document
            thread=True,
            group="read-ahead",
            exit_on_error=False,
        )
        await self.tracker_switch.build()
        if self._quitting():
            return
        settle_memory()
        for backup in session.interrupted_save_backups:
            self.notify(
                f"An interrupted save left the file's old content in {backup}. Compare and delete it when done.",
                title="Backup found",
                severity="warning",
                timeout=20,
            )
        if self.quit_when_shown:
            self.files.quit()

    def _quitting(self) -> bool:
        """The app began to quit while the document was put on screen (a signal, a live session ending):
        mounting more into a screen being taken down would fail."""
        if self.app.return_code is None and self.is_attached:
            return False
        self.showing = False
        return True

    @work(thread=True, exclusive=True, group="branch", exit_on_error=False)
    def find_branch(self) -> None:
        from retrotui.git import current_branch

        branch = current_branch(self.path)
        self.app.call_from_thread(self.call_later, self._set_branch, branch)

    def _set_branch(self, branch: str | None) -> None:
        self.branch = branch
        self.update_title()

    def update_title(self) -> None:
        """The header: the file's name (● while unsaved), then the branch, syncing, read-only, new file.

        A file or branch name is anyone's bytes: control characters in it are shown, not sent.
        """
        title, details = self.files.header(self.branch, self.path.name)
        self.title, self.sub_title = visible(title), visible(details)

    def restyle(self) -> None:
        """The theme changed: redraw what carries retrotui's own colours."""
        view = self.view
        if view is not None and self.is_open:
            view.reload()

    # -- showing retros ----------------------------------------------------------------------

    @property
    def pane(self) -> RetroPane:
        return self._pane

    @property
    def view(self) -> PaneView | None:
        return self.pane.view

    @property
    def current(self) -> Retro | None:
        return self.pane.current

    async def show_retro(self, retro: Retro | None, state: ViewState | None = None) -> None:
        await self.pane.show_retro(retro, state)

    def view_being_mounted(self) -> asyncio.Event | None:
        """Set once the retro (or other content) being put on screen is mounted; None when none is."""
        pane: RetroPane | None = getattr(self, "_pane", None)  # made when the screen composes
        return pane.mounting if pane is not None else None

    async def refresh_document(self, focus: Retro | None = None, state: ViewState | None = None) -> None:
        await self.pane.refresh_document(focus, state)

    async def replace_document_keeping_view(self, replace: Callable[[], None], keep_typing: bool = False) -> None:
        await self.pane.replace_document_keeping_view(replace, keep_typing)

    def get_widget_and_offset_at(self, x: int, y: int) -> tuple[Widget | None, Offset | None]:
        """What is under the mouse, never a widget already taken off the screen.

        A click that arrives while the view is rebuilt (the first frame giving way to the
        document, a live session taking in the others' edits) can find a removed widget in
        the last frame's map; Textual's text selection then asks for its parent's region,
        which it no longer has, and the app would end on a click.
        """
        widget, offset = super().get_widget_and_offset_at(x, y)
        if widget is not None and widget is not self and not widget.is_attached:
            return None, None
        return widget, offset

    def mend_focus(self) -> None:
        """Focus a widget on screen if the focus is on one that was removed.

        A focus asked for just before a rebuild (a live session taking in one write right after
        another) can land on a widget that is being removed; every key would then go nowhere.
        """
        focused = self.focused
        if focused is None or focused.is_attached:
            return
        view = self.view
        active = view.active_editor() if view is not None else None
        if active is not None and active.ready:
            self.set_focus(active.main_widget())
        else:
            self.set_focus(self.query_one(RetroList))

    def can_carry_typing(self) -> bool:
        """What is being typed survives a rebuilt view (see ``RetroView.take_open_edit``)."""
        from retrotui.tui.widgets.retro_view import RetroView

        view = self.view
        return not self.pending_edits() or (isinstance(view, RetroView) and view.can_carry_typing())

    @on(OptionList.OptionHighlighted, "#retro-list")
    async def _retro_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self._session is None or self.showing:
            return
        if event.option.id == OTHER_ID:
            await self.pane.show_other()
            return
        retro = self.query_one(RetroList).retro_at(event.option.id, self.editor.doc)
        if retro is not None:
            await self.pane.show_retro_if_new(retro)

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

    def on_screen_suspend(self) -> None:
        """A dialog opened over the editor: the focus line says the keys are the dialog's now."""
        self.query_one(FocusLine).show_dialog()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.query_one(FocusLine).show_for(self.focused)

    def _say_where_focus_is(self) -> None:
        self.query_one(FocusLine).show_for(self.focused)

    # -- document changes -----------------------------------------------------------------------

    def _on_document_changed(self, change: Change | None) -> None:
        self.files.journal_dirty = True
        self.update_title()
        # The footer only needs redrawing when undo or redo becomes (un)available.
        history = (self.can_undo(), self.can_redo())
        if history != self._history_state:
            self._history_state = history
            self.refresh_bindings()

    def can_undo(self) -> bool:
        live = self.files.live
        return live.own.can_undo() if live is not None else self.editor.can_undo()

    def can_redo(self) -> bool:
        live = self.files.live
        return live.own.can_redo() if live is not None else self.editor.can_redo()

    def commit_pending(self) -> None:
        """Keep whatever is being typed in a cell or an item."""
        view = self.view
        if view is not None and self.is_open:
            view.commit_pending()

    def holds_unkept_typing(self, doing: str) -> bool:
        """Keep what is being typed; True (and said) when some of it cannot be kept as it is.

        A cell can refuse its value (a due date that is not one): it stays open with its warning.
        Quitting, undo or a new retro would take it off the screen, so they wait until it is
        corrected or dropped.
        """
        self.commit_pending()
        unkept = self.pending_edits()
        if not unkept:
            return False
        first = unkept[0]
        self.notify(
            f"Not {doing}: {first.where} holds {first.value.strip()!r}, which it cannot keep. Correct it and press "
            f"enter, or press {self.services.keys('cell.cancel')} to drop it, then try again.",
            title="Still typing",
            severity="warning",
            timeout=10,
        )
        return True

    def pending_edits(self) -> list[Any]:
        view = self.view
        return view.pending_edits() if view is not None and self.is_open else []

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker of the editor runs on this screen (their messages do not bubble)."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.files.worker_failed(event.worker.error)

    def journal_now(self) -> None:
        self.files.journal_now()

    async def action_put_back(self) -> None:
        if self.files.live is not None:
            await self.files.live.own.put_back()

    def on_unmount(self) -> None:
        if self.files.live is not None:
            self.files.live.leave()
        self.files.journaler.release()

    async def action_undo(self) -> None:
        if self.files.live is not None:
            await self.files.live.own.step(undo=True)
        else:
            await step_through_history(self, undo=True)

    async def action_redo(self) -> None:
        if self.files.live is not None:
            await self.files.live.own.step(undo=False)
        else:
            await step_through_history(self, undo=False)

    # -- new retro, tracker, timer -------------------------------------------------------------

    def action_new_retro(self) -> None:
        from retrotui.tui.dialogs.new_retro import NewRetroDialog

        if self.holds_unkept_typing("making a new retro"):
            return
        self.app.push_screen(NewRetroDialog(self.session.today(), self.editor.doc), self._create_retro)

    async def _create_retro(self, request: NewRetroRequest | None) -> None:
        if request is None:
            return
        from retrotui.builder import HiddenRetro
        from retrotui.tui.dialogs.new_retro import add_as_asked

        try:
            retro = add_as_asked(self.editor, request, self.session.today())
        except HiddenRetro as hidden:  # the file changed since the dialog checked (a live write)
            self.notify(visible(f"No new retro: {hidden}."), title="New retro", severity="warning", timeout=10)
            return
        await self.refresh_document(retro)
        self.notify(f"New retro {retro.title!r} with {len(retro.action_items)} carried action items.")

    @property
    def tracker(self) -> TrackerView | None:
        return self.tracker_switch.view

    @property
    def tracker_shown(self) -> bool:
        return self.tracker_switch.shown

    async def action_tracker(self) -> None:
        self.commit_pending()
        await self.tracker_switch.open()

    async def on_tracker_view_closed(self, event: TrackerView.Closed) -> None:
        event.stop()
        await self.tracker_switch.closed(event)

    def action_timebox(self) -> None:
        view = self.view
        self.query_one(MeetingTimer).toggle(view.active_section() if view is not None else None)

    def action_adjust_timebox(self, delta: int) -> None:
        view = self.view
        self.query_one(MeetingTimer).adjust(view.active_section() if view is not None else None, delta)

    # -- files: saving, commit, quitting (the FileKeeper decides) --------------------------------

    def action_save(self) -> None:
        self.files.saver.save_now()

    def action_save_and_commit(self) -> None:
        self.files.git.save_and_commit()

    def action_cycle_sync(self) -> None:
        self.files.git.cycle_sync()

    async def action_quit(self) -> None:
        if self.showing:
            self.quit_when_shown = True  # the document is half on screen: leave once it is all there
            return
        self.files.quit()

    async def check_disk(self) -> None:
        await self.files.watcher.check_disk()

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
        if self.tracker_shown and action not in WITH_THE_TRACKER:
            return False
        if action in ("undo", "redo") and self.files.watcher.merging:
            return False  # the conflicts dialog settles a merge of the document as it was when it opened
        if action == "put_back":
            return self.files.live is not None
        if action == "undo":
            return self.can_undo() or None
        if action == "redo":
            return self.can_redo() or None
        return True

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Every editor command by name, with its keys as they are now; then the active tab's."""
        if not self.is_open:
            return []
        from retrotui.tui.palette import palette_entries

        view = self.view
        return palette_entries(
            self.services.keys,
            view.active_scopes() if view is not None else [],
            self.run_action,
            lambda: view.active_editor() if view is not None else None,
        )
