"""The action-item grid under Pilot: each key, then the model and the saved bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text

from retrotui.tui.widgets.action_grid import ActionGrid, CellEditor, GridTable
from retrotui.tui.widgets.retro_list import RetroList
from tests.conftest import changed_lines, read_exact
from tests.tui.helpers import Running, copy_sample, running

# Sprint 4 (the newest) in volcano-multi-sprint.md; its rows are lines 198-201.
SPRINT4_ROWS = [
    "| Carry: stabilise preemption tests (from Sprint 2) | @sre-oncall | 2025-12-05 | ☑ |",
    "| Write an on-call handover template | @sre-oncall | 2026-01-09 | ☐ |",
    "| Q1 capacity review with finance | Platform Lead | 2026-01-16 | ☐ |",
    "| Retire the legacy cron scheduler | Platform Eng | 2026-01-30 | ☐ |",
]


async def open_grid(run: Running, tab: str = "4") -> GridTable:
    await run.press(tab)
    table = run.app.query_one(GridTable)
    assert run.app.focused is table
    return table


def grid(run: Running) -> ActionGrid:
    return run.app.query_one(ActionGrid)


async def test_space_toggles_with_the_files_glyphs_and_saves_one_line(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        await open_grid(run)
        await run.press("down", "space")
        item = run.editor.current.action_items[1]  # type: ignore[union-attr]
        assert item.status == "done"
        assert str(run.app.query_one(GridTable).get_cell_at((1, 3))) == "☑"
        assert run.editor.title.endswith("●")
        await run.press("ctrl+s")
        assert not run.editor.title.endswith("●")
        assert "Saved volcano-multi-sprint.md" in run.notes
    _removed, added = changed_lines(before, read_exact(path))
    assert added == ["**Last Updated:** 2025-11-27", SPRINT4_ROWS[1].replace("☐", "☑")]


async def test_enter_edits_in_place_and_enter_commits(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        await open_grid(run)
        await run.press("down", "right", "enter")
        editor = run.app.query_one(CellEditor)
        assert editor.display and run.app.focused is editor and editor.value == "@sre-oncall"
        editor.value = ""
        await run.press(*"Ana", "enter")
        assert not editor.display
        assert run.editor.current.action_items[1].owner == "Ana"  # type: ignore[union-attr]
        await run.press("ctrl+s")
    _removed, added = changed_lines(before, read_exact(path))
    assert SPRINT4_ROWS[1].replace("@sre-oncall", "Ana") in added
    assert len(added) == 2  # the row and Last Updated


async def test_escape_restores_the_cell(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await open_grid(run)
        await run.press("e")
        await run.press(*" more words")
        await run.press("escape")
        assert run.editor.current.action_items[0].item == "Carry: stabilise preemption tests (from Sprint 2)"  # type: ignore[union-attr]
        assert not run.editor.editor.modified
        assert run.app.focused is run.app.query_one(GridTable)


async def test_a_adds_a_row_and_edits_its_item_then_tab_moves_on(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        await open_grid(run)
        await run.press("a")
        editor = run.app.query_one(CellEditor)
        assert editor.display and editor.value == ""
        await run.press(*"Write the runbook", "tab")
        assert editor.display
        await run.press(*"Bo", "tab", *"+1w", "enter")
        items = run.editor.current.action_items  # type: ignore[union-attr]
        assert items[-1].values()[:4] == ("Write the runbook", "Bo", dt.date(2025, 12, 4), "open")
        await run.press("ctrl+s")
    removed, added = changed_lines(before, read_exact(path))
    assert "| Write the runbook | Bo | 2025-12-04 | ☐ |" in added
    assert all(line.startswith("**Last Updated") for line in removed)


async def test_bad_due_date_gets_an_inline_message_and_keeps_editing(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await open_grid(run)
        await run.press("right", "right", "enter")
        editor = run.app.query_one(CellEditor)
        editor.value = "2025-02-30"
        await run.press("enter")
        message = str(run.app.query_one("#grid-message").render())
        assert "2025-02-30 is not a real date" in message
        assert editor.display
        editor.value = "next friday"
        await run.press("enter")
        assert "use YYYY-MM-DD, today, +3d or +1w" in str(run.app.query_one("#grid-message").render())
        editor.value = "today"
        await run.press("enter")
        assert not editor.display
        assert run.editor.current.action_items[0].due == dt.date(2025, 11, 27)  # type: ignore[union-attr]


async def type_a_bad_due_date(run: Running) -> CellEditor:
    await open_grid(run)
    await run.press("right", "right", "enter")
    await run.press("ctrl+u", *"next friday")
    cell = run.app.query_one(CellEditor)
    assert cell.display and cell.value == "next friday"
    return cell


async def test_a_bad_due_date_being_typed_holds_quit_undo_and_new_retro_back(tmp_path: Path) -> None:
    """ctrl+q on an unedited file quit at once and the typed value was gone, unsaid."""
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        cell = await type_a_bad_due_date(run)
        retros = len(run.editor.editor.doc.retros)
        for key in ("ctrl+q", "ctrl+z", "ctrl+n"):
            await run.press(key)
            assert run.app.return_code is None and run.app.screen is run.editor
            assert cell.display and cell.value == "next friday" and run.app.focused is cell
            assert "holds 'next friday', which it cannot keep" in run.notes[-1]
        assert len(run.editor.editor.doc.retros) == retros
        await run.press("escape", "ctrl+q")
        assert run.app.return_code == 0
    assert read_exact(path) == before


async def test_a_bad_due_date_left_by_a_click_is_told(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        cell = await type_a_bad_due_date(run)
        await run.pilot.click(RetroList)
        await run.settle()
        assert not cell.display
        assert run.notes[-1].startswith("Due Date of row 1 in 'Sprint 4 – Hardening' was not kept: 'next friday'")
        assert run.editor.current.action_items[0].due == dt.date(2025, 12, 5)  # type: ignore[union-attr]


async def test_a_bad_due_date_stays_open_through_a_save_that_merges_the_disk(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "down", "space", "up")
        cell = await type_a_bad_due_date(run)
        path.write_bytes(read_exact(path).replace("Retire the legacy cron scheduler", "Retire cron").encode("utf-8"))
        await run.press("ctrl+s")
        assert "Saved volcano-multi-sprint.md" in run.notes
        cell = run.app.query_one(CellEditor)
        assert cell.display and cell.value == "next friday" and run.app.focused is cell
        await run.press("ctrl+u", *"today", "enter")
        assert run.editor.current.action_items[0].due == dt.date(2025, 11, 27)  # type: ignore[union-attr]
        assert run.editor.current.action_items[3].item == "Retire cron"  # type: ignore[union-attr]


async def test_d_deletes_and_shift_arrows_move_rows(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        await open_grid(run)
        await run.press("down", "shift+down")
        items = run.editor.current.action_items  # type: ignore[union-attr]
        assert items[2].item == "Write an on-call handover template"
        assert run.app.query_one(GridTable).cursor_coordinate.row == 2
        await run.press("shift+up", "shift+up")
        assert items[0].item == "Write an on-call handover template"
        await run.press("down", "d")
        assert [a.item for a in items] == [
            "Write an on-call handover template",
            "Q1 capacity review with finance",
            "Retire the legacy cron scheduler",
        ]
        assert run.app.query_one(GridTable).row_count == 3
        await run.press("ctrl+s")
    after = read_exact(path)
    assert SPRINT4_ROWS[0] not in after
    assert after.index(SPRINT4_ROWS[1]) < after.index(SPRINT4_ROWS[2])
    removed, added = changed_lines(before, after)
    assert removed == ["**Last Updated:** 2025-12-12", SPRINT4_ROWS[0]]
    assert added == ["**Last Updated:** 2025-11-27"]


async def test_tab_moves_between_cells_while_editing_and_between_areas_otherwise(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        table = await open_grid(run)
        await run.press("enter", "tab", "tab", "tab", "tab")  # editing: Tab keeps the cell and edits the next
        assert isinstance(run.app.focused, CellEditor)
        assert tuple(table.cursor_coordinate) == (1, 0)
        await run.press("shift+tab")
        assert tuple(table.cursor_coordinate) == (0, 3)
        await run.press("escape", "tab")  # not editing: Tab leaves the grid for the next area
        assert run.app.focused is run.app.query_one(RetroList)
        await run.press("shift+tab")
        assert run.app.focused is table


async def test_undo_and_redo_cover_the_grid(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        table = await open_grid(run)
        await run.press("space", "down", "d", "a", *"New", "enter")
        assert table.row_count == 4
        for _ in range(4):
            await run.press("ctrl+z")
        table = run.app.query_one(GridTable)
        assert table.row_count == 4
        assert run.editor.current.action_items[0].status == "done"  # type: ignore[union-attr]
        assert not run.editor.editor.modified
        await run.press("ctrl+y")
        assert run.editor.current.action_items[0].status == "open"  # type: ignore[union-attr]
        await run.press("ctrl+z", "ctrl+s")
    assert read_exact(path) == before


async def test_owner_suggestions_come_from_the_file(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await open_grid(run)
        await run.press("right", "enter")
        editor = run.app.query_one(CellEditor)
        editor.value = ""
        await run.press(*"plat")
        await run.pilot.pause(0.05)
        assert editor._suggestion.lower().startswith("platform")
        await run.press("right", "enter")
        assert run.editor.current.action_items[0].owner in ("Platform Eng", "Platform Lead")  # type: ignore[union-attr]


async def test_overdue_open_items_are_highlighted(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path, today=dt.date(2026, 1, 20)) as run:
        table = await open_grid(run)
        due_cells = [table.get_cell_at((row, 2)) for row in range(4)]
        overdue = run.app.retro_colors.overdue.lower()
        assert isinstance(due_cells[1], Text)
        assert overdue in str(due_cells[1].style).lower()  # 2026-01-09, open: overdue
        assert overdue in str(due_cells[2].style).lower()  # 2026-01-16, open: overdue
        assert overdue not in str(due_cells[0].style).lower()  # done
        assert overdue not in str(due_cells[3].style).lower()  # 2026-01-30: not yet


async def test_cells_are_shown_literally_and_wide_characters_line_up(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "## Sprint 1 (2025-01-01)\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status |\n|-|-|-|-|\n"
        "| [bold]x[/] and [@click=app.quit]y[/] | 山田 | 2025-01-02 | ☐ |\n| 日本語のドキュメント | Zoë | 2025-01-03 | ✅ |\n",
        encoding="utf-8",
    )
    async with running(path) as run:
        table = await open_grid(run, tab="1")
        assert table.get_cell_at((0, 0)).plain == "[bold]x[/] and [@click=app.quit]y[/]"
        rendered = table.render_line(1).text + "\n" + table.render_line(2).text
        first, second = rendered.split("\n")
        from rich.cells import cell_len

        assert cell_len(first[: first.index("山田")]) == cell_len(second[: second.index("Zoë")])


async def test_a_toggle_repaints_its_row_and_the_screen_shows_it(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        table = await open_grid(run)
        before = [table.render_line(y).text for y in range(1, 6)]
        await run.press("down", "space")
        after = [table.render_line(y).text for y in range(1, 6)]
        row = next(i for i, line in enumerate(after) if "Write an on-call handover" in line)
        assert "☐" in before[row] and "☑" in after[row]
        assert [line for i, line in enumerate(after) if i != row] == [line for i, line in enumerate(before) if i != row]
        screen = run.app.export_screenshot()
        assert screen.count("☑") == 2  # the carried row was done already; this one now too


TWO_LISTS = """# Retros

## Sprint 1 (2025-01-06)

### Action Items

**Team:**

- [ ] Write the runbook
- [ ] Page sooner

**Platform:**

1. [ ] Raise the limit
2. [ ] Tune the queue
"""


async def test_a_row_moves_within_its_own_list_and_says_so_at_its_end(tmp_path: Path) -> None:
    """shift+arrows moved a row into the next list with its own list's marker and indent: a numbered row
    nested under a bullet, or ended the list; on the next read rows were gone."""
    path = tmp_path / "RETRO.md"
    path.write_text(TWO_LISTS, encoding="utf-8")
    async with running(path) as run:
        await open_grid(run, "1")
        await run.press("down", "shift+down")
        assert run.notes[-1] == "'Page sooner' is the last of its list: a row moves only within its own list"
        await run.press("down", "shift+up")
        assert run.notes[-1] == "'Raise the limit' is the first of its list: a row moves only within its own list"
        await run.press("down", "shift+up")  # within the list: moves, each line as it was written
        await run.press("ctrl+s")
    assert read_exact(path) == TWO_LISTS.replace(
        "1. [ ] Raise the limit\n2. [ ] Tune the queue", "2. [ ] Tune the queue\n1. [ ] Raise the limit"
    )
