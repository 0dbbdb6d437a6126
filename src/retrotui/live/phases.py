"""The meeting's phases, folded from the room's events: silent writing, its reveal, dot voting.

Every participant folds the same events log in the same order, so everyone,
one who joins late included, sees the same phase, the same votes and the same
results.  Anyone may start a phase (the events say by whom); a phase started
while another is on ends that one (a silent writing ended that way counts as
revealed: nobody's notes stay private for ever).  An event that does not fit
(a vote with no voting open, a vote over the limit, a field of the wrong type)
changes nothing.  Pure: no clock, no files, no Textual.

The events (``Room.post`` adds ``kind``, ``by``, ``from`` and ``at``):

- ``write``: ``retro``, ``section``, ``minutes``: silent writing in that section;
- ``reveal``: the private notes of the silent writing go into the section;
- ``voting``: ``retro``, ``section``, ``votes`` (per person, default 3): dot voting opens;
- ``vote`` / ``unvote``: ``item`` (the bullet's text without its vote marks) and ``index``
  (its place then, which tells two bullets of the same text apart);
- ``close_voting``: the votes are counted; whoever closed it writes the results.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from retrotui.record import Record, replace

WRITE = "write"
REVEAL = "reveal"
VOTING = "voting"
VOTE = "vote"
UNVOTE = "unvote"
CLOSE_VOTING = "close_voting"
KINDS = (WRITE, REVEAL, VOTING, VOTE, UNVOTE, CLOSE_VOTING)

DEFAULT_VOTES = 3
DEFAULT_MINUTES = 5
MAX_VOTES = 99
MAX_MINUTES = 240


class Who(Record):
    """A participant as the events name it: the room's id for them, and their name."""

    id: str
    name: str


class Writing(Record):
    """Silent writing: new items in this section stay private to their writer until the reveal."""

    retro: str
    section: str
    ends_at: float  # the starter's clock (seconds since the epoch)
    by: Who


class Ballot(Record):
    voter: Who
    item: str  # the bullet's text without its vote marks
    index: int  # where the bullet was when the vote was cast


class Voting(Record):
    retro: str
    section: str
    per_person: int
    by: Who
    ballots: tuple[Ballot, ...] = ()

    def used(self, voter_id: str) -> int:
        return sum(1 for ballot in self.ballots if ballot.voter.id == voter_id)

    def left(self, voter_id: str) -> int:
        return max(self.per_person - self.used(voter_id), 0)

    def mine(self, voter_id: str) -> list[Ballot]:
        return [ballot for ballot in self.ballots if ballot.voter.id == voter_id]


class Ended(Record):
    """How the last phase ended: a silent writing revealed, or a voting closed (with its ballots)."""

    kind: str  # REVEAL or CLOSE_VOTING
    retro: str
    section: str
    by: Who
    ballots: tuple[Ballot, ...] = ()


Phase = Writing | Voting


class Meeting(Record):
    phase: Phase | None = None
    ended: Ended | None = None  # the last phase that ended, and who ended it
    events: int = 0  # events taken in (those that changed nothing too)

    def apply(self, event: Mapping[str, Any]) -> Meeting:
        """The meeting after one more event of the log."""
        taken = replace(self, events=self.events + 1)
        who = _who(event)
        kind = event.get("kind")
        if who is None or kind not in KINDS:
            return taken
        phase = self.phase
        if kind in (WRITE, VOTING):
            retro, section = event.get("retro"), event.get("section")
            if not isinstance(retro, str) or not isinstance(section, str):
                return taken
            ended = _end_writing(phase, who) or self.ended
            if kind == WRITE:
                minutes = _number(event.get("minutes"), DEFAULT_MINUTES, MAX_MINUTES)
                at = event.get("at")
                start = float(at) if isinstance(at, (int, float)) and not isinstance(at, bool) else 0.0
                new: Phase = Writing(retro, section, start + minutes * 60, who)
            else:
                new = Voting(retro, section, int(_number(event.get("votes"), DEFAULT_VOTES, MAX_VOTES)), who)
            return replace(taken, phase=new, ended=ended)
        if kind == REVEAL:
            ended = _end_writing(phase, who)
            return taken if ended is None else replace(taken, phase=None, ended=ended)
        if not isinstance(phase, Voting):
            return taken
        if kind == CLOSE_VOTING:
            ended = Ended(CLOSE_VOTING, phase.retro, phase.section, who, phase.ballots)
            return replace(taken, phase=None, ended=ended)
        item, index = event.get("item"), event.get("index")
        if not isinstance(item, str) or not isinstance(index, int) or isinstance(index, bool):
            return taken
        if kind == VOTE:
            if phase.left(who.id) == 0:
                return taken
            voting = replace(phase, ballots=(*phase.ballots, Ballot(who, item, index)))
            return replace(taken, phase=voting)
        # UNVOTE: the voter's latest vote for that item (at that place, if there is one).
        mine = [n for n, b in enumerate(phase.ballots) if b.voter.id == who.id and b.item == item]
        if not mine:
            return taken
        exact = [n for n in mine if phase.ballots[n].index == index]
        gone = (exact or mine)[-1]
        voting = replace(phase, ballots=phase.ballots[:gone] + phase.ballots[gone + 1 :])
        return replace(taken, phase=voting)


def fold(events: Iterable[Mapping[str, Any]], meeting: Meeting | None = None) -> Meeting:
    """The meeting after every event of the log, in order (from ``meeting``, else from the start)."""
    state = meeting or Meeting()
    for event in events:
        state = state.apply(event)
    return state


def tally(ballots: Iterable[Ballot], items: Sequence[str]) -> tuple[list[int], int]:
    """Votes per item of ``items`` (bullet texts, marks and all), and how many ballots matched none.

    A ballot counts for the item whose text without marks is the one voted
    for; of several such items, the one nearest where the voted item was (the
    earlier on a tie).  Items added, removed or moved meanwhile do not move a vote.
    """
    from retrotui.votes import without_votes

    keys = [without_votes(item) for item in items]
    counts = [0] * len(items)
    missed = 0
    for ballot in ballots:
        candidates = [n for n, key in enumerate(keys) if key == ballot.item]
        if not candidates:
            missed += 1
            continue
        counts[min(candidates, key=lambda n: (abs(n - ballot.index), n))] += 1
    return counts, missed


def _end_writing(phase: Phase | None, who: Who) -> Ended | None:
    if isinstance(phase, Writing):
        return Ended(REVEAL, phase.retro, phase.section, who)
    return None


def _who(event: Mapping[str, Any]) -> Who | None:
    participant, name = event.get("from"), event.get("by")
    if not isinstance(participant, str) or not participant:
        return None
    return Who(participant, name if isinstance(name, str) and name else "someone")


def _number(value: object, default: int, top: int) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:  # NaN
        return default
    return min(max(value, 1), top)
