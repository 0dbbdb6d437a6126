"""A table without outer pipes keeps each row a row whatever its cells say.

``a | Ana | Open`` is a row only while its first cell starts like text and
its edge cells are not empty: ``# heading | Ana | Open`` is a heading,
``<!-- x | Ana`` opens a comment that hides the rest of the file, and
`` | Ana | Open`` is a row of two cells (a leading pipe is an outer pipe).
A row written with such a cell gets its outer pipes (as GFM allows row by
row); every other row, and every row of other tables, is written as before.
"""

from __future__ import annotations

import pytest

from retrotui import dumps, loads

TABLE = (
    "# R\n\n## Sprint 1 (2024-01-01)\n### Action Items\nItem | Owner | Status\n--- | --- | ---\na | Ana | Open\n"
    "b | | Open\n\n## Sprint 2 (2024-02-01)\n### Action Items\n- [ ] c\n"
)


@pytest.mark.parametrize(
    ("field", "value", "row"),
    [
        ("item", "# heading", "| # heading | Ana | Open |\n"),
        ("item", "## Sprint 9 (2024-09-09)", "| ## Sprint 9 (2024-09-09) | Ana | Open |\n"),
        ("item", "<!-- not yet", "| <!-- not yet | Ana | Open |\n"),
        ("item", "```", "| ``` | Ana | Open |\n"),
        ("item", "~~~", "| ~~~ | Ana | Open |\n"),
        ("item", "> quoted", "| > quoted | Ana | Open |\n"),
        ("item", "", "|  | Ana | Open |\n"),
        ("status", "", "| a | Ana |  |\n"),
        ("owner", "", "a |  | Open\n"),
        ("item", "plain words", "plain words | Ana | Open\n"),
    ],
)
def test_an_edited_cell_never_turns_its_row_into_something_else(field: str, value: str, row: str) -> None:
    doc = loads(TABLE)
    setattr(doc.retros[0].action_items[0], field, value)
    text = dumps(doc)
    assert text == TABLE.replace("a | Ana | Open\n", row)
    again = loads(text)
    assert [r.title for r in again.retros] == ["Sprint 1", "Sprint 2"]
    assert [a.values()[:2] for a in again.retros[0].action_items] == [
        ((value, "Ana") if field == "item" else ("a", value if field == "owner" else "Ana")),
        ("b", ""),
    ]
    assert getattr(again.retros[0].action_items[0], field) == value or field == "status"
    assert again.warnings == []


@pytest.mark.parametrize("value", ["#tag", "-3 days", "1.5 kg", "+1", "*important*", "2024-01-01"])
def test_a_first_cell_that_only_looks_like_a_block_keeps_the_rows_style(value: str) -> None:
    """Only what would start another block gets the outer pipes: ``#tag``, ``-3``, ``1.5`` are text."""
    doc = loads(TABLE)
    doc.retros[0].action_items[0].item = value
    assert dumps(doc) == TABLE.replace("a | Ana | Open\n", f"{value} | Ana | Open\n")
    assert loads(dumps(doc)).retros[0].action_items[0].item == value


@pytest.mark.parametrize("marker", ["- [ ]", "-", "*", "1."])
def test_an_action_item_typed_with_a_pipe_above_a_rule_of_pipes_stays_an_item(marker: str) -> None:
    """``- [ ] a | b`` over a ``--|--`` line was read as the header of an empty table: the item was gone from
    the retro on the next read (GFM reads the line under a list item as the item's text, not a table)."""
    text = f"# R\n\n## Sprint 1 (2024-01-01)\n\n### Action Items\n\n{marker} a\n--|--\n"
    doc = loads(text)
    doc.retros[0].action_items[0].item = "a | b"
    written = dumps(doc)
    assert written == text.replace(" a\n", " a | b\n")
    again = loads(written)
    assert [a.item for a in again.retros[0].action_items] == ["a | b"]
    assert dumps(again) == written
