"""The API says no instead of doing nothing: a value with no column gets one; a lone surrogate is named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import retrotui
from retrotui import workflow
from retrotui.session import Session
from tests.conftest import SAMPLES, changed_lines

HEAD = "# Retro\n\n## Sprint 2 – Rollout (2025-10-01)\n\n### 4. Action Items\n\n"


def edited(text: str, change) -> str:  # type: ignore[no-untyped-def]
    doc = retrotui.loads(text)
    change(doc.retros[0].action_items)
    return retrotui.dumps(doc)


def test_an_owner_on_a_table_without_an_owner_column_adds_the_column() -> None:
    before = (
        HEAD
        + "| Item | Due Date | Status |\n|------|----------|--------|\n| A | 2025-10-10 | ☐ |\n| B | 2025-10-11 | ☑ |\n"
    )
    after = edited(before, lambda items: setattr(items[1], "owner", "Ana"))
    assert after == HEAD + (
        "| Item | Due Date | Status | Owner |\n"
        "|------|----------|--------|--------|\n"
        "| A | 2025-10-10 | ☐ | |\n"
        "| B | 2025-10-11 | ☑ | Ana |\n"
    )
    doc = retrotui.loads(after)
    assert doc.warnings == [] and [i.owner for i in doc.retros[0].action_items] == ["", "Ana"]
    assert retrotui.dumps(doc) == after  # and it stays so


def test_an_aligned_table_stays_aligned() -> None:
    before = HEAD + "| Item   | Status |\n| ------ | ------ |\n| A      | ☐      |\n| Bbbbbb | ☑      |\n"

    def change(items):  # type: ignore[no-untyped-def]
        items[1].owner = "Ana Long Name"
        items[0].due = dt.date(2025, 11, 1)

    assert edited(before, change) == HEAD + (
        "| Item   | Status | Owner         | Due Date   |\n"
        "| ------ | ------ | ------------- | ---------- |\n"
        "| A      | ☐      |               | 2025-11-01 |\n"
        "| Bbbbbb | ☑      | Ana Long Name |            |\n"
    )


@pytest.mark.parametrize(
    ("table", "wanted"),
    [
        ("Item|Status\n-|-\nA|☐\nB|☑\n", "Item|Status|Owner\n-|-|-\nA|☐|Ana\nB|☑||\n"),
        (
            "Item | Status\n--- | ---\nA | ☐\nB | ☑\n",
            "Item | Status | Owner\n--- | --- | ---\nA | ☐ | Ana\nB | ☑ | |\n",
        ),
        (
            "  | Item | Status |\n  |:--|:-:|\n  | A | ☐ |\n",
            "  | Item | Status | Owner |\n  |:--|:-:|-|\n  | A | ☐ | Ana |\n",
        ),
    ],
    ids=["tight-no-outer-pipes", "padded-no-outer-pipes", "indented-aligned-colons"],
)
def test_the_new_column_follows_the_tables_style(table: str, wanted: str) -> None:
    after = edited(HEAD + table, lambda items: setattr(items[0], "owner", "Ana"))
    assert after == HEAD + wanted
    doc = retrotui.loads(after)
    assert doc.warnings == [] and doc.retros[0].action_items[0].owner == "Ana"


def test_done_on_a_table_without_status_adds_a_status_column_and_open_does_not() -> None:
    before = HEAD + "| Item | Owner |\n|---|---|\n| A | x |\n| B | y |\n"
    assert edited(before, lambda items: setattr(items[0], "status", "open")) == before
    assert (
        edited(before, lambda items: items.append(retrotui.ActionItem(item="C", owner="z"))) == before + "| C | z |\n"
    )
    after = edited(before, lambda items: setattr(items[1], "status", "done"))
    assert after == HEAD + "| Item | Owner | Status |\n|---|---|---|\n| A | x | |\n| B | y | ☑ |\n"
    assert [i.is_done for i in retrotui.loads(after).retros[0].action_items] == [False, True]


def test_a_new_row_with_a_due_date_adds_the_column_and_other_rows_keep_their_text() -> None:
    before = HEAD + "| Item | Owner | Notes |\n|---|---|---|\n| A | x | keep  me |\n| B | y | a \\| b | surplus |\n"
    after = edited(before, lambda items: items.append(retrotui.ActionItem(item="New", owner="Z", due="2025-12-01")))
    assert after == HEAD + (
        "| Item | Owner | Notes | Due Date |\n"
        "|---|---|---|---|\n"
        "| A | x | keep  me | |\n"
        "| B | y | a \\| b | | surplus |\n"
        "| New | Z |  | 2025-12-01 |\n"
    )
    rows = retrotui.loads(after).retros[0].action_items
    assert [(r.item, r.due, r.extra) for r in rows] == [
        ("A", "", ["keep  me"]),
        ("B", "", ["a | b", "surplus"]),  # the surplus cell stays after the table's columns
        ("New", dt.date(2025, 12, 1), [""]),
    ]


def test_the_diff_is_the_header_the_delimiter_and_one_cell_per_row() -> None:
    rows = "".join(f"| Task {n} | 2025-10-{n:02d} | ☐ |\n" for n in range(1, 8))
    text = HEAD + "| Item | Due Date | Status |\n|------|----------|--------|\n" + rows + "\n### 5. Metrics\n\n- none\n"
    doc = retrotui.loads(text)
    doc.retros[0].action_items[3].owner = "Ana"
    after = retrotui.dumps(doc)
    removed, added = changed_lines(text, after)
    assert len(removed) == len(added) == 2 + 7
    assert [new.removeprefix(old.removesuffix("|")) for old, new in zip(removed, added, strict=True)] == [
        "| Owner |",
        "|--------|",
        *["| |"] * 3,
        "| Ana |",
        *["| |"] * 3,
    ]


def test_a_task_list_takes_owner_and_due_in_its_own_forms() -> None:
    before = HEAD + "- [ ] Write the runbook\n- [x] Ship it\n"

    def change(items):  # type: ignore[no-untyped-def]
        items[0].owner = "Ana Maria"
        items[0].due = dt.date(2025, 11, 7)
        items[1].owner = "@bo"

    after = edited(before, change)
    assert after == HEAD + "- [ ] Write the runbook (owner: Ana Maria) (due 2025-11-07)\n- [x] Ship it @bo\n"
    assert [(i.owner, i.due) for i in retrotui.loads(after).retros[0].action_items] == [
        ("Ana Maria", dt.date(2025, 11, 7)),
        ("@bo", ""),
    ]


def test_an_unedited_table_without_the_columns_saves_byte_for_byte() -> None:
    text = HEAD + "| Item |\n|---|\n| A |\n"
    doc = retrotui.loads(text)
    assert doc.retros[0].action_items[0].item == "A"
    assert retrotui.dumps(doc) == text


# -- lone surrogates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda doc: setattr(doc.retros[-1].action_items[1], "owner", "Ana\udcff"),
            "action item 2 of 'Sprint 0 – Discovery & Alignment': owner holds a lone surrogate (\\udcff)",
        ),
        (
            lambda doc: setattr(doc.retros[-1].action_items[0], "item", "\ud800 half an emoji"),
            "action item 1 of 'Sprint 0 – Discovery & Alignment': item holds a lone surrogate (\\ud800)",
        ),
        (
            lambda doc: setattr(doc.retros[-1], "title", "Sprint \udcff"),
            "retro 'Sprint \\udcff': title holds a lone surrogate (\\udcff)",
        ),
        (lambda doc: setattr(doc, "purpose", "x\udc80"), "header field 'Purpose' holds a lone surrogate (\\udc80)"),
    ],
)
def test_a_lone_surrogate_is_named_before_anything_is_written(change, message: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "RETRO.md"
    original = (SAMPLES / "volcano-retrospective.md").read_bytes()
    path.write_bytes(original)
    doc = retrotui.load(path)
    change(doc)
    with pytest.raises(ValueError) as caught:
        retrotui.dump(doc, path)
    assert str(caught.value) == message and not isinstance(caught.value, UnicodeError)
    assert path.read_bytes() == original and sorted(p.name for p in tmp_path.iterdir()) == ["RETRO.md"]


def test_the_editor_gets_a_one_line_store_error(tmp_path: Path) -> None:
    path = tmp_path / "RETRO.md"
    original = (SAMPLES / "volcano-retrospective.md").read_bytes()
    path.write_bytes(original)
    session = Session.open(path)
    retro = session.doc.retros[-1]
    session.editor.set_action_field(retro, retro.action_items[0], "owner", "Bo\udcff")
    refused = workflow.prepare_save(session)
    assert isinstance(refused, workflow.SaveFailed)
    assert refused.message == (
        "RETRO.md: cannot save: action item 1 of 'Sprint 0 – Discovery & Alignment': "
        "owner holds a lone surrogate (\\udcff); nothing was written"
    )
    assert path.read_bytes() == original


def test_an_item_appended_to_a_retro_whose_sections_are_at_its_own_level_gets_a_section_at_that_level() -> None:
    """``## Sprint 4`` over ``## What went well``: a new ``### Action Items`` would be a sub-heading of What went
    well on the next read, and the item not an action item any more."""
    text = "# Team\n## Sprint 4 (2024-01-01)\n- a\n## What went well\n- b\n"
    doc = retrotui.loads(text)
    doc.retros[0].action_items.append(retrotui.ActionItem(item="Write runbook", owner="Ana"))
    written = retrotui.dumps(doc)
    assert written == text + (
        "\n## Action Items\n\n| Item | Owner | Due Date | Status |\n|------|-------|----------|--------|\n"
        "| Write runbook | Ana |  | ☐ |\n"
    )
    again = retrotui.loads(written)
    assert [s.title for s in again.retros[0].sections] == ["What went well", "Action Items"]
    assert [a.values()[:2] for a in again.retros[0].action_items] == [("Write runbook", "Ana")]


def test_an_item_appended_to_a_retro_of_label_sections_gets_a_label_section() -> None:
    """A file without headings (``SPRINT 2`` / ``Went well:``): a new ``### Action Items`` heading was not read
    as that retro's section, so the appended item was no action item on the next read."""
    text = "SPRINT 2\n\nWent well:\n- good\n\n**To improve**\n- bad\n\nSPRINT 3\n\nWent well:\n- fine\n"
    doc = retrotui.loads(text)
    doc.retros[0].action_items.append(retrotui.ActionItem(item="Write runbook", owner="Ana"))
    written = retrotui.dumps(doc)
    assert written == text.replace(
        "- bad\n\n",
        "- bad\n\n**Action Items**\n\n| Item | Owner | Due Date | Status |\n|------|-------|----------|--------|\n"
        "| Write runbook | Ana |  | ☐ |\n\n",
    )
    again = retrotui.loads(written)
    assert [r.title for r in again.retros] == ["SPRINT 2", "SPRINT 3"]
    assert [a.values()[:2] for a in again.retros[0].action_items] == [("Write runbook", "Ana")]
