"""The grid's delete notice says when lines written under the row went with it."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import running

NESTED = (
    "# Retros\n\n## Sprint 1 (2025-01-01)\n\n### Action Items\n\n"
    "- [ ] parent item\n  continued here\n  - child one\n  - child two\n- [ ] sibling\n"
)


async def test_deleting_a_row_with_nested_lines_says_so(tmp_path: Path) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(NESTED.encode())
    async with running(path) as run:
        await run.press("1", "d")  # the file has one section: the Actions tab is the first
        assert run.notes[-1] == "Deleted 'parent item' with 3 nested lines. ^z brings it back."
        await run.press("d")
        assert run.notes[-1] == "Deleted 'sibling'. ^z brings it back."
