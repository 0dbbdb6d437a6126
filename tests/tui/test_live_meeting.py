"""Silent writing and dot voting in a live session: a facilitator and a participant, two apps in one process.

Both editors run their live keeper on one state folder, so they meet in one
room. The keepers write, read the events and look at the file by themselves
every few hundred milliseconds; the tests make them do it when they need it
(``everyone_catches_up``), so nothing waits on a clock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets import Static

from retrotui import dumps
from retrotui.journal import private_notes_path, read_private_notes
from retrotui.keymap import clashes
from retrotui.live.options import LiveOptions
from retrotui.live.phases import Writing
from retrotui.tui.app import RetroApp
from retrotui.tui.dialogs.meeting import PhaseDialog
from retrotui.tui.files.live import LiveKeeper
from retrotui.tui.live_meeting import MeetingBanner
from tests.conftest import read_exact
from tests.tui.helpers import Running, make_app, recorded_notes

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


class Participant(Running):
    """One editor in the room, driven like ``Running``; with the meeting's banner, notes and text."""

    @property
    def keeper(self) -> LiveKeeper:
        live = self.app.editor_screen.files.live
        assert live is not None
        return live

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


def _four_minutes_twelve_left(app: RetroApp) -> float:
    """The meeting's clock in the tests: 48 seconds into a silent writing of five minutes."""
    phase = app.meeting.state.phase
    return phase.ends_at - 252 if isinstance(phase, Writing) else 0.0


@asynccontextmanager
async def participant(path: Path, name: str, view_only: bool = False) -> AsyncIterator[Participant]:
    app = make_app(path, journal=True, live=LiveOptions(name, view_only))
    app.meeting.clock = lambda: _four_minutes_twelve_left(app)
    notes = recorded_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        someone = Participant(app, pilot, path, notes)
        await someone.settle()
        yield someone


async def everyone_catches_up(*people: Participant) -> None:
    """Each writes what it finished, then reads the events and the file; twice, so what the events
    made (a reveal's items, a vote's results) is written and read by the others too."""
    for _ in range(2):
        for person in people:
            person.keeper.tick()
            await person.settle()
        for person in people:
            person.keeper.beat()
            await person.settle()


@pytest.fixture
def retro_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The retro file, with a state folder (journal, room) of the test's own."""
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "RETRO.md"
    path.write_bytes(RETRO.encode("utf-8"))
    return path


def test_the_meeting_keys_are_free() -> None:
    assert clashes({}) == []


async def test_silent_writing_keeps_new_items_private_until_the_reveal(retro_file: Path) -> None:
    async with participant(retro_file, "Ana") as ana, participant(retro_file, "Ben") as ben:
        offered = [command.title for command in ana.app.meeting.palette_commands()]
        assert offered == ["Start silent writing", "Start dot voting"]
        await ana.press("w")
        assert isinstance(ana.app.screen, PhaseDialog)
        await ana.press("enter")  # the section on screen (What Went Well), 5 minutes
        await everyone_catches_up(ana, ben)
        for person in (ana, ben):
            assert person.banner.startswith("Silent writing in What Went Well — 4:12 left, by Ana")
        assert [command.title for command in ana.app.meeting.palette_commands()] == ["Reveal the silent writing"]

        await ben.press("a", *"Blameless postmortems", "enter")
        await ben.press("a", *"Good coffee", "enter")
        await everyone_catches_up(ana, ben)
        assert ben.text == RETRO and read_exact(retro_file) == RETRO  # not in the document, so never written
        assert "Private until reveal" in ben.hint() and "Good coffee" in ben.hint()
        assert "2 of yours private until reveal" in ben.banner
        notes = read_private_notes(retro_file, "Ben")  # Ben's own, beside his own journal
        assert read_private_notes(retro_file, "Ana") is None
        assert notes is not None and notes.items == ("Blameless postmortems", "Good coffee")
        assert notes.section == "What Went Well"
        assert "Good coffee" not in ana.hint()

        await ana.press("r")
        await everyone_catches_up(ana, ben)
        assert ana.banner == ben.banner == ""
        revealed = RETRO.replace(
            "- Deploys were calm\n", "- Deploys were calm\n- Blameless postmortems\n- Good coffee\n"
        )
        # Ben put them in as an edit, his keeper wrote it, Ana's took it in.
        assert read_exact(retro_file) == ben.text == ana.text == revealed
        assert not private_notes_path(retro_file, who="Ben").exists()
        assert "Private until reveal" not in ben.hint()
        # The reveal is one ordinary edit: undo takes it back, for everyone.
        await ben.press("ctrl+z")
        assert ben.text == RETRO
        await everyone_catches_up(ana, ben)
        assert read_exact(retro_file) == ana.text == RETRO


async def test_everyones_private_items_are_merged_at_the_reveal(retro_file: Path) -> None:
    async with participant(retro_file, "Ana") as ana, participant(retro_file, "Ben") as ben:
        await ana.press("w", "enter")
        await everyone_catches_up(ana, ben)
        await ana.press("a", *"Ana's own idea", "enter")
        await ben.press("a", *"Ben's idea", "enter", "a", *"Ben's second", "enter")
        await everyone_catches_up(ana, ben)
        assert read_exact(retro_file) == RETRO
        await ben.press("r")  # anyone may reveal
        await everyone_catches_up(ana, ben)
        await everyone_catches_up(ana, ben)
        saved = read_exact(retro_file)
        assert saved == ana.text == ben.text
        went_well = saved.split("### What Went Well\n")[1].split("\n\n")[0].splitlines()
        assert went_well[:2] == ["- Pairing on the pager", "- Deploys were calm"]
        assert sorted(went_well[2:]) == ["- Ana's own idea", "- Ben's idea", "- Ben's second"]
        assert went_well.index("- Ben's idea") < went_well.index("- Ben's second")
        rest = saved.split("### What Could Improve")[1]
        assert rest == RETRO.split("### What Could Improve")[1]


async def test_private_items_left_by_a_crash_come_back_after_the_meeting(retro_file: Path) -> None:
    from retrotui.journal import write_private_notes

    write_private_notes(retro_file, "Sprint 2 - 2025-11-20", "What Went Well", ["Written before the crash"], "Ben")
    async with participant(retro_file, "Ben") as ben:
        assert "- Deploys were calm\n- Written before the crash\n" in ben.text
        assert not private_notes_path(retro_file, who="Ben").exists()
        assert any("private items from a silent writing are back" in note for note in ben.notes)
        await everyone_catches_up(ben)
        assert read_exact(retro_file) == ben.text


async def test_dot_voting_orders_the_section_and_writes_the_marks(retro_file: Path) -> None:
    async with participant(retro_file, "Ana") as ana, participant(retro_file, "Ben") as ben:
        await ana.press("v")
        await ana.press("tab", "down", "enter")  # What Could Improve, 3 votes each
        await everyone_catches_up(ana, ben)
        assert ben.banner.startswith("Voting on What Could Improve — you have 3 of 3 votes left, by Ana")

        # Four votes sent before any is read back: the log counts three.
        await ben.press("2", "down", "plus", "plus", "down", "plus", "plus")
        await everyone_catches_up(ana, ben)
        assert ben.banner.startswith("Voting on What Could Improve — you have 0 of 3 votes left")
        await ben.press("plus")  # refused at once: none left
        assert any("All your 3 votes are placed" in note for note in ben.notes)
        await ben.press("minus")  # takes one back from Unclear owners
        await ben.press("up", "minus")  # and one from Long standups
        await everyone_catches_up(ana, ben)
        await ben.press("down", "plus")  # and puts one on Unclear owners again
        await ana.press("2", "down", "down", "equals_sign")
        await everyone_catches_up(ana, ben)
        assert "you have 1 of 3 votes left" in ben.banner
        assert "●" in ben.hint() and "Your votes: 2 of 3" in ben.hint()

        await ana.press("c")
        await everyone_catches_up(ana, ben)
        assert ana.banner == ben.banner == ""
        voted = RETRO.replace(
            "- Flaky tests\n- Long standups\n- Unclear owners\n",
            "- Unclear owners (+2)\n- Long standups (+1)\n- Flaky tests\n",
        )
        # Ana closed, so Ana's editor wrote the results; Ben's took them in from the file.
        assert read_exact(retro_file) == ana.text == ben.text == voted
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


async def test_a_watcher_sees_the_phase_but_cannot_vote(retro_file: Path) -> None:
    async with (
        participant(retro_file, "Ana") as ana,
        participant(retro_file, "Cy", view_only=True) as cy,
    ):
        await ana.press("v", "enter")
        await everyone_catches_up(ana, cy)
        assert cy.banner.startswith("Voting on What Went Well — you are watching, by Ana")
        await cy.press("plus", "c")
        await everyone_catches_up(ana, cy)
        phase = ana.app.meeting.state.phase
        assert phase is not None and getattr(phase, "ballots", None) == ()


async def test_a_late_joiner_sees_the_phase_and_items_elsewhere_stay_public(retro_file: Path) -> None:
    async with participant(retro_file, "Ana") as ana:
        await ana.press("w", "enter")
        await everyone_catches_up(ana)
        async with participant(retro_file, "Ben") as ben:
            await everyone_catches_up(ben)
            assert ben.banner.startswith("Silent writing in What Went Well — 4:12 left, by Ana")
            await ben.press("2", "a", *"Public on purpose", "enter")  # another section: an ordinary edit
            assert "- Unclear owners\n- Public on purpose\n" in ben.text
            assert read_private_notes(retro_file, "Ben") is None
            await everyone_catches_up(ana, ben)
            assert "- Unclear owners\n- Public on purpose\n" in read_exact(retro_file)


async def test_closing_replaces_the_marks_already_there(retro_file: Path) -> None:
    marked = RETRO.replace("- Flaky tests\n", "- Flaky tests (+1 Ana)(+2 Ben)\n")
    retro_file.write_bytes(marked.encode("utf-8"))
    async with participant(retro_file, "Ana") as ana:
        await ana.press("v", "tab", "down", "enter")
        await everyone_catches_up(ana)
        await ana.press("2", "down", "plus")
        await everyone_catches_up(ana)
        await ana.press("c")
        await everyone_catches_up(ana)
        assert (
            read_exact(retro_file)
            == ana.text
            == RETRO.replace("- Flaky tests\n- Long standups\n", "- Long standups (+1)\n- Flaky tests\n")
        )


async def test_the_banner_counts_down_and_says_when_time_is_up(retro_file: Path) -> None:
    async with participant(retro_file, "Ana") as ana:
        await ana.press("w")
        await ana.press("backspace", "1", "2", "enter")  # 12 minutes
        await everyone_catches_up(ana)
        phase = ana.app.meeting.state.phase
        assert isinstance(phase, Writing) and phase.section == "What Went Well"
        ana.app.meeting.clock = lambda: phase.ends_at - 61.5
        ana.app.meeting.tick()
        await ana.settle()
        assert ana.banner.startswith("Silent writing in What Went Well — 1:02 left, by Ana")
        ana.app.meeting.clock = lambda: phase.ends_at + 1
        ana.app.meeting.tick()
        ana.app.meeting.tick()
        await ana.settle()
        assert ana.banner.startswith("Silent writing in What Went Well — time is up, by Ana · r reveals")
        assert [note for note in ana.notes if note.startswith("Time is up")] == [
            "Time is up for the silent writing in What Went Well."
        ]


async def test_a_number_out_of_range_is_asked_again(retro_file: Path) -> None:
    async with participant(retro_file, "Ana") as ana:
        await ana.press("v", "backspace", "0", "enter")
        assert isinstance(ana.app.screen, PhaseDialog)
        assert "Type a number from 1 to 99" in str(ana.app.screen.query_one("#phase-error", Static).render())
        await ana.press("escape")
        await everyone_catches_up(ana)
        assert ana.app.meeting.state.phase is None and ana.banner == ""
