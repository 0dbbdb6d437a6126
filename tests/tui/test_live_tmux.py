"""Live sessions end to end: several installed editors in tmux on one file, typing at once."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.tui.tmux import SCRIPT, Terminal

pytestmark = pytest.mark.tmux

WENT_WELL_END = "inside existing manual structure.\n"


def retro_file(repo: Path) -> Path:
    path = repo / "RETRO.md"
    path.write_bytes((SAMPLES / "volcano-retrospective.md").read_bytes())
    return path


def join(terminal: Terminal, repo: Path, state: Path, name: str) -> Terminal:
    person = Terminal(terminal.socket, name)
    person.start(f"env RETROTUI_STATE_DIR={state} {SCRIPT} RETRO.md --live --name {name}", repo)
    person.wait_for("Sprint 0 – Discovery")
    person.wait_for(f"{name}")
    person.keys("2")
    person.wait_for("What Went Well ─")
    return person


def wait_for_file(path: Path, *texts: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = path.read_bytes().decode("utf-8")
        if all(t in text for t in texts):
            return text
        time.sleep(0.05)
    raise AssertionError(f"{texts} never all reached the file:\n{text}")


def test_two_participants_type_at_once_and_nobody_is_disturbed(repo: Path, terminal: Terminal, tmp_path: Path) -> None:
    state = tmp_path / "state"
    path = retro_file(repo)
    ana = join(terminal, repo, state, "Ana")
    ben = join(terminal, repo, state, "Ben")
    ana.wait_for("live: Ana, Ben")
    ben.wait_for("live: Ana, Ben")

    # Ben is half-way through a note when Ana's lands: it appears on his screen, his field stays open.
    ben.keys("a")
    ben.type_fast("Ben was typing")
    ben.wait_for("Ben was typing")
    ana.keys("a")
    ana.type_fast("Ana finished", "Enter")
    wait_for_file(path, "- Ana finished\n")
    ben.wait_for("Ana finished")
    ben.type_fast(" this", "Enter")
    text = wait_for_file(path, "- Ben was typing this\n")
    ana.wait_for("Ben was typing this")
    assert text.count("- Ana finished\n") == 1 and text.count("- Ben was typing this\n") == 1

    # Both at the very same moment.
    ana.keys("a")
    ben.keys("a")
    ana.type_fast("same moment A", "Enter")
    ben.type_fast("same moment B", "Enter")
    text = wait_for_file(path, "- same moment A\n", "- same moment B\n")
    ana.wait_for("same moment B")
    ben.wait_for("same moment A")
    assert text.count("- same moment A\n") == 1 and text.count("- same moment B\n") == 1
    assert "<<<<<<<" not in text

    # Ben's process is killed: Ana sees him leave, and the file is whole.
    os.killpg(os.getpgid(ben.pane_pid()), signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not ana.screen().splitlines()[0].endswith("live: Ana"):
        time.sleep(0.1)
    assert ana.screen().splitlines()[0].endswith("live: Ana")
    ana.keys("a")
    ana.type_fast("after Ben left", "Enter")
    text = wait_for_file(path, "- after Ben left\n")
    assert text.count("- same moment B\n") == 1


def test_five_participants_each_add_a_note_and_every_note_lands_once(
    repo: Path,
    terminal: Terminal,
    tmp_path: Path,
) -> None:
    state = tmp_path / "state"
    path = retro_file(repo)
    names = ["Ana", "Ben", "Cyd", "Dee", "Eli"]
    people = [join(terminal, repo, state, name) for name in names]
    for person in people:
        person.wait_for("live: Ana, Ben, Cyd, Dee, Eli")
    for person in people:
        person.keys("a")
    for name, person in zip(names, people, strict=True):
        person.type_fast(f"note from {name}", "Enter")
    notes = [f"- note from {name}\n" for name in names]
    text = wait_for_file(path, *notes)
    for person in people:
        for name in names:
            person.wait_for(f"note from {name}")
    assert all(text.count(note) == 1 for note in notes)
    start = text.index(WENT_WELL_END) + len(WENT_WELL_END)
    added = text[start:].split("\n\n", 1)[0].splitlines()
    assert sorted(added) == sorted(note.strip() for note in notes)
    for person in people:
        person.keys("C-q")
    deadline = time.monotonic() + 10
    people_folder = next((state / "live").iterdir()) / "people"
    while time.monotonic() < deadline and list(people_folder.iterdir()):
        time.sleep(0.1)
    assert list(people_folder.iterdir()) == [], "\n".join(person.screen() for person in people)
