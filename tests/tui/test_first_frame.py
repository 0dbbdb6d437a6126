"""The newest retro is on screen in the first frame, before the document model (or pydantic) is loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES

FIRST_FRAME = """
import sys, threading
from pathlib import Path
from retrotui.store import read_text
from retrotui.tui.app import RetroApp

path = Path(sys.argv[1])
text, stamp = read_text(path)
release = threading.Event()

def open_session():
    release.wait()  # the document stays unparsed until the first frame has been looked at
    from retrotui.session import Session
    return Session.from_text(path, (text, stamp))

async def look(pilot):
    app = pilot.app
    await pilot.pause()
    shown = app.screen.query_one("#preview-view")
    lines = [str(s.render()) for s in shown.query("Static")]
    loaded = sorted(m for m in sys.modules if m == "pydantic" or m.startswith(("retrotui.model", "retrotui.config")))
    print(repr(lines))
    print(loaded)
    release.set()
    await app.settled()
    print(app.editor_screen.current.title)
    app.exit()

RetroApp(open_session, path=path, look_up_branch=False, watch_file=False, journal=False, preview=text).run(
    headless=True, size=(120, 40), auto_pilot=look
)
"""


def test_the_first_frame_shows_the_newest_retro_without_the_model(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(SAMPLES / "volcano-multi-sprint.md")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shown, loaded, title = result.stdout.splitlines()[-3:]
    assert "Sprint 4 – Hardening  2025-12-12" in shown
    assert "1 Summary" in shown and "2 Went Well" in shown
    assert "Capacity plan for Q1 agreed with finance." in shown  # the first tab's first bullet
    assert loaded == "[]"  # neither pydantic nor the model nor the settings were needed for it
    assert title == "Sprint 4 – Hardening"  # then the real view took its place
