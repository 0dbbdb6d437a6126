"""The retro editor: a list of retros, a tab per section, save and commit.

Start-up is kept to what the first frame needs: the document is parsed in a
worker after that frame, and the modules behind the tabs, the grid, the
dialogs and git are imported where they are first used.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, Static

from retrotui.store import StoreError
from retrotui.tui.theming import colors_for, install_shipped_themes, install_themes
from retrotui.tui.widgets.retro_list import RetroList, newest_first

if TYPE_CHECKING:
    from retrotui.config import Settings
    from retrotui.editing import Change, Editor
    from retrotui.meeting import Timebox
    from retrotui.model import Retro
    from retrotui.session import Session
    from retrotui.store import FileStamp
    from retrotui.themes import RetroColors, ThemeSet
    from retrotui.tui.dialogs.new_retro import NewRetroRequest
    from retrotui.tui.screens.tracker import TrackerScreen
    from retrotui.tui.widgets.retro_view import RetroView

# The editor before its file is read: these actions wait for the document.
NEEDS_DOCUMENT = frozenset({"save", "save_and_commit", "new_retro", "undo", "redo", "show_tab", "tracker", "timebox"})

TAB_KEYS = 6


class RetroApp(App[None]):
    """Edit one retrospective file; every action has a key and a palette entry."""

    CSS_PATH = "retrotui.tcss"
    TITLE = "retrotui"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="app.save", priority=True),
        Binding("ctrl+g", "save_and_commit", "Commit", id="app.commit", priority=True),
        Binding("ctrl+n", "new_retro", "New retro", id="app.new_retro", priority=True),
        Binding("ctrl+z", "undo", "Undo", id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", id="app.redo"),
        Binding("t", "tracker", "Tracker", id="app.tracker"),
        Binding("ctrl+t", "timebox", "Timer", id="app.timebox"),
        Binding("f1,question_mark", "help", "Help", id="app.help", key_display="f1/?"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        *(Binding(str(n), f"show_tab({n})", f"Tab {n}", show=False, id=f"app.tab_{n}") for n in range(1, TAB_KEYS + 1)),
        *(
            Binding(f"alt+{n}", f"show_tab({n})", f"Tab {n}", show=False, id=f"app.alt_tab_{n}", priority=True)
            for n in range(1, TAB_KEYS + 1)
        ),
    ]

    def __init__(
        self,
        source: Session | Callable[[], Session],
        *,
        path: Path | None = None,
        look_up_branch: bool = True,
        blink_cursors: bool = True,
        clock: Callable[[], float] = time.monotonic,
        watch_file: bool = True,
        journal: bool = True,
        sync: str | None = None,
        settings: Settings | None = None,
        config_file: Path | None = None,
        themes: ThemeSet | None = None,
    ) -> None:
        """``source`` is an open session, or a function that opens one (run in a worker).

        ``clock`` drives the meeting timer (seconds); tests give their own.
        """
        super().__init__()
        self.clock = clock
        self.watch_file = watch_file
        self._merging = False
        self._declined: FileStamp | None = None
        self._journal_dirty = False
        self.journal = journal
        # Without a settings file nothing needs pydantic before the first frame: the defaults
        # and the full theme check are made in the opening worker (see ensure_settings).
        self._settings = settings
        self.config_file = config_file  # where choices made in the app are remembered (None: nowhere)
        self._themes = themes
        self._sync = sync  # "off", "pull" or "pull-push" from the command line; else the setting
        self.syncing = False
        self.timebox: Timebox | None = None
        self._timebox_timer: Timer | None = None
        self.blink_cursors = blink_cursors
        self._opener = source if callable(source) else None
        self._session: Session | None = None if callable(source) else source
        self.path = path if path is not None else self.session.path
        self.current: Retro | None = None
        self.branch: str | None = None
        self.look_up_branch = look_up_branch
        self.keymap: dict[str, str] = dict(settings.keymap) if settings is not None else {}
        self._history_state = (False, False)
        if themes is not None and settings is not None:
            install_themes(self, themes, settings.theme)
        else:
            install_shipped_themes(self, settings.theme if settings is not None else None)
        self.set_keymap(self.keymap)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from retrotui.config import Settings

            self._settings = Settings()
        return self._settings

    @property
    def themes(self) -> ThemeSet:
        if self._themes is None:
            from retrotui.themes import load_themes, user_theme_folder

            folder = user_theme_folder(self.config_file) if self.config_file is not None else None
            self._themes = load_themes(folder)
        return self._themes

    def ensure_settings(self) -> None:
        """Settings and checked themes, made in the opening worker when the app started without them."""
        self.settings  # noqa: B018 - builds the defaults
        self.themes  # noqa: B018 - reads and checks every theme file

    @property
    def sync(self) -> str:
        return self._sync or self.settings.sync

    @sync.setter
    def sync(self, mode: str) -> None:
        self._sync = mode

    @property
    def session(self) -> Session:
        assert self._session is not None, "the document is not open yet"
        return self._session

    @property
    def editor(self) -> Editor:
        return self.session.editor

    @property
    def is_open(self) -> bool:
        return self._session is not None

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="main"):
            yield RetroList(id="retro-list")
            with Vertical(id="retro-pane"):
                yield Static(Text(f"Opening {self.path.name}…"), id="empty")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = self.path.name
        if self._session is not None:
            await self._show_document(self._session)
        else:
            # After the first frame is on screen: parsing in a thread before it
            # would hold the GIL (and the import lock) while the frame is drawn.
            self.call_after_refresh(self.open_document)
        if self.look_up_branch:
            self.call_after_refresh(self.find_branch)

    def report_setup_problems(self) -> None:
        """Broken theme files, unknown settings and keys bound twice: one notification each kind."""
        if self.themes.broken:
            self.notify("\n".join(self.themes.broken), title="Themes skipped", severity="warning", timeout=10)
        unknown = self.settings.unknown_keys()
        if unknown:
            names = ", ".join(repr(k) for k in unknown)
            self.notify(f"Unknown settings ignored: {names}", title="Settings", severity="warning", timeout=8)
        clashes = key_clashes(self.keymap)
        if clashes:
            self.notify("\n".join(clashes), title="Keys bound twice", severity="warning", timeout=10)

    @property
    def retro_colors(self) -> RetroColors:
        return colors_for(self.themes, self.theme)

    def watch_theme(self, theme: str) -> None:
        # retrotui's own colours (overdue, done) follow the theme.
        if not self.is_running or not self.is_open:
            return
        view = self.view
        if view is not None:
            view.reload()

    def on_command_palette_closed(self, event: Any) -> None:
        """The theme picker previews live; a theme picked there is remembered."""
        if event.option_selected and self.theme != self.settings.theme and self.theme in self.themes.themes:
            self.settings.theme = self.theme
            self.remember("theme", self.theme)

    def remember(self, key: str, value: object) -> None:
        """Save a choice made in the app to the settings file, keeping every other key."""
        if self.config_file is None:
            return
        from retrotui.config import ConfigError, save_value

        try:
            save_value(self.config_file, key, value)
        except (ConfigError, OSError, StoreError) as error:
            self.notify(f"Could not save the setting: {error}", severity="warning", timeout=6)

    @work(thread=True, exclusive=True, group="open")
    def open_document(self) -> None:
        assert self._opener is not None
        try:
            session = self._opener()
        except StoreError as error:
            self.call_from_thread(self.exit, None, 2, f"retrotui: {error}")
            return
        self.ensure_settings()
        self.call_from_thread(self.call_next, self._show_document, session)

    async def _show_document(self, session: Session) -> None:
        """Show the opened document: the list, the newest retro, focus in the list."""
        self._session = session
        session.bump_last_updated = self.settings.bump_last_updated
        install_themes(self, self.themes, self.settings.theme)
        self.report_setup_problems()
        session.editor.listeners.append(self._on_document_changed)
        if session.read_only_reason:
            banner = Static(
                Text(f"Read-only: {session.read_only_reason}. Edits cannot be saved.", style="bold"),
                id="read-only-banner",
            )
            await self.mount(banner, before=self.query_one("#main"))
        self.update_title()
        retro_list = self.query_one(RetroList)
        retro_list.show(session.doc)
        latest = retro_list.shown[0] if retro_list.shown else session.doc.template
        await self.show_retro(latest)
        retro_list.focus()
        self.refresh_bindings()
        if self.watch_file:
            self.set_interval(1.0, self.check_disk, name="watch")
        if self.journal:
            self.set_interval(0.5, self.write_journal, name="journal")
            self.offer_restore()

    @work(thread=True, exclusive=True, group="branch")
    def find_branch(self) -> None:
        from retrotui.git import current_branch

        branch = current_branch(self.path)
        self.call_from_thread(self._set_branch, branch)

    def _set_branch(self, branch: str | None) -> None:
        self.branch = branch
        self.update_title()

    def update_title(self) -> None:
        name = self.path.name
        details = []
        if self.timebox is not None:
            details.append(self.timebox.display(self.clock()))
        if self.syncing:
            details.append("⟳ syncing…")
        if self.branch:
            details.append(f"⎇ {self.branch}")
        if self._session is not None:
            self.title = f"{name} ●" if self.editor.modified or self.session.is_new else name
            if self.session.read_only_reason:
                details.append("read-only")
            if self.session.is_new:
                details.append("new file")
        self.sub_title = " · ".join(details)

    # -- showing retros ---------------------------------------------------------------

    @property
    def view(self) -> RetroView | None:
        found = self.query("#retro-view")
        return found.first() if found else None  # type: ignore[return-value]

    async def show_retro(self, retro: Retro | None, tab: str = "") -> None:
        from retrotui.tui.widgets.retro_view import RetroView

        pane = self.query_one("#retro-pane", Vertical)
        view = self.view
        if view is not None:
            view.commit_pending()
        await pane.remove_children()
        self.current = retro
        if retro is None:
            await pane.mount(Static(Text("No retros yet. Press ctrl+n to start one."), id="empty"))
            return
        await pane.mount(RetroView(self.editor, retro, self.session.today, initial_tab=tab))

    @on(OptionList.OptionHighlighted, "#retro-list")
    async def _retro_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not self.is_open:
            return
        retro = self.query_one(RetroList).retro_at(event.option.id, self.editor.doc)
        if retro is not None and retro is not self.current:
            await self.show_retro(retro)

    @on(OptionList.OptionSelected, "#retro-list")
    def _retro_selected(self, event: OptionList.OptionSelected) -> None:
        view = self.view
        if view is not None:
            view.focus_active()

    def action_show_tab(self, number: int) -> None:
        view = self.view
        if view is not None:
            view.show_tab(number)

    async def refresh_document(self, focus: Retro | None = None) -> None:
        """Redraw the list and the selected retro after undo, redo, reload or a new retro."""
        doc = self.editor.doc
        retro_list = self.query_one(RetroList)
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
            await self.show_retro(target)

    # -- document changes ------------------------------------------------------------------

    def _on_document_changed(self, change: Change | None) -> None:
        self._journal_dirty = True
        self.update_title()
        # The footer only needs redrawing when undo or redo becomes (un)available.
        history = (self.editor.can_undo(), self.editor.can_redo())
        if history != self._history_state:
            self._history_state = history
            self.refresh_bindings()

    def commit_pending(self) -> None:
        if not self.is_open:
            return
        view = self.view
        if view is not None:
            view.commit_pending()

    async def action_undo(self) -> None:
        self.commit_pending()
        change = self.editor.undo()
        await self._after_history(change, "Undone")

    async def action_redo(self) -> None:
        self.commit_pending()
        change = self.editor.redo()
        await self._after_history(change, "Redone")

    async def _after_history(self, change: Change | None, verb: str) -> None:
        if change is None:
            self.notify(f"Nothing to {verb.lower().removesuffix('ne')}.", timeout=2)
            return
        await self.refresh_document(change.retro)
        view = self.view
        if view is not None:
            view.show_section_of(change.section)
        self.notify(f"{verb}: {change.label}", timeout=2)

    # -- tracker and timer ------------------------------------------------------------------

    def action_tracker(self) -> None:
        from retrotui.tui.screens.tracker import TrackerScreen

        if isinstance(self.screen, TrackerScreen):
            return
        self.commit_pending()
        self.push_screen(TrackerScreen(self.editor, self.session.today), self._tracker_closed)

    async def _tracker_closed(self, _: None) -> None:
        await self.refresh_document()

    async def on_tracker_screen_jump(self, event: TrackerScreen.Jump) -> None:
        tracked = event.tracked
        self.pop_screen()
        await self.refresh_document(tracked.retro)
        view = self.view
        if view is not None:
            view.show_action(tracked.action)

    def action_timebox(self) -> None:
        """Start the active section's timebox, or stop the one running."""
        from retrotui.meeting import Timebox, timebox_minutes

        view = self.view
        section = view.active_section() if view is not None else None
        if self.timebox is not None:
            label = self.timebox.label
            self.timebox = None
            if self._timebox_timer is not None:
                self._timebox_timer.stop()
            self.update_title()
            self.notify(f"Timer stopped for {label}.", timeout=2)
            return
        if section is None:
            self.notify("Open a retro's section to time it.", timeout=2)
            return
        minutes = timebox_minutes(section.kind, self.settings.timebox)
        self.timebox = Timebox(section.title, minutes * 60, self.clock())
        self.update_title()
        self.notify(f"{minutes} minutes for {section.title}. ctrl+t stops the timer.", timeout=3)
        self._timebox_timer = self.set_interval(1, self._tick_timebox, name="timebox")

    def action_adjust_timebox(self, delta: int) -> None:
        """One minute more or less for the section on screen; remembered in the settings."""
        from retrotui.meeting import timebox_minutes

        view = self.view
        section = view.active_section() if view is not None else None
        if section is None or section.kind is None:
            self.notify("Timeboxes are kept for the six known sections.", timeout=3)
            return
        minutes = max(1, timebox_minutes(section.kind, self.settings.timebox) + delta)
        self.settings.timebox = {**self.settings.timebox, section.kind: minutes}
        self.remember(f"timebox.{section.kind.value}", minutes)
        self.notify(f"Timebox for {section.title}: {minutes} minutes.", timeout=3)

    def _tick_timebox(self) -> None:
        box = self.timebox
        if box is None:
            return
        if box.is_over(self.clock()) and not box.announced:
            box.announced = True
            self.notify(f"Time's up for {box.label}.", title="Timebox", timeout=8)
        self.update_title()

    # -- new retro --------------------------------------------------------------------------

    def action_new_retro(self) -> None:
        from retrotui.tui.dialogs.new_retro import NewRetroDialog

        self.commit_pending()
        doc = self.editor.doc
        dialog = NewRetroDialog(self.session.today(), doc.latest_retro(), {r.title for r in doc.retros})
        self.push_screen(dialog, self._create_retro)

    async def _create_retro(self, request: NewRetroRequest | None) -> None:
        if request is None:
            return
        previous = self.editor.doc.latest_retro()
        open_count = sum(not a.is_done for a in previous.action_items) if previous is not None else 0
        # Carried copies come in the order of the open items, so the dialog's ticks apply by position.
        flags = iter([n in request.keep for n in range(open_count)])
        retro = self.editor.add_retro(
            request.title,
            request.date,
            carry_over=request.carry_over,
            keep=lambda _item: next(flags, False),
        )
        await self.refresh_document(retro)
        self.notify(f"New retro {retro.title!r} with {len(retro.action_items)} carried action items.")

    # -- saving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        self.commit_pending()
        if not self.session.needs_save:
            self.notify("No changes to save.", timeout=2)
            return
        self.save()

    def save(self, then: Callable[[], object] | None = None, force: bool = False) -> None:
        from retrotui.session import ChangedOnDisk

        name = self.session.path.name
        try:
            self.session.save(force=force)
        except ChangedOnDisk:
            self.merge_disk_changes(then=partial(self.save, then))
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10)
            return
        self.update_title()
        self.clear_journal()
        self.notify(f"Saved {name}", title="Saved", timeout=3)
        if then is not None:
            then()

    # -- the crash journal ---------------------------------------------------------------------

    def write_journal(self) -> None:
        """Keep unsaved edits on disk (within a second of being made); nothing unsaved, no journal.

        The text is taken here; the file is written in a worker so typing never waits on the disk.
        """
        if not self.is_open or not self._journal_dirty:
            return
        from retrotui.markdown import dumps

        self._journal_dirty = False
        text = dumps(self.editor.doc) if self.editor.modified else None
        self.run_worker(partial(self._store_journal, text), thread=True, group="journal", exclusive=True)

    def _store_journal(self, text: str | None) -> None:
        from retrotui.journal import clear_journal, write_journal

        try:
            if text is not None:
                write_journal(self.path, self.session.base_text, text)
            else:
                clear_journal(self.path)
        except (OSError, StoreError) as error:
            self.call_from_thread(self.notify, f"Could not keep a crash journal: {error}", severity="warning")

    def clear_journal(self) -> None:
        if self.journal:
            from retrotui.journal import clear_journal

            clear_journal(self.path)

    def offer_restore(self) -> None:
        """After a crash: offer the unsaved edits found in the journal."""
        from retrotui.journal import read_journal
        from retrotui.tui.dialogs.choice import ChoiceDialog

        found = read_journal(self.path)
        if found is None or found.text == self.session.base_text:
            return
        dialog = ChoiceDialog(
            "Unsaved edits found",
            f"{self.path.name} has edits from {found.age_text} that were never saved "
            "(a crash or a closed terminal). Restore them into the file as it is now?",
            [("restore", "Restore", "r"), ("discard", "Discard them", "d")],
        )

        async def answered(answer: str | None) -> None:
            if answer != "restore":
                self.clear_journal()
                return
            from retrotui.merge import merge
            from retrotui.tui.dialogs.merge import MergeDialog

            disk = self.session.base_text
            stamp = self.session.stamp
            result = merge(found.base_text, found.text, disk)

            async def adopt() -> None:
                self.session.adopt(result.text(), stamp, disk)
                self._journal_dirty = True
                await self.refresh_document()
                self.notify("Your unsaved edits are back. Save to keep them.", title="Restored", timeout=6)

            if result.clean:
                await adopt()
                return

            async def decided(accepted: bool | None) -> None:
                if accepted:
                    await adopt()

            self.push_screen(MergeDialog(result, self.path.name), decided)

        self.push_screen(dialog, answered)

    # -- someone else's changes --------------------------------------------------------------

    async def check_disk(self) -> None:
        """The once-a-second poll: reload when nothing is unsaved, else merge."""
        if not self.is_open or self._merging or not self.session.maybe_changed_on_disk():
            return
        if not self.editor.modified:
            try:
                self.session.reload()
            except StoreError as error:
                self.notify(str(error), title="Not reloaded", severity="error", timeout=10)
                return
            await self.refresh_document()
            self.notify(f"{self.path.name} changed on disk; reloaded.", title="Reloaded", timeout=4)
            return
        from retrotui.store import current_stamp

        if self._declined is not None and current_stamp(self.path) == self._declined:
            return
        self.merge_disk_changes()

    def merge_disk_changes(self, then: Callable[[], object] | None = None) -> None:
        """Merge the version on disk (theirs) into the edits (ours); ask about conflicts."""
        from retrotui.tui.dialogs.merge import MergeDialog

        try:
            result, theirs, stamp = self.session.merge_from_disk()
        except StoreError as error:
            self.notify(str(error), title="Not merged", severity="error", timeout=10)
            return

        async def adopt() -> None:
            self.session.adopt(result.text(), stamp, theirs)
            self._declined = None
            await self.refresh_document()
            count = len(result.conflicts)
            settled = f", {count} conflict{'s' if count != 1 else ''} settled" if count else ""
            self.notify(f"Merged the changes on disk into your edits{settled}.", title="Merged", timeout=5)
            if then is not None:
                then()

        if result.clean:
            self.call_next(adopt)
            return
        self._merging = True

        async def decided(accepted: bool | None) -> None:
            self._merging = False
            if accepted:
                await adopt()
            else:
                self._declined = stamp
                self.notify(
                    "Merge cancelled; nothing was written. Saving will ask again.", title="Not merged", timeout=6
                )

        self.push_screen(MergeDialog(result, self.path.name), decided)

    def action_save_and_commit(self) -> None:
        self.commit_pending()
        if self.session.needs_save:
            self.save(then=self._ask_commit_message)
        else:
            self._ask_commit_message()

    def _ask_commit_message(self) -> None:
        from retrotui.session import commit_message
        from retrotui.tui.dialogs.commit import CommitDialog

        retro = self.current if self.current is not None and not self.current.is_template else None
        if retro is None:
            retro = self.editor.doc.latest_retro()
        message = commit_message(retro, self.session.path, self.settings.commit_message)
        self.push_screen(CommitDialog(message, self.session.path.name), self._commit_answer)

    def _commit_answer(self, message: str | None) -> None:
        if message:
            self.run_commit(message)

    @work(thread=True, exclusive=True, group="git")
    def run_commit(self, message: str) -> None:
        """Commit; with sync on, then pull --rebase (the merge driver merges) and push."""
        from retrotui.git import GitError, commit_file, pull_rebase, push

        try:
            result = commit_file(self.session.path, message)
        except GitError as error:
            self.call_from_thread(self.notify, str(error), title="Not committed", severity="warning", timeout=10)
            return
        self.call_from_thread(self.notify, f"{result.commit} {result.summary}", title="Committed", timeout=5)
        if self.sync == "off":
            return
        self.call_from_thread(self._syncing, True)
        try:
            pull_rebase(self.session.path)
            if self.sync == "pull-push":
                push(self.session.path)
        except GitError as error:
            self.call_from_thread(self.notify, str(error), title="Sync stopped", severity="warning", timeout=10)
            return
        finally:
            self.call_from_thread(self._syncing, False)
        done = "Pulled and pushed" if self.sync == "pull-push" else "Pulled"
        self.call_from_thread(self.notify, f"{done}; {self.path.name} is up to date.", title="Synced", timeout=5)

    def _syncing(self, busy: bool) -> None:
        """The progress indicator: a spinner in the header while git talks to the remote."""
        self.syncing = busy
        self.update_title()

    def action_cycle_sync(self) -> None:
        modes = ["off", "pull", "pull-push"]
        self.sync = modes[(modes.index(self.sync) + 1) % len(modes)] if self.sync in modes else "off"
        explain = {
            "off": "save-and-commit only commits",
            "pull": "after committing, pull --rebase",
            "pull-push": "after committing, pull --rebase, then push",
        }
        self.notify(f"Sync {self.sync}: {explain[self.sync]}.", title="Sync", timeout=4)

    # -- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        from retrotui.tui.dialogs.choice import quit_dialog

        if not self.is_open:
            self.exit()
            return
        self.commit_pending()
        if not self.editor.modified:
            self.exit()
            return
        self.push_screen(quit_dialog(self.session.path.name), self._quit_answer)

    def _quit_answer(self, answer: str | None) -> None:
        if answer == "save":
            self.save(then=self.exit)
        elif answer == "discard":
            self.clear_journal()
            self.exit()

    # -- help, palette, bindings -------------------------------------------------------------

    def keys_of(self, binding: Binding) -> str:
        keys = self.keymap.get(binding.id or "", binding.key)
        if binding.key_display and binding.id not in self.keymap:
            return binding.key_display
        return "/".join(self.get_key_display(Binding(key.strip(), "")) for key in keys.split(","))

    def help_groups(self) -> list[tuple[str, Iterable[BindingType]]]:
        from retrotui.tui.widgets.action_grid import ActionGrid, CellEditor
        from retrotui.tui.widgets.section_editor import SectionEditor

        return [
            ("Everywhere", [b for b in self.BINDINGS if isinstance(b, Binding) and b.show]),
            ("Tabs", [Binding("1", "", "Jump to tab 1…6 (not while typing)"), Binding("alt+1", "", "Jump to tab 1…6")]),
            ("Action-item grid", [Binding("enter", "", "Edit cell"), *ActionGrid.BINDINGS]),
            ("Editing a cell", CellEditor.BINDINGS),
            ("Sections", [Binding("enter", "", "Edit item"), *SectionEditor.BINDINGS]),
            ("Command palette", [Binding("ctrl+p", "", "Every action by name")]),
        ]

    def action_help(self) -> None:
        from retrotui.tui.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_groups(), self.keys_of))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_open:
            return action not in NEEDS_DOCUMENT
        if action == "undo":
            return self.editor.can_undo() or None
        if action == "redo":
            return self.editor.can_redo() or None
        return True

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        if not self.is_open:
            yield from super().get_system_commands(screen)
            return
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Save", "Write the file (ctrl+s)", self.action_save),
            ("Save and commit", "Save, then git commit this file (ctrl+g)", self.action_save_and_commit),
            ("New retro", "Start a retro from the template (ctrl+n)", self.action_new_retro),
            ("Undo", "Undo the last change (ctrl+z)", self.action_undo),
            ("Redo", "Redo the last undone change (ctrl+y)", self.action_redo),
            ("Action tracker", "Every action item of every retro, with stats (t)", self.action_tracker),
            ("Sync: off / pull / pull and push", "What save-and-commit does with the remote", self.action_cycle_sync),
            ("Start or stop the timer", "A timebox for the section on screen (ctrl+t)", self.action_timebox),
            ("Timebox: one minute more", "For this section, remembered", partial(self.action_adjust_timebox, 1)),
            ("Timebox: one minute less", "For this section, remembered", partial(self.action_adjust_timebox, -1)),
            ("Help", "Show every key (f1)", self.action_help),
            ("Quit", "Leave retrotui (ctrl+q)", self.action_quit),
        ]
        for n in range(1, TAB_KEYS + 1):
            commands.append(
                (f"Go to tab {n}", f"Show section {n} of this retro ({n})", partial(self.action_show_tab, n))
            )
        commands += self._tab_commands()
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)
        yield from super().get_system_commands(screen)

    def _tab_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Palette entries for the grid or section editor in the active tab."""
        from retrotui.tui.widgets.action_grid import ActionGrid
        from retrotui.tui.widgets.section_editor import SectionEditor

        view = self.view
        tabs = view.tabs if view is not None else None
        if tabs is None:
            return []
        pane = tabs.get_pane(tabs.active)
        grids = pane.query(ActionGrid)
        if grids:
            grid = grids.first()
            return [
                (
                    "Toggle status",
                    "Open ↔ done for the action item under the cursor (space)",
                    grid.action_toggle_status,
                ),
                ("Add action item", "A new row; starts editing its Item (a)", grid.action_add_row),
                ("Delete action item", "Remove the row under the cursor (d)", grid.action_delete_row),
                ("Edit cell", "Edit the cell under the cursor (enter)", grid.action_edit_cell),
                ("Move action item up", "Swap with the row above (shift+up)", partial(grid.action_move_row, -1)),
                ("Move action item down", "Swap with the row below (shift+down)", partial(grid.action_move_row, 1)),
            ]
        sections = pane.query(SectionEditor)
        if sections:
            section = sections.first()
            return [
                ("Add item", "A new bullet at the end of this section (a)", section.action_add_item),
                ("Edit item", "Edit the highlighted bullet (e)", section.action_edit_item),
                ("Delete item", "Remove the highlighted bullet (d)", section.action_delete_item),
                ("Move item up", "Swap with the item above (shift+up)", partial(section.action_move_item, -1)),
                ("Move item down", "Swap with the item below (shift+down)", partial(section.action_move_item, 1)),
                ("Edit section as text", "The section's Markdown in a text area (m)", section.action_text_mode),
            ]
        return []


def key_clashes(keymap: dict[str, str]) -> list[str]:
    """Keys given to two bindings of one place (the app, the grid, a section, the tracker)."""
    from retrotui.tui.screens.tracker import TrackerScreen
    from retrotui.tui.widgets.action_grid import ActionGrid
    from retrotui.tui.widgets.section_editor import SectionEditor

    clashes: list[str] = []
    for owner in (RetroApp, ActionGrid, SectionEditor, TrackerScreen):
        seen: dict[str, str] = {}
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or binding.id is None:
                continue
            keys = keymap.get(binding.id, binding.key)
            for key in (k.strip() for k in keys.split(",")):
                if key in seen and seen[key] != binding.id:
                    clashes.append(f"{key}: {seen[key]} and {binding.id}")
                seen.setdefault(key, binding.id)
    return clashes
