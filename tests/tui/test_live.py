"""A live session in the editor: finished edits written at once, the others' taken in without disturbing typing.

The other participant is a headless ``Room`` writing through the same
``write_live`` as the editor does, so the two meet in the same room folder,
under the same lock, with the same events.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets import Input

from retrotui.live.options import LiveOptions
from retrotui.live.room import Room
from retrotui.live.writing import LiveWritten, write_live
from retrotui.store import FileStamp, read_text
from retrotui.tui.files.live import LiveKeeper
from tests.conftest import changed_lines, read_exact
from tests.tui.helpers import Running, copy_sample, running

SAMPLE = "volcano-retrospective.md"
WENT_WELL_END = "inside existing manual structure.\n"
ROW = "| Export baseline Prometheus + Temporal metrics per plan | Platform Eng |"


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(folder))
    return folder


@asynccontextmanager
async def live_editor(tmp_path: Path, name: str = "Ben") -> AsyncIterator[Running]:
    path = copy_sample(tmp_path, SAMPLE)
    async with running(path, live=LiveOptions(name)) as run:
        yield run


def keeper(run: Running) -> LiveKeeper:
    live = run.editor.files.live
    assert live is not None
    return live


async def written(run: Running) -> None:
    """Whatever is finished is written (the editor does this by itself every tenth of a second)."""
    keeper(run).tick()
    await run.settle()


async def taken_in(run: Running) -> None:
    """The others' write is taken in (the file watcher does this by itself as the file changes)."""
    keeper(run).look()
    await run.settle()


def ana_writes(path: Path, note: str) -> None:
    """Ana, another participant, adds a note to What Went Well in the file as it is now."""
    text, _ = read_text(path)
    ana_writes_text(path, text.replace(WENT_WELL_END, f"{WENT_WELL_END}- {note}\n", 1))


def ana_writes_text(path: Path, changed: str, base: tuple[str, FileStamp] | None = None) -> None:
    """Ana writes ``changed``, made from the file as she saw it (``base``: an older view, else now)."""
    text, stamp = base if base is not None else read_text(path)
    assert isinstance(write_live(Room(path, "Ana"), path, text, changed, stamp), LiveWritten)


def field(run: Running) -> Input:
    focused = run.app.focused
    assert isinstance(focused, Input)
    return focused


async def test_a_finished_item_is_written_without_saving_and_changes_only_its_lines(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        before = run.saved
        await run.press("2", "a", *"Quick wins", "enter")
        await written(run)
        assert changed_lines(before, run.saved) == (
            ["**Last Updated:** 2025-10-17"],
            ["**Last Updated:** 2025-11-27", "- Quick wins"],
        )
        once = run.saved
        await run.press("a", *"Second", "enter")
        await written(run)
        # Last Updated is bumped once a day, not on every write.
        assert changed_lines(once, run.saved) == ([], ["- Second"])
        assert run.editor.title == SAMPLE  # no unsaved mark: everything is written


async def test_what_is_being_typed_is_never_written(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        before = run.saved
        await run.press("2", "a", *"half a thou")
        await written(run)
        assert run.saved == before


async def test_the_others_edit_comes_in_while_i_type_keeping_my_text_and_cursor(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("2", "a", *"Ben half", "left", "left", "left", "left")
        ana_writes(run.path, "Ana's note")
        await taken_in(run)
        assert "- Ana's note\n" in run.saved
        assert field(run).value == "Ben half" and field(run).cursor_position == 4
        await run.press("X", "end", *" more", "enter")
        await written(run)
        text = run.saved
        start = text.index(WENT_WELL_END)
        expected = f"{WENT_WELL_END}- Ana's note\n- Ben Xhalf more\n\n### 3."
        assert text[start : start + len(expected)] == expected


async def test_the_others_edit_comes_in_while_i_edit_an_existing_item(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("2", "e", "end", *" (edited)")
        ana_writes(run.path, "Ana's note")
        await taken_in(run)
        assert run.editor.title == SAMPLE  # the document is the file: nothing unwritten
        await run.press("enter")
        await written(run)
        text = run.saved
        assert (
            "- Rapidly mapped all Temporal workflows (sessions, marketing, MAO, Kamachiq) without code changes. (edited)\n"
            in text
        )
        assert text.count("- Ana's note\n") == 1


async def test_a_cell_being_typed_survives_the_others_edit(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("4", "right", "e", "end", *" & Ben")
        ana_writes(run.path, "Ana's note")
        await taken_in(run)
        assert field(run).value == "Platform Eng & Ben"
        await run.press("enter")
        await written(run)
        text = run.saved
        assert "| Export baseline Prometheus + Temporal metrics per plan | Platform Eng & Ben |" in text
        assert "- Ana's note\n" in text


async def test_an_item_cell_whose_item_the_other_changes_meanwhile_stays_open_in_a_new_row(tmp_path: Path) -> None:
    """The field was closed under the typist: what followed went to the grid (space toggled, d deleted a row)."""
    async with live_editor(tmp_path) as run:
        await run.press("4", "e", "end", *" BEN")
        ana_row = ROW.replace("per plan", "per plan ANA")
        ana_writes_text(run.path, run.saved.replace(ROW, ana_row))
        await taken_in(run)
        assert field(run).value == "Export baseline Prometheus + Temporal metrics per plan BEN"
        assert any("what you type is added as a new row" in note for note in run.notes)
        await run.press(*" and done", "enter")
        await written(run)
        text = run.saved
        assert f"{ana_row} 2025-10-24 | ☐ |" in text
        assert "| Export baseline Prometheus + Temporal metrics per plan BEN and done |" in text
        assert text.count("| 2025-10-24 | ☐ |") == 1  # nothing toggled, no row deleted


async def test_an_owner_cell_whose_item_the_other_changes_meanwhile_stays_open_on_its_row(tmp_path: Path) -> None:
    """Ben types the row's Owner while Ana changes its Item: the cell was closed under him, and what he
    typed next went to the grid as commands (space toggled a row, d deleted one)."""
    async with live_editor(tmp_path) as run:
        await run.press("4", "right", "e", "end", *" BEN")
        ana_row = ROW.replace("per plan", "per plan ANA")
        ana_writes_text(run.path, run.saved.replace(ROW, ana_row))
        await taken_in(run)
        assert field(run).value == "Platform Eng BEN"
        await run.press(*" and Ops", "enter")
        await written(run)
        text = run.saved
        assert "| Export baseline Prometheus + Temporal metrics per plan ANA | Platform Eng BEN and Ops |" in text
        assert text.count("| 2025-10-24 | ☐ |") == 1  # nothing toggled, no row deleted


async def test_an_owner_cell_whose_row_the_other_deletes_meanwhile_stays_open_on_the_row_put_back(
    tmp_path: Path,
) -> None:
    """Ben types a row's Owner while Ana deletes the row: the cell was closed under him, and the keys he
    typed next went to the grid as commands (space toggled a row, d deleted one)."""
    async with live_editor(tmp_path) as run:
        await run.press("4", "right", "e", "end", *" BEN")
        row_line = next(line for line in run.saved.splitlines(keepends=True) if line.startswith(ROW))
        ticks = run.saved.count("☑")
        ana_writes_text(run.path, run.saved.replace(row_line, ""))
        await taken_in(run)
        assert ROW not in run.saved  # Ana's deletion is in
        assert field(run).value == "Platform Eng BEN"
        [note] = [n for n in run.notes if "added back" in n]
        assert "Export baseline Prometheus + Temporal metrics per plan" in note
        await run.press(*" and Ops", "enter")
        await written(run)
        text = run.saved
        assert "| Export baseline Prometheus + Temporal metrics per plan | Platform Eng BEN and Ops |" in text
        assert text.count("☑") == ticks and text.count(" and Ops") == 1  # nothing toggled, no other row touched


async def test_my_edit_replaced_by_a_write_at_the_same_moment_is_told_and_put_back(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        seen_by_ana = read_text(run.path)  # Ana starts from the file as it was
        await run.press("4", "right", "e", *["backspace"] * 12, *"Ben", "enter")
        await written(run)
        assert f"{ROW.replace('Platform Eng', 'Ben')}" in run.saved
        # Ana changed the same cell meanwhile; her write comes last and wins it.
        text, _ = seen_by_ana
        ana_writes_text(run.path, text.replace(ROW, ROW.replace("Platform Eng", "Ana")), seen_by_ana)
        keeper(run).beat()
        await taken_in(run)
        assert ROW.replace("Platform Eng", "Ana") in run.saved
        assert run.editor.title == SAMPLE
        [note] = [n for n in run.notes if "theirs was written last" in n]
        assert "Ben" in note and "^b puts yours back" in note
        await run.press("ctrl+b")
        await written(run)
        assert ROW.replace("Platform Eng", "Ben") in run.saved
        assert "| Ana |" not in run.saved


async def test_the_header_shows_who_is_in_the_session(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        assert run.editor.sub_title.endswith("live: Ben")
        ana = Room(run.path, "Ana")
        ana.join()
        keeper(run).beat()
        await run.settle()
        assert run.editor.sub_title.endswith("live: Ben, Ana")
        ana.leave()
        keeper(run).beat()
        await run.settle()
        assert run.editor.sub_title.endswith("live: Ben")


async def test_quitting_right_after_an_edit_writes_it_first(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("2", "a", *"Last words", "enter", "ctrl+q")
        assert run.app.return_code == 0
        assert "- Last words\n" in read_exact(run.path)
        assert list((keeper(run).room.folder / "people").iterdir()) == []  # left the room


async def test_ctrl_s_in_a_live_session_says_everything_is_written(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("2", "a", *"Typed", "ctrl+s")
        assert "- Typed\n" in run.saved
        await run.press("ctrl+s")
        assert run.notes[-1] == "Everything is written."


async def test_keys_still_work_when_the_focus_landed_on_a_widget_being_removed(tmp_path: Path) -> None:
    """Two rebuilds in a row: a focus asked for by the first lands on a widget the second is removing."""
    async with live_editor(tmp_path) as run:
        await run.press("2")
        old_list = run.app.query_one("#bullets")
        removing = old_list.parent.remove()  # type: ignore[union-attr]
        run.editor.set_focus(old_list)  # the focus call that was already queued
        await removing
        assert run.app.focused is old_list and not old_list.is_attached
        await run.press("ctrl+q")
        assert run.app.return_code == 0


async def test_without_a_place_to_meet_the_editor_says_so_and_saves_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the state folder should be", "utf-8")
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(blocked))
    async with live_editor(tmp_path) as run:
        assert run.editor.files.live is None
        [note] = [n for n in run.notes if "The live session could not start" in n]
        assert "^s" in note
        await run.press("2", "a", *"Kept", "enter", "ctrl+s")
        assert "- Kept\n" in run.saved


async def test_a_write_that_fails_is_said_once_and_the_edit_stays_unwritten(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        before = run.saved
        room = keeper(run).room.folder
        (room / "lock").unlink()
        (room / "lock").mkdir()  # the lock file cannot be opened for writing
        await run.press("2", "a", *"Stays", "enter")
        await written(run)
        assert run.saved == before
        [note] = [n for n in run.notes if "nothing was written" in n]
        assert str(room) in note
        assert run.editor.title.endswith("●")
        keeper(run)._retry_after = 0  # the next attempt, a second later
        await written(run)
        assert len([n for n in run.notes if "nothing was written" in n]) == 1
        await run.press("ctrl+s")  # asked for: said again, not a key that does nothing visible
        assert len([n for n in run.notes if "nothing was written" in n]) == 2
        assert run.editor.title.endswith("●")


async def test_an_item_added_above_mine_keeps_my_cursor_on_my_item(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("2", "down")
        view = run.editor.view
        assert view is not None
        section = view.sections[1]
        mine = run.editor.editor.bullets(section)[1]
        text, stamp = read_text(run.path)
        first = "- Rapidly mapped all Temporal workflows"
        write_live(Room(run.path, "Ana"), run.path, text, text.replace(first, f"- Ana's first\n{first}", 1), stamp)
        await taken_in(run)
        widget = run.editor.view.active_editor()  # type: ignore[union-attr]
        items = run.editor.editor.bullets(run.editor.view.sections[1])  # type: ignore[union-attr]
        assert items[0] == "Ana's first"
        assert items[widget.list_view.index] == mine  # type: ignore[union-attr]


async def test_a_row_added_above_mine_keeps_the_grid_cursor_on_my_row(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("4", "down", "right")
        text, stamp = read_text(run.path)
        row = "| Review queue hierarchy with platform leadership |"
        new = text.replace(ROW, f"| Ana's row | Ana | 2025-12-01 | ☐ |\n{ROW}", 1)
        write_live(Room(run.path, "Ana"), run.path, text, new, stamp)
        await taken_in(run)
        grid = run.editor.view.active_editor()  # type: ignore[union-attr]
        cursor = grid.table.cursor_coordinate  # type: ignore[union-attr]
        assert grid.items[cursor.row].item == row.strip("| ").strip()  # type: ignore[union-attr]
        assert cursor.column == 1


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per live write the editor starts."""
    import retrotui.tui.files.live as live_module

    started: list[str] = []

    def counted(*args: object) -> object:
        started.append("write")
        return write_live(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(live_module, "write_live", counted)
    return started


async def test_the_markdown_editor_holds_the_others_edits_back_until_it_closes(
    tmp_path: Path, writes: list[str]
) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("2", "m", *"- typed as text", "enter")  # at the top of the section
        ana_writes(run.path, "Ana's note")
        await taken_in(run)
        [note] = [n for n in run.notes if "wait until you close the Markdown editor" in n]
        assert "esc" in note
        area = run.app.focused
        assert area is not None and "- typed as text" in area.text  # type: ignore[attr-defined]
        for _ in range(3):  # nothing to write while it waits: no write every tenth of a second
            await written(run)
        assert writes == []
        await run.press("escape")
        await written(run)
        await taken_in(run)
        text = run.saved
        assert text.count("- Ana's note\n") == 1 and text.count("- typed as text\n") == 1
        assert "- Ana's note" in [f"- {item}" for item in run.editor.editor.bullets(run.editor.view.sections[1])]  # type: ignore[union-attr]


async def test_a_write_merged_while_the_markdown_editor_is_open_is_not_repeated(
    tmp_path: Path, writes: list[str]
) -> None:
    async with live_editor(tmp_path) as run:
        live = keeper(run)
        await run.press("2")
        live._retry_after = float("inf")  # the editor's own ticks wait: this test writes by hand
        await run.press("a", *"mine", "enter")
        ana_writes(run.path, "Ana's note")
        await run.press("m", *"- typed as text", "enter")
        live._retry_after = 0
        live.write()
        await run.settle()
        assert writes == ["write"] and "- mine\n" in run.saved and "- Ana's note\n" in run.saved
        for _ in range(3):
            await written(run)
        assert writes == ["write"]
        await run.press("escape")
        await written(run)
        await taken_in(run)
        text = run.saved
        assert [text.count(f"- {note}\n") for note in ("mine", "Ana's note", "typed as text")] == [1, 1, 1]


async def test_the_tracker_open_during_the_others_edit_toggles_the_new_document(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("t")
        tracker = run.editor.tracker_switch.view
        assert tracker is not None and tracker.display
        ana_writes(run.path, "Ana's note")
        await taken_in(run)
        doc_items = [item for retro in run.editor.editor.doc.retros for item in retro.action_items]
        assert all(any(t.action is item for item in doc_items) for t in tracker.everything)
        tracked = tracker.shown[tracker.table.cursor_row]
        before = run.saved
        await run.press("space")
        await written(run)
        removed, added = (
            [line for line in lines if not line.startswith("**Last Updated:**")]
            for lines in changed_lines(before, run.saved)
        )
        assert len(removed) == 1 and tracked.action.item in removed[0] and "☑" in added[0]
        assert "- Ana's note\n" in run.saved


async def test_undo_after_the_others_edits_came_in_takes_back_only_mine(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("2", "a", *"mine", "enter")
        await written(run)
        ana_writes(run.path, "Ana's note")
        await taken_in(run)
        assert run.editor.check_action("undo", ()) is True
        await run.press("ctrl+z")
        await written(run)
        assert "- mine\n" not in run.saved and "- Ana's note\n" in run.saved
        assert run.notes[-1] == "Undone: Add item in 'What Went Well'"
        await run.press("ctrl+y")
        await written(run)
        assert "- mine\n" in run.saved and "- Ana's note\n" in run.saved


async def test_undo_right_after_an_edit_before_it_is_written(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        before = run.saved
        keeper(run)._retry_after = float("inf")  # the tick has not come yet
        await run.press("2", "a", *"oops", "enter", "ctrl+z")
        keeper(run)._retry_after = 0
        await written(run)
        assert "oops" not in run.saved
        assert run.saved.replace("2025-11-27", "2025-10-17") == before


async def test_a_step_someone_changed_since_is_not_undone_and_their_edit_stays(tmp_path: Path) -> None:
    async with live_editor(tmp_path) as run:
        await run.press("4", "right", "e", *["backspace"] * 12, *"Ben", "enter")
        await written(run)
        text = run.saved
        ana_writes_text(run.path, text.replace(ROW.replace("Platform Eng", "Ben"), ROW.replace("Platform Eng", "Ana")))
        await taken_in(run)
        await run.press("ctrl+z")
        await written(run)
        assert ROW.replace("Platform Eng", "Ana") in run.saved
        assert run.notes[-1].startswith("Not undone: Edit owner of")


async def test_a_key_already_on_its_way_lands_before_the_others_edit_is_taken_in(tmp_path: Path) -> None:
    """A key the gate let in a moment ago is still in the app's queue when the others' write is read."""
    from textual import events

    from retrotui import workflow

    async with live_editor(tmp_path) as run:
        await run.press("2", "a", *"Fas")
        ana_writes(run.path, "Ana's note")
        session = run.editor.session
        look = workflow.look_at_disk(session.path, session.stamp, True)
        in_flight = events.Key("t", "t")
        run.app.gate._released.add(id(in_flight))  # let in by the gate, not yet handled
        run.app.post_message(in_flight)
        await keeper(run)._looked(session.editor.state, look)
        await run.settle()
        assert field(run).value == "Fast"
        await run.press("enter")
        await written(run)
        assert "- Ana's note\n- Fast\n" in run.saved


async def test_a_click_on_a_widget_taken_off_the_screen_meanwhile_does_not_end_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last frame's map still shows a widget the rebuild removed; Textual's selection asked for its parent."""
    from textual import events
    from textual.geometry import Offset
    from textual.screen import Screen
    from textual.widgets import Static

    async with live_editor(tmp_path) as run:
        removed = Static("gone")
        found = Screen.get_widget_and_offset_at

        def stale_map(self: Screen, x: int, y: int) -> tuple[object, object]:
            widget, offset = found(self, x, y)
            return (removed, Offset(1, 1)) if widget is not None else (widget, offset)

        monkeypatch.setattr(Screen, "get_widget_and_offset_at", stale_map)
        # As the terminal sends a click: to the app, which forwards it through the screen.
        for event in (events.MouseDown, events.MouseUp):
            run.app.post_message(event(None, 60, 10, 0, 0, 1, False, False, False, screen_x=60, screen_y=10))
        await run.settle()
        assert run.app.is_running and run.app.return_code is None
        await run.press("2", "a", *"still here", "enter")
        await written(run)
        assert "- still here\n" in run.saved


async def test_each_participant_keeps_a_crash_journal_of_their_own(tmp_path: Path) -> None:
    from retrotui.journal import journal_path, write_journal
    from retrotui.tui.dialogs.choice import ChoiceDialog

    path = copy_sample(tmp_path, SAMPLE)
    text = read_exact(path)
    write_journal(path, text, text.replace(WENT_WELL_END, f"{WENT_WELL_END}- Ana was typing\n"), who="Ana")
    assert journal_path(path, who="Ana") != journal_path(path, who="Ben") != journal_path(path)
    async with running(path, live=LiveOptions("Ben"), journal=True) as ben:
        assert not isinstance(ben.app.screen, ChoiceDialog)  # Ana's edits are not offered to Ben
        await ben.press("2", "a", *"Ben's", "enter", "ctrl+q")
    assert journal_path(path, who="Ana").exists()  # and Ben's quitting did not clear hers
    async with running(path, live=LiveOptions("Ana"), journal=True) as ana:
        assert isinstance(ana.app.screen, ChoiceDialog)
        await ana.press("r")
        await written(ana)
        assert "- Ana was typing\n" in ana.saved and "- Ben's\n" in ana.saved


async def test_a_follower_keeps_no_journal_and_is_offered_none(tmp_path: Path) -> None:
    from retrotui.journal import journal_path, write_journal
    from retrotui.tui.dialogs.choice import ChoiceDialog

    path = copy_sample(tmp_path, SAMPLE)
    text = read_exact(path)
    write_journal(path, text, text + "- stray\n", who="Cy")
    async with running(path, live=LiveOptions("Cy", view_only=True), journal=True) as follower:
        assert not isinstance(follower.app.screen, ChoiceDialog)
        assert not follower.editor.files.journal_on
    assert journal_path(path, who="Cy").exists()


async def test_joining_under_a_name_already_in_the_session_is_said(tmp_path: Path) -> None:
    path = copy_sample(tmp_path, SAMPLE)
    other = Room(path, "Ben")
    other.join()
    async with running(path, live=LiveOptions("Ben")) as run:
        [note] = [n for n in run.notes if "Someone named 'Ben' is already in this session" in n]
        assert "--name NAME" in note
    async with running(path, live=LiveOptions("Ana")) as run:
        assert not [n for n in run.notes if "already in this session" in n]


async def test_a_second_person_joining_under_a_name_of_markup_is_told_in_plain_text(tmp_path: Path) -> None:
    """The web pass saw ``[/x]`` as a name end the second editor through ``retrotui serve`` (MarkupError from a
    notice parsed as markup); notices are never markup since the git pass (``RetroApp.notify``)."""
    path = copy_sample(tmp_path, SAMPLE)
    Room(path, "[/x]").join()
    async with running(path, live=LiveOptions("[/x]")) as run:
        assert any("Someone named '[/x]' is already in this session" in note for note in run.notes)
        await run.pilot.pause(0.1)  # the toast is drawn (a MarkupError there would end the test with it)
        await run.press("2")
        assert run.app.return_code is None and run.app.is_running
