"""The command line on large files, as ratios to anchors measured in the same run.

    python benchmarks/bench_cli.py

Every figure is the median of several fresh processes.  Targets (issue #12):
``retrotui check`` and ``retrotui actions --format json`` on a 1,000-retro file
<= 4 x and <= 6 x ``python -c pass``; each <= 12 x slower on 10,000 retros
than on 1,000; ``retrotui actions`` as a table on 10,000 retros finishes,
writing its rows one at a time, in memory proportional to the file (peak RSS
<= 40 x the file's size).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import big_document
from report import report

RETROTUI = [sys.executable, "-m", "retrotui"]

# Floors, to show how much of the targets is left for the work itself (printed, not targets):
# importing what ``check`` imports, and the least any reader of the file does: read it, split it
# into lines, match one pattern per line (a heading? a table row?) and split the table rows into cells.
IMPORTS_ONLY = "import retrotui.cli, retrotui.cli.check, retrotui.plain, retrotui.summary, retrotui.safe_text"
LEAST_READER = r"""
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = text.splitlines(keepends=True)
line_kind = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)|\s*\|")
kinds = [line_kind.match(line) for line in lines]
cells = [line.split("|") for line in lines if line.startswith("|")]
"""


def median_run(argv: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def first_row_and_total(argv: list[str]) -> tuple[float, float]:
    """Seconds to the table's first item row and to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE)
    assert process.stdout is not None
    first = 0.0
    for n, _line in enumerate(process.stdout):
        if n == 2:  # header, rule, then the first item
            first = time.perf_counter() - started
    process.wait()
    return first, time.perf_counter() - started


def peak_rss_mb(argv: list[str]) -> float:
    """The command's peak resident memory, measured by a fresh parent that runs only it."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True)
    return int(result.stdout) / 1024  # Linux reports KiB


def load() -> str:
    """The machine's load averages (1, 5, 15 min): on a shared machine, figures taken under load are slower."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    print(f"load before: {load()}")
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "retro-1k.md"
        large = Path(folder) / "retro-10k.md"
        small.write_text(big_document(retros=1000, actions_per_retro=10), encoding="utf-8")
        large.write_text(big_document(retros=10_000, actions_per_retro=10), encoding="utf-8")
        print(
            f"files: 1,000 retros {small.stat().st_size / 1e6:.1f} MB; 10,000 retros {large.stat().st_size / 1e6:.1f} MB"
        )

        anchor = median_run([sys.executable, "-c", "pass"], 9)
        imports = median_run([sys.executable, "-c", IMPORTS_ONLY], 5)
        least = median_run([sys.executable, "-c", LEAST_READER, str(small)], 5)
        check_1k = median_run([*RETROTUI, "check", str(small)], 5)
        json_1k = median_run([*RETROTUI, "actions", str(small), "--format", "json"], 5)
        check_10k = median_run([*RETROTUI, "check", str(large)], 3)
        json_10k = median_run([*RETROTUI, "actions", str(large), "--format", "json"], 3)
        first, total = first_row_and_total([*RETROTUI, "actions", str(large)])
        peak_mb = peak_rss_mb([*RETROTUI, "actions", str(large)])
        size_mb = large.stat().st_size / 1e6

    print(f"load after: {load()}")
    print(f"anchor: python -c pass {anchor * 1000:.0f} ms")
    print(
        f"floors: check's imports alone {imports * 1000:.0f} ms ({imports / anchor:.1f}x); the least reader"
        f" (lines, one pattern each, table cells) of 1k {least * 1000:.0f} ms ({least / anchor:.1f}x)"
    )
    print(f"check 1k {check_1k * 1000:.0f} ms, actions json 1k {json_1k * 1000:.0f} ms")
    print(f"check 10k {check_10k:.2f} s, actions json 10k {json_10k:.2f} s")
    print(f"actions table 10k: first row {first:.2f} s, done {total:.2f} s, peak RSS {peak_mb:.0f} MB")
    return report(
        [
            ("check 1k / python -c pass", check_1k / anchor, 4),
            ("actions --format json 1k / python -c pass", json_1k / anchor, 6),
            ("check 10k / check 1k", check_10k / check_1k, 12),
            ("actions json 10k / actions json 1k", json_10k / json_1k, 12),
            ("actions table 10k: peak RSS / file size", peak_mb / size_mb, 40),
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
