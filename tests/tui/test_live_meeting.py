"""Silent writing and dot voting in a live session: a facilitator and a participant, two apps in one process.

The live keeper is a stand-in here: it posts to a real room (one state folder
for both) and hands each app the room's events when the test says so, as the
keeper does on its own every few hundred milliseconds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from retrotui import dumps
from retrotui.journal import private_notes_path, read_private_notes
from retrotui.keymap import clashes
from retrotui.live.options import LiveOptions
from retrotui.live.room import Room
from retrotui.tui.app import RetroApp
from retrotui.tui.dialogs.meeting import PhaseDialog
from retrotui.tui.live_meeting import MeetingBanner
from tests.conftest import read_exact
from tests.tui.helpers import make_app

RETRO = (
    "# Team retros\n"
    "\n"
    "## Sprint 2 - 2025-11-20\n"
    "\n"
    "### What Went Well\n"
    "- Pairing on the pager\n"
    "- Deploys were calm\n"
    "\n"
    "### What Could Improve\n"
    "- Flaky tests\n"
    "- Long standups\n"
    "- Unclear owners\n"
    "\n"
    "### Action Items\n"
    "| Item | Owner | Due Date | Status |\n"
    "|---|---|---|---|\n"
    "| Fix flaky tests | Ana | 2025-12-01 | ☐ |\n"
)
START = 1_000_000.0  # the room's clock when the events are posted


class StandInKeeper:
    """The live keeper's interface, with the events handed over when ``deliver`` is called."""

    def __init__(self, room: Room, options: LiveOptions) -> None:
        self.room = room
        self.options = options
        self.handlers: dict[str, list[Callable[[dict[str, Any]], object]]] = {}

    def on_event(self, kind: str, handler: Callable[[dict[str, Any]], object]) -> None:
        self.handlers.setdefault(kind, []).append(handler)

    def post(self, kind: str, **fields: Any) -> None:
        self.room.post(kind, **fields)

    def write_soon(self) -> None:
        pass

    def deliver(self) -> None:
        for event in self.room.new_events():
            for handler in self.handlers.get(event["kind"], []):
                handler(event)


@dataclass
class Participant:
    app: RetroApp
    pilot: Any
    keeper: StandInKeeper

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def settle(self) -> None:
        for _ in range(2):
            await self.app.settled()
            await self.app.workers.wait_for_complete()
            await self.app.settled()
        await self.pilot.pause()

    @property
    def banner(self) -> str:
        banner = self.app.editor_screen.query_one(MeetingBanner)
        return str(banner.render()) if banner.display else ""

    @property
    def text(self) -> str:
        return dumps(self.app.editor_screen.editor.doc)

    def hint(self) -> str:
        view = self.app.editor_screen.view
        assert view is not None
        active = view.active_editor()
        assert active is not None
        return str(active.query_one("#section-hint", Static).render())


@asynccontextmanager
async def participant(path: Path, state: Path, name: str, view_only: bool = False) -> AsyncIterator[Participant]:
    room = Room(path, name, state=state, clock=lambda: START)
    room.join()
    keeper = StandInKeeper(room, LiveOptions(name, view_only))
    app = make_app(path, journal=True)
    app.editor_screen.files.live = keeper  # type: ignore[attr-defined]
    app.meeting.clock = lambda: START + 48
    async with app.run_test(size=(120, 40)) as pilot:
        someone = Participant(app, pilot, keeper)
        await someone.settle()
        yield someone
    room.leave()


async def everyone_reads(*people: Participant) -> None:
    for person in people:
        person.keeper.deliver()
    for person in people:
        await person.settle()


@pytest.fixture
def retro_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "RETRO.md"
    path.write_bytes(RETRO.encode("utf-8"))
    return path


def test_the_meeting_keys_are_free() -> None:
    assert clashes({}) == []


async def test_silent_writing_keeps_new_items_private_until_the_reveal(retro_file: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    async with participant(retro_file, state, "Ana") as ana, participant(retro_file, state, "Ben") as ben:
        offered = [command.title for command in ana.app.meeting.palette_commands()]
        assert offered == ["Start silent writing", "Start dot voting"]
        await ana.press("w")
        assert isinstance(ana.app.screen, PhaseDialog)
        await ana.press("enter")  # the section on screen (What Went Well), 5 minutes
        await everyone_reads(ana, ben)
        for person in (ana, ben):
            assert person.banner.startswith("Silent writing in What Went Well — 4:12 left, by Ana")
        assert [command.title for command in ana.app.meeting.palette_commands()] == ["Reveal the silent writing"]

        await ben.press("a", *"Blameless postmortems", "enter")
        await ben.press("a", *"Good coffee", "enter")
        assert ben.text == RETRO  # not in the document, so never written
        assert "Private until reveal" in ben.hint() and "Good coffee" in ben.hint()
        assert "2 of yours private until reveal" in ben.banner
        notes = read_private_notes(retro_file)
        assert notes is not None and notes.items == ("Blameless postmortems", "Good coffee")
        assert notes.section == "What Went Well"
        assert "Good coffee" not in ana.hint()

        await ana.press("r")
        await everyone_reads(ana, ben)
        assert ana.banner == ben.banner == ""
        assert ben.text == RETRO.replace(
            "- Deploys were calm\n", "- Deploys were calm\n- Blameless postmortems\n- Good coffee\n"
        )
        assert ana.text == RETRO  # Ana's copy gets them through the file (the live keeper merges them)
        assert not private_notes_path(retro_file).exists()
        assert "Private until reveal" not in ben.hint()
        # The reveal is one ordinary edit: undo takes it back.
        await ben.press("ctrl+z")
        assert ben.text == RETRO
    assert read_exact(retro_file) == RETRO


async def test_private_items_left_by_a_crash_come_back_after_the_meeting(retro_file: Path, tmp_path: Path) -> None:
    from retrotui.journal import write_private_notes

    write_private_notes(retro_file, "Sprint 2 - 2025-11-20", "What Went Well", ["Written before the crash"])
    async with participant(retro_file, tmp_path / "state", "Ben") as ben:
        assert "- Written before the crash\n" in ben.text
        assert not private_notes_path(retro_file).exists()


async def test_dot_voting_orders_the_section_and_writes_the_marks(retro_file: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    async with participant(retro_file, state, "Ana") as ana, participant(retro_file, state, "Ben") as ben:
        await ana.press("v")
        await ana.press("tab", "down", "enter")  # What Could Improve, 3 votes each
        await everyone_reads(ana, ben)
        assert ben.banner.startswith("Voting on What Could Improve — you have 3 of 3 votes left, by Ana")

        # Four votes sent before any is read back: the log counts three.
        await ben.press("2", "down", "plus", "plus", "down", "plus", "plus")
        await everyone_reads(ana, ben)
        assert ben.banner.startswith("Voting on What Could Improve — you have 0 of 3 votes left")
        await ben.press("plus")  # refused at once: none left
        assert any("All your 3 votes are placed" in n.message for n in ben.app._notifications)
        await ben.press("minus")  # takes one back from Unclear owners
        await ben.press("up", "minus")  # and one from Long standups
        await everyone_reads(ana, ben)
        await ben.press("down", "plus")  # and puts one on Unclear owners again
        await ana.press("2", "down", "down", "equals_sign")
        await everyone_reads(ana, ben)
        assert "you have 1 of 3 votes left" in ben.banner
        assert "●" in ben.hint() and "Your votes: 2 of 3" in ben.hint()

        await ana.press("c")
        await everyone_reads(ana, ben)
        assert ana.banner == ben.banner == ""
        voted = RETRO.replace(
            "- Flaky tests\n- Long standups\n- Unclear owners\n",
            "- Unclear owners (+2)\n- Long standups (+1)\n- Flaky tests\n",
        )
        assert ana.text == voted
        assert ben.text == RETRO  # Ben's copy gets it through the file
        await ana.press("ctrl+s")
        saved = read_exact(retro_file)
        assert saved.replace("**Last Updated:**", "") == voted
        # One undoable change on the facilitator's editor.
        await ana.press("ctrl+z")
        assert ana.text == RETRO


async def test_meeting_keys_do_nothing_outside_a_live_session(retro_file: Path) -> None:
    app = make_app(retro_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "v", "c", "plus")
        await app.settled()
        await pilot.pause()
        assert not isinstance(app.screen, PhaseDialog)
        assert not app.editor_screen.query(MeetingBanner)
        assert dumps(app.editor_screen.editor.doc) == RETRO


async def test_a_watcher_sees_the_phase_but_cannot_vote(retro_file: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    async with (
        participant(retro_file, state, "Ana") as ana,
        participant(retro_file, state, "Cy", view_only=True) as cy,
    ):
        await ana.press("v", "enter")
        await everyone_reads(ana, cy)
        assert cy.banner.startswith("Voting on What Went Well — you are watching, by Ana")
        await cy.press("plus", "c")
        await everyone_reads(ana, cy)
        phase = ana.app.meeting.state.phase
        assert phase is not None and getattr(phase, "ballots", None) == ()


async def test_a_late_joiner_sees_the_phase_and_items_elsewhere_stay_public(retro_file: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    async with participant(retro_file, state, "Ana") as ana:
        await ana.press("w", "enter")
        await everyone_reads(ana)
        async with participant(retro_file, state, "Ben") as ben:
            await everyone_reads(ben)
            assert ben.banner.startswith("Silent writing in What Went Well — 4:12 left, by Ana")
            await ben.press("2", "a", *"Public on purpose", "enter")  # another section: an ordinary edit
            assert "- Unclear owners\n- Public on purpose\n" in ben.text
            assert read_private_notes(retro_file) is None


async def test_closing_replaces_the_marks_already_there(retro_file: Path, tmp_path: Path) -> None:
    marked = RETRO.replace("- Flaky tests\n", "- Flaky tests (+1 Ana)(+2 Ben)\n")
    retro_file.write_bytes(marked.encode("utf-8"))
    async with participant(retro_file, tmp_path / "state", "Ana") as ana:
        await ana.press("v", "tab", "down", "enter")
        await everyone_reads(ana)
        await ana.press("2", "down", "plus")
        await everyone_reads(ana)
        await ana.press("c")
        await everyone_reads(ana)
        assert ana.text == RETRO.replace("- Flaky tests\n- Long standups\n", "- Long standups (+1)\n- Flaky tests\n")
