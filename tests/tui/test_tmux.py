"""End to end, as a person would: the installed retrotui in tmux, in a real git repository."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, git

TMUX = shutil.which("tmux")
SCRIPT = Path(sys.executable).parent / "retrotui"
pytestmark = pytest.mark.tmux


class Terminal:
    def __init__(self, socket: str, session: str) -> None:
        self.socket = socket
        self.session = session

    def tmux(self, *args: str) -> str:
        command = ["tmux", "-L", self.socket, "-f", os.devnull, *args]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        return result.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.session, key)
            time.sleep(0.15)

    def start(self, command: str, folder: Path) -> None:
        """Run ``command`` in a 120x36 window: sized first, then started, so it never sees another size."""
        self.tmux("new-session", "-d", "-s", self.session, "-x", "120", "-y", "36", "-c", str(folder), "sleep 600")
        self.tmux("set-option", "-t", self.session, "window-size", "manual")
        self.tmux("resize-window", "-t", self.session, "-x", "120", "-y", "36")
        # COLUMNS/LINES inherited from the test run would override the real window size.
        self.tmux("respawn-pane", "-k", "-t", self.session, "-c", str(folder), f"env -u COLUMNS -u LINES {command}")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on screen:\n{screen}")


@pytest.fixture
def terminal(repo: Path) -> Iterator[Terminal]:
    assert TMUX is not None, "tmux is needed for the end-to-end test (CI installs it)"
    socket = f"retrotui-test-{os.getpid()}"
    term = Terminal(socket, "retro")
    # A session that outlives the others, so the server stays up when an editor exits or is killed.
    term.tmux("new-session", "-d", "-s", "keeper", "-x", "120", "-y", "36", "sleep 600")
    term.tmux("set-option", "-g", "default-size", "120x36")
    yield term
    term.tmux("kill-server")


def test_toggle_save_and_commit_in_tmux(repo: Path, terminal: Terminal) -> None:
    path = repo / "RETRO.md"
    # Last Updated is today already, so saving changes only the toggled line.
    text = (SAMPLES / "volcano-multi-sprint.md").read_bytes().decode("utf-8")
    text = text.replace("**Last Updated:** 2025-12-12", f"**Last Updated:** {dt.date.today().isoformat()}")
    path.write_bytes(text.encode("utf-8"))
    git(repo, "add", "RETRO.md")
    git(repo, "commit", "-qm", "start")

    terminal.start(f"{SCRIPT} RETRO.md; echo EXITED-$?; sleep 30", repo)
    terminal.wait_for("Sprint 4 – Hardening")
    terminal.wait_for("RETRO.md — ⎇ main")

    terminal.keys("4")
    terminal.wait_for("Retire the legacy cron")
    terminal.keys("Down", "Space")
    screen = terminal.wait_for("RETRO.md ●")
    toggled = [line for line in screen.splitlines() if "Write an on-call handover" in line]
    assert toggled and "☑" in toggled[0], screen  # the repainted row, on the real terminal
    terminal.keys("C-s")
    terminal.wait_for("Saved RETRO.md")
    terminal.keys("C-g")
    terminal.wait_for("retro: Sprint 4 – Hardening: 4 action items, 2 done")
    terminal.keys("Enter")
    terminal.wait_for("Committed")
    terminal.keys("C-q")
    terminal.wait_for("EXITED-0")

    diff = git(repo, "diff", "HEAD~1", "HEAD", "--unified=0", "--", "RETRO.md")
    changes = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changes == [
        "-| Write an on-call handover template | @sre-oncall | 2026-01-09 | ☐ |",
        "+| Write an on-call handover template | @sre-oncall | 2026-01-09 | ☑ |",
    ]
    assert git(repo, "log", "--format=%s").splitlines() == [
        "retro: Sprint 4 – Hardening: 4 action items, 2 done",
        "start",
    ]
    assert git(repo, "status", "--porcelain") == ""


def test_a_killed_editor_offers_its_unsaved_edits_back(repo: Path, terminal: Terminal, tmp_path: Path) -> None:
    import signal

    from retrotui.journal import journal_path

    state = tmp_path / "state"
    path = repo / "RETRO.md"
    path.write_bytes((SAMPLES / "volcano-multi-sprint.md").read_bytes())
    command = f"env RETROTUI_STATE_DIR={state} {SCRIPT} RETRO.md"

    def start(session: str) -> Terminal:
        term = Terminal(terminal.socket, session)
        term.start(command, repo)
        return term

    first = start("first")
    first.wait_for("Sprint 4 – Hardening")
    first.keys("4")
    first.wait_for("Retire the legacy cron")
    first.keys("Down", "Space")
    first.wait_for("RETRO.md ●")
    journal = journal_path(path, state)
    deadline = time.monotonic() + 10
    while not journal.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert journal.exists(), "no journal within the time the editor promises"
    pid = int(first.tmux("display-message", "-p", "-t", "first", "#{pane_pid}").strip())
    os.killpg(os.getpgid(pid), signal.SIGKILL)  # the editor and the shell that started it, no chance to clean up
    assert "| Write an on-call handover template | @sre-oncall | 2026-01-09 | ☐ |" in path.read_text(encoding="utf-8")

    second = start("second")
    second.wait_for("Unsaved edits found")
    second.keys("r")
    second.wait_for("Your unsaved edits are back")
    second.keys("C-s")
    second.wait_for("Saved RETRO.md")
    second.keys("C-q")
    assert "| Write an on-call handover template | @sre-oncall | 2026-01-09 | ☑ |" in path.read_text(encoding="utf-8")
    assert not journal.exists()
