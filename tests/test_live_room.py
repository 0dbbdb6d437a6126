"""Live sessions without the UI: the lock, the room (people and events) and one live write."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from retrotui.live.lock import LockTimeout, held
from retrotui.live.options import participant_name
from retrotui.live.room import GONE_AFTER, Room, room_folder
from retrotui.live.writing import LiveWritten, write_live
from retrotui.markdown import loads
from retrotui.store import read_text, remove_stale_temp_files
from tests.conftest import SAMPLES, read_exact

WENT_WELL_END = "inside existing manual structure.\n"


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def retro_file(tmp_path: Path) -> Path:
    path = tmp_path / "retro.md"
    path.write_bytes((SAMPLES / "volcano-retrospective.md").read_bytes())
    return path


def add_note(text: str, note: str) -> str:
    return text.replace(WENT_WELL_END, f"{WENT_WELL_END}- {note}\n", 1)


# -- the lock -------------------------------------------------------------------------------------


def test_a_held_lock_makes_the_second_writer_wait_and_then_say_so(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    with held(lock), pytest.raises(LockTimeout) as raised, held(lock, timeout=0.05, what="retro.md"):
        pass
    assert "retro.md" in str(raised.value)
    assert "nothing was written" in str(raised.value)
    with held(lock, timeout=0.05):  # released: taken at once
        pass


def test_a_holder_killed_with_sigkill_leaves_no_lock_behind(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
                import sys, time
                from pathlib import Path
                from retrotui.live.lock import held
                with held(Path({str(lock)!r})):
                    print("held", flush=True)
                    time.sleep(60)
            """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockTimeout), held(lock, timeout=0.05):
        pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with held(lock, timeout=2):
        pass


# -- the room -------------------------------------------------------------------------------------


def test_people_come_in_in_order_and_leave(retro_file: Path, state: Path) -> None:
    ana, ben = Room(retro_file, "Ana", state), Room(retro_file, "Ben", state)
    ana.join()
    ben.join()
    assert [p.name for p in ana.people()] == ["Ana", "Ben"]
    ben.leave()
    assert [p.name for p in ana.people()] == ["Ana"]


def test_a_symlink_to_the_file_meets_in_the_same_room(retro_file: Path, state: Path) -> None:
    link = retro_file.parent / "link.md"
    link.symlink_to(retro_file)
    assert room_folder(link, state) == room_folder(retro_file, state)


def ana_then_ben(retro_file: Path, state: Path) -> tuple[Room, Room, list[float]]:
    """Ana joins, Ben a second later, both on one clock the test moves (``now[0]``)."""
    now = [1000.0]
    ana = Room(retro_file, "Ana", state, clock=lambda: now[0])
    ben = Room(retro_file, "Ben", state, clock=lambda: now[0])
    ana.join()
    now[0] = 1001.0
    ben.join()
    return ana, ben, now


def test_a_participant_without_a_heartbeat_is_gone(retro_file: Path, state: Path) -> None:
    ana, ben, now = ana_then_ben(retro_file, state)
    old = time.time() - GONE_AFTER - 5
    os.utime(ben.folder / "people" / f"{ben.id}.json", (old, old))
    now[0] = time.time()
    assert [p.name for p in ana.people()] == ["Ana"]
    ben.heartbeat()
    assert [p.name for p in ana.people()] == ["Ana", "Ben"]


def test_a_participant_whose_process_died_is_gone_at_once(retro_file: Path, state: Path) -> None:
    ana = Room(retro_file, "Ana", state)
    ana.join()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    record = {"name": "Ghost", "pid": pid, "host": ana.host, "joined": time.time()}
    (ana.folder / "people" / "ghost.json").write_text(json.dumps(record), "utf-8")
    assert [p.name for p in ana.people()] == ["Ana"]
    assert not (ana.folder / "people" / "ghost.json").exists()


def test_events_reach_everyone_once_and_a_half_written_line_waits(retro_file: Path, state: Path) -> None:
    ana, ben = Room(retro_file, "Ana", state), Room(retro_file, "Ben", state)
    ana.join()
    ben.join()
    ana.post("phase", section="What Went Well")
    seen = ben.new_events()
    assert [(e["kind"], e["by"], e["section"]) for e in seen] == [("phase", "Ana", "What Went Well")]
    assert ben.new_events() == []
    with (ana.folder / "events.jsonl").open("ab") as log:
        log.write(b'{"kind": "vo')
    assert ben.new_events() == []
    with (ana.folder / "events.jsonl").open("ab") as log:
        log.write(b'te"}\n')
    assert [e["kind"] for e in ben.new_events()] == ["vote"]


def test_the_first_to_join_an_empty_room_starts_a_new_log(retro_file: Path, state: Path) -> None:
    ana = Room(retro_file, "Ana", state)
    ana.join()
    ana.post("phase", section="old meeting")
    ana.leave()
    ben = Room(retro_file, "Ben", state)
    ben.join()
    assert ben.new_events() == []


def test_a_name_is_one_short_line() -> None:
    assert participant_name("  Ana\n\x1b[31mX  ") == "Ana \x1b[31mX"
    assert len(participant_name("n" * 500)) == 40
    assert participant_name(None)  # the login name, or "someone"


# -- one live write -----------------------------------------------------------------------------------


def test_nothing_new_on_disk_writes_ours_as_it_is(retro_file: Path, state: Path) -> None:
    room = Room(retro_file, "Ana", state)
    room.join()
    base, stamp = read_text(retro_file)
    ours = add_note(base, "Ana's note")
    written = write_live(room, retro_file, base, ours, stamp)
    assert isinstance(written, LiveWritten) and not written.merged
    assert read_exact(retro_file) == ours


def test_the_others_changes_are_merged_in(retro_file: Path, state: Path) -> None:
    ana, ben = Room(retro_file, "Ana", state), Room(retro_file, "Ben", state)
    base, stamp = read_text(retro_file)
    assert isinstance(write_live(ana, retro_file, base, add_note(base, "Ana's note"), stamp), LiveWritten)
    written = write_live(ben, retro_file, base, base.replace("Kickoff Sprint 1", "Kick off Sprint 1"), stamp)
    assert isinstance(written, LiveWritten) and written.merged
    text = read_exact(retro_file)
    assert "- Ana's note\n" in text and "Kick off Sprint 1" in text
    assert written.text == text


def test_two_notes_added_at_once_both_land_once(retro_file: Path, state: Path) -> None:
    ana, ben = Room(retro_file, "Ana", state), Room(retro_file, "Ben", state)
    base, stamp = read_text(retro_file)
    write_live(ana, retro_file, base, add_note(base, "from Ana"), stamp)
    write_live(ben, retro_file, base, add_note(base, "from Ben"), stamp)
    text = read_exact(retro_file)
    assert text.count("- from Ana\n") == 1 and text.count("- from Ben\n") == 1


def test_a_conflict_is_won_by_the_later_write_and_the_loser_is_posted(retro_file: Path, state: Path) -> None:
    ana, ben = Room(retro_file, "Ana", state), Room(retro_file, "Ben", state)
    ana.join()
    ben.join()
    base, stamp = read_text(retro_file)
    old = "| Export baseline Prometheus + Temporal metrics per plan | Platform Eng |"
    assert old in base
    write_live(ana, retro_file, base, base.replace(old, old.replace("Platform Eng", "Ana")), stamp)
    written = write_live(ben, retro_file, base, base.replace(old, old.replace("Platform Eng", "Ben")), stamp)
    assert isinstance(written, LiveWritten)
    text = read_exact(retro_file)
    assert old.replace("Platform Eng", "Ben") in text and "| Ana |" not in text
    assert "<<<<<<<" not in text
    [lost] = written.lost
    assert "| Ana |" in lost.lost and "| Ben |" in lost.won
    events = ana.new_events()
    assert [(e["kind"], e["by"]) for e in events] == [("lost", "Ben")]
    assert "| Ana |" in events[0]["lost"]


def test_a_file_that_already_holds_the_merge_is_not_written_again(retro_file: Path, state: Path) -> None:
    room = Room(retro_file, "Ana", state)
    base, stamp = read_text(retro_file)
    ours = add_note(base, "same")
    write_live(room, retro_file, base, ours, stamp)
    before = retro_file.stat().st_mtime_ns
    written = write_live(room, retro_file, base, ours, stamp)
    assert isinstance(written, LiveWritten) and written.text == ours
    assert retro_file.stat().st_mtime_ns == before


def test_a_writer_killed_mid_write_leaves_the_file_whole_and_the_lock_free(retro_file: Path, state: Path) -> None:
    """kill -9 at a random moment of a busy writer: the file is one of the versions written, never a part."""
    script = textwrap.dedent(f"""
        from pathlib import Path
        from retrotui.live.room import Room
        from retrotui.live.writing import write_live
        from retrotui.store import read_text, remove_stale_temp_files
        path = Path({str(retro_file)!r})
        room = Room(path, "Killed", Path({str(state)!r}))
        n = 0
        while True:
            n += 1
            base, stamp = read_text(path)
            marker = "inside existing manual structure.\\n"
            write_live(room, path, base, base.replace(marker, marker + f"- note {{n}}\\n", 1), stamp)
            if n == 3:
                print("writing", flush=True)
    """)
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    text = read_exact(retro_file)
    doc = loads(text)
    assert len(doc.retros) == 1
    notes = [line for line in text.splitlines() if line.startswith("- note ")]
    assert notes == [f"- note {n}" for n in range(len(notes), 0, -1)]  # every write whole, newest first
    room = Room(retro_file, "Ana", state)
    with room.locked(timeout=2):
        pass
    # What the next open does with a killed writer's temporary file (stale once its writer is gone).
    remove_stale_temp_files(retro_file, now=time.time() + 60)
    assert not [p.name for p in retro_file.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_plain_save_waits_for_a_live_write_and_says_so_if_it_takes_too_long(
    retro_file: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrotui import workflow

    monkeypatch.setenv("RETROTUI_STATE_DIR", str(state))
    monkeypatch.setattr(workflow, "SAVE_LOCK_TIMEOUT", 0.05)
    text, stamp = read_text(retro_file)
    request = workflow.SaveRequest(retro_file, add_note(text, "saved"), stamp, 1)
    room = Room(retro_file, "Ana")
    with room.locked():
        outcome = workflow.write(request)
    assert isinstance(outcome, workflow.SaveFailed)
    assert "another live participant" in outcome.message and "nothing was written" in outcome.message
    assert read_exact(retro_file) == text
    assert isinstance(workflow.write(request), workflow.Saved)
    assert "- saved\n" in read_exact(retro_file)


def test_a_plain_save_without_a_usable_state_folder_still_saves(
    retro_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrotui import workflow

    blocked = tmp_path / "a-file"
    blocked.write_text("", "utf-8")
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(blocked))
    text, stamp = read_text(retro_file)
    outcome = workflow.write(workflow.SaveRequest(retro_file, add_note(text, "saved"), stamp, 1))
    assert isinstance(outcome, workflow.Saved)


def test_a_heartbeat_that_finds_its_file_gone_writes_it_again_in_its_place(retro_file: Path, state: Path) -> None:
    ana, ben, now = ana_then_ben(retro_file, state)
    (ana.folder / "people" / f"{ana.id}.json").unlink()
    now[0] = time.time()
    ana.heartbeat()
    assert [p.name for p in ben.people()] == ["Ana", "Ben"]  # first in, still first
