"""The command line's messages when its arguments are hostile or clumsy: one plain line, nothing run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from retrotui.cli import main
from retrotui.themes import shipped_theme_folder
from tests.serving import RETRO


@pytest.mark.parametrize("host", ["a..b", "x" * 70 + ".example", ".starts-empty"])
def test_a_host_name_that_cannot_be_encoded_is_one_plain_line(
    host: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty or over-long label (a typo) failed in the IDNA codec with a ``UnicodeError`` traceback."""
    retro = tmp_path / "RETRO.md"
    retro.write_text(RETRO, encoding="utf-8")
    monkeypatch.setenv("RETROTUI_CONFIG", str(tmp_path / "none.toml"))
    assert main(["serve", str(retro), "--host", host, "--port", "0"]) == 2
    err = capsys.readouterr().err
    last = err.splitlines()[-1]
    assert last.startswith("retrotui serve: cannot listen on ") and last.endswith(": not a valid host name"), err
    assert "Traceback" not in err


def test_an_unknown_theme_names_the_settings_file_and_the_themes_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The editor's refusal quoted the --config path and the themes' own names (a theme file may come from
    a shared dotfiles repo) raw: an ESC ] 0 in either renamed the terminal."""
    folder = tmp_path / "cfg\x1b]0;pwned\x07"
    (folder / "themes").mkdir(parents=True)
    shipped = (shipped_theme_folder() / "retro-dark.toml").read_text(encoding="utf-8")
    evil = shipped.replace('name = "retro-dark"', 'name = "evil\\u001b]52;c;cHduZWQ=\\u0007"')
    (folder / "themes" / "evil.toml").write_text(evil, encoding="utf-8")
    (folder / "config.toml").write_text('theme = "nope"\n', encoding="utf-8")
    retro = tmp_path / "RETRO.md"
    retro.write_text(RETRO, encoding="utf-8")
    assert main(["--config", str(folder / "config.toml"), str(retro)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"retrotui: {tmp_path}/cfg␛]0;pwned␇/config.toml: key 'theme': unknown theme 'nope'; available: "
        "evil␛]52;c;cHduZWQ=␇, retro-colorblind, retro-dark, retro-high-contrast, retro-light\n"
    )


def test_output_to_a_stream_that_cannot_hold_a_character_escapes_it(tmp_path: Path) -> None:
    """stdout in ASCII or Latin-1 (an old locale, Windows' cp1252 when redirected to a file) cannot hold
    the stand-in ␛ of a file's ESC, nor the table's │: ``actions`` and ``check --explain`` ended with a
    ``UnicodeEncodeError`` traceback.  Such a character is written as its escape; the exit code is the
    command's own."""
    retro = tmp_path / "RETRO.md"
    retro.write_text(
        "# Team\n\n## Sprint 1 (2025-10-01)\n\n### Action Items\n\n| Item | Owner | Due Date | Status |\n"
        "|---|---|---|---|\n| Fix \x1b]0;pwned\x07 it 😀 | Ana | 2025-10-10 | ☐ |\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "NO_COLOR": "1"}
    shown = {
        "actions": b"Sprint 1 \\u2502 Fix \\u241b]0;pwned\\u2407 it \\ud83d\\ude00 \\u2502 Ana",
        "--format=csv": b"Sprint 1,2025-10-01,Fix \\u241b]0;pwned\\u2407 it \\ud83d\\ude00,Ana,",
        "--explain": b'section "Action Items" \\u2192 action table, 1 row',
    }
    for argv in (["actions"], ["actions", "--format=csv"], ["check", "--explain"]):
        done = subprocess.run(
            [sys.executable, "-m", "retrotui", *argv, str(retro)], env=env, capture_output=True, check=False, timeout=60
        )
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        assert shown[argv[-1]] in done.stdout and b"\x1b" not in done.stdout, done.stdout
    # JSON stays valid and exact: a character beyond the BMP is written as its UTF-16 pair, as JSON does.
    done = subprocess.run(
        [sys.executable, "-m", "retrotui", "actions", "--format=json", str(retro)],
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    assert json.loads(done.stdout.decode("ascii"))[0]["item"] == "Fix \x1b]0;pwned\x07 it 😀"
