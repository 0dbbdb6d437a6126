"""Textual's footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` removes and mounts all its keys whenever the screen says
its bindings may have changed (every focus change, every ``refresh_bindings``),
and each new ``FooterKey`` has the whole stylesheet applied to it three times
(mounted, then its ``compact`` watcher, then the data binding to the footer's
``compact`` forcing the watcher again).  With twenty keys that was most of the
time the tracker took to close.  This footer compares what it would show with
what it shows, does nothing when they are the same, otherwise has the keys on
screen show the new ones (adding or removing the few extra), and makes keys
whose ``compact`` is right from the start.  Below ``COMPACT_BELOW`` columns the
footer is compact (one space between keys, not two): at 80 columns the grid's
own keys then fit whole (``shift+↓ Mov▏`` was where they were cut).

It leans on Textual 8's footer: ``compose`` is a copy of ``Footer.compose``
(what is shown, in what order and with which classes), and it uses the private
``Footer._bindings_ready`` and ``FooterKey._disabled``; ``tests/tui`` compares
its keys with those of Textual's footer and checks the private names.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from retrotui.tui.view_only import edits

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen


class Shown(NamedTuple):
    """One key as the footer draws it (``group`` is the group's description when keys are grouped)."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    group: str | None
    compact_group: bool


Drawn = tuple[tuple[Shown, ...], Shown | None, bool]

COMPACT_BELOW = 100  # columns


class StillKey(FooterKey):
    """A ``FooterKey`` whose ``compact`` is set when made, so mounting it styles it once."""

    def __init__(self, shown: Shown, *, compact: bool, classes: str = "") -> None:
        if compact:
            classes += " -compact"
        super().__init__(
            shown.key,
            shown.display,
            shown.description,
            shown.action,
            disabled=not shown.enabled,
            tooltip=shown.tooltip,
            classes=classes,
        )
        self.set_reactive(FooterKey.compact, compact)
        self.shown = shown

    def show(self, shown: Shown) -> None:
        """Show another key in this place: no new widget, styles applied again only if enabled changes."""
        if shown == self.shown:
            return
        self.shown = shown
        self.key, self.key_display, self.description, self.action = (
            shown.key,
            shown.display,
            shown.description,
            shown.action,
        )
        self._disabled = not shown.enabled
        self.tooltip = shown.tooltip or None
        self.set_class(not shown.enabled, "-disabled")
        self.refresh(layout=True)


class KeyFooter(Footer):
    """The footer the editor shows; the same look and keys as Textual's, drawn as seldom as possible."""

    # Textual's compact footer gives every key a margin on its right, the palette key docked at the
    # right edge too: the last column then showed the first letter of a key cut off behind it.
    DEFAULT_CSS = """
    KeyFooter.-compact FooterKey.-command-palette {
        margin-right: 0;
    }
    """

    def __init__(self, *, hide_edits: bool = False) -> None:
        super().__init__()
        self.drawn: Drawn | None = None  # what the keys on screen show
        self.hide_edits = hide_edits  # a follower (view only): keys that would edit are not offered
        self._look_pending = False  # a look at the bindings is queued

    def showing(self) -> Drawn:
        """The keys Textual's footer would show now, in its order; the palette key on the right; compact."""
        active_bindings = self.screen.active_bindings
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for namespace, binding, enabled, tooltip in active_bindings.values():
            if binding.show and not (self.hide_edits and edits(binding.action, namespace)):
                by_action[binding.action].append((binding, enabled, tooltip))
        keys: list[Shown] = []
        for group, same_group in groupby(by_action.values(), lambda bindings: bindings[0][0].group):
            runs = list(same_group)
            grouped = group is not None and len(runs) > 1
            for binding, enabled, tooltip in (run[0] for run in runs):
                display = self.app.get_key_display(binding)
                if grouped:
                    assert group is not None
                    keys.append(
                        Shown(
                            binding.key,
                            display,
                            "",
                            binding.action,
                            enabled,
                            tooltip or binding.description,
                            group.description,
                            group.compact,
                        )
                    )
                else:
                    keys.append(
                        Shown(binding.key, display, binding.description, binding.action, enabled, tooltip, None, False)
                    )
        palette: Shown | None = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                palette = Shown(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    binding.tooltip or binding.description,
                    None,
                    False,
                )
        return tuple(keys), palette, self.compact

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys, palette, compact = self.drawn = self.showing()
        self.styles.grid_size_columns = len({key.action for key in keys})
        for group, same_group in groupby(keys, lambda key: (key.group, key.compact_group)):
            description, compact_group = group
            if description is None:
                for key in same_group:
                    yield StillKey(key, compact=compact)
                continue
            with KeyGroup(classes="-compact" if compact_group else ""):
                for key in same_group:
                    yield StillKey(key, compact=compact, classes="-grouped")
            yield FooterLabel(description)
        if palette is not None:
            # Textual's footer does not bind the palette key's ``compact``: it keeps the key's default.
            yield StillKey(palette, compact=True, classes="-command-palette")

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Look again once the handler that changed them is done, before the next frame (one per batch).

        Textual's footer waits for the frame after (``call_after_refresh``): a key
        that moves focus to keys of its own (closing the tracker, a dialog) then
        drew the screen twice, the second time for the footer alone.
        """
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._look_pending:
            self._look_pending = True
            self.call_later(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._look_pending = False
        if not self.is_attached:
            return
        now = self.showing()
        if now != self.drawn and not await self._show_in_place(now):
            await self.recompose()

    async def _show_in_place(self, now: Drawn) -> bool:
        """Other keys, no groups either side: the keys on screen show the new ones, the few extra are added or removed.

        Mounting a key costs a pass of the whole stylesheet; showing another key in
        one that is there costs a repaint.  (False: the footer is made again.)
        """
        drawn = self.drawn
        keys, palette, compact = now
        if drawn is None or compact != drawn[2] or (palette is None) != (drawn[1] is None):
            return False
        if any(key.group is not None for key in (*keys, *drawn[0])):
            return False
        placed = [child for child in self.children if isinstance(child, StillKey)]
        palette_key = next((key for key in placed if key.has_class("-command-palette")), None)
        placed = [key for key in placed if key is not palette_key]
        if len(placed) != len(drawn[0]) or (palette_key is None) != (palette is None):
            return False
        self.drawn = now
        for widget, key in zip(placed, keys, strict=False):
            widget.show(key)
        if palette_key is not None and palette is not None:
            palette_key.show(palette)
        self.styles.grid_size_columns = len({key.action for key in keys})
        if len(keys) > len(placed):
            extra = [StillKey(key, compact=compact) for key in keys[len(placed) :]]
            await self.mount_all(extra, before=palette_key)
        elif len(keys) < len(placed):
            await self.remove_children(placed[len(keys) :])
        return True

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW

    def watch_compact(self, compact: bool) -> None:
        """Keys are made for one ``compact``: a change makes them again."""
        if self.drawn is not None and self.drawn[2] != compact:
            self.call_after_refresh(self._recompose_if_changed)
