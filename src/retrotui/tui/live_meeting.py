"""The meeting's phases in the editor: silent writing, its reveal, and dot voting, in a live session.

What the room's events mean is ``retrotui.live.phases``' (a pure fold); this
module presents it and acts on it.  Anyone may start a phase; the banner says
who did.  The events come through the live keeper (``screen.files.live``),
whose handlers run on the UI thread, our own posts read back included: the
state here is only ever the fold of the log, so every participant sees the same.

- **Silent writing.** A new item typed in the writing section is kept aside:
  shown to its writer under the items (dimmed, "private until reveal"), kept in
  the crash journal's private notes, and not in the document, so the live
  keeper never writes it.  When the writing ends (the reveal, or another phase
  started over it), each participant puts its own items into the section as one
  ordinary edit, which the live keeper writes and merges with the others'.
- **Dot voting.** A vote names the item by its text without vote marks, and
  its place as a tie-break.  Whoever closes the voting writes the results on
  its own editor as one undoable change (the items ordered by votes, each with
  ``(+N)``), once the close is read back from the log, so every vote posted
  before it counts.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import SystemCommand
from textual.timer import Timer
from textual.widgets import Static

from retrotui.live import phases
from retrotui.live.phases import Meeting, Voting, Writing
from retrotui.safe_text import visible
from retrotui.tui import commands
from retrotui.tui.commands import Scope

if TYPE_CHECKING:
    from retrotui.model import Retro, Section
    from retrotui.tui.app import RetroApp
    from retrotui.tui.dialogs.meeting import PhaseRequest
    from retrotui.tui.files.live import LiveKeeper
    from retrotui.tui.screens.editor import EditorScreen
    from retrotui.tui.widgets.section_editor import SectionEditor


class MeetingBanner(Static):
    """One line over the retro, the same for everyone: the phase, who started it, the time or votes left."""


def _minutes_left(seconds: float) -> str:
    whole = max(int(seconds + 0.999), 0)
    return f"{whole // 60}:{whole % 60:02d}"


class LiveMeeting:
    """The meeting of one editor in a live session (nothing happens when the editor is not live)."""

    def __init__(self, app: RetroApp, clock: Callable[[], float] = time.time) -> None:
        self.app = app
        self.clock = clock  # the room's clock: seconds since the epoch, as the events' "at"
        self.state = Meeting()
        self.private: list[str] = []  # my items kept aside during silent writing
        self.private_for: tuple[str, str] | None = None  # (retro, section) they were written in
        self.started = False
        self._ticker: Timer | None = None
        self._announced_time_up = False
        self._banner: MeetingBanner | None = None

    # -- where things are ------------------------------------------------------------------------

    @property
    def screen(self) -> EditorScreen:
        return self.app.editor_screen

    @property
    def keeper(self) -> LiveKeeper | None:
        return self.screen.files.live  # None when the editor is not live

    @property
    def me(self) -> str:
        keeper = self.keeper
        return keeper.room.id if keeper is not None else ""

    @property
    def view_only(self) -> bool:
        keeper = self.keeper
        return keeper is None or keeper.options.view_only

    def keys(self, command_id: str) -> str:
        return self.screen.services.keys(command_id)

    # -- starting --------------------------------------------------------------------------------

    def start(self) -> None:
        """The document is on screen: follow the meeting's events (once), and bring back private notes."""
        keeper = self.keeper
        if keeper is None or self.started:
            return
        self.started = True
        for kind in phases.KINDS:
            keeper.on_event(kind, self.on_event)
        # The keeper took the log so far as it joined, before these handlers were there: fold it first.
        self.state = phases.fold(keeper.taken)
        self._banner = MeetingBanner("", id="meeting-banner")
        self._banner.display = False
        self.screen.mount(self._banner, before=self.screen.query_one("#main"))
        self._restore_private()
        self.show()

    def _restore_private(self) -> None:
        """Private notes a crash left: private again if their silent writing is still on, else put in now."""
        from retrotui.journal import read_private_notes

        if not self.screen.files.journal_on:
            return
        found = read_private_notes(self.screen.path, self.screen.session.journal_owner)
        if found is None:
            return
        self.private, self.private_for = list(found.items), (found.retro, found.section)
        if not self._writing_in(found.retro, found.section):
            self._publish_private(restored=True)

    # -- the events --------------------------------------------------------------------------------

    def on_event(self, event: dict[str, Any]) -> None:
        """One event of the log, on the UI thread (ours too, read back)."""
        before = self.state
        self.state = self.state.apply(event)
        ended = self.state.ended
        if ended is not None and ended is not before.ended:
            self._phase_ended(ended, event)
        if isinstance(self.state.phase, Writing) and self.state.phase is not before.phase:
            self._announced_time_up = False
            self.notify_phase(f"Silent writing in {self.state.phase.section}, by {self.state.phase.by.name}.")
        if isinstance(self.state.phase, Voting) and not isinstance(before.phase, Voting):
            phase = self.state.phase
            self.notify_phase(f"Dot voting on {phase.section}, by {phase.by.name}: {phase.per_person} votes each.")
        if self.private and not self._writing_in(*self.private_for or ("", "")):
            self._publish_private()
        self.show()
        self.app.refresh_bindings()

    def _phase_ended(self, ended: phases.Ended, event: dict[str, Any]) -> None:
        if ended.kind == phases.REVEAL:
            self.notify_phase(f"{ended.by.name} revealed the silent writing in {ended.section}.")
        elif ended.kind == phases.CLOSE_VOTING:
            if event.get("from") == self.me and event.get("kind") == phases.CLOSE_VOTING:
                self._write_results(ended)
            else:
                self.notify_phase(f"{ended.by.name} closed the voting on {ended.section}; the results go in the file.")

    def notify_phase(self, message: str) -> None:
        self.screen.notify(message, title="Live meeting", timeout=6)

    def _writing_in(self, retro: str, section: str) -> bool:
        phase = self.state.phase
        return isinstance(phase, Writing) and (phase.retro, phase.section) == (retro, section)

    # -- the banner --------------------------------------------------------------------------------

    def banner_text(self) -> Text | None:
        phase = self.state.phase
        if isinstance(phase, Writing):
            left = phase.ends_at - self.clock()
            when = f"{_minutes_left(left)} left" if left > 0 else "time is up"
            text = Text(f"Silent writing in {visible(phase.section)} — {when}, by {visible(phase.by.name)}")
            if self.private:
                text.append(f" · {len(self.private)} of yours private until reveal")
            if not self.view_only:
                text.append(f" · {self.keys('live.reveal')} reveals", style="dim")
            return text
        if isinstance(phase, Voting):
            text = Text(f"Voting on {visible(phase.section)} — ")
            if self.view_only:
                text.append("you are watching")
            else:
                text.append(f"you have {phase.left(self.me)} of {phase.per_person} votes left")
            text.append(f", by {visible(phase.by.name)}")
            if not self.view_only:
                keys = (self.keys("live.vote"), self.keys("live.unvote"), self.keys("live.close_voting"))
                text.append(" · {} votes, {} takes back, {} closes".format(*keys), style="dim")
            return text
        return None

    def show(self) -> None:
        """The banner and the section on screen as the meeting is now; the countdown runs while writing."""
        text = self.banner_text()
        banner = self._banner
        if banner is not None:
            banner.display = text is not None
            banner.update(text or "")
        writing = isinstance(self.state.phase, Writing)
        if writing and self._ticker is None:
            self._ticker = self.screen.set_interval(1, self.tick, name="meeting")
        elif not writing and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        for widget in self._section_editors():
            widget.meeting_changed()

    def _changed_items_of(self, section: Section) -> None:
        for widget in self._section_editors():
            if widget.section is section:
                widget.meeting_changed(items=True)

    def tick(self) -> None:
        phase = self.state.phase
        if isinstance(phase, Writing) and phase.ends_at <= self.clock() and not self._announced_time_up:
            self._announced_time_up = True
            self.notify_phase(f"Time is up for the silent writing in {phase.section}.")
        text = self.banner_text()
        if self._banner is not None and text is not None:
            self._banner.update(text)

    def _section_editors(self) -> list[SectionEditor]:
        from retrotui.tui.widgets.retro_view import RetroView
        from retrotui.tui.widgets.section_editor import SectionEditor

        view = self.screen.view if self.screen.is_open else None
        if not isinstance(view, RetroView):
            return []
        return [widget for widget in view.editors() if isinstance(widget, SectionEditor)]

    # -- what the section editors ask ----------------------------------------------------------------

    def keep_aside(self, retro: Retro, section: Section, value: str) -> bool:
        """A new item in the silent writing's section stays private (and journaled) until the reveal."""
        if self.view_only or not self._writing_in(retro.title, section.title):
            return False
        self.private.append(value)
        self.private_for = (retro.title, section.title)
        self._journal_private()
        self.show()
        return True

    def section_note(self, retro: Retro, section: Section) -> Text | None:
        """Under a section's items: my private ones while writing there, my votes while voting there."""
        where = (retro.title, section.title)
        if self.private and self.private_for == where:
            note = Text("Private until reveal (only you see these):", style="dim italic")
            for item in self.private:
                note.append(f"\n  • {visible(item)}", style="dim")
            return note
        phase = self.state.phase
        if isinstance(phase, Voting) and (phase.retro, phase.section) == where and not self.view_only:
            mine = phase.mine(self.me)
            note = Text(f"Your votes: {len(mine)} of {phase.per_person}", style="italic")
            counted: dict[str, int] = {}
            for ballot in mine:
                counted[ballot.item] = counted.get(ballot.item, 0) + 1
            for item, count in counted.items():
                note.append(f"\n  {'●' * count} {visible(item)}")
            return note
        return None

    def _journal_private(self) -> None:
        """The private notes on disk at once: small, and never lost in a crash before the reveal.

        Written on the UI thread on purpose: the item leaves the input field in
        the same step, so there is no moment in which it is only in memory.
        """
        from retrotui.journal import write_private_notes

        if not self.screen.files.journal_on:
            return
        retro, section = self.private_for or ("", "")
        try:
            write_private_notes(self.screen.path, retro, section, self.private, self.screen.session.journal_owner)
        except OSError as error:
            self.screen.notify(
                f"Could not keep the private items in the journal ({error.strerror or error}).",
                title="Journal",
                severity="warning",
            )

    def _publish_private(self, restored: bool = False) -> None:
        """My private items go into their section as one ordinary edit (the live keeper writes it)."""
        from retrotui.markdown import bullets as bullet_text

        retro_title, section_title = self.private_for or ("", "")
        found = self._find(retro_title, section_title)
        if found is None:
            self.screen.notify(
                f"The section {section_title!r} of {retro_title!r} is gone: your private items stay in the journal "
                f"({len(self.private)}): " + "; ".join(self.private),
                title="Not revealed",
                severity="warning",
                timeout=20,
            )
            return
        retro, section = found
        editor = self.screen.editor
        text = editor.section_text(section)
        fmt = editor.doc.format
        for item in self.private:
            text = bullet_text.insert_bullet(text, len(bullet_text.bullets(text)), item, fmt.bullet, fmt.eol)
        count = len(self.private)
        editor.set_section_text(retro, section, text, "Reveal items")
        self._changed_items_of(section)
        self.private, self.private_for = [], None
        self._journal_private_cleared()
        if restored:
            self.screen.notify(
                f"Your {count} private items from a silent writing are back in {section_title}.",
                title="Live meeting",
                timeout=8,
            )

    def _journal_private_cleared(self) -> None:
        from retrotui.journal import clear_private_notes

        if not self.screen.files.journal_on:
            return
        with contextlib.suppress(OSError):  # an old note left behind is only offered again, never lost
            clear_private_notes(self.screen.path, self.screen.session.journal_owner)

    def _find(self, retro_title: str, section_title: str) -> tuple[Retro, Section] | None:
        if not self.screen.is_open:
            return None
        for retro in self.screen.editor.doc.retros:
            if retro.title == retro_title:
                for section in retro.sections:
                    if section.title == section_title:
                        return retro, section
        return None

    def _write_results(self, ended: phases.Ended) -> None:
        """I closed the voting: the section's items by votes, each with (+N), as one undoable change."""
        from retrotui.votes import section_with_results

        found = self._find(ended.retro, ended.section)
        if found is None:
            self.screen.notify(f"The section {ended.section!r} is gone: no results written.", severity="warning")
            return
        retro, section = found
        editor = self.screen.editor
        counts, missed = phases.tally(ended.ballots, editor.bullets(section))
        text = section_with_results(editor.section_text(section), counts)
        editor.set_section_text(retro, section, text, "Dot vote results")
        self._changed_items_of(section)
        message = f"{sum(counts)} votes counted in {ended.section}: the items are ordered by votes."
        if missed:
            message += f" {missed} were for items no longer there."
        self.screen.notify(message, title="Voting closed", timeout=8)

    # -- commands ------------------------------------------------------------------------------------

    def can(self, action: str) -> bool:
        """Whether a meeting command does something now (the footer and the palette show only those)."""
        screen = self.screen
        if self.keeper is None or self.view_only or not screen.is_open or screen.tracker_shown:
            return False
        if self.app.screen is not screen:
            return False
        phase = self.state.phase
        if action in ("start_writing", "start_voting"):
            return phase is None and screen.current is not None
        if action == "reveal":
            return isinstance(phase, Writing)
        if action in ("vote", "unvote", "close_voting"):
            return isinstance(phase, Voting)
        return False

    async def run(self, action: str) -> None:
        if not self.can(action):
            return
        await getattr(self, f"action_{action}")()

    def palette_commands(self) -> Iterable[SystemCommand]:
        from retrotui.tui.palette import palette_help

        for command in commands.in_scope(Scope.LIVE):
            if self.can(command.action):
                shown = self.keys(command.id)
                yield SystemCommand(command.title, palette_help(command.help, shown), partial(self.run, command.action))

    def _text_sections(self) -> tuple[Retro, list[Section], int] | None:
        """The retro on screen, its sections that hold items (not the action grid), and the one on screen."""
        from retrotui.tui.widgets.retro_view import RetroView, holds_actions

        view = self.screen.view
        if not isinstance(view, RetroView):
            return None
        editor = self.screen.editor
        sections = [s for s in view.sections if not holds_actions(editor, view.retro, s)]
        if not sections:
            return None
        active = view.active_section()
        chosen = next((n for n, s in enumerate(sections) if s is active), 0)
        return view.retro, sections, chosen

    async def action_start_writing(self) -> None:
        await self._ask("Start silent writing", "Minutes", phases.DEFAULT_MINUTES, phases.MAX_MINUTES, phases.WRITE)

    async def action_start_voting(self) -> None:
        await self._ask("Start dot voting", "Votes per person", phases.DEFAULT_VOTES, phases.MAX_VOTES, phases.VOTING)

    async def _ask(self, title: str, label: str, number: int, top: int, kind: str) -> None:
        from retrotui.tui.dialogs.meeting import PhaseDialog

        found = self._text_sections()
        if found is None:
            self.screen.notify("This retro has no section of items for that.", timeout=4)
            return
        retro, sections, chosen = found
        self.screen.commit_pending()

        def answered(request: PhaseRequest | None) -> None:
            keeper = self.keeper
            if request is None or keeper is None or not self.can(f"start_{'writing' if kind == 'write' else kind}"):
                return
            section = sections[request.section]
            field = "minutes" if kind == phases.WRITE else "votes"
            keeper.post(kind, retro=retro.title, section=section.title, **{field: request.number})

        titles = [section.title for section in sections]
        self.app.push_screen(PhaseDialog(title, titles, chosen, label, number, top), answered)

    async def action_reveal(self) -> None:
        keeper = self.keeper
        if keeper is not None:
            keeper.post(phases.REVEAL)

    async def action_close_voting(self) -> None:
        keeper = self.keeper
        if keeper is not None:
            self.screen.commit_pending()
            keeper.post(phases.CLOSE_VOTING)

    async def action_vote(self) -> None:
        await self._vote(back=False)

    async def action_unvote(self) -> None:
        await self._vote(back=True)

    async def _vote(self, back: bool) -> None:
        from retrotui.tui.widgets.retro_view import RetroView
        from retrotui.tui.widgets.section_editor import SectionEditor
        from retrotui.votes import without_votes

        phase, keeper = self.state.phase, self.keeper
        if not isinstance(phase, Voting) or keeper is None:
            return
        view = self.screen.view
        widget = view.active_editor() if isinstance(view, RetroView) else None
        if not (
            isinstance(widget, SectionEditor)
            and (widget.retro.title, widget.section.title) == (phase.retro, phase.section)
        ):
            self.screen.notify(f"The voting is on {phase.section}: go to its tab to vote.", timeout=4)
            return
        items = self.screen.editor.bullets(widget.section)
        index = widget.list_view.index
        if index is None or not 0 <= index < len(items):
            return
        item = without_votes(items[index])
        if back:
            if not any(ballot.item == item for ballot in phase.mine(self.me)):
                self.screen.notify("You have no vote on this item to take back.", timeout=3)
                return
            keeper.post(phases.UNVOTE, item=item, index=index)
            return
        if phase.left(self.me) == 0:
            keys = self.keys("live.unvote")
            self.screen.notify(f"All your {phase.per_person} votes are placed; {keys} takes one back.", timeout=4)
            return
        keeper.post(phases.VOTE, item=item, index=index)
