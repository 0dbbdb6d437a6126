"""The editor on files other teams write: content outside retros, their own new-retro shape, templates, history."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Select

from retrotui.tui.dialogs.history import HistoryDialog
from retrotui.tui.dialogs.new_retro import NewRetroDialog
from retrotui.tui.widgets.other_content import OtherContentView
from retrotui.tui.widgets.retro_list import RetroList
from tests.conftest import changed_lines, read_exact
from tests.tui.helpers import copy_sample, running

DATED_LOG = """# Platform retros

Notes from our fortnightly retros, newest first.

## Retro Action Items - 26/11/2026

### Went well
- Deploys were calm

### Action items
- [ ] Pin the CI image @ana
- [x] Rotate the staging keys

## Retro Action Items - 12/11/2026

### Went well
- Pairing

### Action items
- [ ] Write the on-call guide

## Attendees

Ana, Bo, Cy
"""


async def test_content_outside_the_retros_is_shown_and_editable(tmp_path: Path) -> None:
    path = tmp_path / "log.md"
    path.write_text(DATED_LOG, encoding="utf-8")
    async with running(path) as run:
        retro_list = run.app.query_one(RetroList)
        await run.press("end")  # the last entry of the list
        assert str(retro_list.get_option_at_index(retro_list.option_count - 1).prompt) == "Other content"
        view = run.app.query_one(OtherContentView)
        texts = [part.text for part in view.parts]
        assert any("Notes from our fortnightly retros" in text for text in texts)
        assert any("Ana, Bo, Cy" in text for text in texts)
        await run.press("enter", "down", "enter")  # into the list, the second part (Attendees), edit it
        await run.press("down", "down", "end", *", Di", "escape")
        await run.press("ctrl+s")
    removed, added = changed_lines(DATED_LOG, read_exact(path))
    assert (removed, added) == (["Ana, Bo, Cy"], ["Ana, Bo, Cy, Di"])


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
async def test_looking_at_other_content_without_a_change_changes_nothing(newline: str, tmp_path: Path) -> None:
    path = tmp_path / "log.md"
    path.write_bytes(("---\ntitle: log\n---\n" + DATED_LOG).replace("\n", newline).encode("utf-8"))
    async with running(path) as run:
        await run.press("end", "enter")
        for _ in range(len(run.app.query_one(OtherContentView).parts)):
            await run.press("enter", "escape", "down")
        assert not run.editor.editor.modified and not run.editor.editor.can_undo()
        await run.press("ctrl+q")
        assert run.app.return_code == 0  # no question about unsaved changes


async def test_ctrl_n_on_a_newest_first_dated_log_follows_the_file(tmp_path: Path) -> None:
    path = tmp_path / "log.md"
    path.write_text(DATED_LOG, encoding="utf-8")
    async with running(path) as run:  # today is 2025-11-27 in these tests
        await run.press("ctrl+n")
        assert isinstance(run.app.screen, NewRetroDialog)
        await run.press("enter")
        await run.press("ctrl+s")
    text = read_exact(path)
    assert text.index("## Retro Action Items - 27/11/2025") < text.index("## Retro Action Items - 26/11/2026")
    new_block = text.split("## Retro Action Items - 27/11/2025", 1)[1].split("\n## ", 1)[0]
    assert "### Went well\n" in new_block and "### Action items\n" in new_block
    assert "- [ ] Pin the CI image (from Retro Action Items - 26/11/2026) @ana" in new_block  # carried
    assert "(2025-11-27)" not in text and "- \n" not in new_block


async def test_a_well_known_template_can_be_picked_for_a_new_retro(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("ctrl+n")
        run.app.screen.query_one("#new-template", Select).value = "start-stop-continue"
        await run.press(*"Sprint 5", "enter")
        sections = [s.title for s in run.editor.current.sections]  # type: ignore[union-attr]
        assert sections[:3] == ["Start", "Stop", "Continue"]


async def test_empty_sections_show_the_templates_prompts_but_never_write_them(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("ctrl+n", *"Sprint 5", "enter", "1")
        hint = str(run.editor.view.query_one("#section-1 #section-hint").render())  # type: ignore[union-attr]
        assert "What was shipped?" in hint
        await run.press("a", *"The first thing", "enter", "ctrl+s")
    block = read_exact(path).split("## Sprint 5", 1)[1]
    assert "What was shipped?" not in block and "- The first thing\n" in block


async def test_the_tracker_shows_an_items_history(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("t", "f", "f", "f")  # every item, open or done
        screen = run.editor.tracker
        assert screen is not None and run.editor.tracker_shown
        row = next(i for i, t in enumerate(screen.shown) if len(t.history) > 1)
        screen.table.cursor_row = row
        await run.press("h")
        dialog = run.app.screen
        assert isinstance(dialog, HistoryDialog)
        assert [retro for retro, _, _ in dialog.rows] == [c.retro.title for c in screen.shown[row].history]
        await run.press("escape")
        assert run.app.screen is run.editor and run.editor.tracker_shown


async def test_saving_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = copy_sample(tmp_path)
    link = tmp_path / "RETRO.md"
    link.symlink_to(real.name)
    async with running(link) as run:
        await run.press("4", "space", "ctrl+s")
        assert run.notes[-1] == "Saved RETRO.md"
    assert os.path.islink(link) and os.readlink(link) == real.name
    assert "| Carry: stabilise preemption tests (from Sprint 2) | @sre-oncall | 2025-12-05 | ☐ |" in read_exact(real)
