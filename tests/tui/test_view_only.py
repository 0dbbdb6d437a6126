"""``--live --view-only``: the editor shows the file and refuses every edit, save and commit with one notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrotui.editing import Editor
from retrotui.live.options import LiveOptions
from retrotui.model import ActionItem
from retrotui.store import load_document
from retrotui.tui.view_only import EDITING_ACTIONS, EDITING_COMMANDS, NOTICE, edits
from retrotui.tui.widgets.section_editor import BulletInput
from tests.conftest import read_exact
from tests.tui.helpers import copy_sample, running

VIEW = LiveOptions("Vic", view_only=True)


@pytest.fixture(autouse=True)
def _state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))


def dump(run: object) -> str:
    from retrotui.markdown.serializer import dumps

    return dumps(run.editor.editor.doc)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "keys",
    [
        ("a", *"typed", "enter"),  # add an item in the section on screen (from the retro list)
        ("tab", "tab", "a", *"typed", "enter"),  # add from inside the section
        ("tab", "tab", "e"),  # edit the highlighted item
        ("tab", "tab", "enter"),  # enter on an item opens its editor
        ("tab", "tab", "d"),  # delete it
        ("tab", "tab", "shift+down"),  # move it
        ("tab", "tab", "m"),  # the section as text
        ("4", "space"),  # toggle an action item
        ("4", "a"),  # add a row
        ("4", "d"),  # delete a row
        ("4", "e"),  # edit a cell
        ("4", "shift+down"),  # move a row
        ("ctrl+s",),
        ("ctrl+g",),
        ("ctrl+n",),
        ("ctrl+z",),
        ("t", "space"),  # toggle in the tracker
    ],
    ids=lambda keys: " ".join(keys),
)
async def test_keys_that_would_edit_leave_the_model_and_the_file_unchanged(
    tmp_path: Path, keys: tuple[str, ...]
) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path, live=VIEW) as run:
        shown = dump(run)
        await run.press(*keys)
        assert dump(run) == shown
        assert not run.editor.editor.modified
        assert not run.app.query(BulletInput)  # no item editor opened
        assert NOTICE in run.notes
        assert all(note == NOTICE for note in run.notes if note.startswith("View only"))
    assert read_exact(path) == before


async def test_the_view_still_moves_between_retros_tabs_and_the_tracker(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path, live=VIEW) as run:
        first = run.editor.current
        await run.press("down")
        assert run.editor.current is not first
        await run.press("4", "down", "t")
        assert run.editor.tracker_shown
        await run.press("escape")
        assert not run.editor.tracker_shown
        assert NOTICE not in run.notes
        assert "view only" in run.editor.sub_title


async def test_without_view_only_the_same_keys_edit(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        shown = dump(run)
        await run.press("4", "space")
        assert dump(run) != shown
        assert NOTICE not in run.notes


def test_a_read_only_editor_refuses_every_change_and_says_so(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    doc = load_document(path)
    editor = Editor(doc)
    heard: list[object] = []
    editor.read_only = True
    editor.refusals.append(heard.append)
    retro = doc.retros[-1]
    rows = list(retro.action_items)
    assert editor.add_action(retro, 0, ActionItem(item="x")) is None
    assert editor.toggle_status(retro, rows[0]) is None
    assert editor.delete_action(retro, rows[0]) is None
    assert editor.undo() is None and editor.redo() is None
    section = retro.sections[0]
    assert editor.insert_bullet(retro, section, 0, "typed") is None
    count = len(doc.retros)
    editor.add_retro("Sprint 99", None)
    assert len(doc.retros) == count
    assert retro.action_items == rows and not editor.modified
    assert len(heard) == 7


def test_every_editing_command_is_known_and_refused() -> None:
    assert {"save", "save_and_commit", "add_item", "toggle_status", "add_here"} <= EDITING_ACTIONS
    assert edits("editor('save')", None) and edits("editor('undo')", None)
    assert not edits("editor('help')", None) and not edits("editor('quit')", None)
    assert not edits("show_tab(2)", None) and not edits("open_retro", None)
    from retrotui.keymap import BY_ID

    assert set(BY_ID) >= EDITING_COMMANDS


async def test_a_follower_sees_the_others_edits_and_writes_nothing(tmp_path: Path) -> None:
    from tests.tui.test_live import SAMPLE, ana_writes, taken_in

    path = copy_sample(tmp_path, SAMPLE)
    async with running(path, live=VIEW) as run:
        ana_writes(path, "Ana's note")
        written = read_exact(path)
        await taken_in(run)
        assert "- Ana's note\n" in dump(run)
        await run.press("2", "a", *"Zq9", "enter", "ctrl+s")
        assert "Zq9" not in dump(run)
        assert run.notes.count(NOTICE) == 3  # a, enter on an item, ctrl+s
        live = run.editor.files.live
        assert live is not None
        live.tick()  # what a participant does every tenth of a second: a follower has nothing to write
        await run.settle()
        assert read_exact(path) == written
        assert "view only" in run.editor.sub_title
    assert read_exact(path) == written


async def test_the_footer_offers_a_follower_no_key_that_would_edit(tmp_path: Path) -> None:
    from retrotui.tui.widgets.key_footer import KeyFooter

    path = copy_sample(tmp_path, "volcano-retrospective.md")
    async with running(path, live=LiveOptions("Cy", view_only=True)) as run:
        await run.press("2")
        descriptions = {key.description for key in run.app.screen.query_one(KeyFooter).drawn[0]}  # type: ignore[index]
        assert descriptions.isdisjoint({"Add", "Edit", "Delete", "Save", "Commit", "Edit as text"})
        assert "Quit" in descriptions
