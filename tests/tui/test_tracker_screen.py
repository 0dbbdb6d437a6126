"""The tracker screen and the meeting timer under Pilot, on a fixed today and a fake clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Static

from retrotui.tui.widgets.action_grid import GridTable
from retrotui.tui.widgets.meeting_timer import MeetingTimer
from retrotui.tui.widgets.tracker_view import TrackerView
from retrotui.tui.widgets.virtual_table import VirtualTable
from tests.conftest import changed_lines, read_exact
from tests.tui.helpers import copy_sample, running


def rows(screen: TrackerView) -> list[tuple[str, str]]:
    return [(t.retro.short_title, t.action.item) for t in screen.shown]


def text_of(screen: TrackerView, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_t_opens_the_tracker_with_open_items_newest_first(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("t")
        screen = run.editor.tracker
        assert screen is not None and run.editor.tracker_shown
        # One row per item: carried copies are one item, shown at their newest copy.
        assert screen.table.row_count == 4
        assert rows(screen) == [
            ("Sprint 4", "Write an on-call handover template"),
            ("Sprint 4", "Q1 capacity review with finance"),
            ("Sprint 4", "Retire the legacy cron scheduler"),
            ("Sprint 3", "Move alert thresholds into one shared config"),
        ]
        ages = {item: screen.table.row_cells(n)[5].plain for n, (_, item) in enumerate(rows(screen))}
        assert ages["Write an on-call handover template"] == "new"
        assert "Open 4" in text_of(screen, "#tracker-counts") and "Overdue 0" in text_of(screen, "#tracker-counts")
        bars = text_of(screen, "#tracker-bars").splitlines()
        assert bars[1].endswith("0/3 Sprint 4") and bars[2].endswith("1/2 Sprint 3")
        assert "2  Platform Eng" in text_of(screen, "#tracker-owners")
        await run.press("escape")
        assert not run.editor.tracker_shown


async def test_filters_owner_search_and_sort(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("t")
        screen = run.editor.tracker
        assert screen is not None and run.editor.tracker_shown
        await run.press("f")
        assert screen.which == "overdue" and len(screen.shown) == 0
        await run.press("f")
        assert screen.which == "done" and all(t.action.is_done for t in screen.shown) and len(screen.shown) == 5
        await run.press("f")
        assert screen.which == "all" and len(screen.shown) == 9
        await run.press("o")
        assert screen.owner == "@sre-oncall" and {t.action.owner for t in screen.shown} == {"@sre-oncall"}
        assert len(screen.shown) == 2
        await run.press("o", "o", "o", "o")  # Platform Eng, Platform Lead, Ops, then anyone
        assert screen.owner is None
        await run.press("slash", *"runbook")
        assert isinstance(run.app.focused, Input)
        assert rows(screen) == [("Sprint 3", "Fix rollback runbook step 4 (from Sprint 2)")]
        assert [c.retro.short_title for c in screen.shown[0].history] == ["Sprint 2", "Sprint 3"]
        await run.press("enter")
        assert run.app.focused is screen.table
        await run.press("s")
        assert screen.sort == "due"
        await run.press("s", "s")
        assert screen.sort == "age" and screen.shown[0].age == 1


async def test_space_toggles_the_item_in_its_retro_with_one_line_changed_and_undo(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        await run.press("t")
        screen = run.editor.tracker
        assert screen is not None and run.editor.tracker_shown
        await run.press("down", "space")
        assert screen.shown[1].action.status == "done"
        assert "Open 3" in text_of(screen, "#tracker-counts")
        await run.press("escape", "ctrl+s")
        after = read_exact(path)
        removed, added = changed_lines(before, after)
        assert removed == [
            "**Last Updated:** 2025-12-12",
            "| Q1 capacity review with finance | Platform Lead | 2026-01-16 | ☐ |",
        ]
        assert added == [
            "**Last Updated:** 2025-11-27",
            "| Q1 capacity review with finance | Platform Lead | 2026-01-16 | ☑ |",
        ]
        await run.press("ctrl+z", "ctrl+s")
    assert "| Q1 capacity review with finance | Platform Lead | 2026-01-16 | ☐ |" in read_exact(path)


async def test_enter_jumps_to_the_item_in_its_retro(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("t", "s", "s", "s")  # by age: the oldest carried item first
        screen = run.editor.tracker
        assert screen is not None and run.editor.tracker_shown
        target = screen.shown[0]
        await run.press("enter")
        assert not run.editor.tracker_shown
        assert run.editor.current is target.retro
        grid = run.app.query_one(GridTable)
        assert run.app.focused is grid
        assert target.retro.action_items[grid.cursor_coordinate.row] is target.action


async def test_palette_has_the_tracker_and_the_timer(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        titles = [c.title for c in run.app.get_system_commands(run.app.screen)]
    assert "Action tracker" in titles and "Start or stop the timer" in titles


async def test_timebox_counts_down_on_screen_and_says_when_time_is_up(tmp_path: Path) -> None:
    now = [1000.0]
    async with running(copy_sample(tmp_path), clock=lambda: now[0]) as run:
        timer = run.app.query_one(MeetingTimer)
        assert not timer.display
        await run.press("2", "ctrl+t")
        assert timer.display and str(timer.render()) == "⏱ 5:00 What Went Well"
        now[0] += 61
        timer.tick()
        assert str(timer.render()) == "⏱ 3:59 What Went Well"
        await run.press("a", *"typing is never blocked", "enter")  # typing while the timer runs
        assert "typing is never blocked" in run.editor.editor.bullets(run.editor.view.active_section())  # type: ignore[union-attr, arg-type]
        now[0] += 300
        timer.tick()
        assert str(timer.render()) == "⏱ time's up: What Went Well"
        assert "Time's up for What Went Well." in run.notes
        timer.tick()
        assert run.notes.count("Time's up for What Went Well.") == 1
        await run.press("ctrl+t")
        assert not timer.display and timer.timebox is None


async def test_tracker_table_shows_cells_literally(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "## Sprint 1 (2025-01-01)\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status |\n|-|-|-|-|\n"
        "| [red]alarm[/] | [b]me | 2025-01-02 | ☐ |\n",
        encoding="utf-8",
    )
    async with running(path, today=dt.date(2025, 1, 1)) as run:
        await run.press("t")
        table = run.app.screen.query_one("#tracker-table", VirtualTable)
        assert table.row_cells(0)[1].plain == "[red]alarm[/]"
        assert table.row_cells(0)[2].plain == "[b]me"
        assert "[red]alarm[/]" in table.render_line(1).text


async def test_the_filter_line_counts_in_plain_english(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("t", "slash", *"cron", "enter")
        screen = run.editor.tracker
        assert screen is not None and run.editor.tracker_shown
        assert text_of(screen, "#tracker-filters").startswith("1 open item  ·")
