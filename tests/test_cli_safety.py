"""Nothing from a file reaches the terminal raw: the command line's table, CSV, JSON, check, new and errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from retrotui.cli import main
from retrotui.cli.safe_output import spreadsheet_safe
from tests.conftest import TODAY

ESC, BEL, BS, CR, CSI8, DEL = "\x1b", "\x07", "\x08", "\r", "\x9b", "\x7f"
TITLE = f"Sprint 1 – {ESC}]0;pwned{BEL}"
CLEAR = f"Clear {ESC}[2J the screen"
OSC52 = f"Copy {ESC}]52;c;cHduZWQ={BEL} to the clipboard"
# No lone CR here: like LF, it ends a line (CommonMark), so it never reaches a cell.
C1 = f"C1 {CSI8}31m red, DEL {DEL} and BS {BS}{BS}"
HOSTILE = f"""# Team Retro

## {TITLE} (2025-10-01)

### 4. Action Items

| Item | Owner | Due Date | Status |
|------|-------|----------|--------|
| {CLEAR} | Ana{ESC}]0;owner{BEL} | 2025-10-10 | ☐ |
| {OSC52} | Bo | 2025-10-11 | ☐ |
| {C1} | Cy | 2025-10-12 | ☐ |
| =HYPERLINK("http://evil.example") | @ops | 2025-10-13 | ☐ |
| Plain | -3 | 2025-10-14 | ☑ |
"""
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what must never be printed (tab and newline are fine)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "RETRO.md"
    path.write_bytes(HOSTILE.encode("utf-8"))
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv, today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_actions_table_shows_stand_ins(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["actions", str(hostile)], capsys)
    assert code == 0 and err == ""
    assert not RAW.search(out), repr(out)
    flat = re.sub(r"\s+", "", out)
    for stand_in in ("␛]0;pwned␇", "␛[2J", "␛]52;c;cHduZWQ=␇", "\\x9b31m", "␡", "␈␈"):
        assert stand_in in flat


def test_csv_is_visible_and_inert_in_a_spreadsheet(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["actions", str(hostile), "--format", "csv"], capsys)
    assert code == 0 and not RAW.search(out.replace("\n", ""))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["item"] for row in rows] == [
        "Clear ␛[2J the screen",
        "Copy ␛]52;c;cHduZWQ=␇ to the clipboard",
        "C1 \\x9b31m red, DEL ␡ and BS ␈␈",
        '\'=HYPERLINK("http://evil.example")',
        "Plain",
    ]
    assert [row["owner"] for row in rows] == ["Ana␛]0;owner␇", "Bo", "Cy", "'@ops", "-3"]
    assert rows[0]["retro"] == "Sprint 1 – ␛]0;pwned␇" and rows[0]["due"] == "2025-10-10"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-3", "-3"),
        ("+4.5", "+4.5"),
        ("-1e3", "-1e3"),
        ("2025-01-02", "2025-01-02"),
        ("-2025-01-02", "'-2025-01-02"),
        ("Ana", "Ana"),
        ("", ""),
    ],
)
def test_spreadsheet_formulas_are_neutralised_but_numbers_and_dates_are_not(cell: str, shown: str) -> None:
    assert spreadsheet_safe(cell) == shown


def test_json_is_exact_and_escapes_c1_and_del_too(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["actions", str(hostile), "--format", "json"], capsys)
    assert code == 0 and not RAW.search(out.replace("\n", ""))
    assert "\\u009b31m" in out and "\\u007f" in out and "\\u001b]0;pwned\\u0007" in out
    records = json.loads(out)
    assert [r["item"] for r in records][:3] == [CLEAR, OSC52, C1]
    assert records[0]["retro"] == TITLE and records[0]["owner"] == f"Ana{ESC}]0;owner{BEL}"


def test_check_strict_shows_stand_ins(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--strict", str(hostile)], capsys)
    assert code == 1 and not RAW.search(out.replace("\n", ""))
    assert len(out.splitlines()) == 4 + 1 and "Ana␛]0;owner␇" in out  # four overdue items, the summary line


def test_new_prints_carried_items_visibly(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["new", str(hostile), "--title", f"Sprint 2 {ESC}[2J", "--date", "2025-10-15"], capsys)
    assert code == 0 and err == "" and not RAW.search(out.replace("\n", ""))
    assert (
        "Added 'Sprint 2 \\x1b[2J' (2025-10-15)" in out
        and "  - Clear ␛[2J the screen (from Sprint 1) (Ana␛]0;owner␇)" in out
    )
    code, _, err = run(["new", str(hostile), "--title", f"Sprint 2 {ESC}[2J"], capsys)
    assert (
        code == 1
        and err == f"retrotui: {hostile} already has a retro called 'Sprint 2 \\x1b[2J'; nothing was written\n"
    )


def test_error_messages_show_a_file_name_visibly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = tmp_path / f"{ESC}]0;pwned{BEL}.md"
    code, out, err = run(["check", str(name)], capsys)
    assert (code, out) == (2, "")
    assert err == f"retrotui: {tmp_path}/␛]0;pwned␇.md: no such file\n"
    bad = tmp_path / f"bad{CSI8}.md"
    bad.write_bytes(b"\xff")
    code, _, err = run(["actions", str(bad)], capsys)
    assert code == 2 and "bad\\x9b.md:1: not UTF-8 text" in err and not RAW.search(err.replace("\n", ""))


# -- in a real terminal --------------------------------------------------------------------------


SCRIPT = Path(sys.executable).parent / "retrotui"


class Pane:
    """One tmux server on its own socket, one pane; what the terminal did is asked of tmux."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        command = ["tmux", "-L", self.socket, "-f", os.devnull, *args]
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout

    def run_until(self, command: str, folder: Path, marker: str) -> str:
        self.tmux("respawn-pane", "-k", "-t", "cli", "-c", str(folder), f"{command}; echo {marker}; sleep 60")
        deadline = time.monotonic() + 60
        screen = ""
        while time.monotonic() < deadline:
            screen = self.tmux("capture-pane", "-p", "-J", "-t", "cli", "-S", "-200")
            if marker in screen.replace(f"echo {marker}", ""):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{marker} never appeared:\n{screen}")


@pytest.fixture
def pane() -> Iterator[Pane]:
    assert shutil.which("tmux") is not None, "tmux is needed for the end-to-end test (CI installs it)"
    term = Pane(f"retrotui-safety-{os.getpid()}")
    term.tmux("new-session", "-d", "-s", "cli", "-x", "200", "-y", "50", "sleep 600")
    # Let the pane's programs write the clipboard, as many users' tmux does: an OSC 52 would add a buffer.
    term.tmux("set-option", "-g", "set-clipboard", "on")
    term.tmux("set-option", "-g", "history-limit", "1000")
    yield term
    term.tmux("kill-server")


@pytest.mark.tmux
def test_a_hostile_file_in_a_real_terminal_changes_nothing(hostile: Path, pane: Pane) -> None:
    title_before = pane.tmux("display-message", "-p", "-t", "cli", "#{pane_title}")
    file = shlex.quote(str(hostile))
    screen = pane.run_until(
        f"env -u COLUMNS -u LINES {SCRIPT} actions {file}; {SCRIPT} check --strict {file}", hostile.parent, "ALL-DONE"
    )
    assert pane.tmux("display-message", "-p", "-t", "cli", "#{pane_title}") == title_before
    assert pane.tmux("list-buffers") == ""
    flat = re.sub(r"\s+", "", screen)
    for stand_in in ("␛]0;pwned␇", "␛[2J", "␛]52;c;cHduZWQ=␇", "\\x9b31m", "Ana␛]0;owner␇"):
        assert stand_in in flat, screen
    assert "Retro" in screen and "Clear" in screen and "overdue" in screen  # nothing was wiped by ESC [ 2 J
