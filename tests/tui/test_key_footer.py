"""The footer is rebuilt only when the keys it shows change, and shows what Textual's footer shows."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input

from retrotui.tui.widgets.key_footer import KeyFooter, StillKey
from retrotui.tui.widgets.retro_list import RetroList
from tests.tui.helpers import copy_sample, running


class _Keys(App[None]):
    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("f2", "other", "Other", show=False)]

    def __init__(self, footer: type[Footer]) -> None:
        super().__init__()
        self.footer_class = footer

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")
        yield self.footer_class()


async def _drawn(footer: type[Footer]) -> list[tuple[str, tuple[str, ...]]]:
    app = _Keys(footer)
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        keys = app.query_one(footer).query("FooterKey")
        return [(str(key.render()), tuple(sorted(key.classes))) for key in keys]


async def test_the_keys_look_as_in_textuals_footer() -> None:
    assert await _drawn(KeyFooter) == await _drawn(Footer)


async def test_a_focus_change_that_shows_the_same_keys_keeps_the_footer(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        footer = run.editor.query_one(KeyFooter)
        keys = list(footer.query(StillKey))
        run.editor.refresh_bindings()  # nothing the footer shows changed
        await run.settle()
        assert list(footer.query(StillKey)) == keys and all(key.is_attached for key in keys)

        await run.press("tab")  # the tab bar: the same keys as the list
        assert run.app.focused is not None and not isinstance(run.app.focused, RetroList)
        assert list(footer.query(StillKey)) == keys

        shown = [key.shown for key in keys]
        await run.press("t")  # the tracker: its own keys, shown by the keys that were there
        assert [key.shown for key in footer.query(StillKey)] != shown
        assert footer.drawn == footer.showing()
        assert all(key.is_attached for key in footer.query(StillKey))


def _keys_drawn(footer: KeyFooter) -> list[tuple[str, str, str, bool, tuple[str, ...], str]]:
    return [
        (key.key, key.action, str(key.render()), key._disabled, tuple(sorted(key.classes)), str(key.tooltip or ""))
        for key in footer.query(StillKey)
    ]


async def test_keys_shown_in_place_are_the_keys_a_new_footer_shows(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path)) as run:
        footer = run.editor.query_one(KeyFooter)
        for keys in (["t"], ["escape"], ["2"], ["t"], ["escape"], ["shift+tab"], ["ctrl+s"], ["a"], ["escape"]):
            await run.press(*keys)
            assert footer.drawn == footer.showing()
            in_place = _keys_drawn(footer)
            assert [key.shown for key in footer.query(StillKey)] == [*footer.drawn[0], footer.drawn[1]]
            await footer.recompose()
            await run.settle()
            assert _keys_drawn(footer) == in_place, keys


async def test_the_first_frame_after_closing_the_tracker_has_the_retros_keys(tmp_path: Path) -> None:
    """The footer changes in the frame that shows the retro again, not in a second frame for itself
    (Textual's footer waits for the frame after: the screen was drawn twice, the first with the tracker's keys)."""
    async with running(copy_sample(tmp_path)) as run:
        footer = run.editor.query_one(KeyFooter)
        await run.press("t")
        tracker_keys = [key.shown for key in footer.query(StillKey)]
        frames: list[tuple[list[object], object]] = []
        screen = run.editor
        draw = screen._compositor_refresh

        def drawn_frame() -> None:
            frames.append(([key.shown for key in footer.query(StillKey)], footer.showing()))
            draw()

        screen._compositor_refresh = drawn_frame  # type: ignore[method-assign]
        await run.press("escape")
        assert frames, "no frame was drawn"
        first_keys, keys_wanted = frames[0]
        assert first_keys != tracker_keys
        assert first_keys == [*keys_wanted[0], keys_wanted[1]]  # type: ignore[index]


async def test_at_80_columns_the_grids_own_keys_fit_whole_and_the_palette_key_ends_the_line(tmp_path: Path) -> None:
    """At 80x24 the grid's keys were cut at ``shift+↓ Mov``; with Textual's compact footer the palette key
    then left the last column to the first letter of a key hidden behind it."""
    async with running(copy_sample(tmp_path), size=(80, 24)) as run:
        await run.press("4")
        footer = run.editor.query_one(KeyFooter)
        assert footer.compact
        keys = list(footer.query(StillKey))
        [palette] = [key for key in keys if key.has_class("-command-palette")]
        assert palette.region.right == 80
        grid_keys = [key for key in keys if key.action.startswith(("edit_cell", "add_row", "delete_row", "move_row"))]
        grid_keys += [key for key in keys if key.key == "space"]
        assert len(grid_keys) == 6
        assert all(key.region.width > 0 and key.region.right <= palette.region.x for key in grid_keys)


async def test_a_wide_terminal_keeps_textuals_footer_spacing(tmp_path: Path) -> None:
    async with running(copy_sample(tmp_path), size=(120, 36)) as run:
        assert not run.editor.query_one(KeyFooter).compact
