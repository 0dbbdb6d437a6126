"""Merging the retro files other teams write: the shapes the parser reads besides the seed's.

Title lines and retros of any heading level, bare lists under a dated heading,
task lists with word statuses, sub-grouped action lists, items over several
lines, classic Mac line endings; and edits that change what a line is read as
(a retro's title reworded into a plain line, an item put between a label and
its list).  Each merge either keeps both sides' edits or shows a conflict;
nothing is lost or doubled silently.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from retrotui import ActionItem, dumps, loads
from retrotui.merge import MergeResult, merge
from tests.test_merge_identity import Change, edit, set_item

TITLE_LINES = """SPRINT 1

Went well:
- Fast reviews

Action items:
- [ ] Pin the CI image (Ana)
- [ ] Write the on-call guide (Bo)

SPRINT 2

Went well:
- Calm release

Action items:
- [ ] Rotate the staging keys (Cy)
- [x] Archive old tickets (Di)
"""

ONE_HASH_PER_RETRO = """# Sprint 2 (2025-01-20)

## Action Items

- [ ] Rotate the staging keys @cy

# Sprint 1 (2025-01-06)

## Went well

- Fast reviews

## Action Items

- [ ] Pin the CI image @ana
- [x] Archive old tickets @di
"""

SUB_GROUPS = """## Retro 2025-02-03

### Action Items

#### Backend

- Pin the CI image - In Progress
- DONE: Rotate the staging keys

#### Frontend

- Split the bundle - TODO
- Fix the login form
  when the session expires
"""

BARE_LIST = """# Platform retros

## Retro Action Items - 12/01/2022

- [ ] Pin the CI image @ana (due 2022-12-09)
- ( ) Write the on-call guide (Bo Lima)
- DONE: Rotate the staging keys
1) Numbered after bullets **completed**

## Retro Action Items - 11/17/2022

| Status | Task | Who | When |
|---|---|---|---|
| Completed | Fix flaky login test | Ana | 2022-11-24 |
| In Progress | Split the monolith repo | Bo | TBD |
"""

NESTED_UNDER_A_GOAL = """## Sprint 4 (2024-05-02)

### Assessment

- What went wrong?
  - Slow paging
- Improvement goals for the next sprint
    1. Page the on-call sooner
    2. Practise restarts
"""

UNDATED = """# Team retros

## Sprint 5 (2025-10-17)

### Action Items

| Item | Owner | Due Date | Status |
|---|---|---|---|
| Keep the dashboards | Ana | 2025-10-24 | ☐ |

## Sprint 6

### Action items
- [ ] Deeper heading level (Hal)
- [ ] Shorter standups (Ivo)

## Sprint 7

### Action items
- [ ] Rotate the keys (Jo)
"""


def swap(retro: int, row: int) -> Change:
    """Move a row one place down (across a sub-group boundary, it changes group)."""

    def change(doc: object) -> None:
        items = doc.retros[retro].action_items  # type: ignore[attr-defined]
        items[row], items[row + 1] = items[row + 1], items[row]

    return change


def rows(text: str) -> list[list[tuple[object, ...]]]:
    return [[a.values()[:4] for a in retro.action_items] for retro in loads(text).retros]


def settled(result: MergeResult, side: str) -> str:
    for conflict in result.conflicts:
        conflict.resolve(side)
    return result.text()


def test_title_line_retros_changed_apart_merge_cleanly_without_parsing_either() -> None:
    ours = edit(TITLE_LINES, set_item(0, 1, "status", "done"))
    theirs = edit(TITLE_LINES, set_item(1, 0, "owner", "Ana"))
    result = merge(TITLE_LINES, ours, theirs)
    assert result.clean
    assert result.text() == TITLE_LINES.replace(
        "- [ ] Write the on-call guide", "- [x] Write the on-call guide"
    ).replace("(Cy)", "(Ana)")


def test_the_driver_merges_title_line_retros_without_the_model(tmp_path: Path) -> None:
    (tmp_path / "base.md").write_text(TITLE_LINES, encoding="utf-8", newline="")
    ours = edit(TITLE_LINES, set_item(0, 0, "status", "done"))
    (tmp_path / "ours.md").write_text(ours, encoding="utf-8", newline="")
    theirs = edit(TITLE_LINES, set_item(1, 1, "status", "open"))
    (tmp_path / "theirs.md").write_text(theirs, encoding="utf-8", newline="")
    code = (
        "import sys\n"
        "from retrotui.cli import main\n"
        "code = main(['merge-driver', 'base.md', 'ours.md', 'theirs.md'])\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(('pydantic', 'retrotui.model'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0 []"
    assert [[r[3] for r in retro] for retro in rows((tmp_path / "ours.md").read_text(encoding="utf-8"))] == [
        ["done", "open"],
        ["open", "open"],
    ]


def test_retros_of_one_hash_each_merge_retro_by_retro() -> None:
    ours = edit(ONE_HASH_PER_RETRO, set_item(1, 0, "status", "done"))
    theirs = edit(ONE_HASH_PER_RETRO, set_item(0, 0, "status", "done"), set_item(1, 1, "owner", "@bo"))
    result = merge(ONE_HASH_PER_RETRO, ours, theirs)
    assert result.clean
    assert rows(result.text()) == [
        [("Rotate the staging keys", "@cy", "", "done")],
        [("Pin the CI image", "@ana", "", "done"), ("Archive old tickets", "@bo", "", "done")],
    ]


def test_a_row_moved_to_another_sub_group_and_toggled_there_is_one_row() -> None:
    ours = edit(SUB_GROUPS, swap(0, 1))  # "Rotate the staging keys" goes down to Frontend
    theirs = edit(SUB_GROUPS, set_item(0, 1, "status", "open"))
    result = merge(SUB_GROUPS, ours, theirs)
    assert result.clean
    assert result.text() == SUB_GROUPS.replace("- DONE: Rotate the staging keys\n", "").replace(
        "#### Backend\n\n- Pin the CI image - In Progress\n",
        "#### Backend\n\n- Pin the CI image - In Progress\n- Split the bundle - TODO\n",
    ).replace("#### Frontend\n\n- Split the bundle - TODO\n", "#### Frontend\n\n- Rotate the staging keys\n")


def test_word_statuses_and_an_item_over_two_lines_merge_field_by_field() -> None:
    ours = edit(SUB_GROUPS, set_item(0, 0, "status", "done"), set_item(0, 3, "status", "done"))
    theirs = edit(SUB_GROUPS, set_item(0, 0, "item", "Pin the CI base image"), set_item(0, 3, "owner", "Ana"))
    result = merge(SUB_GROUPS, ours, theirs)
    assert result.clean
    assert rows(result.text()) == [
        [
            ("Pin the CI base image", "", "", "done"),
            ("Rotate the staging keys", "", "", "done"),
            ("Split the bundle", "", "", "open"),
            ("Fix the login form", "Ana", "", "done"),
        ]
    ]
    assert "- Pin the CI base image - DONE\n" in result.text()  # the list's own word, not a glyph
    assert "  when the session expires\n" in result.text()


def test_a_bare_list_under_a_dated_heading_merges_row_by_row() -> None:
    """A toggle on one side and a move of the same row on the other: one row, toggled, where it was moved."""
    ours = edit(BARE_LIST, set_item(0, 1, "status", "done"))
    theirs = edit(BARE_LIST, swap(0, 0))
    result = merge(BARE_LIST, ours, theirs)
    assert result.clean
    assert [(r[0], r[3]) for r in rows(result.text())[0]] == [
        ("Write the on-call guide", "done"),
        ("Pin the CI image", "open"),
        ("Rotate the staging keys", "done"),
        ("Numbered after bullets", "done"),
    ]
    assert result.text().count("Write the on-call guide") == 1


def test_a_row_rewritten_but_for_a_word_is_still_that_row() -> None:
    """Its neighbour deleted on the same side: the word kept (a ticket number) tells which row it was."""
    base = BARE_LIST.replace(
        "- ( ) Write the on-call guide (Bo Lima)", "- ( ) OPS-12 Write the on-call guide (Bo Lima)"
    )

    def rewrite(doc: object) -> None:
        items = doc.retros[0].action_items  # type: ignore[attr-defined]
        del items[0]
        items[0].item = "OPS-12 pager rota"

    ours = edit(base, rewrite)
    theirs = edit(base, set_item(0, 1, "status", "done"))
    result = merge(base, ours, theirs)
    assert result.clean
    assert [(r[0], r[3]) for r in rows(result.text())[0]][:1] == [("OPS-12 pager rota", "done")]


def test_a_retro_reworded_into_no_retro_against_an_edit_of_it_is_a_conflict_in_its_place() -> None:
    """ "Sprint 6" reworded to "Kickoff" is no retro any more (as good as deleted): with the other side's
    toggle in it, both versions are shown where it was."""
    ours = UNDATED.replace("## Sprint 6\n", "## Kickoff\n")
    assert [r.title for r in loads(ours).retros] == ["Sprint 5", "Sprint 7"]
    theirs = edit(UNDATED, set_item(1, 0, "status", "done"))
    result = merge(UNDATED, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.retro == "Sprint 6"
    assert conflict.ours.startswith("## Kickoff\n") and conflict.theirs.startswith("## Sprint 6\n")
    assert result.text().index("<<<<<<<") < result.text().index("## Sprint 7")
    assert settled(result, "ours") == ours
    assert settled(merge(UNDATED, ours, theirs), "theirs") == theirs


def test_a_title_line_reworded_on_both_sides_is_one_conflict_and_the_next_retro_stays_one() -> None:
    """Merged as text, the two titles would both be kept, the second one right over "SPRINT 2"; each side
    reads those lines as text now, so both versions of them are shown."""
    ours = TITLE_LINES.replace("SPRINT 1\n", "Kickoff\n")
    theirs = edit(TITLE_LINES.replace("SPRINT 1\n", "Onboarding\n"), set_item(0, 0, "status", "done"))
    assert [r.title for r in loads(theirs).retros] == ["SPRINT 2"]
    result = merge(TITLE_LINES, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.retro == "SPRINT 1"
    assert (conflict.ours, conflict.theirs) == (ours.split("SPRINT 2")[0], theirs.split("SPRINT 2")[0])
    text = settled(result, "ours")
    assert text == ours.replace("- [ ] Rotate the staging keys", "- [x] Rotate the staging keys")
    assert [(r.title, [a.status for a in r.action_items]) for r in loads(text).retros] == [
        ("SPRINT 2", ["done", "done"])
    ]


def test_an_item_put_between_a_goal_and_its_list_against_an_edit_of_the_list_is_a_conflict() -> None:
    """The new item takes the numbered list as its own, so it is no action list on that side: merged as rows
    on one side and as text on the other, its rows would be doubled."""
    theirs = NESTED_UNDER_A_GOAL.replace("    1. Page", "- A new point\n    1. Page")
    assert rows(theirs) == [[]]
    ours = edit(NESTED_UNDER_A_GOAL, set_item(0, 1, "item", "Practise restarts monthly"))
    result = merge(NESTED_UNDER_A_GOAL, ours, theirs)
    (conflict,) = result.conflicts
    assert (conflict.ours, conflict.theirs) == (
        ours.split("### ")[1].join(["### ", ""]),
        theirs.split("### ")[1].join(["### ", ""]),
    )
    assert settled(result, "ours") == ours and settled(merge(NESTED_UNDER_A_GOAL, ours, theirs), "theirs") == theirs


def test_classic_mac_line_endings_merge_and_stay_lone_carriage_returns() -> None:
    base = TITLE_LINES.replace("\n", "\r")
    ours = edit(base, set_item(0, 0, "status", "done"))
    theirs = edit(base, set_item(1, 0, "status", "done"))
    result = merge(base, ours, theirs)
    assert result.clean and result.text() == merge(base, ours, theirs, full=True).text()
    assert "\n" not in result.text()
    assert [[r[3] for r in retro] for retro in rows(result.text())] == [["done", "open"], ["done", "done"]]
    clash = merge(base, edit(base, set_item(0, 0, "owner", "Cy")), edit(base, set_item(0, 0, "owner", "Bo")))
    assert clash.text().startswith("SPRINT 1\r") and "\n" not in clash.text()
    assert "\r=======\r" in clash.text()


def test_a_title_line_taken_into_the_retro_above_still_takes_the_other_sides_edit() -> None:
    """A table added at the end of "SPRINT 1" leaves no blank line above "SPRINT 2", so that side reads
    "SPRINT 2" as part of "SPRINT 1"; the other side's toggle in "SPRINT 2" still lands, once."""
    base = "SPRINT 1\n\nWent well:\n- Fast reviews\n\nSPRINT 2\n\nAction items:\n- [ ] Rotate the staging keys (Cy)\n"
    ours = base.replace("- Fast reviews\n\n", "- Fast reviews\n\n| Item | Owner |\n|---|---|\n| Pin it | Ana |\n")
    assert [r.title for r in loads(ours).retros] == ["SPRINT 1"]
    theirs = edit(base, set_item(1, 0, "status", "done"))
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.text() == ours.replace("- [ ] Rotate", "- [x] Rotate")


def test_retros_of_another_level_on_each_side_with_a_conflict_are_one_conflict_over_the_file() -> None:
    """Ours replaced the only "#" retro by "##" ones; theirs edited it.  Settled for either side, a retro
    among the other side's would be read as text, so the whole file is the conflict."""
    base = "# Sprint 1 (2025-01-06)\n\n## Action Items\n\n- [ ] Pin the CI image @ana\n"
    ours = "## Sprint 2 (2025-02-03)\n\n### Action Items\n\n- [ ] Rotate the keys @bo\n"
    theirs = edit(base, set_item(0, 0, "status", "done"))
    result = merge(base, ours, theirs)
    (conflict,) = result.conflicts
    assert (conflict.where, conflict.ours, conflict.theirs) == (
        "the whole file, retros are headings of different levels on each side",
        ours,
        theirs,
    )
    assert settled(result, "theirs") == theirs


def test_an_action_added_to_a_retro_without_a_list_goes_before_the_lines_that_close_it() -> None:
    """Its new Action Items section (a label, like the retro's own sections) goes above the blank line and the
    rule that end the retro, so the title line of the retro after it still has them above it (and stays a
    retro)."""
    for closing in ("\n", "\n-----\n", "-----\n"):
        base = (
            f"SPRINT 1\n\nWent well:\n- Fast reviews\n{closing}SPRINT 2\n\nAction items:\n- [ ] Rotate the keys (Cy)\n"
        )
        doc = loads(base)
        doc.retros[0].action_items.append(ActionItem(item="Pin the CI image", owner="Ana"))
        text = dumps(doc)
        assert text == base.replace(
            f"- Fast reviews\n{closing}",
            "- Fast reviews\n\nAction Items:\n\n| Item | Owner | Due Date | Status |\n"
            f"|------|-------|----------|--------|\n| Pin the CI image | Ana |  | ☐ |\n\n{closing.lstrip(chr(10))}",
        )
        again = loads(text)
        assert [r.title for r in again.retros] == ["SPRINT 1", "SPRINT 2"]
        assert [a.item for a in again.retros[0].action_items] == ["Pin the CI image"]


RULED = (
    "Retro SPRINT 2\n\nStart doing:\na) Weekly syncs.\n\nKeep doing:\na) Helping each other.\n\n"
    "--------------------\nSPRINT 3\nDO\n-Create a chat group.\n-Weekly on Fridays.\n\n"
    "--------------------\nSPRINT 4\nDO\n-Pair more.\n"
)


def test_rows_both_sides_add_to_a_retro_with_none_stay_above_the_rule_that_ends_it() -> None:
    """Both sides gave the first retro its first action item (a new ``Action Items:`` table each): theirs' row
    went after the rule that ends the retro, where it made the next retro's title line a table's text, and
    ``SPRINT 3`` was gone from the merge (found by the merge property test on a real file)."""

    def with_row(item: str) -> str:
        doc = loads(RULED)
        doc.retros[0].action_items.append(ActionItem(item=item, owner="Ana", due="2026-01-05"))
        return dumps(doc)

    result = merge(RULED, with_row("ours row"), with_row("theirs row"))
    assert result.clean
    merged = result.text()
    assert [retro.title for retro in loads(merged).retros] == ["Retro SPRINT 2", "SPRINT 3", "SPRINT 4"]
    assert "| ours row | Ana | 2026-01-05 | ☐ |\n| theirs row | Ana | 2026-01-05 | ☐ |\n\n----" in merged


def test_what_theirs_adds_goes_before_a_unit_both_sides_added_after_it() -> None:
    from retrotui.merging.sequence import _merged_order

    # Base had nothing; ours added o0 o1 o2, theirs the same o0 and o2 (twins) around its own t1.
    assert _merged_order([("o", 0), ("o", 1), ("o", 2)], [("o", 0), ("t", 1), ("o", 2)]) == [
        ("o", 0),
        ("o", 1),
        ("t", 1),
        ("o", 2),
    ]


TASKS = "# R\n\n## Sprint 1 (2025-01-06)\n\n### Action Items\n\n- [ ] Write the runbook\n- [ ] Page sooner\n"


def test_lines_one_side_put_under_a_task_line_are_merged_with_the_others_edit_of_it() -> None:
    """The lines under a task line (a note, a link) were not compared: added there on one side, they were
    dropped when the other side had ticked or reworded the row, and the merge said it was clean."""
    ticked = TASKS.replace("- [ ] Write the runbook", "- [x] Write the runbook")
    noted = TASKS.replace("- [ ] Write the runbook\n", "- [ ] Write the runbook soon\n  with the restart steps\n")
    merged = merge(TASKS, ticked, noted)
    assert merged.clean
    assert merged.text() == TASKS.replace(
        "- [ ] Write the runbook\n", "- [x] Write the runbook soon\n  with the restart steps\n"
    )
    only_noted = TASKS.replace("- [ ] Write the runbook\n", "- [ ] Write the runbook\n  see the wiki\n")
    assert merge(TASKS, ticked, only_noted).text() == TASKS.replace(
        "- [ ] Write the runbook\n", "- [x] Write the runbook\n  see the wiki\n"
    )


def test_lines_under_a_task_line_changed_two_ways_are_a_conflict_on_that_row() -> None:
    ours = TASKS.replace("- [ ] Write the runbook\n", "- [ ] Write the runbook\n  ours' note\n")
    theirs = TASKS.replace("- [ ] Write the runbook\n", "- [ ] Write the runbook\n  theirs' note\n")
    merged = merge(TASKS, ours, theirs)
    assert [conflict.where for conflict in merged.conflicts] == [
        "Sprint 1: action 'Write the runbook', lines under it changed on both sides"
    ]
    assert "ours' note" in merged.text() and "theirs' note" in merged.text()
