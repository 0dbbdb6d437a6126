"""The newest retro is on screen in the first frame, before the document model (or pydantic) is loaded."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual._context import active_app
from textual.app import App, ComposeResult
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.pilot import Pilot
from textual.widgets import Static

from retrotui.config import Settings
from tests.conftest import SAMPLES
from tests.tui.helpers import copy_sample, make_app, running

FIRST_FRAME = """
import os, sys, threading
from pathlib import Path
from retrotui.first_look import FirstLook
from retrotui.store import read_text

path = Path(sys.argv[1])
text, stamp = read_text(path)
first_look = FirstLook.started(text)  # as retrotui FILE does: a child scans it while Textual is imported
child = first_look.pid
from retrotui.tui.app import RetroApp

release = threading.Event()

def open_session():
    release.wait()  # the document stays unparsed until the first frame has been looked at
    from retrotui.session import Session
    return Session.from_text(path, (text, stamp))

async def look(pilot):
    app = pilot.app
    await pilot.pause()
    shown = app.screen.query_one("#preview-view")
    lines = [str(s.render()) for s in shown.query("Static")]
    loaded = sorted(
        m
        for m in sys.modules
        if m in ("pydantic", "textual.widgets._data_table")
        or m.startswith(("retrotui.model", "retrotui.config", "retrotui.tui.widgets.action_grid", "retrotui.outline"))
        or m.startswith("retrotui.markdown")
    )
    print(repr(lines))
    print(loaded)
    try:
        os.waitpid(child, os.WNOHANG)
        print("the child is still there")
    except ChildProcessError:
        print("the child was reaped")
    release.set()
    await app.settled()
    print(app.editor_screen.current.title)
    app.exit()

RetroApp(open_session, path=path, look_up_branch=False, watch_file=False, journal=False, preview=first_look).run(
    headless=True, size=(120, 40), auto_pilot=look
)
"""


def test_the_first_frame_shows_the_newest_retro_without_the_model(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(SAMPLES / "volcano-multi-sprint.md")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shown, loaded, reaped, title = result.stdout.splitlines()[-4:]
    assert "Sprint 4 – Hardening  2025-12-12" in shown
    assert "1 Summary" in shown and "2 Went Well" in shown
    assert "Capacity plan for Q1 agreed with finance." in shown  # the first tab's first bullet
    assert loaded == "[]"  # no pydantic, model, settings, table, nor the scanner (the child had it) was needed
    assert reaped == "the child was reaped"  # the child that scanned the file for it
    assert title == "Sprint 4 – Hardening"  # then the real view took its place


@pytest.mark.parametrize("theme", ["retro-dark", "retro-high-contrast", "retro-colorblind"])
async def test_a_dark_theme_is_in_the_first_parse_of_the_stylesheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """Setting ``App.theme`` before the app runs would re-parse the whole stylesheet before its first parse."""
    reparsed: list[object] = []
    original = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(self)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    async with running(copy_sample(tmp_path), settings=Settings(theme=theme)) as run:
        app = run.app
        assert reparsed == []
        assert app.theme == theme
        assert f"-theme-{theme}" in app.classes and "-dark-mode" in app.classes
        primary = app.get_theme(theme).primary  # type: ignore[union-attr]
        assert app.stylesheet._variables["primary"] == Color.parse(primary).hex


async def test_a_light_theme_chosen_at_the_start_is_applied_whole(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path), settings=Settings(theme="retro-light")) as run:
        app = run.app
        assert app.theme == "retro-light"
        assert "-light-mode" in app.classes and "-dark-mode" not in app.classes
        assert app.stylesheet._variables["background"] == Color.parse(app.current_theme.background or "").hex


@pytest.mark.parametrize("step", ["show_retro", "show_read_only_banner", "build"])
async def test_quitting_while_the_document_goes_on_screen_ends_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """A quit that lands between two steps of putting the document on screen (a signal, a live session
    ending) stops there: mounting the next part into a screen being taken down raised ``MountError``."""
    from retrotui.tui.files import FileKeeper
    from retrotui.tui.screens.editor import EditorScreen
    from retrotui.tui.screens.tracker_switch import TrackerSwitch

    owner = {"show_retro": EditorScreen, "show_read_only_banner": FileKeeper, "build": TrackerSwitch}[step]
    original = getattr(owner, step)

    async def then_quit(self: Any, *args: Any) -> Any:
        result = await original(self, *args)
        App.exit(active_app.get())
        return result

    monkeypatch.setattr(owner, step, then_quit)
    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert app._exception is None
    assert app.return_code == 0


def test_every_shipped_theme_is_in_a_file_of_its_name() -> None:
    """The first frame reads only the chosen theme, from ``<name>.toml``."""
    import tomllib

    from retrotui.settings_file import shipped_theme_folder

    files = sorted(shipped_theme_folder().glob("*.toml"))
    assert files
    for path in files:
        assert tomllib.loads(path.read_text(encoding="utf-8"))["name"] == path.stem


@pytest.mark.parametrize("chosen", [None, "retro-light", "no-such-theme"])
def test_the_first_frame_reads_the_chosen_theme_and_the_open_document_all(chosen: str | None) -> None:
    from retrotui.tui.theming import DEFAULT_THEME, install_shipped_themes

    app = App[None]()
    install_shipped_themes(app, chosen)
    expected = chosen if chosen == "retro-light" else DEFAULT_THEME
    assert app.theme == expected
    shipped = {"retro-dark", "retro-light", "retro-high-contrast", "retro-colorblind"}
    if chosen == "no-such-theme":
        assert shipped <= set(app.available_themes)  # not a file's name: every shipped file is read
    else:
        assert set(app.available_themes) & shipped == {expected}


async def test_once_the_document_is_open_every_theme_is_offered(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        assert {"retro-dark", "retro-light", "retro-high-contrast", "retro-colorblind"} <= set(run.app.available_themes)


@pytest.mark.parametrize("quit_by", ["exit", "message"])
async def test_quitting_while_a_retros_tabs_are_mounted_ends_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quit_by: str
) -> None:
    """A quit that lands while a retro's tab strip is being mounted (a retro switched to, a live session's
    rebuild, then q or a signal) waits for the view: the strip, caught half-mounted, found no tab to
    activate and ended the app with ``ValueError: No Tab with id '--content-tab-tab-1'``.  ``message``
    quits as Textual's web driver does on SIGTERM (``retrotui serve`` ending), with ``ExitApp`` alone."""
    from textual.messages import ExitApp
    from textual.widgets.tabbed_content import ContentTabs

    from retrotui.tui.app import QUIT_ONCE_MOUNTED

    armed = False
    compose = ContentTabs._compose

    async def quit_while_composing(self: ContentTabs) -> None:
        nonlocal armed
        if armed:
            armed = False
            app = self.app
            if quit_by == "exit":
                app.exit()
            else:
                app.post_message(ExitApp())
            # The quit takes its course: the strip is taken down now, half-mounted, or the quit waits.
            while not (self._pruning or any(w.name == QUIT_ONCE_MOUNTED for w in app.workers)):
                await asyncio.sleep(0)
        await compose(self)

    monkeypatch.setattr(ContentTabs, "_compose", quit_while_composing)
    app = make_app(copy_sample(tmp_path))
    showing: asyncio.Future[None] | None = None

    async def switch_retro(pilot: Pilot[None]) -> None:
        nonlocal armed, showing
        await app.settled()
        await app.workers.wait_for_complete()
        screen = app.editor_screen
        other = next(r for r in screen.editor.doc.retros if r is not screen.current)
        armed = True
        showing = asyncio.ensure_future(screen.show_retro(other))

    # Run as retrotui runs: Pilot's harness takes the app down its own way, whatever the app does on a quit.
    await app.run_async(headless=True, size=(120, 40), auto_pilot=switch_retro)
    assert showing is not None
    await showing
    assert not armed
    assert app._exception is None
    assert (app.return_code or 0) == 0  # as ``retrotui FILE`` exits (the message alone sets no code)


@pytest.mark.parametrize("shown", ["retro", "other", "tab"])
async def test_a_view_asked_for_after_a_quit_is_not_mounted(tmp_path: Path, shown: str) -> None:
    """A retro, the other content or a tab asked for once the app quits (a key typed after ctrl+q, a live
    write landing, the file changing on disk) is not put on screen: Textual mounts nothing once the
    app exits, and the ``MountError`` ended the app with a traceback and exit code 1."""
    app = make_app(copy_sample(tmp_path))

    async def quit_then_show(pilot: Pilot[None]) -> None:
        await app.settled()
        await app.workers.wait_for_complete()
        screen = app.editor_screen
        other = next(r for r in screen.editor.doc.retros if r is not screen.current)
        view = screen.view
        app.exit()
        if shown == "retro":
            await screen.show_retro(other)
        elif shown == "other":
            await screen.pane.show_other()
        else:
            assert view is not None
            assert await view.ensure_editor(3) is None

    await app.run_async(headless=True, size=(120, 40), auto_pilot=quit_then_show)
    assert app._exception is None
    assert app.return_code == 0


async def test_the_first_frame_shows_each_item_of_the_first_section_on_its_own_line() -> None:
    """As the section's view shows them: the first frame joined them into one line with ``␊`` between
    (the newlines made visible with the rest), seconds long on a large file.  An item's own control
    characters are still shown, not sent."""
    from retrotui.first_look import Outline, OutlineSection
    from retrotui.sections import SectionKind
    from retrotui.tui.widgets.preview import PreviewView

    summary = OutlineSection("Summary", SectionKind.SUMMARY, ("Shipped the migration.", "Paged twice\x1b[2J."))
    preview = PreviewView(Outline(("Sprint 2",), False, "Sprint 2", None, (summary,)))

    class Showing(App[None]):
        def compose(self) -> ComposeResult:
            yield preview

    async with Showing().run_test(size=(80, 24)):
        shown = str(preview.query_one(".section-area", Static).render())
    assert shown.splitlines() == [" Shipped the migration.", " Paged twice␛[2J."]
