"""The editor's flows under Pilot: start, layout, sections, keys, save, commit, quit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, ListView, OptionList, TabbedContent, TextArea

from retrotui.session import Session
from retrotui.store import StoreError, discover
from retrotui.tui.app import RetroApp
from retrotui.tui.dialogs.choice import ChoiceDialog
from retrotui.tui.dialogs.commit import CommitDialog
from retrotui.tui.dialogs.help import HelpScreen
from retrotui.tui.dialogs.new_retro import NewRetroDialog
from retrotui.tui.screens.editor import EditorScreen
from retrotui.tui.widgets.action_grid import ActionGrid, CellEditor, GridTable
from retrotui.tui.widgets.retro_list import RetroList
from retrotui.tui.widgets.section_editor import BulletInput, SectionEditor, SectionText
from tests.conftest import CORPUS, SAMPLES, changed_lines, git, init_repo, read_exact
from tests.tui.helpers import TOGGLED_ROW, copy_sample, recorded_notes, running, their_owner_on_disk

# -- start ------------------------------------------------------------------------------


async def test_start_selects_the_newest_retro_with_focus_in_the_list(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        retro_list = run.app.query_one(RetroList)
        assert run.app.focused is retro_list
        assert run.editor.current is not None and run.editor.current.title == "Sprint 4 – Hardening"
        labels = [str(retro_list.get_option_at_index(i).prompt) for i in range(retro_list.option_count)]
        assert labels[0].endswith("Sprint 4 – Hardening") and labels[-2:] == ["Template", "Other content"]
        assert [s for s in labels if "Sprint" in s][-1].endswith("Sprint 0 – Discovery & Alignment")


async def test_newest_first_files_list_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes((CORPUS / "06-newest-first.md").read_bytes())
    async with running(path) as run:
        assert run.editor.current is not None and run.editor.current.title.startswith("Sprint 2")


async def test_tabs_one_per_section_known_first_then_extras(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes((CORPUS / "08-extra-sections-and-code.md").read_bytes())
    async with running(path) as run:
        tabs = run.app.query_one(TabbedContent)
        labels = [str(tab.label) for tab in tabs.query("ContentTab")]
        assert labels == ["1 Summary", "2 Went Well", "3 Improve", "4 Actions", "5 Metrics", "6 Follow-Up", "7 Kudos"]
        assert not tabs.get_pane("tab-4").query(ActionGrid)  # built when first shown
        await run.press("4")
        assert isinstance(tabs.get_pane("tab-4").query_one(ActionGrid), ActionGrid)
        grid = run.app.query_one(GridTable)
        assert [str(c.label) for c in grid.columns.values()] == ["Item", "Owner", "Due Date", "Status", "Notes"]


async def test_number_keys_jump_to_tabs_but_not_while_typing(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        tabs = run.app.query_one(TabbedContent)
        await run.press("2")
        assert tabs.active == "tab-2"
        await run.press("a")  # add an item in What Went Well: focus is in a text field now
        assert isinstance(run.app.focused, BulletInput)
        await run.press("5")
        assert tabs.active == "tab-2" and run.app.focused.value == "5"  # type: ignore[union-attr]
        await run.press("alt+6")
        assert tabs.active == "tab-6"


async def test_header_shows_name_modified_marker_and_branch(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "retro-week")
    path = copy_sample(tmp_path)
    async with running(path, look_up_branch=True) as run:
        await run.settle()
        assert run.editor.title == "volcano-multi-sprint.md"
        assert "⎇ retro-week" in run.editor.sub_title
        await run.press("4", "space")
        assert run.editor.title == "volcano-multi-sprint.md ●"


async def test_control_characters_in_the_file_name_are_shown_not_sent(tmp_path: Path) -> None:
    path = tmp_path / "retro\x1b]0;PWNED\x07.md"
    shutil.copyfile(SAMPLES / "volcano-multi-sprint.md", path)
    async with running(path) as run:
        assert run.editor.title == "retro␛]0;PWNED␇.md"
        await run.press("4", "space")
        assert run.editor.title == "retro␛]0;PWNED␇.md ●"


def drawn(widget: Widget) -> str:
    """The characters a widget's lines send to the terminal (after the app's line filters)."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join("".join(segment.text for segment in line) for line in lines)


BIDI_FILE = """# Retros

## Sprint 1 (2025-10-17)

### What Went Well
- invoice \u202etxt.exe\u2066 paid

### Action Items

| Item | Owner | Due Date | Status |
|------|-------|----------|--------|
| Pay \u202eevil | Ana\u2067x | 2025-10-24 | ☐ |
"""


async def test_bidi_overrides_in_the_fields_being_typed_in_never_reach_the_terminal(tmp_path: Path) -> None:
    """A cell, an item and a section's Markdown hold the file's text as it is; their drawing drops the overrides."""
    path = tmp_path / "bidi.md"
    path.write_text(BIDI_FILE, encoding="utf-8")
    overrides = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    async with running(path) as run:
        await run.press("2", "right", "enter")
        cell = run.app.query_one(CellEditor)
        assert cell.value == "Ana\u2067x"
        assert "Anax" in drawn(cell) and not overrides & set(drawn(cell))
        await run.press("escape", "1", "e")
        item = run.app.query_one(BulletInput)
        assert item.value == "invoice \u202etxt.exe\u2066 paid"
        assert "invoice txt.exe paid" in drawn(item) and not overrides & set(drawn(item))
        await run.press("escape", "m")
        text = run.app.query_one(SectionText)
        assert "\u202e" in text.text
        assert "invoice txt.exe paid" in drawn(text) and not overrides & set(drawn(text))
        await run.press("escape")
        assert not run.editor.editor.modified


MARKUP_FILE = """# Retros

## Sprint [bold red]R[/] [link=http://evil.example]x[/link] (2025-10-17)

### Went [reverse]well[/reverse] [link=http://evil.example]click[/link]
- a [red]b[/red]

### Actions [link=http://evil.example]here[/link]

| Item | Owner | Due Date | Status |
|------|-------|----------|--------|
| Fix it | [bold]Ana[/bold] | 2025-10-24 | ☐ |
"""


def title_of(widget: Widget) -> str:
    """A border title as drawn (Textual keeps it as markup, with the file's brackets escaped)."""
    return Content.from_markup(widget.border_title or "").plain


async def test_markup_in_titles_is_shown_as_text_not_read_as_markup(tmp_path: Path) -> None:
    """A section or retro title holding ``[link=http://…]`` ended the editor with a MarkupError (tab, first frame,
    ctrl+n); ``[bold red]`` in one was drawn bold."""
    path = tmp_path / "markup.md"
    path.write_text(MARKUP_FILE, encoding="utf-8")
    app = RetroApp(
        lambda: Session.open(path),
        path=path,
        look_up_branch=False,
        watch_file=False,
        journal=False,
        preview=MARKUP_FILE,
    )
    async with app.run_test() as pilot:
        body = app.screen.query_one("#preview-view .section-area")
        assert title_of(body) == "Actions [link=http://evil.example]here[/link]"
        await pilot.pause()
    async with running(path) as run:
        await run.press("1")
        grid = run.app.query_one(ActionGrid)
        assert title_of(grid) == "Actions [link=http://evil.example]here[/link]"
        await run.press("2")
        section = run.app.query_one("#section-2", SectionEditor)
        assert title_of(section) == "Went [reverse]well[/reverse] [link=http://evil.example]click[/link]"
        await run.press("ctrl+n")
        dialog = run.app.screen
        assert isinstance(dialog, NewRetroDialog)
        carry = str(dialog.query_one("#new-carry").render())
        assert "from Sprint [bold red]R[/] [link=http://evil.example]x[/link] (1)" in carry
        await run.press("escape")
        assert run.app.return_code is None


def test_discovery_prefers_the_usual_names(tmp_path: Path) -> None:
    assert discover(tmp_path) == tmp_path / "RETRO.md"
    (tmp_path / "retrospective.md").write_text("# r\n", encoding="utf-8")
    assert discover(tmp_path) == tmp_path / "retrospective.md"
    (tmp_path / "RETRO.md").write_text("# r\n", encoding="utf-8")
    assert discover(tmp_path) == tmp_path / "RETRO.md"


async def test_new_file_starts_from_the_template_and_is_written_on_first_save(tmp_path: Path) -> None:
    path = tmp_path / "RETRO.md"
    async with running(path) as run:
        assert not path.exists()
        assert "new file" in run.editor.sub_title
        await run.press("ctrl+n")
        await run.press(*"Sprint 1", "enter")
        await run.press("ctrl+s")
    text = read_exact(path)
    assert text.startswith("# Retrospectives\n")
    assert "## Retro Template" in text and "## Sprint 1 (2025-11-27)" in text


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing-folder" / "RETRO.md", "does not exist"),
        (lambda d: d, "is a directory"),
    ],
)
def test_unopenable_paths_fail_before_the_ui(make, message: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match=message):
        Session.open(make(tmp_path))


def test_editor_command_exits_2_with_one_line_before_the_ui(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"# caf\xe9\n")
    for target, message in [
        (bad, "not UTF-8"),
        (tmp_path / "nope" / "x.md", "does not exist"),
        (tmp_path, "is a directory"),
    ]:
        script = Path(sys.executable).parent / "retrotui"
        result = subprocess.run([str(script), str(target)], capture_output=True, text=True, check=False, timeout=60)
        assert result.returncode == 2, result
        assert result.stdout == "" and len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_demo_copy_is_the_sample(tmp_path: Path) -> None:
    from retrotui.cli import demo_copy

    copy = demo_copy()
    samples = Path(__file__).parents[2] / "sample_data" / "volcano-retrospective.md"
    assert copy.read_bytes() == samples.read_bytes()
    assert copy.parent != samples.parent


async def test_read_only_file_shows_a_banner_and_save_says_why(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    os.chmod(path, 0o444)
    before = read_exact(path)
    async with running(path) as run:
        banner = run.app.query_one("#read-only-banner")
        assert "Read-only" in str(banner.render())
        await run.press("4", "space", "ctrl+s")
        assert isinstance(run.app.screen, ChoiceDialog)  # saving elsewhere is offered
        await run.press("c")
        assert any("cannot be saved: the file is not writable; nothing was written" in note for note in run.notes)
    assert read_exact(path) == before


async def test_edits_to_a_read_only_file_can_be_saved_elsewhere(tmp_path: Path) -> None:
    """ctrl+s on a read-only file only said why: the edits had nowhere to go but the crash journal."""
    path = copy_sample(tmp_path)
    os.chmod(path, 0o444)
    before = read_exact(path)
    async with running(path) as run:
        await run.press("4", "space", "ctrl+s", "e")
        run.app.screen.query_one(Input).value = str(tmp_path / "mine.md")
        await run.press("enter")
        assert run.notes[-1] == "Saved mine.md" and run.editor.title == "mine.md"
        assert not run.app.query("#read-only-banner")
    assert read_exact(path) == before
    assert TOGGLED_ROW in read_exact(tmp_path / "mine.md")


async def test_save_and_quit_on_a_read_only_file_saves_elsewhere_then_quits(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    os.chmod(path, 0o444)
    before = read_exact(path)
    async with running(path) as run:
        await run.press("4", "space", "ctrl+q", "s")  # save and quit: the file cannot be written
        assert isinstance(run.app.screen, ChoiceDialog) and run.app.return_code is None
        await run.press("e")
        run.app.screen.query_one(Input).value = str(tmp_path / "mine.md")
        await run.press("enter")
        assert run.app.return_code == 0  # saved elsewhere, then quit as asked
    assert read_exact(path) == before
    assert TOGGLED_ROW in read_exact(tmp_path / "mine.md")


async def test_read_only_is_asked_at_every_save_not_once(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    os.chmod(path, 0o444)
    async with running(path) as run:
        await run.press("4", "down", "space", "ctrl+s", "c")
        assert read_exact(path) == (SAMPLES / "volcano-multi-sprint.md").read_text(encoding="utf-8")
        os.chmod(path, 0o644)  # someone makes it writable while the editor is open
        await run.press("ctrl+s")
        assert run.notes[-1] == "Saved volcano-multi-sprint.md"
        assert not run.app.query("#read-only-banner") and "read-only" not in run.editor.sub_title
    assert "| Write an on-call handover template | @sre-oncall | 2026-01-09 | ☑ |" in read_exact(path)


# -- sections -------------------------------------------------------------------------------


async def test_bullets_add_edit_delete_reorder_keep_the_file_style(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes((CORPUS / "08-extra-sections-and-code.md").read_bytes())
    before = read_exact(path)
    async with running(path) as run:
        await run.press("2")
        editor = run.app.query_one("#section-2", SectionEditor)
        assert run.app.focused is editor.list_view
        await run.press("a", *"Third item", "enter")
        await run.press("up", "e")
        field = run.app.query_one(BulletInput)
        field.value = "Plus bullets, renamed"
        await run.press("enter")
        await run.press("down", "shift+up")
        assert run.editor.editor.bullets(editor.section) == [
            "Star bullets instead of dashes.",
            "Third item",
            "Plus bullets, renamed",
        ]
        await run.press("up", "d")
        assert run.editor.editor.bullets(editor.section) == ["Third item", "Plus bullets, renamed"]
        await run.press("ctrl+s")
    removed, added = changed_lines(before, read_exact(path))
    assert removed == ["* Star bullets instead of dashes.", "+ Plus bullets too."]
    assert added == ["+ Third item", "+ Plus bullets, renamed"]


async def test_section_as_text_and_empty_sections(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("5", "m")
        text_area = run.app.query_one("#section-5 SectionText", SectionText)
        assert run.app.focused is text_area
        text_area.load_text("")
        await run.press("escape")
        section = run.app.query_one("#section-5", SectionEditor)
        assert run.editor.editor.bullets(section.section) == []
        assert run.app.focused is section.list_view
        await run.press("a", *"Dashboards linked", "enter")
        await run.press("ctrl+s")
    assert (
        "### 5. Metrics & Evidence\n- Dashboards linked\n\n### 6. Follow-Up\n- Next review 2026-01-09.\n"
        in read_exact(path)
    )


async def test_a_heading_typed_into_a_sections_text_is_kept_and_said(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("2", "m")
        text_area = run.app.query_one("#section-2 SectionText", SectionText)
        text_area.load_text("## Sprint 99 (2025-01-01)\n\n- a\n\n```\n# not a heading in a fence\n```\n")
        await run.press("escape")
        assert any(note.startswith("Line 1 of the text is a heading") for note in run.notes)
        await run.press("ctrl+s")
    assert "## Sprint 99 (2025-01-01)\n" in read_exact(path)  # kept as typed: the user was told


async def test_plain_text_in_a_sections_text_raises_no_warning(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("2", "m")
        run.app.query_one("#section-2 SectionText", SectionText).load_text("- a\n- #hashtag, not a heading\n")
        await run.press("escape")
        assert not any("is a heading" in note for note in run.notes)


# -- keys, palette, help ----------------------------------------------------------------------


def test_every_binding_has_an_id() -> None:
    from retrotui.tui.dialogs.commit import CommitDialog as Commit

    classes = [
        RetroApp,
        ActionGrid,
        CellEditor,
        SectionEditor,
        BulletInput,
        SectionText,
        HelpScreen,
        ChoiceDialog,
        Commit,
        NewRetroDialog,
    ]
    missing = [(cls.__name__, b.key) for cls in classes for b in cls.BINDINGS if isinstance(b, Binding) and not b.id]
    assert missing == []


def plain(renderable: object) -> str:
    from rich.console import Console

    console = Console(width=120, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


async def test_help_is_generated_from_the_bindings(tmp_path: Path) -> None:
    from retrotui.tui.dialogs.help import help_table

    async with running(copy_sample(tmp_path)) as run:
        await run.press("f1")
        assert isinstance(run.app.screen, HelpScreen)
        await run.press("escape")
        await run.press("question_mark")
        assert isinstance(run.app.screen, HelpScreen)
        text = plain(help_table(run.app.keys_text))
        run.app.keymap = {"app.save": "ctrl+w"}
        remapped = plain(help_table(run.app.keys_text))
    lines = {" ".join(line.split()) for line in text.splitlines()}
    for expected in (
        "^s Save: Write the file",
        "^g Save and commit: Save, then git commit this file",
        "space Toggle status: Open ↔ done for the action item under the cursor",
        "shift+↑ Move item up: Swap with the item above",
        "m Edit section as text: The section's Markdown in a text area",
        "f1/? Help: Every key, and where the focus is",
        "a Add action item: A new row; starts editing its Item",
        "tab Next area: retro list → tab bar → section or grid",
    ):
        assert expected in lines, expected
    assert "^w Save: Write the file" in {" ".join(line.split()) for line in remapped.splitlines()}


async def test_command_palette_lists_every_action(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("4")
        titles = [command.title for command in run.app.get_system_commands(run.app.screen)]
        await run.press("2")
        section_titles = [command.title for command in run.app.get_system_commands(run.app.screen)]
    for expected in ("Save", "Save and commit", "New retro", "Undo", "Redo", "Help", "Quit", "Go to tab 4"):
        assert expected in titles and expected in section_titles
    for expected in ("Toggle status", "Add action item", "Delete action item", "Edit cell", "Move action item up"):
        assert expected in titles
    for expected in ("Add item", "Edit item", "Delete item", "Move item down", "Edit section as text"):
        assert expected in section_titles


async def test_palette_runs_a_command(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "ctrl+p")
        await run.press(*"toggle status")
        await run.pilot.pause(0.3)
        await run.press("enter")
        await run.pilot.pause(0.1)
        assert run.editor.current.action_items[0].status == "open"  # type: ignore[union-attr]


async def test_the_palettes_one_quit_asks_about_unsaved_edits_and_no_screenshot_is_offered(tmp_path: Path) -> None:
    """Textual's own "Quit" (at once, unsaved edits and all) was listed beside ours; its "Screenshot" wrote
    an SVG beside the retro, into the repository."""
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space")
        commands = list(run.app.get_system_commands(run.app.screen))
        quits = [command for command in commands if command.title == "Quit"]
        assert len(quits) == 1 and "asks about unsaved changes" in quits[0].help
        assert "Screenshot" not in [command.title for command in commands]
        run.app.call_later(quits[0].callback)  # as the palette runs it
        await run.settle()
        assert isinstance(run.app.screen, ChoiceDialog) and run.app.return_code is None
        await run.press("c")


# -- new retro ----------------------------------------------------------------------------------


async def test_ctrl_n_makes_a_retro_with_chosen_carried_items(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        await run.press("ctrl+n")
        dialog = run.app.screen
        assert isinstance(dialog, NewRetroDialog)
        assert dialog.query_one("#new-date", Input).value == "2025-11-27"
        dialog.query_one("#new-title", Input).value = "Sprint 5 – Wave 3"  # an en dash is no key to press
        dialog.query_one("#new-items", OptionList).focus()
        await run.press("down", "space")  # untick the second open item
        dialog.query_one("#new-title", Input).focus()
        await run.press("enter")
        assert run.editor.current is not None and run.editor.current.title == "Sprint 5 – Wave 3"
        items = [a.item for a in run.editor.current.action_items]
        assert items == [
            "Write an on-call handover template (from Sprint 4)",
            "Retire the legacy cron scheduler (from Sprint 4)",
        ]
        assert str(run.app.query_one(RetroList).get_option_at_index(0).prompt).endswith("Sprint 5 – Wave 3")
        await run.press("ctrl+s")
    removed, added = changed_lines(before, read_exact(path))
    assert removed == ["**Last Updated:** 2025-12-12"]
    assert "## Sprint 5 – Wave 3 (2025-11-27)" in added


async def test_new_retro_refuses_a_duplicate_title_and_a_bad_date(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("ctrl+n")
        dialog = run.app.screen
        assert isinstance(dialog, NewRetroDialog)
        dialog.query_one("#new-title", Input).value = "sprint 4 – hardening"
        await run.press("enter")
        assert "already a retro" in str(dialog.query_one("#new-error").render())
        dialog.query_one("#new-title", Input).value = "Sprint 9"
        dialog.query_one("#new-date", Input).value = "2025-02-30"
        await run.press("enter")
        assert "not a real date" in str(dialog.query_one("#new-error").render())
        await run.press("escape")
        assert not run.editor.editor.modified


async def test_new_retro_refuses_a_retro_the_file_would_hide(tmp_path: Path) -> None:
    """A file that ends inside a code fence never closed: ctrl+n added the retro into it, where it was
    code, and the items typed into it were in no retro the next time the file was read."""
    path = tmp_path / "RETRO.md"
    text = "# Retros\n\n## Sprint 1 (2024-01-01)\n### Action Items\n- [ ] a\n```\nlog\n"
    path.write_text(text, encoding="utf-8")
    async with running(path) as run:
        await run.press("ctrl+n")
        dialog = run.app.screen
        assert isinstance(dialog, NewRetroDialog)
        dialog.query_one("#new-title", Input).value = "Sprint 2"
        await run.press("enter")
        assert run.app.screen is dialog
        error = str(dialog.query_one("#new-error").render())
        assert "Line 6: code fence is never closed, so the new retro 'Sprint 2' would not be read as one" in error
        await run.press("escape")
        assert [r.title for r in run.editor.editor.doc.retros] == ["Sprint 1"]
        assert not run.editor.editor.modified
    assert read_exact(path) == text


async def test_new_retro_at_80x24_shows_why_it_refuses(tmp_path: Path) -> None:
    """The error and the keys were under the carried items, cut off at 80x24: enter seemed to do nothing."""
    big = tmp_path / "big.md"
    text = read_exact(copy_sample(tmp_path))
    extra = "".join(f"| Open item {n} | Ana | 2026-02-0{n} | ☐ |\n" for n in range(1, 7))
    big.write_text(text.replace("| Retire the legacy cron scheduler |", f"{extra}| Retire the legacy cron scheduler |"))
    async with running(big, size=(80, 24)) as run:
        await run.press("ctrl+n")
        dialog = run.app.screen
        assert isinstance(dialog, NewRetroDialog)
        box = dialog.query_one(".dialog").region
        assert run.app.screen.region.contains_region(box)
        dialog.query_one("#new-date", Input).value = "2025-02-30"
        await run.press("enter")
        error = dialog.query_one("#new-error")
        assert "not a real date" in str(error.render())
        assert error.region.height and box.contains_region(error.region)
        assert box.contains_region(dialog.query_one(".dialog-help").region)
        await run.press("escape")


# -- save, disk changes, failures ------------------------------------------------------------------


async def test_save_bumps_last_updated_and_clears_the_marker(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space", "ctrl+s")
        assert run.editor.title == "volcano-multi-sprint.md"
    assert "**Last Updated:** 2025-11-27\n" in read_exact(path)


async def test_a_change_on_disk_without_unsaved_edits_is_reloaded(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        theirs = read_exact(path).replace("Q1 capacity review", "Q1 capacity and budget review")
        path.write_bytes(theirs.encode("utf-8"))
        await run.editor.check_disk()
        await run.pilot.pause()
        assert run.editor.current is not None
        assert run.editor.current.action_items[2].item == "Q1 capacity and budget review with finance"
        assert not run.editor.editor.modified
        assert "volcano-multi-sprint.md changed on disk; reloaded." in run.notes


async def test_a_change_on_disk_merges_into_unsaved_edits(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space")
        theirs = read_exact(path).replace("Q1 capacity review", "Q1 capacity and budget review")
        path.write_bytes(theirs.encode("utf-8"))
        await run.editor.check_disk()
        await run.pilot.pause()
        assert "Merged the changes on disk into your edits." in run.notes
        items = run.editor.current.action_items  # type: ignore[union-attr]
        assert items[0].status == "open" and items[2].item == "Q1 capacity and budget review with finance"
        assert run.editor.editor.modified
        assert read_exact(path) == theirs  # nothing written until a save
        await run.press("ctrl+s")
    after = read_exact(path)
    assert "| Q1 capacity and budget review with finance | Platform Lead | 2026-01-16 | ☐ |" in after
    assert TOGGLED_ROW in after


async def test_save_merges_a_change_made_since_the_last_poll(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "space")
        theirs = read_exact(path).replace("Retire the legacy cron scheduler", "Retire cron")
        path.write_bytes(theirs.encode("utf-8"))
        await run.press("ctrl+s")
        assert not run.editor.editor.modified
    after = read_exact(path)
    assert "| Retire cron | Platform Eng | 2026-01-30 | ☐ |" in after
    assert TOGGLED_ROW in after


@pytest.mark.parametrize("answer", ["o", "t", "escape"])
async def test_conflicts_open_a_dialog_and_nothing_is_written_until_decided(tmp_path: Path, answer: str) -> None:
    from retrotui.tui.dialogs.merge import MergeDialog

    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "down", "right", "enter")
        run.app.query_one(CellEditor).value = "Mine"
        await run.press("enter")
        theirs = their_owner_on_disk(path)
        await run.editor.check_disk()
        await run.pilot.pause()
        dialog = run.app.screen
        assert isinstance(dialog, MergeDialog)
        assert "action 'Write an on-call handover template', Owner" in dialog.conflict.where
        assert read_exact(path) == theirs
        await run.press(answer)
        await run.pilot.pause(0.1)
        owner = run.editor.current.action_items[1].owner  # type: ignore[union-attr]
        if answer == "escape":
            assert owner == "Mine" and "Merge cancelled; nothing was written. ^s will ask again." in run.notes
            await run.editor.check_disk()  # the same change is not asked about again
            assert not isinstance(run.app.screen, MergeDialog)
        else:
            assert owner == ("Mine" if answer == "o" else "Theirs")
            await run.press("ctrl+s")
            assert f"| Write an on-call handover template | {owner} | 2026-01-09 | ☐ |" in read_exact(path)


async def test_a_long_conflict_at_80x24_shows_its_keys_and_scrolls_to_its_end(tmp_path: Path) -> None:
    """The keys were under the conflict's two sides, cut off at 80x24 with no way to see them."""
    from textual.containers import VerticalScroll

    from retrotui.tui.dialogs.merge import MergeDialog

    path = copy_sample(tmp_path)
    async with running(path, size=(80, 24)) as run:
        await run.press("2", "a", *"mine", "enter")
        text = read_exact(path)
        start = text.index("## Sprint 4")
        path.write_bytes(text[:start].encode("utf-8"))  # theirs: the whole retro deleted
        await run.editor.check_disk()
        await run.settle()
        dialog = run.app.screen
        assert isinstance(dialog, MergeDialog)
        screen = run.app.screen.region
        box = dialog.query_one("#merge").region
        assert screen.contains_region(box)
        help_line = dialog.query_one(".dialog-help").region
        assert box.contains_region(help_line) and "o take mine" in str(dialog.query_one(".dialog-help").render())
        scroll = dialog.query_one("#merge-scroll", VerticalScroll)
        assert box.contains_region(scroll.region) and scroll.max_scroll_y > 0
        for _ in range(scroll.max_scroll_y):
            await run.press("down")
        assert scroll.scroll_y == scroll.max_scroll_y
        await run.press("o")
        assert "- mine" in run.editor.editor.section_text(run.editor.current.sections[1])  # type: ignore[union-attr]


async def test_ctrl_s_and_undo_while_the_conflicts_dialog_is_open_ask_nothing_twice(tmp_path: Path) -> None:
    """ctrl+s over the dialog merged the same change again and stacked a second dialog over the first."""
    from retrotui.tui.dialogs.merge import MergeDialog

    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "down", "right", "enter", "ctrl+u", *"Mine", "enter")
        theirs = their_owner_on_disk(path)
        await run.editor.check_disk()
        await run.settle()
        assert isinstance(run.app.screen, MergeDialog)
        await run.press("ctrl+z", "ctrl+s")
        assert [type(screen) for screen in run.app.screen_stack] == [EditorScreen, MergeDialog]
        assert run.editor.current.action_items[1].owner == "Mine"  # type: ignore[union-attr]
        assert read_exact(path) == theirs
        await run.press("o")
        assert not isinstance(run.app.screen, MergeDialog)
        assert not run.editor.editor.modified
    assert "| Write an on-call handover template | Mine | 2026-01-09 | ☐ |" in read_exact(path)


async def test_the_conflicts_dialogs_edit_is_used_with_ctrl_s(tmp_path: Path) -> None:
    """The dialog says "e edit (ctrl+s uses the edit)"; the app's save, a priority key, took ctrl+s instead."""
    from retrotui.tui.dialogs.merge import MergeDialog

    path = copy_sample(tmp_path)
    row = "| Write an on-call handover template | {} | 2026-01-09 | ☐ |"
    async with running(path) as run:
        await run.press("4", "down", "right", "enter", "ctrl+u", *"Mine", "enter")
        path.write_bytes(read_exact(path).replace(row.format("@sre-oncall"), row.format("Theirs")).encode("utf-8"))
        await run.editor.check_disk()
        await run.settle()
        dialog = run.app.screen
        assert isinstance(dialog, MergeDialog)
        await run.press("e")
        dialog.query_one("#merge-edit", TextArea).load_text(row.format("Both of us"))
        await run.press("ctrl+s")
        assert run.app.screen is run.editor
        assert run.editor.current.action_items[1].owner == "Both of us"  # type: ignore[union-attr]
        await run.press("ctrl+s")
    assert row.format("Both of us") in read_exact(path)


async def test_failed_save_keeps_the_file_and_the_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    async with running(path) as run:
        await run.press("4", "space")
        monkeypatch.setattr(os, "replace", disk_full)
        await run.press("ctrl+s")
        assert isinstance(run.app.screen, ChoiceDialog) and "No space left on device" in run.app.screen.message
        await run.press("c")
        assert any("No space left on device" in note for note in run.notes)
        assert run.editor.editor.modified and run.editor.title.endswith("●")
        assert run.editor.current.action_items[0].status == "open"  # type: ignore[union-attr]
    assert read_exact(path) == before


async def test_a_save_the_disk_refuses_can_go_to_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk (or the folder) refuses this file: another one, elsewhere, may take the edits."""
    path = copy_sample(tmp_path)
    before = read_exact(path)
    other = tmp_path / "elsewhere"
    other.mkdir()
    real_replace = os.replace

    def full_here(source: str, target: str, *args: object, **kwargs: object) -> None:
        if Path(target).parent == tmp_path:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    async with running(path) as run:
        await run.press("4", "space")
        monkeypatch.setattr(os, "replace", full_here)
        await run.press("ctrl+s", "e")
        run.app.screen.query_one(Input).value = str(other / "RETRO.md")
        await run.press("enter")
        assert run.notes[-1] == "Saved RETRO.md" and not run.editor.editor.modified
    assert read_exact(path) == before
    assert TOGGLED_ROW in read_exact(other / "RETRO.md")


# -- commit ---------------------------------------------------------------------------------------


def git_log(folder: Path) -> list[str]:
    return git(folder, "log", "--format=%s").splitlines()


def committed_sample(folder: Path) -> Path:
    """The sample in a new repository, committed as "start"."""
    init_repo(folder)
    path = copy_sample(folder)
    git(folder, "add", path.name)
    git(folder, "commit", "-qm", "start")
    return path


async def test_ctrl_g_saves_then_commits_with_a_prefilled_message(tmp_path: Path) -> None:
    path = committed_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "down", "space", "ctrl+g")
        dialog = run.app.screen
        assert isinstance(dialog, CommitDialog)
        assert dialog.query_one(Input).value == "retro: Sprint 4 – Hardening: 4 action items, 2 done"
        assert not run.editor.editor.modified  # saved before asking
        await run.press("enter")
        await run.settle()
        assert any(note.endswith("retro: Sprint 4 – Hardening: 4 action items, 2 done") for note in run.notes)
    assert git_log(tmp_path) == ["retro: Sprint 4 – Hardening: 4 action items, 2 done", "start"]


async def test_commit_problems_are_notifications_and_the_file_stays_saved(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)  # not a repository
    async with running(path) as run:
        await run.press("4", "space", "ctrl+g")
        await run.press("enter")
        await run.settle()
        assert any("not in a git repository" in note for note in run.notes)
        assert isinstance(run.app.screen.query_one("#main"), object)
    assert TOGGLED_ROW in read_exact(path)


async def test_nothing_to_commit_and_failing_hook(tmp_path: Path) -> None:
    path = committed_sample(tmp_path)
    async with running(path) as run:
        await run.press("ctrl+g")
        assert not isinstance(run.app.screen, CommitDialog)  # said before any message is asked for
        assert run.notes[-1] == "volcano-multi-sprint.md is the same as in the last commit."
        hook = tmp_path / ".git" / "hooks" / "pre-commit"
        hook.write_text("#!/bin/sh\necho 'blocked by policy' >&2\nexit 1\n", encoding="utf-8")
        hook.chmod(0o755)
        await run.press("4", "space", "ctrl+g", "enter")
        await run.settle()
        assert any("blocked by policy" in note for note in run.notes)
        assert not run.editor.editor.modified
    assert git_log(tmp_path) == ["start"]


# -- quit ---------------------------------------------------------------------------------------------


async def test_quit_without_changes_just_quits(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("ctrl+q")
        assert run.app._exit


@pytest.mark.parametrize(("answer", "saved", "quits"), [("s", True, True), ("d", False, True), ("c", False, False)])
async def test_quit_asks_when_there_are_unsaved_changes(tmp_path: Path, answer: str, saved: bool, quits: bool) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        await run.press("4", "space", "ctrl+q")
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press(answer)
        assert bool(run.app._exit) is quits
    assert (read_exact(path) != before) is saved


async def test_a_pending_cell_edit_is_kept_by_save(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    async with running(path) as run:
        await run.press("4", "e")
        run.app.query_one(CellEditor).value = "Typed but not entered"
        await run.press("ctrl+s")
    assert "| Typed but not entered | @sre-oncall | 2025-12-05 | ☑ |" in read_exact(path)


async def test_undo_spans_sections_and_retros(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = read_exact(path)
    async with running(path) as run:
        await run.press("2", "d")  # delete a bullet in Sprint 4
        await run.press("ctrl+n", *"Sprint 5", "enter")
        assert run.editor.current is not None and run.editor.current.title == "Sprint 5"
        await run.press("ctrl+z")
        assert run.editor.current is not None and run.editor.current.title == "Sprint 4 – Hardening"
        assert run.app.query_one(RetroList).option_count == 7  # five retros, the template, other content
        await run.press("ctrl+z")
        view_list = run.app.query_one("#section-2 ListView", ListView)
        assert len(view_list.children) == 2
        assert not run.editor.editor.modified
        await run.press("ctrl+s")
    assert read_exact(path) == before


# -- opening in the background -----------------------------------------------------------------


async def test_the_file_is_parsed_after_the_first_frame(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = RetroApp(lambda: Session.open(path), path=path, look_up_branch=False, blink_cursors=False)
    async with app.run_test(size=(120, 40)):
        await app.settled()
        screen = app.editor_screen
        assert screen.is_open and screen.current is not None and screen.current.title == "Sprint 4 – Hardening"
        assert app.focused is app.query_one(RetroList)


async def test_a_failure_while_opening_exits_with_code_2(tmp_path: Path) -> None:
    def broken() -> Session:
        raise StoreError("x.md: permission denied")

    app = RetroApp(broken, path=tmp_path / "x.md", look_up_branch=False, blink_cursors=False)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 2


# -- the crash journal -------------------------------------------------------------------------


async def test_unsaved_edits_are_journaled_and_restored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from retrotui.journal import journal_path, read_journal

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    async with running(path, journal=True) as run:
        await run.press("4", "space")
        run.editor.files.journaler.write_journal()
        await run.app.workers.wait_for_complete()
        journal = read_journal(path)
        assert journal is not None and TOGGLED_ROW in journal.text
        # The app is torn down here without saving, as after a crash.
    assert journal_path(path).exists()
    someone_else = read_exact(path).replace("Retire the legacy cron scheduler", "Retire cron")
    path.write_bytes(someone_else.encode("utf-8"))
    async with running(path, journal=True) as run:
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press("r")
        await run.pilot.pause(0.1)
        assert run.editor.editor.modified and "Your unsaved edits are back. ^s saves them." in run.notes
        await run.press("ctrl+s")
    after = read_exact(path)
    assert TOGGLED_ROW in after
    assert "| Retire cron | Platform Eng | 2026-01-30 | ☐ |" in after
    assert not journal_path(path).exists()


async def test_discarding_the_journal_clears_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from retrotui.journal import journal_path, write_journal

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    write_journal(path, read_exact(path), read_exact(path).replace("Ops", "Operations"))
    before = read_exact(path)
    async with running(path, journal=True) as run:
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press("d")
        assert not run.editor.editor.modified
        # One letter answers the offer: a slip of the finger must not cost the only copy of the edits.
        [kept] = (tmp_path / "state" / "set-aside").iterdir()
        assert read_exact(kept) == before.replace("Ops", "Operations")
        assert any(note.startswith("Discarded. In case that was a slip") and str(kept) in note for note in run.notes)
    assert not journal_path(path).exists() and read_exact(path) == before


async def test_keys_typed_while_opening_never_answer_the_offer_of_unsaved_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``2`` ``a`` ``dd new idea`` typed as the editor started reached the offer: its ``d`` discarded the edits."""
    from retrotui.journal import journal_path, write_journal

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    mine = read_exact(path).replace("| Ops |", "| MineAgain |")
    write_journal(path, read_exact(path), mine)
    typed = threading.Event()

    def open_after_typing() -> Session:
        typed.wait(timeout=60)  # the file opens once the keys are typed (a big file, a slow disk)
        return Session.open(path)

    app = RetroApp(open_after_typing, path=path, look_up_branch=False, watch_file=False, journal=True)
    notes = recorded_notes(app)
    async with app.run_test() as pilot:
        try:
            await pilot.press("2", "a", *"dd new idea", "enter")  # typed before the file is open: held
            assert app.gate.holding == 14
        finally:
            typed.set()
        await app.settled()
        await app.workers.wait_for_complete()
        await app.settled()
        assert isinstance(app.screen, ChoiceDialog)
        assert journal_path(path).exists()
        assert any(note.startswith("Not used: what you typed") and "'2add new idea‹enter›'" in note for note in notes)
        await pilot.press("r")
        await app.settled()
        await app.workers.wait_for_complete()
        await app.settled()
        assert app.editor_screen.editor.modified
        await pilot.press("ctrl+s")
        await app.settled()
        await app.workers.wait_for_complete()
        await app.settled()
    assert read_exact(path) != mine and "| MineAgain |" in read_exact(path)


@pytest.mark.parametrize("conflicting", [False, True], ids=["escape on the offer", "escape on the conflicts"])
async def test_edits_not_restored_now_are_set_aside_not_lost(
    conflicting: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrotui.journal import journal_path, write_journal

    state = tmp_path / "state"
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(state))
    path = copy_sample(tmp_path)
    mine = read_exact(path).replace("| Ops |", "| MineAgain |")
    write_journal(path, read_exact(path), mine)
    if conflicting:  # the same cell changed on disk since
        path.write_bytes(read_exact(path).replace("| Ops |", "| TheirAgain |").encode("utf-8"))
    before = read_exact(path)
    async with running(path, journal=True) as run:
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press("r" if conflicting else "escape")
        if conflicting:
            await run.press("escape")  # the conflict dialog: nothing is written
        kept = list((state / "set-aside").glob("volcano-multi-sprint-*.md"))
        assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == mine
        assert any(note.startswith("Not restored. Your unsaved edits") and str(kept[0]) in note for note in run.notes)
        assert not run.editor.editor.modified
    assert read_exact(path) == before and not journal_path(path).exists()


async def test_undoing_every_edit_clears_the_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from retrotui.journal import journal_path

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    async with running(path, journal=True) as run:
        await run.press("4", "space")
        run.editor.files.journaler.write_journal()
        await run.app.workers.wait_for_complete()
        assert journal_path(path).exists()
        await run.press("ctrl+z")
        run.editor.files.journaler.write_journal()
        await run.app.workers.wait_for_complete()
        assert not journal_path(path).exists()


# -- sync ------------------------------------------------------------------------------------------


def shared_clones(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A bare origin with the sample and the merge driver, and two clones of it."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    seed = tmp_path / "seed"
    seed.mkdir()
    path = committed_sample(seed)
    subprocess.run(
        [sys.executable, "-m", "retrotui", "git-setup", path.name], cwd=seed, check=True, capture_output=True
    )
    git(seed, "add", ".gitattributes")
    git(seed, "commit", "-qm", "merge driver")
    git(seed, "push", "-q", str(origin), "main")
    clones = []
    for name in ("alice", "bob"):
        git(tmp_path, "clone", "-q", str(origin), name)
        clone = tmp_path / name
        for key, value in (("user.email", f"{name}@example.com"), ("user.name", name), ("commit.gpgsign", "false")):
            git(clone, "config", key, value)
        subprocess.run(
            [sys.executable, "-m", "retrotui", "git-setup", path.name], cwd=clone, check=True, capture_output=True
        )
        clones.append(clone)
    return origin, clones[0], clones[1]


async def test_sync_pulls_with_the_merge_driver_and_pushes(tmp_path: Path) -> None:
    _origin, alice, bob = shared_clones(tmp_path)
    name = "volcano-multi-sprint.md"
    theirs = read_exact(alice / name).replace("Retire the legacy cron scheduler", "Retire cron")
    (alice / name).write_bytes(theirs.encode("utf-8"))
    git(alice, "commit", "-qam", "alice renames")
    git(alice, "push", "-q")
    async with running(bob / name, sync="pull-push") as run:
        await run.press("4", "space", "ctrl+g", "enter")
        await run.settle()
        assert "Pulled and pushed; volcano-multi-sprint.md is up to date." in run.notes
    git(alice, "pull", "-q")
    final = read_exact(alice / name)
    assert "| Retire cron | Platform Eng | 2026-01-30 | ☐ |" in final
    assert TOGGLED_ROW in final


async def test_sync_without_a_remote_keeps_the_commit(tmp_path: Path) -> None:
    path = committed_sample(tmp_path)
    async with running(path, sync="pull-push") as run:
        await run.press("4", "space", "ctrl+g", "enter")
        await run.settle()
        assert "no remote to pull from; the commit stays local" in run.notes
    assert git_log(tmp_path)[0].startswith("retro: Sprint 4")


async def test_a_rejected_push_is_reported_and_the_commit_stays(tmp_path: Path) -> None:
    origin, _, bob = shared_clones(tmp_path)
    hook = origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'protected branch' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    async with running(bob / "volcano-multi-sprint.md", sync="pull-push") as run:
        await run.press("4", "space", "ctrl+g", "enter")
        await run.settle()
        assert any(note.startswith("git push failed") and note.endswith("your commit is kept") for note in run.notes)
    assert git_log(bob)[0].startswith("retro: Sprint 4")


async def test_the_palette_cycles_the_sync_setting(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        titles = [c.title for c in run.app.get_system_commands(run.app.screen)]
        assert "Sync: off / pull / pull and push" in titles
        run.editor.action_cycle_sync()
        assert run.editor.files.sync == "pull"
        run.editor.action_cycle_sync()
        assert run.editor.files.sync == "pull-push"


async def test_a_journal_write_still_on_its_way_at_a_save_does_not_bring_the_journal_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save clears the journal; a write taken before it and run after must not write it again."""
    from retrotui.journal import journal_path

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = copy_sample(tmp_path)
    async with running(path, journal=True) as run:
        files = run.editor.files
        on_its_way: list[Callable[[], object]] = []
        monkeypatch.setattr(files, "_in_worker", lambda work, done, group: on_its_way.append(work))
        await run.press("4", "space")
        files.journaler.write_journal()
        assert len(on_its_way) == 1  # taken, not yet run
        files.journaler.clear_journal()  # what a save does
        on_its_way[0]()  # the worker thread gets to it only now
        assert not journal_path(path).exists()
