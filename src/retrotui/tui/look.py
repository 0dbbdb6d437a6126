"""How action items look on screen: the theme's retrotui colours and the date format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import App

from retrotui.themes import RetroColors
from retrotui.values import format_due


@dataclass(frozen=True, slots=True)
class Look:
    overdue: str
    done: str
    carried: str
    date_format: str

    def due_text(self, due: dt.date | str) -> str:
        """A due date as the settings show it; the file always keeps YYYY-MM-DD."""
        if isinstance(due, dt.date) and self.date_format != "%Y-%m-%d":
            return due.strftime(self.date_format)
        return format_due(due)


def look_of(app: App[object]) -> Look:
    colors: RetroColors = getattr(app, "retro_colors", None) or RetroColors()
    settings = getattr(app, "settings", None)
    date_format = getattr(settings, "date_format", "%Y-%m-%d")
    return Look(colors.overdue, colors.done, colors.carried, date_format)
