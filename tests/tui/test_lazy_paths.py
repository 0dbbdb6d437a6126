"""What the editor keeps or builds ahead so that a key costs little, and that nothing shown is stale."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ListView

from retrotui.tui.widgets.retro_list import PREVIEW_TITLES, RetroList
from retrotui.tui.widgets.retro_view import RetroView
from retrotui.tui.widgets.section_editor import SectionEditor
from tests.tui.helpers import copy_sample, running


async def test_closing_the_tracker_with_no_change_keeps_the_retro_view(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("2")
        view, retro_list = run.editor.view, run.app.query_one(RetroList)
        editor = view.active_editor() if view is not None else None
        assert isinstance(view, RetroView) and isinstance(editor, SectionEditor)
        await run.press("t")
        assert run.editor.tracker_shown
        await run.press("escape")
        assert not run.editor.tracker_shown
        assert run.editor.view is view and view.active_editor() is editor and editor.is_attached
        assert run.app.query_one(RetroList) is retro_list
        assert run.app.focused is editor.list_view


async def test_closing_the_tracker_after_a_toggle_shows_the_change(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("t")
        await run.press("space", "escape")
        assert run.editor.editor.can_undo() and not run.editor.tracker_shown
        # Something changed while the tracker was open: the retro on screen is drawn again from the model.
        assert run.editor.view is not None and run.editor.view.retro is run.editor.current


async def test_a_tab_shown_for_the_first_time_has_its_items_mounted_when_it_is_shown(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        view = run.editor.view
        assert isinstance(view, RetroView) and view.editor_in(2) is None
        await view.show_tab(2)  # no pause: the tab, its editor and its items are there together
        editor = view.editor_in(2)
        assert isinstance(editor, SectionEditor)
        items = list(editor.query_one(ListView).children)
        assert items and all(item.is_mounted for item in items)
        assert len(items) == len(run.editor.editor.bullets(editor.section))
        assert view.active_number == 2


def test_before_the_document_is_read_the_list_shows_the_first_titles_only() -> None:
    retro_list = RetroList()
    titles = tuple(f"Sprint {n}" for n in range(150))
    retro_list.show_outline(titles, has_template=True)
    assert retro_list.option_count == PREVIEW_TITLES  # and no template below a cut list
    retro_list.show_outline(titles[:3], has_template=True)
    assert retro_list.option_count == 4


async def test_the_cycle_collector_is_on_again_once_the_document_is_on_screen(tmp_path: Path) -> None:
    """``tui.run`` turns it off for start-up; the editor turns it on when the document is shown."""
    import gc

    gc.disable()
    try:
        async with running(copy_sample(tmp_path)) as run:
            assert run.editor.is_open and gc.isenabled()
    finally:
        gc.enable()
