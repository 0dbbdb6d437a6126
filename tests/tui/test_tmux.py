"""End to end, as a person would: the installed retrotui in tmux, in a real git repository."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, git
from tests.tui.tmux import SCRIPT, Terminal

pytestmark = pytest.mark.tmux


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


def sample_repo(repo: Path, name: str = "volcano-retrospective.md") -> Path:
    """The sample as RETRO.md, committed, with Last Updated already today (so a save changes only the edit)."""
    path = repo / "RETRO.md"
    text = (SAMPLES / name).read_bytes().decode("utf-8")
    text = re.sub(r"\*\*Last Updated:\*\* \d{4}-\d{2}-\d{2}", f"**Last Updated:** {dt.date.today().isoformat()}", text)
    path.write_bytes(text.encode("utf-8"))
    git(repo, "add", "RETRO.md")
    git(repo, "commit", "-qm", "start")
    return path


def test_a_bullet_typed_after_tabbing_away_is_saved_in_tmux(repo: Path, terminal: Terminal) -> None:
    path = sample_repo(repo)
    terminal.start(f"{SCRIPT} RETRO.md; echo EXITED-$?; sleep 30", repo)
    terminal.wait_for("Sprint 0 – Discovery")
    terminal.keys("2", "a", "Tab", "2", "a")
    terminal.type_fast("TYPED TEXT", "Enter", "C-s")
    terminal.wait_for("Saved RETRO.md")
    terminal.keys("C-q")
    terminal.wait_for("EXITED-0")
    assert "- TYPED TEXT\n" in path.read_text(encoding="utf-8")


def test_typeahead_reaches_the_editor_a_key_opened_in_tmux(repo: Path, terminal: Terminal) -> None:
    path = sample_repo(repo)
    terminal.start(f"{SCRIPT} RETRO.md; echo EXITED-$?; sleep 30", repo)
    terminal.wait_for("Sprint 0 – Discovery")
    # All in one write to the terminal: "5 a" opens an item editor, the words must land in it.
    terminal.type_fast("5", "a", "the first words are kept", "Enter", "4", "a", "tidy the tests", "Enter", "C-s")
    terminal.wait_for("Saved RETRO.md")
    terminal.keys("C-q")
    terminal.wait_for("EXITED-0")
    text = path.read_text(encoding="utf-8")
    assert "- the first words are kept\n" in text
    assert "| tidy the tests |  |  | ☐ |" in text


def test_keys_typed_right_after_the_command_reach_the_editor_as_typed_in_tmux(repo: Path, terminal: Terminal) -> None:
    """Typed in the shell, straight after ``retrotui RETRO.md`` Enter: the terminal is still in its usual
    mode for a moment and turns Enter into a newline, which the editor takes as Enter."""
    path = sample_repo(repo)
    # The shell has handed the terminal over (it printed STARTING) and the editor is not running yet: keys
    # typed now meet the terminal in its usual mode (the sleep stands for a slow start).
    terminal.start(f"sh -c 'echo STARTING; sleep 1; {SCRIPT} RETRO.md; echo EXITED-$?; sleep 30'", repo)
    terminal.wait_for("STARTING")
    terminal.type_fast("2", "a", "typed while opening", "Enter")
    terminal.wait_for("RETRO.md ●")
    screen = terminal.wait_for("typed while opening")
    assert "✎ Editing" not in screen  # the Enter kept the item and closed its editor
    terminal.keys("C-s")
    terminal.wait_for("Saved RETRO.md")
    terminal.keys("C-q")
    terminal.wait_for("EXITED-0")
    assert "- typed while opening\n" in path.read_text(encoding="utf-8")


def test_text_being_typed_survives_a_kill_in_tmux(repo: Path, terminal: Terminal, tmp_path: Path) -> None:
    import signal

    from retrotui.journal import journal_path

    state = tmp_path / "state"
    path = sample_repo(repo)
    command = f"env RETROTUI_STATE_DIR={state} {SCRIPT} RETRO.md"
    first = Terminal(terminal.socket, "first")
    first.start(command, repo)
    first.wait_for("Sprint 0 – Discovery")
    first.keys("4", "a")
    first.type_fast("typed but never entered")  # the cell editor is still open: no Enter
    first.wait_for("typed but never entered")
    journal = journal_path(path, state)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "typed but never entered" not in (
        journal.read_text(encoding="utf-8") if journal.exists() else ""
    ):
        time.sleep(0.1)
    os.killpg(os.getpgid(first.pane_pid()), signal.SIGKILL)
    assert "typed but never entered" not in path.read_text(encoding="utf-8")

    second = Terminal(terminal.socket, "second")
    second.start(command, repo)
    second.wait_for("Unsaved edits found")
    second.keys("r")
    second.wait_for("Your unsaved edits are back")
    second.keys("C-s")
    second.wait_for("Saved RETRO.md")
    second.keys("C-q")
    assert "| typed but never entered |  |  | ☐ |" in path.read_text(encoding="utf-8")


def test_the_focus_is_always_named_on_screen_in_tmux(repo: Path, terminal: Terminal) -> None:
    sample_repo(repo)
    terminal.start(f"{SCRIPT} RETRO.md", repo)
    terminal.wait_for("▸ Retro list")
    terminal.keys("Tab")
    terminal.wait_for("▸ Tab bar")
    terminal.keys("Tab")
    terminal.wait_for("▸ Summary items")
    terminal.keys("4")
    terminal.wait_for("▸ Action Items grid")
    terminal.keys("Enter")
    terminal.wait_for("✎ Editing a cell")
    terminal.keys("Escape", "BTab")
    terminal.wait_for("▸ Tab bar")
    terminal.keys("C-q")


def test_at_80x24_due_date_and_status_stay_in_view_in_tmux(repo: Path, terminal: Terminal) -> None:
    sample_repo(repo, "volcano-multi-sprint.md")
    terminal.start(f"{SCRIPT} RETRO.md", repo, size=(80, 24))
    terminal.wait_for("Sprint 4")
    terminal.keys("4")
    screen = terminal.wait_for("Due Date")
    header = next(line for line in screen.splitlines() if "Due Date" in line)
    assert "Item" in header and "Status" in header, screen
    rows = [line for line in screen.splitlines() if "2026-01-09" in line]
    assert rows and "☐" in rows[0], screen
    terminal.tmux("resize-window", "-t", terminal.session, "-x", "50", "-y", "15")
    terminal.wait_for("too small (50x15)")
    terminal.tmux("resize-window", "-t", terminal.session, "-x", "80", "-y", "24")
    terminal.wait_for("Due Date")
    terminal.keys("C-q")


def test_a_hostile_file_cannot_drive_the_terminal_in_tmux(repo: Path, terminal: Terminal) -> None:
    from tests.test_cli_safety import HOSTILE

    (repo / "RETRO.md").write_bytes(HOSTILE.encode("utf-8"))
    # Let the pane's programs write the clipboard, as many users' tmux does: an OSC 52 would add a buffer.
    terminal.tmux("set-option", "-g", "set-clipboard", "on")
    terminal.start(f"{SCRIPT} RETRO.md", repo)
    title_before = terminal.tmux("display-message", "-p", "-t", terminal.session, "#{pane_title}")
    terminal.wait_for("Sprint 1 – ␛]0;pwned␇")  # the retro list and the title bar show the stand-ins
    terminal.keys("4")
    screen = terminal.wait_for("Clear ␛[2J the screen")
    assert "␛]52;c;" in screen  # the clipboard sequence, shown (the Item column may wrap it)
    terminal.keys("t")  # the tracker shows them too
    terminal.wait_for("Ana␛]0;own")
    terminal.keys("Escape", "C-q")
    assert terminal.tmux("display-message", "-p", "-t", terminal.session, "#{pane_title}") == title_before
    assert terminal.tmux("list-buffers") == ""


def test_a_whole_meeting_typed_at_full_speed_loses_nothing_in_tmux(repo: Path, terminal: Terminal) -> None:
    path = sample_repo(repo, "volcano-multi-sprint.md")
    terminal.start(f"{SCRIPT} RETRO.md; echo EXITED-$?; sleep 30", repo)
    terminal.wait_for("Sprint 4 – Hardening")
    # Each burst is one write to the terminal, as fast as a person can never type.
    terminal.type_fast("C-n", "Sprint 5 – Launch", "Enter")  # a new retro, carrying the open items
    terminal.type_fast("1", "a", "Shipped the launch on time", "Enter")
    terminal.type_fast("2", "a", "Pairing on the cut-over worked", "Enter", "a", "Runbooks were ready", "Enter")
    terminal.type_fast("3", "a", "Too many status meetings", "Enter")
    terminal.type_fast("4", "a", "Write the launch notes", "Tab", "Ana", "Tab", "2026-02-01", "Enter")
    terminal.type_fast(
        "a", "Book the retro room", "Enter", "Up", "Up", "Up", "Up", "Space"
    )  # the first carried item: done
    terminal.type_fast("C-s")
    terminal.wait_for("Saved RETRO.md")
    terminal.type_fast("C-g")
    terminal.wait_for("retro: Sprint 5 – Launch")
    terminal.type_fast("Enter")
    terminal.wait_for("Committed")
    terminal.keys("C-q")
    terminal.wait_for("EXITED-0")

    text = path.read_text(encoding="utf-8")
    assert git(repo, "show", "HEAD:RETRO.md") == text
    block = text.split("## Sprint 5 – Launch", 1)[1].split("\n## ", 1)[0]
    for line in (
        "- Shipped the launch on time\n",
        "- Pairing on the cut-over worked\n",
        "- Runbooks were ready\n",
        "- Too many status meetings\n",
        "| Write the launch notes | Ana | 2026-02-01 | ☐ |",
        "| Book the retro room |",
    ):
        assert line in block, (line, block)
    carried = [row for row in block.splitlines() if "(from Sprint 4)" in row]
    assert len(carried) == 3 and "☑" in carried[0] and all("☐" in row for row in carried[1:]), block
    assert "- \n" not in block and not any(line.endswith(" ") for line in block.splitlines())  # no placeholders
