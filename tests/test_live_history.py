"""Undo and redo of a live session: the step's inverse merged into the document as it is now."""

from __future__ import annotations

from retrotui.live.history import LiveHistory
from tests.conftest import SAMPLES

BASE = (SAMPLES / "volcano-retrospective.md").read_bytes().decode("utf-8")
END = "inside existing manual structure.\n"
ROW = "| Export baseline Prometheus + Temporal metrics per plan | Platform Eng |"


def with_note(text: str, note: str) -> str:
    return text.replace(END, f"{END}- {note}\n", 1)


def test_undo_and_redo_with_nothing_in_between_give_the_texts_back() -> None:
    history = LiveHistory(BASE)
    history.changed("Add item", with_note(BASE, "mine"))
    undone = history.undo()
    assert undone is not None and undone.text == BASE and undone.label == "Add item"
    redone = history.redo()
    assert redone is not None and redone.text == with_note(BASE, "mine")


def test_undo_keeps_the_others_edits_made_since() -> None:
    history = LiveHistory(BASE)
    mine = with_note(BASE, "mine")
    history.changed("Add item", mine)
    theirs = mine.replace(ROW, ROW.replace("Platform Eng", "Ana"))
    history.took_in(theirs)
    undone = history.undo()
    assert undone is not None and undone.text == BASE.replace(ROW, ROW.replace("Platform Eng", "Ana"))
    assert not history.can_undo() and history.can_redo()


def test_a_step_someone_changed_since_is_not_undone() -> None:
    history = LiveHistory(BASE)
    mine = BASE.replace(ROW, ROW.replace("Platform Eng", "Ben"))
    history.changed("Edit cell", mine)
    history.took_in(BASE.replace(ROW, ROW.replace("Platform Eng", "Ana")))
    undone = history.undo()
    assert undone is not None and undone.text is None
    assert history.current == BASE.replace(ROW, ROW.replace("Platform Eng", "Ana"))


def test_a_new_change_clears_what_could_be_redone() -> None:
    history = LiveHistory(BASE)
    history.changed("Add item", with_note(BASE, "one"))
    history.undo()
    history.changed("Add item", with_note(BASE, "two"))
    assert not history.can_redo()
    history.changed("nothing", history.current)  # no change, no step
    assert len(history.done) == 1


def test_an_item_deleted_here_while_the_others_added_one_next_to_it_merges_clean() -> None:
    from retrotui.merge import merge

    base = with_note(BASE, "old")
    deleted_here = BASE
    added_there = base.replace("- old\n", "- new\n- old\n")
    result = merge(base, deleted_here, added_there)
    assert result.clean and result.text() == with_note(BASE, "new")
    result = merge(base, added_there, deleted_here)  # the other way round
    assert result.clean and result.text() == with_note(BASE, "new")


def test_an_item_deleted_here_and_changed_there_is_still_a_conflict() -> None:
    from retrotui.merge import merge

    base = with_note(BASE, "old")
    result = merge(base, BASE, base.replace("- old\n", "- new\n- old (changed)\n"))
    assert not result.clean
