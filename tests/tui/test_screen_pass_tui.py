"""Hostile text from the file on the editor's screen: what each widget hands to the terminal."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from tests.tui.helpers import running

TABBED = """# Team

## Sprint 1 (2025-10-01)

### 4. Action Items

| Item | Owner | Due Date | Status |
|------|-------|----------|--------|
| Fix\tthe build | Ana\tB | 2025-10-10 | ☐ |
"""


async def test_a_tab_in_an_item_never_reaches_the_terminal_from_the_tracker(tmp_path: Path) -> None:
    """A tab takes no cell in Textual's sums but moves a real terminal's cursor to the next tab stop:
    the rest of the tracker's row was drawn columns to the right of where Textual thought it was."""
    path = tmp_path / "RETRO.md"
    path.write_text(TABBED, encoding="utf-8")
    async with running(path) as run:
        await run.press("t")
        tracker = run.editor.tracker
        assert tracker is not None
        table = tracker.table
        for y in (0, 1):
            strip = table.render_line(y)
            assert "\t" not in strip.text and strip.cell_length == table.size.width == cell_len(strip.text)
        row = table.render_line(1).text
        assert "Fix the build" in " ".join(row.split()) and "Ana B" in " ".join(row.split())
        assert run.saved == TABBED  # shown differently, kept as it is
