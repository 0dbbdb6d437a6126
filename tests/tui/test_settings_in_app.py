"""Settings, keymaps and themes in the running editor."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from retrotui.config import Settings
from retrotui.themes import load_themes
from retrotui.tui.widgets.action_grid import CellEditor, GridTable
from retrotui.tui.widgets.meeting_timer import MeetingTimer
from tests.conftest import read_exact
from tests.tui.helpers import copy_sample, make_app, running

THEMES = sorted(load_themes().themes)


async def test_a_remapped_key_works_and_shows_in_the_footer(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    settings = Settings(keymap={"app.save": "ctrl+w"})
    async with running(path, settings=settings) as run:
        await run.press("4", "space", "ctrl+w")
        assert "Saved volcano-multi-sprint.md" in run.notes
        save_keys = [key for key, active in run.app.screen.active_bindings.items() if active.binding.id == "app.save"]
        assert save_keys == ["ctrl+w"]
    assert "| Carry: stabilise preemption tests (from Sprint 2) | @sre-oncall | 2025-12-05 | ☐ |" in read_exact(path)


async def test_a_key_bound_twice_is_reported_at_start(tmp_path: Path) -> None:
    settings = Settings(keymap={"app.save": "ctrl+t"})
    async with running(copy_sample(tmp_path), settings=settings) as run:
        assert any(
            "ctrl+t: app.save and app.timebox" in note or "ctrl+t: app.timebox and app.save" in note
            for note in run.notes
        )


async def test_broken_themes_and_unknown_settings_are_named_once(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "bad.toml").write_text('name = "bad"\nprimary = 12\n', encoding="utf-8")
    themes = load_themes(folder)
    settings = Settings.model_validate({"colour": "blue"})
    async with running(copy_sample(tmp_path), settings=settings, themes=themes) as run:
        assert sum("bad.toml: key 'primary'" in note for note in run.notes) == 1
        assert "Unknown settings ignored: 'colour'" in run.notes


async def test_a_theme_picked_in_the_palette_is_remembered(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('default_owner = "Ana"\n', encoding="utf-8")
    async with running(copy_sample(tmp_path), config_file=config, settings=Settings(default_owner="Ana")) as run:
        for theme in ("retro-light", "retro-high-contrast"):  # each pick is remembered as it is made
            await run.press("ctrl+p", *"theme", "enter")
            await run.press(*theme, "enter")
            assert run.app.theme == theme and run.app.settings.theme == theme
            saved = tomllib.loads(config.read_text(encoding="utf-8"))
            assert saved == {"default_owner": "Ana", "theme": theme}


async def test_only_retrotuis_themes_are_offered(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        assert sorted(run.app.available_themes) == THEMES
        assert run.app.theme == "retro-dark"


async def test_settings_reach_the_editor(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    settings = Settings(
        default_owner="Ana",
        date_format="%d %b %Y",
        commit_message="{file}: {retro} ({done}/{actions})",
        bump_last_updated=False,
        timebox={"went_well": 7},  # type: ignore[dict-item]
        sync="pull",
    )
    async with running(path, settings=settings, clock=lambda: 0.0) as run:
        assert run.editor.files.sync == "pull"
        await run.press("2", "ctrl+t")
        assert str(run.app.query_one(MeetingTimer).render()) == "⏱ 7:00 What Went Well"
        await run.press("ctrl+t", "4")
        table = run.app.query_one(GridTable)
        assert table.get_cell_at((1, 2)).plain == "09 Jan 2026"
        await run.press("a", "escape")
        assert run.editor.current.action_items[-1].owner == "Ana"  # type: ignore[union-attr]
        from retrotui.session import commit_message

        assert (
            commit_message(run.editor.current, path, settings.commit_message)
            == "volcano-multi-sprint.md: Sprint 4 – Hardening (1/5)"
        )
        await run.press("ctrl+s")
    assert "**Last Updated:** 2025-12-12" in read_exact(path)


async def test_timebox_changes_are_remembered(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    async with running(copy_sample(tmp_path), config_file=config) as run:
        await run.press("2")
        run.editor.action_adjust_timebox(2)
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {"timebox": {"went_well": 7}}


@pytest.mark.parametrize("theme", THEMES)
def test_every_shipped_theme(snap_compare: Any, tmp_path: Path, theme: str) -> None:
    app = make_app(copy_sample(tmp_path), settings=Settings(theme=theme), today=dt.date(2026, 1, 12))
    assert snap_compare(app, press=["4"], terminal_size=(120, 30))


async def test_the_cell_editor_is_not_left_open_by_a_theme_change(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        await run.press("4", "e")
        run.app.theme = "retro-high-contrast"
        await run.pilot.pause()
        assert run.app.query_one(CellEditor) is not None


async def test_remapped_keys_are_what_every_screen_says(tmp_path: Path) -> None:
    from tests.tui.test_app import plain

    settings = Settings(keymap={"app.save": "ctrl+w", "app.undo": "ctrl+u", "grid.add": "n"})
    async with running(copy_sample(tmp_path), settings=settings) as run:
        await run.press("4", "d")
        assert run.notes[-1].endswith("^u brings it back.")  # a notification
        helps = [command.help for command in run.app.get_system_commands(run.app.screen)]
        assert "Write the file (^w)" in helps and "A new row; starts editing its Item (n)" in helps  # the palette
        assert not any("(^s)" in text or "(^z)" in text for text in helps)
        footer = {active.binding.id: key for key, active in run.app.screen.active_bindings.items()}
        assert footer["app.save"] == "ctrl+w" and footer["grid.add"] == "n"
        assert "^s" not in run.app.export_screenshot()  # the footer, as drawn
        await run.press("f1")
        text = plain(run.app.screen.query_one("#help-keys", Static).content)  # type: ignore[arg-type]
        lines = {" ".join(line.split()) for line in text.splitlines()}
        assert "^w Save: Write the file" in lines and "^s Save: Write the file" not in lines
        assert "n Add action item: A new row; starts editing its Item" in lines
