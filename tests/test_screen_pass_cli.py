"""The command line's messages when its arguments are hostile or clumsy: one plain line, nothing run."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrotui.cli import main
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
