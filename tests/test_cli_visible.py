"""Nothing the CLI prints carries a raw control: file names and item text go through ``visible``.

A file name is bytes on Linux: ``bad\\x9b31m.md`` holds 0x9b, the 8-bit CSI a
terminal may run.  Bidi overrides (U+202E …) in items would make the table
read in another order than the file says.  JSON stays exact.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TODAY

TEXT = "## Sprint 1 (2025-01-01)\n### Action Items\n- [ ] Ship \u202egnp.exe\u202c now @ana\n"
RAW_CONTROLS = [b"\x9b", b"\x1b", "\u202e".encode(), "\u202c".encode()]


def run_cli(cwd: Path, *argv: bytes | str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:surrogateescape", "NO_COLOR": "1"}
    code = f"import datetime, sys; from retrotui.cli import main; sys.exit(main(today=datetime.date.fromisoformat({str(TODAY)!r})))"
    return subprocess.run(
        [sys.executable, "-c", code, *argv], cwd=cwd, env=env, capture_output=True, check=False, timeout=60
    )


def test_check_prints_a_file_names_raw_bytes_escaped(tmp_path: Path) -> None:
    name = b"bad\x9b31m.md"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as file:
        file.write(TEXT.encode())
    for options in ([], ["--explain"]):
        done = run_cli(tmp_path, "check", name, *options)
        assert done.returncode == 0, done.stderr
        assert not any(raw in done.stdout + done.stderr for raw in RAW_CONTROLS)
        assert done.stdout.splitlines()[-1] == b"bad\\x9b31m.md: 1 retro, 1 action item (1 open, 0 overdue)"
    missing = run_cli(tmp_path, "check", b"gone\x9b.md")
    assert missing.returncode != 0 and b"\x9b" not in missing.stdout + missing.stderr


def test_actions_shows_bidi_controls_and_json_keeps_them_exact(tmp_path: Path) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(TEXT.encode())
    table = run_cli(tmp_path, "actions", "RETRO.md")
    assert not any(raw in table.stdout for raw in RAW_CONTROLS)
    assert "Ship \\u202egnp.exe\\u202c now" in table.stdout.decode()
    csv = run_cli(tmp_path, "actions", "RETRO.md", "--format", "csv")
    assert not any(raw in csv.stdout for raw in RAW_CONTROLS)
    exact = run_cli(tmp_path, "actions", "RETRO.md", "--format", "json")
    assert json.loads(exact.stdout)[0]["item"] == "Ship \u202egnp.exe\u202c now"


def test_json_escapes_bidi_controls_and_stays_exact(tmp_path: Path) -> None:
    """A terminal shows ``actions --format json`` too: a raw U+202E would reorder the line there."""
    bidi = "".join(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))
    path = tmp_path / "RETRO.md"
    path.write_bytes(f"## Sprint 1 (2025-01-01)\n### Action Items\n- [ ] Ship {bidi} now @ana\n".encode())
    done = run_cli(tmp_path, "actions", "RETRO.md", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert not any(chr(code).encode() in done.stdout for code in map(ord, bidi))
    assert b"Ship \\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069 now" in done.stdout
    assert json.loads(done.stdout)[0]["item"] == f"Ship {bidi} now"


def test_a_wrong_argument_is_shown_not_run(tmp_path: Path) -> None:
    """argparse quotes what it did not understand as it was typed (a pasted name, a script's variable)."""
    (tmp_path / "RETRO.md").write_bytes(TEXT.encode())
    for argv in (
        ["check", "RETRO.md", "--bogus\x1b]0;owned\x07"],
        ["actions", "RETRO.md", "--bogus\x1b]0;owned\x07"],
        ["--bogus\x1b]0;owned\x07"],
        ["actions", "RETRO.md", "--owner"],
    ):
        done = run_cli(tmp_path, *argv)
        assert done.returncode == 2
        assert b"\x1b" not in done.stderr and b"\x07" not in done.stderr
        assert b"Traceback" not in done.stderr
    done = run_cli(tmp_path, "check", "RETRO.md", "--bogus\x1b]0;owned\x07")
    assert done.stderr.decode().splitlines()[-1] == "retrotui: error: unrecognized arguments: --bogus␛]0;owned␇"
