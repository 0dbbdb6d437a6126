"""Running the editor under Pilot on temporary copies of the samples."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from retrotui.session import Session
from retrotui.tui.app import RetroApp
from retrotui.tui.screens.editor import EditorScreen
from tests.conftest import SAMPLES, TODAY


@dataclass
class Running:
    app: RetroApp
    pilot: Pilot[None]
    path: Path
    notes: list[str] = field(default_factory=list)

    @property
    def saved(self) -> str:
        return self.path.read_bytes().decode("utf-8")

    @property
    def editor(self) -> EditorScreen:
        return self.app.editor_screen

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def settle(self) -> None:
        """Every key let in and finished with, every worker done and its result taken, twice over."""
        for _ in range(2):
            await self.app.settled()
            await self.app.workers.wait_for_complete()
            await self.app.settled()
        await self.pilot.pause()


# The sample's first action row, toggled back to open by ``4`` then ``space`` (it is done in the file).
TOGGLED_ROW = "| Carry: stabilise preemption tests (from Sprint 2) | @sre-oncall | 2025-12-05 | ☐ |"


def copy_sample(tmp: Path, name: str = "volcano-multi-sprint.md") -> Path:
    target = tmp / name
    shutil.copyfile(SAMPLES / name, target)
    return target


def make_app(path: Path, today: dt.date = TODAY, **options: Any) -> RetroApp:
    session = Session.open(path, today=lambda: today)
    options.setdefault("look_up_branch", False)
    options.setdefault("watch_file", False)  # tests call check_disk() themselves
    options.setdefault("journal", False)  # journal tests turn it on, with their own state folder
    return RetroApp(session, blink_cursors=False, **options)


def their_owner_on_disk(path: Path) -> str:
    """Someone else's save: the sample's second action item gets the owner "Theirs"; the text written."""
    theirs = (
        path.read_bytes()
        .decode("utf-8")
        .replace(
            "| Write an on-call handover template | @sre-oncall |", "| Write an on-call handover template | Theirs |"
        )
    )
    path.write_bytes(theirs.encode("utf-8"))
    return theirs


def recorded_notes(app: RetroApp) -> list[str]:
    """Every notification the app shows from now on, in order (shown as well)."""
    notes: list[str] = []
    original = app.notify

    def record(message: str, **kwargs: Any) -> None:
        notes.append(message)
        original(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return notes


@asynccontextmanager
async def running(
    path: Path, today: dt.date = TODAY, size: tuple[int, int] = (120, 40), **options: Any
) -> AsyncIterator[Running]:
    app = make_app(path, today, **options)
    notes = recorded_notes(app)
    async with app.run_test(size=size) as pilot:
        run = Running(app, pilot, path, notes)
        await run.settle()
        yield run
