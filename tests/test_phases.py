"""The meeting's phases folded from the room's events: everyone, late joiners too, sees the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from retrotui.live.phases import (
    CLOSE_VOTING,
    REVEAL,
    Ballot,
    Meeting,
    Voting,
    Who,
    Writing,
    fold,
    tally,
)
from retrotui.live.room import Room


def ev(kind: str, who: str = "ana", at: float = 1000.0, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "by": who.title(), "from": f"id-{who}", "at": at, **fields}


ANA, BEN = Who("id-ana", "Ana"), Who("id-ben", "Ben")


def test_silent_writing_then_reveal() -> None:
    state = fold([ev("write", retro="Sprint 4", section="What Went Well", minutes=3)])
    assert state.phase == Writing("Sprint 4", "What Went Well", 1180.0, ANA)
    state = state.apply(ev("reveal", "ben"))
    assert state.phase is None
    assert state.ended is not None and (state.ended.kind, state.ended.section, state.ended.by) == (
        REVEAL,
        "What Went Well",
        BEN,
    )


def test_a_reveal_without_writing_changes_nothing_but_the_count() -> None:
    state = fold([ev("reveal")])
    assert (state.phase, state.ended, state.events) == (None, None, 1)


def test_a_phase_started_over_silent_writing_reveals_it() -> None:
    state = fold([ev("write", retro="R", section="S", minutes=5), ev("voting", "ben", retro="R", section="T")])
    assert isinstance(state.phase, Voting) and state.phase.per_person == 3
    assert state.ended is not None and state.ended.kind == REVEAL and state.ended.section == "S"


def test_votes_are_limited_per_person_and_taken_back() -> None:
    events = [
        ev("voting", retro="R", section="S", votes=2),
        ev("vote", "ben", item="A", index=0),
        ev("vote", "ben", item="B", index=1),
        ev("vote", "ben", item="C", index=2),  # over the limit: not counted
        ev("vote", "ana", item="A", index=0),
        ev("unvote", "ben", item="A", index=0),
        ev("unvote", "ana", item="Z", index=9),  # never cast: nothing
        ev("vote", "ben", item="C", index=2),
    ]
    state = fold(events)
    assert isinstance(state.phase, Voting)
    assert [(b.voter.name, b.item) for b in state.phase.ballots] == [("Ben", "B"), ("Ana", "A"), ("Ben", "C")]
    assert state.phase.left("id-ben") == 0 and state.phase.left("id-ana") == 1
    closed = state.apply(ev(CLOSE_VOTING, "ana"))
    assert closed.phase is None and closed.ended is not None
    assert closed.ended.kind == CLOSE_VOTING and len(closed.ended.ballots) == 3


def test_votes_outside_a_voting_and_broken_events_change_nothing() -> None:
    noise = [
        ev("vote", item="A", index=0),
        ev("close_voting"),
        {"kind": "voting", "retro": "R", "section": "S"},  # no sender
        ev("voting", retro=3, section="S"),
        ev("lost", where="x"),
        ev("write", retro="R", section="S", minutes="ten"),
    ]
    state = fold(noise)
    assert isinstance(state.phase, Writing) and state.phase.ends_at == 1000.0 + 5 * 60
    voting = fold([ev("voting", retro="R", section="S", votes=True), ev("vote", item=1, index=0)])
    assert isinstance(voting.phase, Voting) and voting.phase.per_person == 3 and voting.phase.ballots == ()


def test_tally_finds_the_item_by_its_text_and_the_nearest_place() -> None:
    ballots = [
        Ballot(ANA, "Same", 2),
        Ballot(BEN, "Same", 0),
        Ballot(BEN, "Other", 7),
        Ballot(ANA, "Gone", 1),
    ]
    counts, missed = tally(ballots, ["Same (+4)", "Other", "Same"])
    assert (counts, missed) == ([1, 1, 1], 1)


kinds = st.sampled_from(["write", "reveal", "voting", "vote", "unvote", "close_voting", "lost"])
event = st.builds(
    lambda kind, who, item, index, n: ev(kind, who, retro="R", section="S", item=item, index=index, votes=n, minutes=n),
    kinds,
    st.sampled_from(["ana", "ben", "cy"]),
    st.sampled_from(["A", "B", "C"]),
    st.integers(0, 3),
    st.integers(-1, 4),
)


@settings(max_examples=300)
@given(st.lists(event, max_size=40), st.integers(0, 40))
def test_a_late_joiner_sees_the_same_meeting(events: list[dict[str, Any]], cut: int) -> None:
    whole = fold(events)
    assert fold(events[cut:], fold(events[:cut])) == whole
    if isinstance(whole.phase, Voting):
        for who in ("id-ana", "id-ben", "id-cy"):
            assert 0 <= whole.phase.used(who) <= whole.phase.per_person


def test_two_participants_fold_one_room_log_alike(tmp_path: Path) -> None:
    file = tmp_path / "RETRO.md"
    file.write_text("# Retro\n", encoding="utf-8")
    ana, ben = Room(file, "Ana", state=tmp_path), Room(file, "Ben", state=tmp_path)
    ana.join()
    ben.join()
    ana.post("voting", retro="R", section="S", votes=1)
    ben.post("vote", item="A", index=0)
    ana.post("vote", item="B", index=1)
    ana.post("vote", item="A", index=0)  # Ana's second vote: over her one
    late = Room(file, "Cy", state=tmp_path)
    late.join()
    states = [fold(room.new_events()) for room in (ana, ben, late)]
    assert states[0] == states[1] == states[2]
    assert isinstance(states[0].phase, Voting) and len(states[0].phase.ballots) == 2
    assert Meeting().events == 0
