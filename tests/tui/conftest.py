"""Fixtures of the UI tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.tmux import TMUX, Terminal


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
