"""The Editor: every change undoable and redoable; the file changes only where edited."""

from __future__ import annotations

import datetime as dt

import pytest

from retrotui import ActionItem, SectionKind, dumps, loads
from retrotui.editing import Editor
from retrotui.markdown import bullets
from retrotui.values import parse_due_input
from tests.conftest import CORPUS, SAMPLES, changed_lines, read_exact

SEED = read_exact(SAMPLES / "volcano-retrospective.md")


def editor() -> Editor:
    return Editor(loads(SEED))


def test_grid_edits_undo_and_redo_back_to_the_same_bytes() -> None:
    ed = editor()
    retro = ed.doc.retros[0]
    first, second = retro.action_items
    ed.toggle_status(retro, first)
    ed.set_action_field(retro, second, "owner", "Ana")
    ed.add_action(retro, 2, ActionItem(item="New"))
    ed.move_action(retro, first, 1)
    ed.delete_action(retro, second)
    edited = dumps(ed.doc)
    assert ed.modified
    while ed.undo():
        pass
    assert dumps(ed.doc) == SEED and not ed.modified
    while ed.redo():
        pass
    assert dumps(ed.doc) == edited and ed.modified


def test_saved_state_tracks_undo_past_the_save() -> None:
    ed = editor()
    retro = ed.doc.retros[0]
    ed.toggle_status(retro, retro.action_items[0])
    ed.mark_saved()
    assert not ed.modified
    ed.undo()
    assert ed.modified
    ed.redo()
    assert not ed.modified


def test_a_new_edit_clears_redo() -> None:
    ed = editor()
    retro = ed.doc.retros[0]
    ed.toggle_status(retro, retro.action_items[0])
    ed.undo()
    ed.set_action_field(retro, retro.action_items[0], "item", "x")
    assert not ed.can_redo()


def test_setting_the_same_value_is_not_a_change() -> None:
    ed = editor()
    retro = ed.doc.retros[0]
    assert ed.set_action_field(retro, retro.action_items[0], "owner", "Platform Eng") is None
    assert not ed.can_undo()


def test_bullet_edits_change_only_their_lines_and_undo() -> None:
    ed = editor()
    retro = ed.doc.retros[0]
    section = retro.section(SectionKind.WENT_WELL)
    assert section is not None
    assert ed.bullets(section)[0].startswith("Rapidly mapped")
    ed.edit_bullet(retro, section, 1, "Docs landed early")
    ed.insert_bullet(retro, section, 2, "Pairing worked")
    ed.move_bullet(retro, section, 2, -1)
    removed, added = changed_lines(SEED, dumps(ed.doc))
    assert added == ["- Pairing worked", "- Docs landed early"]
    assert len(removed) == 1
    ed.delete_bullet(retro, section, 0)
    assert ed.bullets(section) == ["Pairing worked", "Docs landed early"]
    while ed.undo():
        pass
    assert dumps(ed.doc) == SEED


def test_section_text_edit_and_empty_sections() -> None:
    ed = editor()
    retro = ed.doc.retros[0]
    section = retro.section(SectionKind.METRICS)
    assert section is not None
    ed.set_section_text(retro, section, "")
    assert ed.bullets(section) == []
    ed.insert_bullet(retro, section, 0, "Dashboard link")
    out = dumps(ed.doc)
    assert "### 5. Metrics & Evidence\n- Dashboard link\n### 6. Follow-Up" in out


def test_bullets_keep_the_marker_and_nested_lines() -> None:
    text = read_exact(CORPUS / "08-extra-sections-and-code.md")
    ed = Editor(loads(text))
    retro = ed.doc.retros[0]
    went_well = retro.section(SectionKind.WENT_WELL)
    summary = retro.section(SectionKind.SUMMARY)
    assert went_well is not None and summary is not None
    assert ed.bullets(summary) == ["Shipped the new indexer."]
    ed.insert_bullet(retro, went_well, 2, "Third")
    ed.edit_bullet(retro, summary, 0, "Shipped the indexer v2.")
    _removed, added = changed_lines(text, dumps(ed.doc))
    assert added == ["- Shipped the indexer v2.", "+ Third"]


def test_add_retro_is_undoable() -> None:
    ed = editor()
    retro = ed.add_retro("Sprint 1", dt.date(2025, 10, 31), keep=lambda a: a.item.startswith("Export"))
    assert [a.item for a in retro.action_items] == [
        "Export baseline Prometheus + Temporal metrics per plan (from Sprint 0)"
    ]
    assert ed.doc.retros[-1] is retro
    ed.undo()
    assert dumps(ed.doc) == SEED
    ed.redo()
    assert ed.doc.retros[-1] is retro


def test_listeners_hear_every_change() -> None:
    ed = editor()
    heard: list[object] = []
    ed.listeners.append(heard.append)
    retro = ed.doc.retros[0]
    change = ed.toggle_status(retro, retro.action_items[0])
    ed.undo()
    assert heard == [change, change]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2025-12-01", dt.date(2025, 12, 1)),
        ("today", dt.date(2025, 11, 27)),
        ("+3d", dt.date(2025, 11, 30)),
        ("+1w", dt.date(2025, 12, 4)),
        ("TBD", "TBD"),
        ("", ""),
    ],
)
def test_due_input(typed: str, expected: object) -> None:
    assert parse_due_input(typed, dt.date(2025, 11, 27)) == expected


@pytest.mark.parametrize("typed", ["2025-13-01", "next week", "12/01/2025"])
def test_bad_due_input_says_what_to_type(typed: str) -> None:
    with pytest.raises(ValueError, match=r"YYYY-MM-DD|not a real date"):
        parse_due_input(typed, dt.date(2025, 11, 27))


def test_bullet_helpers_on_a_body_without_final_newline() -> None:
    assert bullets.delete_bullet("- a\n- b", 1) == "- a"
    assert bullets.move_bullet("- a\n- b", 0, 1) == "- b\n- a"
    assert bullets.insert_bullet("- a", 1, "b") == "- a\n- b\n"
    assert bullets.bullets("-not a bullet\n- real\n") == ["real"]


def test_a_row_is_never_moved_into_another_list_of_its_retro() -> None:
    """On a retro of several action lists, moving a row past the end of its list put it in the next one
    with its old indent and marker (corpus 17: a nested numbered row among top-level ones), and on the
    next read three of the six rows were gone.  A row moves within its own list only."""
    (path,) = [p for p in CORPUS.glob("17-*.md")]
    text = read_exact(path)
    doc = loads(text)
    editor = Editor(doc)
    retro = doc.retros[0]
    items = retro.action_items
    first_of_its_list = items[4]
    assert editor.move_refusal(retro, first_of_its_list, -1) is not None
    assert editor.move_action(retro, first_of_its_list, -1) is None
    assert dumps(doc) == text
    assert editor.move_refusal(retro, items[5], -1) is None
    assert editor.move_action(retro, items[5], -1) is not None
    assert len(loads(dumps(doc)).retros[0].action_items) == 6
