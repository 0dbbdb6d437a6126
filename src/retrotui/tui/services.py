"""What the editor's screens and widgets need from the app, passed in rather than reached for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from retrotui.record import Record
from retrotui.tui.look import DEFAULT_LOOK, Look

if TYPE_CHECKING:
    from rich.text import Text

    from retrotui.config import Settings
    from retrotui.model import Retro, Section


def _default_settings() -> Settings:
    from retrotui.config import Settings

    return Settings()


def _nothing() -> None:
    return None


async def _nothing_to_wait_for() -> None:
    return None


class EditorServices(Record):
    look: Callable[[], Look] = lambda: DEFAULT_LOOK
    """The theme's retrotui colours and the date format, as they are now."""

    keys: Callable[[str], str] = lambda command_id: command_id
    """A command's keys as shown to the user, from the keymap in force (``app.save`` -> ``^s``)."""

    default_owner: Callable[[], str] = lambda: ""
    """The owner new action items get."""

    settings: Callable[[], Settings] = _default_settings
    """The settings in force (built in the opening worker when there is no settings file)."""

    prepare: Callable[[], None] = _nothing
    """Read and check settings and themes; called in the opening worker."""

    opened: Callable[[], None] = _nothing
    """The document is on screen: apply the settings, let the typed keys in."""

    keys_may_flow: Callable[[], None] = _nothing
    """A save or merge finished: the key gate may let the held keys in."""

    clock: Callable[[], float] = lambda: 0.0
    """Seconds, for the meeting timer."""

    remember: Callable[[str, object], None] = lambda key, value: None
    """Keep a choice made in the app (a timebox) in the settings file."""

    today: Callable[[], dt.date] = dt.date.today
    """The date of the open session (tests fix it)."""

    blink: bool = True
    """Blinking text cursors (tests and snapshots turn them off)."""

    keys_handled: Callable[[], Awaitable[None]] = _nothing_to_wait_for
    """Return once every key already let in has been handled (the key gate holds the next ones)."""

    drop_typeahead: Callable[[], str] = lambda: ""
    """Take back the keys the gate still holds (typed before a question came up); what they typed."""

    keep_aside: Callable[[Retro, Section, str], bool] = lambda retro, section, value: False
    """A new item, offered to a live meeting first: True when silent writing keeps it private until the reveal."""

    section_note: Callable[[Retro, Section], Text | None] = lambda retro, section: None
    """What a live meeting shows under a section's items (the private ones, your votes), or None."""
