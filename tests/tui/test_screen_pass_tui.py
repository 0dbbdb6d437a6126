"""Hostile text from the file on the editor's screen: what each widget hands to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Input, Static

from retrotui.config import Settings
from retrotui.live.options import LiveOptions
from retrotui.merge import merge
from retrotui.tui.dialogs.choice import ChoiceDialog, quit_dialog
from retrotui.tui.dialogs.commit import CommitDialog
from retrotui.tui.dialogs.merge import MergeDialog
from retrotui.tui.dialogs.save_as import SaveAsDialog
from retrotui.tui.internals.grid_table import GridTable
from retrotui.tui.terminal_guard import ControlCharacters
from retrotui.tui.widgets.focus_line import FocusLine
from retrotui.tui.widgets.meeting_timer import MeetingTimer
from tests.tui.helpers import make_app, running

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


# A file name is the user's, but a clone brings it: ESC ] 0 renames the terminal, and a byte that is not
# UTF-8 (held as a lone surrogate) reached the terminal as the six characters "\udcff" in one cell's place.
HOSTILE_NAME = "R\udcff\x1b]0;pwned\x07\u202e.md"
SHOWN_NAME = "R\\xff␛]0;pwned␇\\u202e.md"


def shown(screen: Screen[object], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_quit_and_choice_dialogs_show_a_hostile_file_name_as_text(tmp_path: Path) -> None:
    path = tmp_path / "RETRO.md"
    path.write_text(TABBED, encoding="utf-8")
    async with running(path) as run:
        await run.app.push_screen(quit_dialog(HOSTILE_NAME))
        await run.settle()
        assert shown(run.app.screen, ".dialog-message") == f"{SHOWN_NAME} has changes that are not saved."
        await run.press("escape")
        title = f"{HOSTILE_NAME} is gone"
        await run.app.push_screen(ChoiceDialog(title, f"/home/{HOSTILE_NAME}\nline two", [("cancel", "Cancel", "c")]))
        await run.settle()
        assert shown(run.app.screen, ".dialog-title") == f"{SHOWN_NAME} is gone"
        assert shown(run.app.screen, ".dialog-message") == f"/home/{SHOWN_NAME}\nline two"


async def test_the_commit_and_merge_dialogs_show_a_hostile_file_name_as_text(tmp_path: Path) -> None:
    path = tmp_path / "RETRO.md"
    path.write_text(TABBED, encoding="utf-8")
    mine, theirs = TABBED.replace("Ana\tB", "Mine"), TABBED.replace("Ana\tB", "Theirs")
    async with running(path) as run:
        await run.app.push_screen(CommitDialog("retro: Sprint 1", HOSTILE_NAME))
        await run.settle()
        assert shown(run.app.screen, ".dialog-title") == f"Commit {SHOWN_NAME}"
        await run.press("escape")
        await run.app.push_screen(MergeDialog(merge(TABBED, mine, theirs), HOSTILE_NAME))
        await run.settle()
        assert shown(run.app.screen, "#merge-title").startswith(f"{SHOWN_NAME} changed on disk — conflict 1 of 1\n")


async def test_a_path_field_holding_an_undecodable_byte_draws_one_replacement_cell(tmp_path: Path) -> None:
    """The save-elsewhere field holds the path as it is (its bytes round-trip); a lone surrogate written to
    the terminal came out as the six characters "\\udcff" where Textual counted one cell, pushing the field's
    border aside.  The last guard draws it as U+FFFD, one cell; the field's value is untouched."""
    path = tmp_path / "RETRO.md"
    path.write_text(TABBED, encoding="utf-8")
    async with running(path) as run:
        target = Path("/team/R\udcff\udc9b.md")  # shown, never written: the dialog is left open
        await run.app.push_screen(SaveAsDialog(target))
        await run.settle()
        field = run.app.screen.query_one(Input)
        strips = field.render_lines(Region(0, 0, *field.outer_size))
        drawn = "".join(strip.text for strip in strips)
        assert "R\ufffd\ufffd.md" in drawn and not any("\ud800" <= c <= "\udfff" for c in drawn)
        assert all(strip.cell_length == field.outer_size.width for strip in strips)
        assert field.value == str(target)


def test_the_last_guard_drops_a_tab_and_draws_a_lone_surrogate_as_one_cell() -> None:
    """A tab some widget forgot to expand takes no cell in Textual's sums: dropped, the line stays in place."""
    guard = ControlCharacters()
    line = [Segment("Fix\tthe\x1b[2J build", Style(bold=True)), Segment("R\udcff.md")]
    drawn = guard.apply(line, Color(0, 0, 0))
    assert [segment.text for segment in drawn] == ["Fixthe[2J build", "R\ufffd.md"]
    assert sum(segment.cell_length for segment in drawn) == sum(segment.cell_length for segment in line)


TITLED = """# Team

## Sprint 1 (2025-10-01)

### 1. Summary \x1b[2J\u202eevil
- one

### 4. Action Items

| Item | Owner | Due Date | Status | Notes \x1b]0;pwned\x07 |
|------|-------|----------|--------|------|
| Fix the build | Ana | 2025-10-10 | ☐ | x |
"""


async def test_the_focus_line_and_the_grids_column_names_show_control_characters(tmp_path: Path) -> None:
    """Both quoted the file raw, and the last guard dropped what it could not show: "Summary [2Jevil" read
    as if the file said so.  Shown like every other place shows them: ␛ and \\u202e."""
    path = tmp_path / "RETRO.md"
    path.write_text(TITLED, encoding="utf-8")
    async with running(path) as run:
        await run.press("2")
        line = str(run.app.query_one(FocusLine).render())
        assert line.startswith("▸ Summary ␛[2J\\u202eevil items:"), line
        await run.press("1")
        labels = [column.label.plain for column in run.app.query_one(GridTable).columns.values()]
        assert labels[-1] == "Notes ␛]0;pwned␇"
        assert run.saved == TITLED


async def test_a_command_bound_to_brackets_is_listed_in_the_palette_not_parsed_as_markup(tmp_path: Path) -> None:
    """The palette reads a command's help as markup, and the help ends with the command's keys from the
    keymap: ``"app.tracker" = "[,]"`` (two valid keys) made it "… ([/])", a closing tag, and searching the
    palette ended the editor with a ``MarkupError`` traceback, unsaved edits and all."""
    path = tmp_path / "RETRO.md"
    path.write_text(TABBED, encoding="utf-8")
    async with running(path, settings=Settings(keymap={"app.tracker": "[,]"})) as run:
        await run.press("ctrl+p", *"tracker")
        palette = run.app.screen
        assert isinstance(palette, CommandPalette)
        listed = palette.query_one(CommandList)
        prompts = [str(listed.get_option_at_index(n).prompt) for n in range(listed.option_count)]
        assert any(prompt.endswith("([/])") for prompt in prompts), prompts
        await run.press("escape")
    assert run.app.return_code == 0 or run.app.return_code is None


async def test_a_live_command_bound_to_brackets_is_offered_with_its_keys_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))  # the room's files: the test's own
    path = tmp_path / "RETRO.md"
    path.write_text(TABBED, encoding="utf-8")
    app = make_app(path, live=LiveOptions("Ana"), settings=Settings(keymap={"live.write": "[,]"}))
    async with app.run_test(size=(120, 40)):
        offered = {command.title: command.help for command in app.meeting.palette_commands()}
    assert Content.from_markup(offered["Start silent writing"]).plain.endswith("([/])")


async def test_the_meeting_timer_names_its_section_with_stand_ins(tmp_path: Path) -> None:
    path = tmp_path / "RETRO.md"
    path.write_text(TITLED, encoding="utf-8")
    async with running(path, clock=lambda: 1000.0) as run:
        await run.press("2", "ctrl+t")
        timer = run.app.query_one(MeetingTimer)
        assert timer.display and str(timer.render()).endswith(" Summary ␛[2J\\u202eevil")


async def test_a_conflict_in_a_crlf_file_shows_its_lines_without_carriage_returns(tmp_path: Path) -> None:
    base = TABBED.replace("\n", "\r\n")
    mine, theirs = base.replace("Ana\tB", "Mine"), base.replace("Ana\tB", "Theirs")
    path = tmp_path / "RETRO.md"
    path.write_bytes(base.encode("utf-8"))
    async with running(path) as run:
        await run.app.push_screen(MergeDialog(merge(base, mine, theirs), "RETRO.md"))
        await run.settle()
        ours = shown(run.app.screen, "#merge-ours")
        assert ours == "Mine\n| Fix\tthe build | Mine | 2025-10-10 | ☐ |\n", ours
        assert "␍" not in shown(run.app.screen, "#merge-theirs")
