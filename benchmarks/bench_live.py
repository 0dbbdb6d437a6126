"""A live session as the participants see it: two installed editors in tmux on one file.

    python benchmarks/bench_live.py [--retros N]   # the sample file, or a generated file of N retros

Ana adds a note (``a``, the text, Enter) again and again.  Timed from the
Enter, each the median of several notes:

- in the file (target: a finished edit written within 300 ms);
- on Ben's screen (target: the others' edits within 1 s), with Ben in the list or half-way
  through typing his own note (his field stays open).

Ratios are to the targets, measured in this run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import report

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "retrotui"
ROUNDS = 7


class Pane:
    def __init__(self, socket: str, name: str) -> None:
        self.socket, self.name = socket, name

    def tmux(self, *args: str) -> str:
        command = ["tmux", "-L", self.socket, "-f", os.devnull, *args]
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout

    def start(self, command: str, folder: Path) -> None:
        self.tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", "-c", str(folder), command)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def shows(self, text: str) -> bool:
        return text in self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for_any(self, *texts: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(self.shows(text) for text in texts):
            if time.monotonic() > deadline:
                raise SystemExit(f"none of {texts} appeared in {self.name}")
            time.sleep(0.02)

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not self.shows(text):
            if time.monotonic() > deadline:
                raise SystemExit(f"{text!r} never appeared in {self.name}")
            time.sleep(0.02)


def until(check: object, started: float, timeout: float = 10) -> float:
    while not check():  # type: ignore[operator]
        if time.perf_counter() - started > timeout:
            raise SystemExit("timed out")
        time.sleep(0.005)
    return time.perf_counter() - started


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--retros", type=int, default=0, help="a generated file of this many retros")
    retros = parser.parse_args().retros
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    folder = Path(tempfile.mkdtemp(prefix="retrotui-bench-live-"))
    path = folder / "RETRO.md"
    if retros:
        from generate import big_document

        path.write_text(big_document(retros), "utf-8")
    else:
        shutil.copyfile(ROOT / "sample_data" / "volcano-retrospective.md", path)
    socket = f"retrotui-bench-live-{os.getpid()}"
    ana, ben = Pane(socket, "ana"), Pane(socket, "ben")
    env = f"env -u COLUMNS -u LINES RETROTUI_STATE_DIR={folder / 'state'}"
    try:
        ana.start(f"{env} {SCRIPT} RETRO.md --live --name Ana", folder)
        ben.start(f"{env} {SCRIPT} RETRO.md --live --name Ben", folder)
        for pane in (ana, ben):
            pane.wait_for_any("live: Ana, Ben", "live: Ben, Ana")  # in the order they joined
            pane.keys("2")
            pane.wait_for("What Went Well ─")
        written: list[float] = []
        seen: list[float] = []
        seen_typing: list[float] = []
        for n in range(ROUNDS * 2):
            typing = n >= ROUNDS
            if typing and n == ROUNDS:
                ben.keys("a", "Ben is typing")
                ben.wait_for("Ben is typing")
            note = f"note number {n:02d}"
            ana.keys("a", note)
            ana.wait_for(note)
            started = time.perf_counter()
            ana.keys("Enter")
            file_at = until(lambda note=note: f"- {note}\n" in path.read_text("utf-8"), started)
            ben_at = until(lambda note=note: ben.shows(note), started)
            written.append(file_at)
            (seen_typing if typing else seen).append(ben_at)
            time.sleep(0.3)
        still_typing = ben.shows("Ben is typing")
    finally:
        ana.tmux("kill-server")
        shutil.rmtree(folder, ignore_errors=True)
    median = statistics.median
    what = f"a {retros:,}-retro file" if retros else "the sample file"
    print(f"live session on {what}, 2 editors in tmux, median of {ROUNDS} notes each:")
    print(f"  in the file                             {median(written) * 1000:6.0f} ms")
    print(f"  on Ben's screen (Ben in the list)       {median(seen) * 1000:6.0f} ms")
    print(f"  on Ben's screen (Ben typing a note)     {median(seen_typing) * 1000:6.0f} ms")
    print(f"  Ben's open field kept through them: {'yes' if still_typing else 'NO'}")
    return report(
        [
            ("written / 300 ms", median(written) / 0.3, 1.0),
            ("seen by Ben / 1 s", median(seen) / 1.0, 1.0),
            ("seen by Ben while typing / 1 s", median(seen_typing) / 1.0, 1.0),
        ]
    ) or (0 if still_typing else 1)


if __name__ == "__main__":
    raise SystemExit(main())
