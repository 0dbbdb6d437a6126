"""Undo and redo show the document as it is after the step, wherever the user is."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import Running, copy_sample, running


def tracker_counts(run: Running) -> str:
    tracker = run.editor.tracker
    assert tracker is not None
    return str(tracker.query_one("#tracker-counts").render()).strip()


async def test_undo_and_redo_in_the_tracker_recount_its_stats(tmp_path: Path) -> None:
    """The counts stayed those of before the undo: "Open 3 … Done 6" over a list with the item open again."""
    async with running(copy_sample(tmp_path)) as run:
        await run.press("t")
        assert tracker_counts(run) == "Open 4   Overdue 0   Done 5"
        await run.press("space")
        assert tracker_counts(run) == "Open 3   Overdue 0   Done 6"
        await run.press("ctrl+z")
        assert run.editor.tracker_shown and tracker_counts(run) == "Open 4   Overdue 0   Done 5"
        await run.press("ctrl+y")
        assert tracker_counts(run) == "Open 3   Overdue 0   Done 6"
