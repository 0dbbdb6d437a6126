"""Editor speed, as ratios measured in one run (this machine is shared and noisy).

    python benchmarks/bench_tui.py

1. Start-up to first frame, each in a fresh process, median of 5 (interleaved):
   retrotui on a 1,000-retro file against a bare Textual app (Header, Static,
   Footer). Target: at most 1.3x.  The file is parsed after the first frame,
   so the time until the newest retro is on screen is printed as well.
3. The action tracker opening on the 1,000-retro file (issue #4): under 1 s.
2. Key-press latency in a 2,000-row action grid, median of 40: cursor move
   under 30 ms, status toggle under 60 ms.  Pilot's waits sleep in 20 ms
   steps, so wall time around ``press`` measures Pilot; what is measured is
   the CPU time the process spends from the key to idle (handler, layout,
   render), with the same figure for a key that does nothing in an empty
   app printed beside it as the harness's own cost.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import big_document
from report import report
from textual.app import ComposeResult
from textual.pilot import Pilot

RUNS = 5
PRESSES = 40

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

async def first_frame(pilot):
    print(time.time())
    pilot.app.exit()

import time
Bare().run(headless=True, size=(120, 40), auto_pilot=first_frame)
"""

# The same path as `retrotui FILE`: read and decode before the UI, parse in the editor's loader.
RETRO_APP = """
import sys
from pathlib import Path
from retrotui.store import read_text
from retrotui.tui.app import RetroApp

path = Path(sys.argv[1])
found = read_text(path)

def open_session():
    from retrotui.session import Session
    return Session.from_text(path, found)

async def first_frame(pilot):
    if sys.argv[2] == "ready":
        while pilot.app.current is None:
            await pilot.pause(0.005)
    print(time.time())
    pilot.app.exit()

import time

RetroApp(open_session, path=path, look_up_branch=False).run(headless=True, size=(120, 40), auto_pilot=first_frame)
"""


def spawn(code: str, *args: str) -> float:
    """Wall time from starting the process to the moment it reports its frame.

    The child prints the clock when its frame is drawn; waiting for the process
    to end would also count its exit (and the parsing thread it waits for).
    """
    started = time.time()
    result = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return float(result.stdout.split()[-1]) - started


def startup(path: Path) -> tuple[float, float, float]:
    spawn(BARE_APP)  # warm the file cache once
    spawn(RETRO_APP, str(path), "ready")
    bare, first, ready = [], [], []
    for _ in range(RUNS):
        bare.append(spawn(BARE_APP))
        first.append(spawn(RETRO_APP, str(path), "first"))
        ready.append(spawn(RETRO_APP, str(path), "ready"))
    return statistics.median(bare), statistics.median(first), statistics.median(ready)


async def cpu_of_key(pilot: Pilot[None], key: str) -> float:
    started = time.process_time()
    await pilot.press(key)
    await pilot.pause()
    return time.process_time() - started


async def harness_cost() -> float:
    from textual.app import App
    from textual.widgets import Static

    class Empty(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("nothing")

    async with Empty().run_test(size=(120, 40)) as pilot:
        return statistics.median([await cpu_of_key(pilot, "x") for _ in range(PRESSES)])


async def tracker_open(path: Path) -> tuple[float, int]:
    """Wall time from the tracker key's action to the tracker drawn, stats included.

    The action is called directly and completion polled without Pilot, whose
    idle detection sleeps in 20 ms steps.  The stats panel is filled right
    after the list's first paint, so waiting for it covers the first paint.
    """
    from retrotui.session import Session
    from retrotui.tui.app import RetroApp
    from retrotui.tui.screens.tracker import TrackerScreen

    app = RetroApp(Session.open(path, today=lambda: dt.date(2025, 2, 10)), look_up_branch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        app.action_tracker()
        while not (isinstance(app.screen, TrackerScreen) and app.screen.stats_drawn):
            await asyncio.sleep(0)
        elapsed = time.perf_counter() - started
        return elapsed, app.screen.table.row_count


def grid_document(rows: int) -> str:
    lines = [
        "# Big board\n\n## Sprint 1 (2025-01-06)\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status |\n|---|---|---|---|\n"
    ]
    lines += [
        f"| Action number {n} with some words | Owner {n % 17} | 2025-02-{n % 28 + 1:02d} | ☐ |\n" for n in range(rows)
    ]
    return "".join(lines)


async def key_latency(path: Path) -> tuple[float, float]:
    from retrotui.session import Session
    from retrotui.tui.app import RetroApp
    from retrotui.tui.widgets.action_grid import GridTable

    # The file watch and the crash journal run on timers, not on keys: they are left out.
    app = RetroApp(
        Session.open(path, today=lambda: dt.date(2025, 2, 10)), look_up_branch=False, watch_file=False, journal=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        table = app.query_one(GridTable)
        assert table.row_count == 2000, table.row_count
        moves, toggles = [], []
        for n in range(PRESSES):
            moves.append(await cpu_of_key(pilot, "down"))
            toggles.append(await cpu_of_key(pilot, "space"))
            assert app.current is not None and app.current.action_items[n + 1].status == "done"
    return statistics.median(moves), statistics.median(toggles)


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="retrotui-bench-"))
    big = folder / "big.md"
    big.write_text(big_document(retros=1000, actions_per_retro=10), encoding="utf-8")
    grid = folder / "grid.md"
    grid.write_text(grid_document(2000), encoding="utf-8")

    bare, retro, ready = startup(big)
    move, toggle = asyncio.run(key_latency(grid))
    harness = asyncio.run(harness_cost())
    tracker_seconds, tracker_rows = asyncio.run(tracker_open(big))

    print(f"start-up to first frame (median of {RUNS}, fresh processes)")
    print(f"  bare Textual app            {bare * 1000:7.0f} ms")
    print(f"  retrotui, 1,000 retros      {retro * 1000:7.0f} ms   (first frame: header, list pane, footer)")
    print(
        f"  ... until the newest retro  {ready * 1000:7.0f} ms   ({ready / bare:.2f} x bare; file parsed, list and tabs drawn)"
    )
    print(f"key press in a 2,000-row grid (median of {PRESSES}, CPU time from key to idle)")
    print(f"  harness: a key in an empty app {harness * 1000:4.1f} ms (included below)")
    print(f"  cursor move                 {move * 1000:7.1f} ms")
    print(f"  status toggle               {toggle * 1000:7.1f} ms")
    print(f"action tracker on the 1,000-retro file ({tracker_rows} open items listed, 10,000 read)")
    print(f"  t to tracker drawn          {tracker_seconds * 1000:7.0f} ms   (wall time, one run)")
    return report(
        [
            ("tracker opens (s)", tracker_seconds, 1.0),
            ("start-up ratio retrotui / bare", retro / bare, 1.3),
            ("cursor move (ms)", move * 1000, 30.0),
            ("status toggle (ms)", toggle * 1000, 60.0),
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
