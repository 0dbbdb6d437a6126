"""Rows, retros, sections and bullets keep their identity through an edit, so merges never lose or duplicate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from retrotui import ActionItem, RetroDocument, dumps, loads
from retrotui.markdown import bullets
from retrotui.merge import Conflict, MergeResult, merge
from retrotui.model import TextBlock
from tests.conftest import CORPUS, SAMPLES, read_exact

SEED = read_exact(SAMPLES / "volcano-retrospective.md")
MULTI = read_exact(SAMPLES / "volcano-multi-sprint.md")
SPRINT_0 = "Sprint 0 – Discovery & Alignment"
EXPORT = "Export baseline Prometheus + Temporal metrics per plan"
REVIEW = "Review queue hierarchy with platform leadership"
EXPORT_ROW = "| Export baseline Prometheus + Temporal metrics per plan | Platform Eng | 2025-10-24 | ☐ |"

Change = Callable[[RetroDocument], object]


def edit(text: str, *changes: Change) -> str:
    doc = loads(text)
    for change in changes:
        change(doc)
    return dumps(doc)


def set_item(retro: int, row: int, field: str, value: object) -> Change:
    return lambda doc: setattr(doc.retros[retro].action_items[row], field, value)


def marked(result: MergeResult) -> list[list[str]]:
    return marked_text(result.text())


def marked_text(text: str) -> list[list[str]]:
    """The lines between each pair of conflict markers (the marker lines themselves included)."""
    lines = text.split("\n")
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if line.startswith("<<<<<<< "):
            current = [line]
        elif current is not None:
            current.append(line)
            if line.startswith(">>>>>>> "):
                blocks.append(current)
                current = None
    return blocks


def rows(text: str, retro: int = 0) -> list[tuple[object, ...]]:
    return [a.values()[:4] for a in loads(text).retros[retro].action_items]


# -- the three holes of issue 10 ---------------------------------------------------------------


def test_the_same_row_item_text_changed_two_ways_is_a_conflict_on_that_row() -> None:
    ours = edit(SEED, set_item(0, 0, "item", "Export baseline metrics (Prometheus only)"))
    theirs = edit(SEED, set_item(0, 0, "item", "Export Temporal queue stats first"))
    result = merge(SEED, ours, theirs)
    (conflict,) = result.conflicts
    assert (conflict.retro, conflict.row, conflict.columns, conflict.what) == (
        SPRINT_0,
        EXPORT,
        ("Item",),
        "Item changed on both sides",
    )
    assert conflict.where == f"{SPRINT_0}: action {EXPORT!r}, Item changed on both sides"
    assert marked(result) == [
        [
            f"<<<<<<< ours ({conflict.where})",
            "| Export baseline metrics (Prometheus only) | Platform Eng | 2025-10-24 | ☐ |",
            "=======",
            "| Export Temporal queue stats first | Platform Eng | 2025-10-24 | ☐ |",
            ">>>>>>> theirs",
        ]
    ]
    # The other row is outside the markers, once.
    assert result.text().count(REVIEW) == 1
    conflict.resolve("theirs")
    assert [r[0] for r in rows(result.text())] == ["Export Temporal queue stats first", REVIEW]


def test_an_item_edit_against_a_delete_is_a_conflict_both_ways_round() -> None:
    edited = edit(SEED, set_item(0, 0, "item", "Export baseline metrics (Prometheus only)"))
    deleted = edit(SEED, lambda d: d.retros[0].action_items.pop(0))

    result = merge(SEED, edited, deleted)
    (conflict,) = result.conflicts
    assert conflict.what == "changed here, deleted there"
    assert (conflict.retro, conflict.row) == (SPRINT_0, EXPORT)
    assert conflict.ours == "| Export baseline metrics (Prometheus only) | Platform Eng | 2025-10-24 | ☐ |\n"
    assert conflict.theirs == "" and conflict.base == EXPORT_ROW + "\n"
    assert marked(result)[0][1:] == [
        "| Export baseline metrics (Prometheus only) | Platform Eng | 2025-10-24 | ☐ |",
        "=======",
        ">>>>>>> theirs",
    ]
    conflict.resolve("theirs")
    assert [r[0] for r in rows(result.text())] == [REVIEW]

    result = merge(SEED, deleted, edited)
    (conflict,) = result.conflicts
    assert conflict.what == "deleted here, changed there" and conflict.ours == ""
    conflict.resolve("theirs")
    assert [r[0] for r in rows(result.text())] == ["Export baseline metrics (Prometheus only)", REVIEW]


def test_a_retro_renamed_two_ways_is_one_retro_with_a_conflict_on_its_heading() -> None:
    ours = edit(SEED, lambda d: setattr(d.retros[0], "title", "Sprint 0 – Discovery"))
    theirs = edit(
        SEED, lambda d: setattr(d.retros[0], "title", "Sprint 0 – Alignment"), set_item(0, 1, "status", "done")
    )
    result = merge(SEED, ours, theirs)
    (conflict,) = result.conflicts
    assert (conflict.retro, conflict.row, conflict.what) == (SPRINT_0, None, "heading changed on both sides")
    assert marked(result)[0][1:] == [
        "## Sprint 0 – Discovery (2025-10-17)",
        "=======",
        "## Sprint 0 – Alignment (2025-10-17)",
        ">>>>>>> theirs",
    ]
    assert result.text().count("### 4. Action Items") == 2  # the template's and the one retro's
    conflict.resolve("ours")
    doc = loads(result.text())
    assert [r.title for r in doc.retros] == ["Sprint 0 – Discovery"]
    assert [a.status for a in doc.retros[0].action_items] == ["open", "done"]  # theirs' toggle kept


# -- an edit of the text that identifies a unit meets other edits cleanly ---------------------------


def test_a_renamed_retro_takes_the_other_sides_edits_inside_it() -> None:
    ours = edit(MULTI, lambda d: setattr(d.retros[1], "title", "Sprint 1 – Queue Hierarchy v1"))
    theirs = edit(MULTI, set_item(1, 2, "status", "done"), set_item(1, 0, "owner", "Ana"))
    result = merge(MULTI, ours, theirs)
    assert result.clean
    doc = loads(result.text())
    assert [r.title for r in doc.retros].count("Sprint 1 – Queue Hierarchy v1") == 1
    assert "Sprint 1 – Queue Hierarchy" not in [r.title for r in doc.retros]
    assert [(a.owner, a.status) for a in doc.retros[1].action_items] == [
        ("Ana", "done"),
        ("Platform Lead", "done"),
        ("@sre-oncall", "done"),
    ]


def test_an_edited_item_text_takes_the_other_sides_toggle_on_the_same_row() -> None:
    ours = edit(SEED, set_item(0, 0, "item", "Export baseline Prometheus metrics"))
    theirs = edit(SEED, set_item(0, 0, "status", "done"), set_item(0, 0, "owner", "SRE"))
    result = merge(SEED, ours, theirs)
    assert result.clean
    assert rows(result.text()) == [
        ("Export baseline Prometheus metrics", "SRE", dt.date(2025, 10, 24), "done"),
        (REVIEW, "Platform Lead", dt.date(2025, 10, 22), "open"),
    ]
    assert "| Export baseline Prometheus metrics | SRE | 2025-10-24 | ☑ |\n" in result.text()


def test_a_rewritten_row_is_still_recognised_by_its_other_cells() -> None:
    ours = edit(SEED, set_item(0, 1, "item", "Walk leadership through the queue tree"))
    theirs = edit(SEED, lambda d: d.retros[0].action_items.pop(1))
    result = merge(SEED, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.row == REVIEW and conflict.what == "changed here, deleted there"


def test_a_new_row_in_the_place_of_a_deleted_one_is_never_mixed_with_it() -> None:
    """Known only by its place (nothing in common): both rows are shown, the toggle is not put on the new one."""

    def replace_review(doc: RetroDocument) -> None:
        items = doc.retros[0].action_items
        items.pop(1)
        items.append(ActionItem(item="Draft the rollout calendar", owner="Ana", due="2025-12-01"))

    ours = edit(SEED, replace_review)
    theirs = edit(SEED, set_item(0, 1, "status", "done"))
    result = merge(SEED, ours, theirs)
    (conflict,) = result.conflicts
    assert (conflict.row, conflict.what) == (REVIEW, "changed on both sides")
    assert conflict.ours == "| Draft the rollout calendar | Ana | 2025-12-01 | ☐ |\n"
    assert conflict.theirs == "| Review queue hierarchy with platform leadership | Platform Lead | 2025-10-22 | ☑ |\n"
    assert result.text().count("Draft the rollout calendar") == 1
    assert merge(SEED, ours, SEED).text() == ours


def test_a_retro_renamed_with_its_only_action_reworded_is_still_recognised() -> None:
    """Its neighbour deleted on the same side: what is left of the row (owner, due date) tells which retro it is."""
    base = read_exact(CORPUS / "12-heading-variants.md")

    def rework(doc: RetroDocument) -> None:
        doc.blocks.remove(doc.retros[0])
        doc.retros[0].action_items[0].item = "Shallower heading"
        doc.retros[0].title = "Kickoff retro"  # nothing in common with "Sprint 6", but still a retro's title

    theirs = edit(base, rework)
    toggled = merge(base, edit(base, set_item(1, 0, "status", "done")), theirs)
    assert toggled.clean
    assert [(r.title, [a.values()[:4] for a in r.action_items]) for r in loads(toggled.text()).retros] == [
        ("Kickoff retro", [("Shallower heading", "Hal", dt.date(2025, 11, 1), "done")])
    ]
    deleted = merge(base, edit(base, lambda d: d.blocks.remove(d.retros[1])), theirs)
    assert [(c.retro, c.what) for c in deleted.conflicts] == [("Sprint 6", "deleted here, changed there")]


def test_a_renamed_section_takes_the_other_sides_bullets() -> None:
    def rename(doc: RetroDocument) -> None:
        doc.retros[0].sections[1].title = "Wins"

    def add_bullet(doc: RetroDocument) -> None:
        block = doc.retros[0].sections[1].blocks[0]
        assert isinstance(block, TextBlock)
        block.text = bullets.insert_bullet(block.text, 2, "Theirs: reviews were quick")

    result = merge(SEED, edit(SEED, rename), edit(SEED, add_bullet))
    assert result.clean
    text = result.text()
    assert "### 2. Wins\n" in text and "### 2. What Went Well" not in text.split("## Historical")[1]
    assert text.count("- Theirs: reviews were quick\n") == 1
    assert [s.title for s in loads(text).retros[0].sections][:3] == ["Summary", "Wins", "What Could Improve"]


def test_a_section_renamed_two_ways_conflicts_on_its_heading_only() -> None:
    ours = edit(SEED, lambda d: setattr(d.retros[0].sections[1], "title", "Wins"))
    theirs = edit(SEED, lambda d: setattr(d.retros[0].sections[1], "title", "Highlights"))
    result = merge(SEED, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.where == f"{SPRINT_0}: 2. What Went Well, changed on both sides"
    assert marked(result)[0][1:] == ["### 2. Wins", "=======", "### 2. Highlights", ">>>>>>> theirs"]


def bullet_edit(index: int, value: str | None) -> Change:
    def change(doc: RetroDocument) -> None:
        block = doc.retros[0].sections[1].blocks[0]
        assert isinstance(block, TextBlock)
        if value is None:
            block.text = bullets.delete_bullet(block.text, index)
        else:
            block.text = bullets.edit_bullet(block.text, index, value)

    return change


def test_a_bullet_edited_two_ways_or_edited_and_deleted_is_a_conflict_on_that_line() -> None:
    for theirs_change in (bullet_edit(0, "Theirs' wording"), bullet_edit(0, None)):
        result = merge(SEED, edit(SEED, bullet_edit(0, "Ours' wording")), edit(SEED, theirs_change))
        (conflict,) = result.conflicts
        assert conflict.retro == SPRINT_0 and conflict.where.startswith(f"{SPRINT_0}: 2. What Went Well,")
        assert conflict.ours == "- Ours' wording\n"
        assert result.text().count("Established documentation set") == 1


def test_bullets_both_sides_added_at_one_place_are_kept_once_each() -> None:
    def add(*values: str) -> Change:
        def change(doc: RetroDocument) -> None:
            block = doc.retros[0].sections[1].blocks[0]
            assert isinstance(block, TextBlock)
            for value in values:
                block.text = bullets.insert_bullet(block.text, len(bullets.bullets(block.text)), value)

        return change

    result = merge(SEED, edit(SEED, add("Shared idea", "Ours only")), edit(SEED, add("Shared idea", "Theirs only")))
    assert result.clean
    went_well = loads(result.text()).retros[0].sections[1].blocks[0]
    assert isinstance(went_well, TextBlock)
    assert bullets.bullets(went_well.text)[2:] == ["Shared idea", "Ours only", "Theirs only"]


# -- the controls stay clean -------------------------------------------------------------------------


def test_different_rows_toggled_and_rows_appended_on_both_sides_merge_cleanly() -> None:
    def add(item: str) -> Change:
        return lambda doc: doc.retros[0].action_items.append(ActionItem(item=item, owner="Ana", due="2025-11-01"))

    ours = edit(SEED, set_item(0, 0, "status", "done"), add("From ours"))
    theirs = edit(SEED, set_item(0, 1, "status", "done"), add("From theirs"))
    result = merge(SEED, ours, theirs)
    assert result.clean
    assert [(r[0], r[3]) for r in rows(result.text())] == [
        (EXPORT, "done"),
        (REVIEW, "done"),
        ("From ours", "open"),
        ("From theirs", "open"),
    ]


def test_the_same_row_added_on_both_sides_is_kept_once() -> None:
    def add(doc: RetroDocument) -> None:
        doc.retros[0].action_items.append(ActionItem(item="Book the review room", owner="Ana", due="2025-11-01"))

    result = merge(SEED, edit(SEED, add), edit(SEED, add, set_item(0, 0, "status", "done")))
    assert result.clean
    assert [r[0] for r in rows(result.text())] == [EXPORT, REVIEW, "Book the review room"]


def test_a_row_moved_on_one_side_and_toggled_on_the_other_moves_and_toggles() -> None:
    def move_down(doc: RetroDocument) -> None:
        items = doc.retros[3].action_items
        items[0], items[1] = items[1], items[0]

    ours = edit(MULTI, set_item(3, 2, "status", "done"))
    theirs = edit(MULTI, move_down)
    result = merge(MULTI, ours, theirs)
    assert result.clean
    base_rows = [r[0] for r in rows(MULTI, 3)]
    merged = rows(result.text(), 3)
    assert [r[0] for r in merged] == [base_rows[1], base_rows[0], base_rows[2], base_rows[3]]
    assert [r[3] for r in merged] == ["open", "done", "done", "done"]


def test_a_row_moved_two_ways_appears_once_in_one_sides_order() -> None:
    def move(to: int) -> Change:
        def change(doc: RetroDocument) -> None:
            items = doc.retros[3].action_items
            items.insert(to, items.pop(0))

        return change

    ours, theirs = edit(MULTI, move(1)), edit(MULTI, move(2))
    result = merge(MULTI, ours, theirs)
    assert result.clean
    assert rows(result.text(), 3) in (rows(ours, 3), rows(theirs, 3))


def test_rows_with_the_same_item_text_keep_apart() -> None:
    def twins(doc: RetroDocument) -> None:
        items = doc.retros[0].action_items
        items.append(ActionItem(item="Follow up", owner="Ana", due="2025-11-01"))
        items.append(ActionItem(item="Follow up", owner="Bo", due="2025-11-02"))

    base = edit(SEED, twins)
    ours = edit(base, set_item(0, 3, "status", "done"))
    theirs = edit(base, set_item(0, 2, "owner", "Cy"))
    result = merge(base, ours, theirs)
    assert result.clean
    assert [(r[0], r[1], r[3]) for r in rows(result.text())][2:] == [
        ("Follow up", "Cy", "open"),
        ("Follow up", "Bo", "done"),
    ]


def test_a_retro_changed_here_and_deleted_there_is_a_conflict_around_that_retro() -> None:
    def delete_retro(doc: RetroDocument) -> None:
        doc.blocks.remove(doc.retros[2])

    result = merge(MULTI, edit(MULTI, set_item(2, 0, "status", "done")), edit(MULTI, delete_retro))
    (conflict,) = result.conflicts
    assert conflict.what == "changed here, deleted there" and conflict.retro == "Sprint 2 – Rollout Wave 1 (2025-11-14)"
    assert conflict.ours.startswith("## Sprint 2 – Rollout Wave 1") and conflict.theirs == ""
    assert merge(MULTI, MULTI, edit(MULTI, delete_retro)).text() == edit(MULTI, delete_retro)


def test_task_list_rows_merge_field_by_field() -> None:
    base = read_exact(CORPUS / "12-heading-variants.md")
    ours = edit(base, set_item(0, 0, "status", "done"))
    theirs = edit(base, set_item(0, 0, "owner", "@ana"))
    result = merge(base, ours, theirs)
    assert result.clean
    assert "- [x] Task list instead of a table @ana (due 2025-10-24)\n" in result.text()
    clash = merge(base, edit(base, set_item(0, 0, "owner", "@bo")), theirs)
    assert [c.columns for c in clash.conflicts] == [("Owner",)]


def test_conflict_markers_follow_the_files_line_endings() -> None:
    base = read_exact(CORPUS / "02-seed-crlf.md")
    result = merge(base, edit(base, set_item(0, 1, "owner", "Carol")), edit(base, set_item(0, 1, "owner", "Dan")))
    text = result.text()
    start = text.index("<<<<<<<")
    block = text[start : text.index(">>>>>>> theirs") + len(">>>>>>> theirs\r\n")]
    assert block.count("\r\n") == block.count("\n") == 5
    assert "\n" not in text.replace("\r\n", "")


def test_a_file_without_a_final_newline_gets_one_where_a_retro_now_follows() -> None:
    base = read_exact(CORPUS / "04-seed-no-final-newline.md")
    ours = edit(base, lambda d: d.add_retro("Sprint 1 – Next", dt.date(2025, 10, 31)))
    theirs = edit(base, set_item(0, 0, "status", "done"))
    text = merge(base, ours, theirs).text()
    doc = loads(text)
    assert [r.title for r in doc.retros] == [SPRINT_0, "Sprint 1 – Next"]
    assert doc.retros[0].action_items[0].status == "done"
    assert all(line.startswith("## ") for line in text.split("\n") if "## Sprint" in line)


def test_conflicts_keep_what_the_editors_dialog_reads() -> None:
    """The dialog shows ``where``, ``ours`` and ``theirs`` and calls ``resolve``; the session reads ``clean``."""
    result = merge(SEED, edit(SEED, set_item(0, 1, "owner", "Carol")), edit(SEED, set_item(0, 1, "owner", "Dan")))
    (conflict,) = result.conflicts
    assert isinstance(conflict, Conflict) and not result.clean and result.unresolved == [conflict]
    assert "| Carol |" in conflict.ours and "| Dan |" in conflict.theirs
    conflict.resolve("| Review queue hierarchy with platform leadership | Both | 2025-10-22 | ☐ |\n")
    assert result.unresolved == [] and rows(result.text())[1][1] == "Both"


def test_retros_with_one_and_the_same_heading_are_told_apart_by_place() -> None:
    """A file where every retro is "## Sprint": renames here and there on one side, an edit on the other."""
    base = "# R\n\n" + "".join(f"## Sprint\n### A\n- item {i}\n" for i in range(2000))
    ours = base
    for i in range(3, 2000, 97):
        ours = ours.replace(f"## Sprint\n### A\n- item {i}\n", f"## Sprint {i}\n### A\n- item {i}\n")
    theirs = base.replace("- item 1000\n", "- item 1000 (theirs)\n")
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.text() == ours.replace("- item 1000\n", "- item 1000 (theirs)\n")


def test_edits_far_apart_among_repeated_lines_merge_cleanly() -> None:
    """Hundreds of "- " placeholders: each side's edit stays where it was made."""
    base = "# R\n\n## Sprint 1\n### A\n" + "- \n" * 600
    lines = base.split("\n")
    ours, theirs = list(lines), list(lines)
    ours[10] = "- ours"
    theirs[500] = "- theirs"
    result = merge(base, "\n".join(ours), "\n".join(theirs))
    assert result.clean
    merged = list(lines)
    merged[10], merged[500] = "- ours", "- theirs"
    assert result.text() == "\n".join(merged)
