"""The application: settings, theme, keymap and screens; the editing happens on the editor screen.

Start-up is kept to what the first frame needs: the document is parsed in a
worker after that frame, and the modules behind the tabs, the grid, the
dialogs and git are imported where they are first used.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from textual import events
from textual.actions import ActionParseResult, parse
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.driver import Driver
from textual.filter import LineFilter
from textual.messages import ExitApp
from textual.notifications import SeverityLevel
from textual.screen import Screen

from retrotui.safe_text import visible
from retrotui.tui import commands
from retrotui.tui.commands import Scope
from retrotui.tui.live_meeting import LiveMeeting
from retrotui.tui.look import Look
from retrotui.tui.screens.editor import EditorScreen
from retrotui.tui.services import EditorServices
from retrotui.tui.terminal_guard import ControlCharacters
from retrotui.tui.theming import colors_for, install_shipped_themes, install_themes
from retrotui.tui.typeahead import KeyGate

if TYPE_CHECKING:
    from retrotui.config import Settings
    from retrotui.first_look import FirstLook
    from retrotui.live.options import LiveOptions
    from retrotui.session import Session
    from retrotui.themes import RetroColors, ThemeSet

QUIT_ONCE_MOUNTED = "quit once the view is on screen"  # the worker a quit waits in (RetroApp.exit)

# Editor commands that work on any screen (the tracker, a dialog), not only on the editor's.
EVERYWHERE = frozenset({"save", "save_and_commit", "quit", "help", "undo", "redo"})


def _editor_binding(command: commands.Command) -> Binding:
    """A global key runs the editor screen's action of the same name."""
    return Binding(
        command.keys,
        f"editor({command.action!r})",
        command.footer or command.title,
        show=command.show,
        id=command.id,
        priority=command.priority,
    )


def _meeting_binding(command: commands.Command) -> Binding:
    """A live meeting's key (silent writing, voting): the meeting runs it, in a live session only."""
    return Binding(
        command.keys,
        f"meeting({command.action!r})",
        command.footer or command.title,
        show=command.show,
        id=command.id,
        priority=command.priority,
    )


class RetroApp(App[None]):
    """Edit one retrospective file; every action has a key and a palette entry."""

    CSS_PATH = "retrotui.tcss"
    TITLE = "retrotui"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(_editor_binding(c) for c in commands.in_scope(Scope.EDITOR) if c.keys),
        *(_meeting_binding(c) for c in commands.in_scope(Scope.LIVE) if c.keys),
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
        live: LiveOptions | None = None,
        settings: Settings | None = None,
        config_file: Path | None = None,
        themes: ThemeSet | None = None,
        preview: str | FirstLook | None = None,
    ) -> None:
        """``source`` is an open session, or a function that opens one (run in a worker).

        ``clock`` drives the meeting timer (seconds); tests give their own.
        """
        super().__init__()
        # No animations: a key's effect is on screen at once, and the key gate (which waits for the
        # app to be still before it lets the next key in) never waits for a sliding tab underline.
        self.animation_level = "none"
        # Without a settings file nothing needs pydantic before the first frame: the defaults
        # and the full theme check are made in the opening worker (see ensure_settings).
        self._settings = settings
        self._themes = themes
        self.config_file = config_file  # where choices made in the app are remembered (None: nowhere)
        self.blink_cursors = blink_cursors
        self.keymap: dict[str, str] = dict(settings.keymap) if settings is not None else {}
        path = path if path is not None else source.path  # type: ignore[union-attr]
        self.meeting = LiveMeeting(self)
        self.editor_screen = EditorScreen(
            source,
            path,
            EditorServices(
                look=self.look,
                keys=self.keys_text,
                default_owner=self.default_owner,
                settings=lambda: self.settings,
                prepare=self.ensure_settings,
                opened=self.document_opened,
                keys_may_flow=lambda: self.gate.nudge(),
                keys_handled=lambda: self.gate.handled(),
                drop_typeahead=lambda: self.gate.drop_held(),
                clock=clock,
                remember=self.remember,
                blink=blink_cursors,
                keep_aside=self.meeting.keep_aside,
                section_note=self.meeting.section_note,
            ),
            look_up_branch=look_up_branch,
            watch_file=watch_file,
            journal=journal,
            sync=sync,
            live=live,
            preview=preview,
        )
        self.view_only = live is not None and live.view_only
        self.too_small = False  # below 60x20: keys wait for the window to grow, like keys typed while opening
        self.gate = KeyGate(
            self,
            self.editor_screen.accepts_keys,
            paused=lambda: self.too_small,
            opening=lambda: not self.editor_screen.is_open,
        )
        self._guard = ControlCharacters()
        if themes is not None and settings is not None:
            install_themes(self, themes, settings.theme)
        else:
            install_shipped_themes(self, settings.theme if settings is not None else None)
        self.set_keymap(self.keymap)

    # -- settings, themes, keys -----------------------------------------------------------

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

    def document_opened(self) -> None:
        """The document is on screen: every theme checked, problems reported once, keys let in."""
        if self.view_only:
            from retrotui.tui.view_only import make_read_only

            make_read_only(self.editor_screen.editor, self.say_view_only)
        self.apply_settings()
        self.meeting.start()
        self.gate.nudge()

    def say_view_only(self, notice: str) -> None:
        self.notify(notice, severity="warning", timeout=4)

    def apply_settings(self) -> None:
        """Every theme checked and the chosen one active; problems reported once."""
        install_themes(self, self.themes, self.settings.theme)
        if self.themes.broken:
            self.notify("\n".join(self.themes.broken), title="Themes skipped", severity="warning", timeout=10)
        unknown = self.settings.unknown_keys()
        if unknown:
            names = ", ".join(repr(k) for k in unknown)
            self.notify(f"Unknown settings ignored: {names}", title="Settings", severity="warning", timeout=8)
        # (An unknown command id never gets here: the settings check refuses it.)
        problems = commands.clashes(self.keymap)
        if problems:
            self.notify("\n".join(problems), title="Keys bound twice", severity="warning", timeout=10)

    @property
    def retro_colors(self) -> RetroColors | None:
        return colors_for(self._themes, self.theme)

    def look(self) -> Look:
        date_format = self._settings.date_format if self._settings is not None else "%Y-%m-%d"
        return Look.of(self.retro_colors, date_format)

    def default_owner(self) -> str:
        return self._settings.default_owner if self._settings is not None else ""

    def keys_text(self, command_id: str) -> str:
        """The keys of a command as the footer shows them, from the keymap in force."""
        keys = commands.keys_of(command_id, self.keymap)
        return "/".join(self.get_key_display(Binding(key, "")) for key in keys)

    def watch_theme(self, theme: str) -> None:
        """retrotui's own colours (overdue, done) follow the theme; a theme picked in the palette is remembered.

        Textual's theme picker sets the theme after its palette has closed, so
        the change itself is the moment to remember it.
        """
        if not self.is_running:
            return
        self.editor_screen.restyle()
        if theme != self.settings.theme and theme in self.themes.themes:
            self.settings.theme = theme
            self.remember("theme", theme)

    def remember(self, key: str, value: object) -> None:
        """Save a choice made in the app to the settings file, keeping every other key."""
        if self.config_file is None:
            return
        from retrotui.config import ConfigError, save_value
        from retrotui.store import StoreError

        try:
            save_value(self.config_file, key, value)
        except (ConfigError, OSError, StoreError) as error:
            self.notify(f"Could not save the setting: {error}", severity="warning", timeout=6)

    # -- screens and keys ---------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications quote the file (titles, items) and git (a hook's output): never markup, whatever
        ``markup`` says (``Widget.notify``, behind every ``screen.notify``, passes True), control
        characters made visible."""
        super().notify(
            visible(message, keep_newlines=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the guard that keeps control characters off the terminal."""
        return [*super().get_line_filters(), self._guard]

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver; on Linux and macOS one that sees a lone Escape sooner (``escape_key``)."""
        driver = super().get_driver_class()
        if f"{driver.__module__}.{driver.__qualname__}" != "textual.drivers.linux_driver.LinuxDriver":
            return driver  # Windows, or a driver named in TEXTUAL_DRIVER
        from retrotui.tui.escape_key import PromptEscapeDriver

        return PromptEscapeDriver

    def get_default_screen(self) -> Screen[Any]:
        return self.editor_screen

    def on_mount(self) -> None:
        self.gate.start()

    # A quit (a key, a signal, a live session ending) waits for the retro being put on screen: from
    # ``exit`` on, Textual mounts nothing more, and a retro's tab strip caught half-mounted ended the app
    # with a ``ValueError`` (Textual 8.2, ``Tabs._on_mount``: "No Tab with id") or a ``MountError``, a
    # traceback and exit code 1 instead of a clean quit.  Mounting a view takes tens of milliseconds.

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        mounting = self.editor_screen.view_being_mounted()
        if mounting is None:
            super().exit(result, return_code, message)
        else:
            self._once_set(mounting, lambda: self.exit(result, return_code, message))

    def on_exit_app(self, message: ExitApp) -> None:
        """The same wait for a quit that comes as the message alone (Textual's web driver on SIGTERM)."""
        mounting = self.editor_screen.view_being_mounted()
        if mounting is None:
            return  # Textual's own handler quits
        message.prevent_default()
        self._once_set(mounting, lambda: self.post_message(ExitApp()))

    def _once_set(self, mounted: asyncio.Event, quit: Callable[[], object]) -> None:
        async def quit_once_mounted() -> None:
            await mounted.wait()
            quit()

        self.run_worker(quit_once_mounted(), name=QUIT_ONCE_MOUNTED, exit_on_error=False)

    def on_resize(self, event: events.Resize) -> None:
        """Below 60x20 a message covers the screen; everything underneath stays as it was."""
        from retrotui.tui.screens.too_small import TooSmallScreen, too_small

        shown = [s for s in self.screen_stack if isinstance(s, TooSmallScreen)]
        small = too_small(event.size.width, event.size.height)
        self.too_small = small
        if not small:
            self.gate.nudge()  # keys typed meanwhile go where they were typed
        if small and not shown:
            self.push_screen(TooSmallScreen())
        elif small:
            shown[0].show_size(event.size.width, event.size.height)
        elif shown and self.screen is shown[0]:
            self.pop_screen()

    async def on_event(self, event: events.Event) -> None:
        # Keys go through the gate, which lets each one in once the last one is finished with.
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.gate.take(event):
                return
            if self.screen is self.editor_screen:
                self.editor_screen.mend_focus()
        await super().on_event(event)

    async def settled(self) -> None:
        """Every key let in and finished with (tests and benchmarks wait on this)."""
        await self.gate.drained()

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every key binding and palette command comes through here: a view-only session refuses the edits."""
        if self.view_only:
            from retrotui.tui.view_only import NOTICE, edits

            if edits(action, default_namespace):
                self.say_view_only(NOTICE)
                return True
        return await super().run_action(action, default_namespace, namespaces)

    async def action_editor(self, action: str) -> None:
        await self.run_action(action, self.editor_screen)

    async def action_meeting(self, action: str) -> None:
        await self.meeting.run(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "meeting" and parameters:
            return self.meeting.can(str(parameters[0]))
        if action != "editor" or not parameters:
            return True
        _, name, arguments = parse(str(parameters[0]))
        if self.screen is not self.editor_screen:
            if name not in EVERYWHERE:
                return False  # a dialog is open
            if name == "save" and getattr(self.screen, "editing", False):
                # The conflicts dialog's edit takes ctrl+s ("uses the edit"): the app's save, a priority
                # binding, would otherwise take it first and the edit could never be used.
                return False
        return self.editor_screen.check_action(name, tuple(arguments))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from self.editor_screen.palette_commands()
        yield from self.meeting.palette_commands()
        for command in super().get_system_commands(screen):
            # Textual's "Quit" left at once, unsaved edits and all, beside ours that asks; its
            # "Screenshot" wrote an SVG beside the retro (into the repository) or, through
            # ``retrotui serve``, led the tab to a page the token check refuses.
            if command.callback != self.action_quit and command.title != "Screenshot":
                yield command
