"""One rule for how a status is written and toggled, used by the model, the serializer and the editor."""

from __future__ import annotations

import pytest

from retrotui import ActionItem, dumps, loads
from retrotui.editing import Editor
from retrotui.values import DONE, OPEN, StatusWords, status_text, status_words, toggled
from tests.conftest import changed_lines

WORDS = (
    "## S (2025-02-01)\n\n### Action Items\n\n| Item | Owner | Status |\n|---|---|---|\n"
    "| a | Ana | In Progress |\n| b | Bo | Done |\n| c | Cy | Pending |\n"
)
GLYPHS = "## S (2025-02-01)\n\n### Action Items\n\n| Item | Status |\n|---|---|\n| a | ☐ |\n| b | ✅ |\n"


def test_toggled_and_status_text() -> None:
    words = StatusWords("TODO", "Completed")
    assert [toggled(s) for s in (OPEN, DONE, "In Progress", "")] == [DONE, OPEN, DONE, DONE]
    assert [status_text(s, words) for s in (OPEN, DONE, "Blocked")] == ["TODO", "Completed", "Blocked"]


def test_status_words_of_a_column() -> None:
    glyphs = StatusWords("☐", "☑")
    assert status_words(["☐", "✅", ""], glyphs) is glyphs
    assert status_words(["In Progress", "Done", "Pending", "Done"], glyphs) == StatusWords("Pending", "Done")
    assert status_words(["in progress"], glyphs) == StatusWords("open", "done")
    assert status_words(["x", "", ""], glyphs, yes_no=True) == StatusWords("", "x")


def test_the_editor_toggles_into_the_columns_words_and_undo_restores() -> None:
    doc = loads(WORDS)
    editor = Editor(doc)
    retro = doc.retros[0]
    first = retro.action_items[0]
    editor.toggle_status(retro, first)
    assert changed_lines(WORDS, dumps(doc)) == (["| a | Ana | In Progress |"], ["| a | Ana | Done |"])
    editor.toggle_status(retro, first)
    assert changed_lines(WORDS, dumps(doc))[1] == ["| a | Ana | Pending |"]
    editor.undo()
    editor.undo()
    assert dumps(doc) == WORDS


def test_what_the_grid_and_tracker_show_comes_from_the_document() -> None:
    words = loads(WORDS)
    retro = words.retros[0]
    assert words.status_words(retro) == StatusWords("Pending", "Done")
    assert [a.status for a in retro.action_items] == ["In Progress", "done", "open"]
    assert [words.status_text(retro, a) for a in retro.action_items] == ["In Progress", "Done", "Pending"]
    retro.action_items[0].status = "open"
    assert words.status_text(retro, retro.action_items[0]) == "Pending"
    glyphs = loads(GLYPHS)
    assert glyphs.status_words(glyphs.retros[0]) == StatusWords("☐", "✅")
    new = ActionItem(item="n", status="done")
    assert glyphs.status_text(glyphs.retros[0], new) == "✅"


def test_a_new_row_in_a_column_of_words_is_written_in_words() -> None:
    doc = loads(WORDS)
    doc.retros[0].action_items.append(ActionItem(item="d", owner="Di"))
    doc.retros[0].action_items.append(ActionItem(item="e", owner="Ed", status="done"))
    assert dumps(doc).endswith("| d | Di | Pending |\n| e | Ed | Done |\n")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("- ☐ b\n", "- ☑ b\n"),
        ("- ☑ b\n", "- ☐ b\n"),
        ("- ☒ b\n", "- ☐ b\n"),
        ("* ☐ b @ana\n", "* ☑ b @ana\n"),
    ],
)
def test_a_list_item_with_a_ballot_box_toggles_its_box(before: str, after: str) -> None:
    """``☐``/``☑`` in a list are a box, as ``[ ]``/``[x]`` are: a toggle changes the glyph and nothing else (it
    wrote ``[x] b`` for done and dropped the glyph for open, and toggling back did not give the line again)."""
    text = "# Retro 2024-01-01\n## Action Items\n- ☐ a\n" + before
    doc = loads(text)
    item = doc.retros[0].action_items[1]
    item.status = item.toggled()
    written = dumps(doc)
    assert written == text.replace(before, after)
    again = loads(written)
    assert again.retros[0].action_items[1].is_done != loads(text).retros[0].action_items[1].is_done
    back = again.retros[0].action_items[1]
    back.status = back.toggled()
    assert dumps(again) == text if before[2] != "☒" else dumps(again) == text.replace("☒", "☑")


def test_a_status_set_with_a_line_break_stays_on_its_item_line() -> None:
    """Item, owner and due took a line break as a space; a status word was written as set, half of it on a line
    of its own."""
    text = "# Retro 2024-01-01\n## Action Items\n- [ ] a\n- [ ] b\n"
    doc = loads(text)
    doc.retros[0].action_items[0].status = "waiting on\nlegal"
    written = dumps(doc)
    assert written == text.replace("- [ ] a\n", "- [ ] a (status: waiting on legal)\n")
    assert [a.values()[:4] for a in loads(written).retros[0].action_items] == [
        ("a", "", "", "waiting on legal"),
        ("b", "", "", "open"),
    ]
