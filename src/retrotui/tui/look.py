"""How action items look on screen: the theme's retrotui colours and the date format."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from retrotui import colors
from retrotui.record import Record
from retrotui.values import format_due

if TYPE_CHECKING:
    from retrotui.themes import RetroColors


class Look(Record):
    overdue: str
    done: str
    carried: str
    date_format: str

    @classmethod
    def of(cls, theme: RetroColors | None, date_format: str) -> Look:
        """The theme's colours (None: before the themes are read) and the settings' date format."""
        if theme is None:
            return cls(colors.OVERDUE, colors.DONE, colors.CARRIED, date_format)
        return cls(theme.overdue, theme.done, theme.carried, date_format)

    def due_text(self, due: dt.date | str) -> str:
        """A due date as the settings show it; the file always keeps YYYY-MM-DD."""
        if isinstance(due, dt.date) and self.date_format != "%Y-%m-%d":
            return due.strftime(self.date_format)
        return format_due(due)


DEFAULT_LOOK = Look.of(None, "%Y-%m-%d")
