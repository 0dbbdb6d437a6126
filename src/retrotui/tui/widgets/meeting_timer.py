"""The meeting timer: a timebox for the section on screen, counted down where the room can see it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from retrotui.meeting import Timebox, timebox_minutes
from retrotui.safe_text import visible
from retrotui.tui.services import EditorServices

if TYPE_CHECKING:
    from retrotui.model import Section


class MeetingTimer(Static):
    """Hidden until started; typing is never blocked by it, and time's up is said once."""

    def __init__(self, services: EditorServices, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.services = services
        self.timebox: Timebox | None = None
        self._ticker: Timer | None = None

    def on_mount(self) -> None:
        self.display = False

    def toggle(self, section: Section | None) -> None:
        """Start the section's timebox, or stop the one running."""
        keys = self.services.keys("app.timebox")
        if self.timebox is not None:
            label = self.timebox.label
            self.stop()
            self.notify(f"Timer stopped for {label}.", timeout=2)
            return
        if section is None:
            self.notify("Open a retro's section to time it.", timeout=2)
            return
        minutes = timebox_minutes(section.kind, self.services.settings().timebox)
        self.timebox = Timebox(section.title, minutes * 60, self.services.clock())
        self._ticker = self.set_interval(1, self.tick, name="timebox")
        self.tick()
        self.notify(f"{minutes} minutes for {section.title}. {keys} stops the timer.", timeout=3)

    def stop(self) -> None:
        self.timebox = None
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.display = False

    def adjust(self, section: Section | None, delta: int) -> None:
        """One minute more or less for the section on screen; remembered in the settings."""
        if section is None or section.kind is None:
            self.notify("Timeboxes are kept for the six known sections.", timeout=3)
            return
        settings = self.services.settings()
        minutes = max(1, timebox_minutes(section.kind, settings.timebox) + delta)
        settings.timebox = {**settings.timebox, section.kind: minutes}
        self.services.remember(f"timebox.{section.kind.value}", minutes)
        self.notify(f"Timebox for {section.title}: {minutes} minutes.", timeout=3)

    def tick(self) -> None:
        box = self.timebox
        if box is None:
            return
        now = self.services.clock()
        if box.is_over(now) and not box.announced:
            box.announced = True
            self.notify(f"Time's up for {box.label}.", title="Timebox", timeout=8)
        self.display = True
        self.update(Text(visible(box.display(now)), style="bold"))  # the section's title: the file's text
        self.set_class(box.is_over(now), "over")
