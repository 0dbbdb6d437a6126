"""Deleting an item takes the lines written under it, and says how many: never more than it says."""

from __future__ import annotations

from retrotui import dumps, loads
from retrotui.editing import Editor, nested_note
from retrotui.markdown import bullets

NESTED = (
    "## Sprint 1 (2025-01-01)\n\n"
    "### What went well\n- parent item\n  continued here\n  - child one\n  - child two\n- sibling\n\n"
    "### Action Items\n- [ ] parent item\n  continued here\n  - child one\n  - child two\n\n- [ ] sibling\n"
)


def test_deleting_a_bullet_with_nested_lines_says_how_many_went_with_it() -> None:
    editor = Editor(loads(NESTED))
    retro = editor.doc.retros[0]
    went_well = retro.sections[0]
    assert editor.bullets(went_well) == ["parent item", "sibling"]
    assert bullets.nested_lines(editor.section_text(went_well), 0) == 3
    change = editor.delete_bullet(retro, went_well, 0)
    assert change is not None
    assert change.label == "Delete 'parent item' with 3 nested lines in 'What went well'"
    assert dumps(editor.doc).startswith("## Sprint 1 (2025-01-01)\n\n### What went well\n- sibling\n\n")
    change = editor.delete_bullet(retro, went_well, 0)
    assert change is not None and change.label == "Delete 'sibling' in 'What went well'"


def test_deleting_an_action_row_with_nested_lines_says_how_many_went_with_it() -> None:
    editor = Editor(loads(NESTED))
    retro = editor.doc.retros[0]
    parent, sibling = retro.action_items
    assert nested_note(parent) == " with 3 nested lines"  # the blank line before "sibling" is not counted
    assert editor.delete_action(retro, parent).label == "Delete 'parent item' with 3 nested lines"
    assert dumps(editor.doc).endswith("### Action Items\n- [ ] sibling\n")
    assert editor.delete_action(retro, sibling).label == "Delete 'sibling'"
    editor.undo()
    editor.undo()
    assert dumps(editor.doc) == NESTED


def test_one_nested_line_is_said_in_the_singular() -> None:
    doc = loads("## Sprint 1 (2025-01-01)\n### Action Items\n- [ ] a\n  more about a\n- [ ] b\n")
    assert nested_note(doc.retros[0].action_items[0]) == " with 1 nested line"
    assert nested_note(doc.retros[0].action_items[1]) == ""


def test_a_comment_indented_under_an_item_counts_as_its_lines() -> None:
    body = "- a\n  <!-- about a\n- not an item -->\n- b\n"
    assert bullets.nested_lines(body, 0) == 2
    assert bullets.nested_lines(body, 1) == 0
