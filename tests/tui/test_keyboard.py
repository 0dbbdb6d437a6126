"""The facilitator's keyboard: nothing typed is lost, however fast; focus is always known; the view stays put."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, ListView, Tabs
from textual.worker import WorkerFailed

from retrotui.journal import read_journal
from retrotui.tui.dialogs.choice import ChoiceDialog
from retrotui.tui.internals.grid_table import GridTable
from retrotui.tui.widgets.focus_line import FocusLine
from retrotui.tui.widgets.retro_list import RetroList
from retrotui.tui.widgets.section_editor import BulletInput
from tests.conftest import read_exact
from tests.tui.helpers import TOGGLED_ROW, Running, copy_sample, running

SAMPLE = "volcano-retrospective.md"


def burst(run: Running, *keys: str) -> None:
    """Keys as a terminal sends them when typed fast or pasted: all at once, before any is handled."""
    for key in keys:
        character = {"space": " ", "enter": "\r", "tab": "\t"}.get(key, key if len(key) == 1 else None)
        run.app.post_message(events.Key(key, character))


def someone_else_saves(path: Path, old: str, new: str) -> None:
    """Another editor's save: the text changed, and a stamp the watch cannot mistake for ours."""
    path.write_bytes(read_exact(path).replace(old, new).encode("utf-8"))
    os.utime(path, ns=(1, 1))


# -- 1. a typed bullet is never lost -------------------------------------------------------------


async def test_a_bullet_typed_after_tabbing_away_from_an_empty_one_is_saved(tmp_path: Path) -> None:
    path = copy_sample(tmp_path, SAMPLE)
    async with running(path) as run:
        await run.press("2", "a", "tab", "2", "a")
        await run.press(*"TYPED TEXT", "enter", "ctrl+s")
    text = read_exact(path)
    assert "- TYPED TEXT\n" in text
    assert "\n- \n" not in text.split("## Historical Retrospectives")[1]  # no empty bullet either


async def test_tabbing_away_from_a_typed_bullet_keeps_it(tmp_path: Path) -> None:
    path = copy_sample(tmp_path, SAMPLE)
    async with running(path) as run:
        await run.press("2", "a", *"kept on tab", "tab")
        assert not isinstance(run.app.focused, BulletInput)
        await run.press("ctrl+s")
    assert "- kept on tab\n" in read_exact(path)


# -- 2. typeahead reaches the editor that a key opened ---------------------------------------------


async def test_keys_typed_in_one_burst_after_opening_an_editor_reach_it(tmp_path: Path) -> None:
    path = copy_sample(tmp_path, SAMPLE)
    async with running(path) as run:
        burst(run, "5", "a", *"HELLO there, team", "enter", "ctrl+s")
        await run.settle()
    assert "- HELLO there, team\n" in read_exact(path)


async def test_a_burst_in_the_grid_types_into_the_new_row_not_the_tracker(tmp_path: Path) -> None:
    path = copy_sample(tmp_path, SAMPLE)
    async with running(path) as run:
        # "t" opens the tracker wherever it is not typed into a field.
        burst(run, "4", "a", *"tidy the tests", "tab", *"Ana", "enter", "ctrl+s")
        await run.settle()
        assert run.app.screen is run.editor
    assert "| tidy the tests | Ana |  | ☐ |" in read_exact(path)


async def test_keys_typed_while_the_file_opens_wait_for_it(tmp_path: Path) -> None:
    from retrotui.session import Session
    from retrotui.tui.app import RetroApp

    path = copy_sample(tmp_path, SAMPLE)
    app = RetroApp(lambda: Session.open(path), path=path, look_up_branch=False, blink_cursors=False, journal=False)
    async with app.run_test(size=(120, 40)) as pilot:
        run = Running(app, pilot, path)
        burst(run, "2", "a", *"typed during start-up", "enter", "ctrl+s")  # before the document is shown
        await run.settle()
    assert "- typed during start-up\n" in read_exact(path)


# -- 3. what is being typed is journaled --------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("4", "a", *"half-typed row"), "| half-typed row |  |  | ☐ |"),
        (("2", "a", *"half-typed bullet"), "- half-typed bullet\n"),
        (("4", "e", "end", *" (edited)"), "| Export baseline Prometheus + Temporal metrics per plan (edited) |"),
        (("1", "m", *"typed on top", "enter"), "typed on top\n- Completed repository-wide"),
    ],
)
async def test_text_still_being_typed_is_in_the_crash_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys: tuple[str, ...], expected: str
) -> None:
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path, SAMPLE)
    async with running(path, journal=True) as run:
        await run.press(*keys)
        assert run.app.focused is not None and run.app.focused.id in ("cell-editor", "bullet-input", "section-text")
        run.editor.files.journaler.write_journal()
        await run.settle()
        found = read_journal(path)
        assert found is not None and expected in found.text
        assert read_exact(path) == found.base_text  # nothing was saved: only journaled


# -- 4. focus is always visible and moves in a known order ------------------------------------------


async def test_tab_order_is_retro_list_then_tab_bar_then_the_section(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        line = run.app.query_one(FocusLine)
        assert isinstance(run.app.focused, RetroList)
        assert "Retro list" in str(line.render())
        await run.press("tab")
        assert isinstance(run.app.focused, Tabs)
        assert "Tab bar" in str(line.render())
        await run.press("tab")
        assert isinstance(run.app.focused, ListView)
        assert "Summary items" in str(line.render())
        await run.press("tab")
        assert isinstance(run.app.focused, RetroList)
        await run.press("shift+tab")
        assert isinstance(run.app.focused, ListView)
        await run.press("4")
        assert isinstance(run.app.focused, GridTable)
        assert "Action Items grid" in str(line.render())


async def test_a_in_the_retro_list_adds_to_the_section_on_screen(tmp_path: Path) -> None:
    path = copy_sample(tmp_path, SAMPLE)
    async with running(path) as run:
        assert isinstance(run.app.focused, RetroList)
        await run.press("a", *"from the list", "enter", "ctrl+s")
    assert "- from the list\n" in read_exact(path)


async def test_the_section_list_always_shows_its_selected_row(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("2", "down")
        items = run.app.focused
        assert isinstance(items, ListView) and items.index == 1 and items.highlighted_child is not None
        assert items.highlighted_child.has_class("-highlight")
        await run.press("tab")  # focus leaves: the row stays selected and shown
        assert items.highlighted_child.has_class("-highlight")


async def test_help_says_where_the_focus_is(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("4", "f1")
        where = str(run.app.screen.query_one("#help-where").render())
        assert where.startswith("▸ Action Items grid")


async def test_the_focus_line_says_when_a_dialog_has_the_keys(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        line = run.editor.query_one(FocusLine)
        assert str(line.render()).startswith("▸ Retro list")
        await run.press("ctrl+n")
        assert str(line.render()).startswith("▸ A dialog has the keys")
        await run.press("escape")
        assert str(line.render()).startswith("▸ Retro list")


# -- 6. a reload keeps the view ---------------------------------------------------------------------


async def test_a_reload_keeps_the_retro_tab_and_row(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("down", "4", "down", "down")  # Sprint 3, Actions tab, third row
        table = run.app.query_one(GridTable)
        assert run.editor.current is not None and run.editor.current.title.startswith("Sprint 3")
        assert table.cursor_coordinate.row == 2
        someone_else_saves(path, "Capacity plan for Q1 agreed", "Capacity plan for Q1 signed off")
        await run.editor.check_disk()
        await run.settle()
        assert "volcano-multi-sprint.md changed on disk; reloaded." in run.notes
        assert run.editor.current is not None and run.editor.current.title.startswith("Sprint 3")
        assert run.editor.view is not None and run.editor.view.active_number == 4
        table = run.app.query_one(GridTable)
        assert table.cursor_coordinate.row == 2 and run.app.focused is table


async def test_a_change_on_disk_waits_while_an_item_is_being_typed(tmp_path: Path) -> None:
    """Someone else saves while I type: what I typed stays in the open field, and both land in the file."""
    path = copy_sample(tmp_path, SAMPLE)
    async with running(path) as run:
        await run.press("2", "a", *"half a thought")
        someone_else_saves(path, "Completed repository-wide", "Finished repository-wide")
        await run.editor.check_disk()
        await run.settle()
        field = run.app.focused
        assert isinstance(field, BulletInput) and field.value == "half a thought"
        assert run.notes[-1].endswith("changed on disk; merged once you finish typing (enter or esc).")
        await run.editor.check_disk()
        await run.settle()
        assert sum("once you finish typing" in note for note in run.notes) == 1  # told once per version
        await run.press(*" kept", "enter", "escape")
        await run.editor.check_disk()
        await run.settle()
        assert run.notes[-1] == "Merged the changes on disk into your edits."
        await run.press("ctrl+s")
    saved = read_exact(path)
    assert "- half a thought kept\n" in saved and "Finished repository-wide" in saved


async def test_a_cell_being_typed_survives_a_change_on_disk(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "enter", *"Carol")
        someone_else_saves(path, "Capacity plan for Q1 agreed", "Capacity plan for Q1 signed off")
        await run.editor.check_disk()
        await run.settle()
        assert "Carol" in str(run.app.focused.value)  # type: ignore[union-attr]
        await run.press("enter")
        await run.editor.check_disk()
        await run.settle()
        await run.press("ctrl+s")
    saved = read_exact(path)
    assert "Carol" in saved and "Capacity plan for Q1 signed off" in saved


async def test_an_unreadable_file_is_said_once_not_every_second(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        path.write_bytes(b"\xff\xfe not utf-8")
        for _ in range(3):
            await run.editor.check_disk()
            await run.settle()
        assert len([note for note in run.notes if "UTF-8" in note]) == 1


async def test_edits_to_a_file_made_unreadable_on_disk_can_be_saved_elsewhere(tmp_path: Path) -> None:
    """Someone wrote the file as Latin-1 meanwhile: ctrl+s said it could not merge and saved nothing, every
    time, with no other way out for the edits than the crash journal."""
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space")
        path.write_bytes(b"\xff\xfe not utf-8")
        await run.press("ctrl+s")
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press("e")
        field = run.app.screen.query_one(Input)
        field.value = str(tmp_path / "mine.md")
        await run.press("enter")
        assert run.notes[-1] == "Saved mine.md" and run.editor.title == "mine.md"
    assert path.read_bytes() == b"\xff\xfe not utf-8"  # theirs, left as it was
    assert TOGGLED_ROW in read_exact(tmp_path / "mine.md")


async def test_declining_to_save_elsewhere_says_nothing_was_written(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space")
        path.write_bytes(b"\xff\xfe not utf-8")
        await run.press("ctrl+s", "c")
        assert not isinstance(run.app.screen, ChoiceDialog)
        assert run.notes[-1].endswith("; nothing was written.") and "UTF-8" in run.notes[-1]
        assert run.app.editor_screen.session.needs_save  # the edit is still there to save
    assert path.read_bytes() == b"\xff\xfe not utf-8"


# -- 10. read-only is decided at each save; 11. a file moved away is written again ------------------------


async def test_a_file_deleted_while_open_is_noticed_and_recreated_on_save(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space")
        path.unlink()
        await run.editor.check_disk()
        await run.settle()
        assert any("was moved or deleted" in note for note in run.notes)
        await run.press("ctrl+s")
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press("r")
        assert run.notes[-1] == "Saved volcano-multi-sprint.md"
    assert TOGGLED_ROW in read_exact(path)


async def test_a_file_moved_away_can_be_saved_elsewhere(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space")
        path.rename(tmp_path / "moved.md")
        await run.press("ctrl+s", "e")
        field = run.app.screen.query_one(Input)
        field.value = str(tmp_path / "moved.md")
        await run.press("enter")
        assert "already exists" in str(run.app.screen.query_one("#save-as-error").render())
        field.value = str(tmp_path / "copy.md")
        await run.press("enter")
        assert run.notes[-1] == "Saved copy.md" and run.editor.title == "copy.md"
    assert not path.exists() and (tmp_path / "copy.md").exists()


async def test_a_path_the_system_refuses_to_look_at_is_said_in_save_as(tmp_path: Path) -> None:
    """A name too long for the file system ended the editor with a traceback, at the moment its file was gone."""
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space")
        path.unlink()
        await run.press("ctrl+s", "e")
        field = run.app.screen.query_one(Input)
        for typed, said in [
            (str(tmp_path / ("a" * 300 + ".md")), "File name too long"),
            (str(tmp_path / "x\0y.md"), "cannot hold a NUL"),
        ]:
            field.value = typed
            await run.press("enter")
            assert run.app.return_code is None
            assert said in str(run.app.screen.query_one("#save-as-error").render())
        field.value = str(tmp_path / "copy.md")
        await run.press("enter")
        assert run.notes[-1] == "Saved copy.md"
    assert TOGGLED_ROW in read_exact(tmp_path / "copy.md")


# -- one place for a worker's unexpected failure ------------------------------------------------------


async def test_a_failing_worker_is_reported_and_the_edits_are_journaled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrotui import workflow

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    async with running(path, journal=True) as run:
        await run.press("4", "space")

        def broken(*args: object) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(workflow, "look_at_disk", broken)
        await run.editor.check_disk()
        for _ in range(2):  # the failing look, then the journal it causes
            with contextlib.suppress(WorkerFailed):
                await run.app.workers.wait_for_complete()
            await run.app.settled()
        assert any("RuntimeError: disk on fire" in note for note in run.notes)
        assert run.app.is_running and run.app.return_code is None
        found = read_journal(path)
        assert found is not None and "☑ |" in found.text


async def test_an_interrupted_saves_backup_is_named_when_the_file_opens(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    leftovers = [tmp_path / f".{path.name}.retrotui-999999999-abcdef12.{kind}" for kind in ("tmp", "bak")]
    for leftover in leftovers:
        leftover.write_text("old\n", encoding="utf-8")
        os.utime(leftover, (1, 1))  # long ago, by a process that is gone
    async with running(path) as run:
        assert not leftovers[0].exists()  # the half-written temp file is cleaned up
        assert leftovers[1].exists() and any(str(leftovers[1]) in note for note in run.notes)  # the backup is named
