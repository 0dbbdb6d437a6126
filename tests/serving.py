"""``retrotui serve`` in a subprocess, for the HTTP and browser tests: its links, its children, its room."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

RETRO = """# Team retro

## Sprint 1 (2026-11-28)

### What Went Well

- The demo worked

### Action Items

| Item | Owner | Due Date | Status |
|------|-------|----------|--------|
| Write the runbook | Ana | 2026-12-05 | ☐ |
"""

WAIT = 30.0  # the longest any condition below may take to come true before the test fails


def wait_for(condition: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``timeout`` seconds (never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@dataclass
class Served:
    process: subprocess.Popen[str]
    file: Path
    state: Path
    join: str = ""
    view: str = ""
    seen_children: set[int] = field(default_factory=set)

    @property
    def base(self) -> str:
        return self.join.rsplit("/", 2)[0]

    def people(self) -> list[Path]:
        return sorted(self.state.glob("live/*/people/*.json"))

    def children(self) -> list[psutil.Process]:
        found = psutil.Process(self.process.pid).children(recursive=True)
        self.seen_children |= {child.pid for child in found}
        return found

    def alive(self) -> list[int]:
        """Every participant process ever seen that still runs (a zombie has ended)."""
        alive = []
        for pid in self.seen_children:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    alive.append(pid)
            except psutil.NoSuchProcess:
                pass
        return alive

    def stop(self, number: int = signal.SIGINT) -> tuple[int, str, str]:
        self.children()
        self.process.send_signal(number)
        out, err = self.process.communicate(timeout=WAIT)
        return self.process.returncode, out, err


def _read_lines(process: subprocess.Popen[str], count: int) -> list[str]:
    """The first ``count`` lines of stdout, read in a thread (a buffered pipe does not mix with select)."""
    assert process.stdout is not None
    stdout = process.stdout
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for _ in range(count):
            lines.put(stdout.readline())

    threading.Thread(target=read, daemon=True).start()
    found: list[str] = []
    for _ in range(count):
        try:
            line = lines.get(timeout=WAIT)
        except queue.Empty:
            raise AssertionError(f"retrotui serve printed only {found!r}") from None
        if not line:
            raise AssertionError(f"retrotui serve ended: {found!r} {process.stderr.read() if process.stderr else ''}")
        found.append(line)
    return found


@contextmanager
def serving(tmp_path: Path, *options: str, text: str = RETRO, name: str = "RETRO.md") -> Iterator[Served]:
    file = tmp_path / name
    if not file.exists():
        file.write_text(text, encoding="utf-8")
    state = tmp_path / "state"
    env = dict(os.environ, RETROTUI_STATE_DIR=str(state), RETROTUI_CONFIG=str(tmp_path / "no-config.toml"))
    process = subprocess.Popen(
        [sys.executable, "-m", "retrotui", "serve", str(file), "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    served = Served(process, file, state)
    try:
        lines = _read_lines(process, 3)
        served.join = re.search(r"join \(edit\): (http://\S+)", "".join(lines)).group(1)  # type: ignore[union-attr]
        served.view = re.search(r"view only: +(http://\S+)", "".join(lines)).group(1)  # type: ignore[union-attr]
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
            process.communicate(timeout=WAIT)
        for pid in served.alive():  # never leave a participant behind, even after a failure
            psutil.Process(pid).kill()
