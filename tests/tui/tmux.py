"""Driving the installed editor in tmux, as a person would: send-keys types, capture-pane reads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

TMUX = shutil.which("tmux")
SCRIPT = Path(sys.executable).parent / "retrotui"


class Terminal:
    def __init__(self, socket: str, session: str) -> None:
        self.socket = socket
        self.session = session

    def tmux(self, *args: str) -> str:
        command = ["tmux", "-L", self.socket, "-f", os.devnull, *args]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        return result.stdout

    def keys(self, *keys: str) -> None:
        """Keys one by one, as a person presses them."""
        for key in keys:
            self.tmux("send-keys", "-t", self.session, key)
            time.sleep(0.15)

    def type_fast(self, *keys: str) -> None:
        """Keys in one go, as a fast typist or a paste sends them: the editor reads them all at once."""
        self.tmux("send-keys", "-t", self.session, *keys)

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", self.session, "#{pane_pid}").strip())

    def start(self, command: str, folder: Path, size: tuple[int, int] = (120, 36)) -> None:
        """Run ``command`` in a window of ``size``: sized first, then started, so it never sees another size."""
        width, height = str(size[0]), str(size[1])
        self.tmux("new-session", "-d", "-s", self.session, "-x", width, "-y", height, "-c", str(folder), "sleep 600")
        self.tmux("set-option", "-t", self.session, "window-size", "manual")
        self.tmux("resize-window", "-t", self.session, "-x", width, "-y", height)
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
