"""The merge driver against `git merge-file` on a 1,000-retro file, as ratios measured in one run.

    python benchmarks/bench_merge.py

What git waits for on a merge: a fresh `retrotui merge-driver BASE OURS THEIRS`
process (Python start-up and imports included) against a fresh
`git merge-file OURS BASE THEIRS` on the same three files, one change per
side in different retros; interleaved, median of 7.  Target (issue #12): at
most 8x.  For information, the same with both changes in one retro (that
retro is parsed and merged row by row).

Python runs with its bytecode cache on, as an installed retrotui does (even
where PYTHONDONTWRITEBYTECODE is set here), after one untimed warm-up run.
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

from generate import big_document
from report import report

RUNS = 7


def driver_command() -> list[str]:
    """The `retrotui` command beside this Python (as installed), else `python -m retrotui`."""
    script = Path(sys.executable).with_name("retrotui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "retrotui"]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], folder: Path, ours: Path) -> tuple[float, int]:
    """Seconds for one run of ``command`` on a fresh copy of OURS, and its exit code."""
    shutil.copyfile(ours, folder / "work.md")
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=folder, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - started, done.returncode


def compare(folder: Path, base: str, ours: str, theirs: str) -> tuple[float, float]:
    """Median seconds of the merge driver and of git merge-file on these three texts; both must agree."""
    for name, text in (("base.md", base), ("ours.md", ours), ("theirs.md", theirs)):
        (folder / name).write_bytes(text.encode("utf-8"))
    driver = [*driver_command(), "merge-driver", "base.md", "work.md", "theirs.md"]
    merge_file = ["git", "merge-file", "work.md", "base.md", "theirs.md"]
    timed(driver, folder, folder / "ours.md")  # warm-up: the bytecode cache
    times: dict[str, list[float]] = {"driver": [], "git": []}
    results: dict[str, bytes] = {}
    for _ in range(RUNS):
        for name, command in (("driver", driver), ("git", merge_file)):
            seconds, code = timed(command, folder, folder / "ours.md")
            assert code == 0, f"{name} exited with {code}"
            times[name].append(seconds)
            results[name] = (folder / "work.md").read_bytes()
    assert results["driver"] == results["git"], "the driver and git merge-file disagree"
    return statistics.median(times["driver"]), statistics.median(times["git"])


def main() -> int:
    base = big_document(retros=1000, actions_per_retro=10)
    ours = replace_once(base, "| Follow up on finding 250.3:", "| Follow up (ours) on finding 250.3:")
    theirs = replace_once(base, "ready before wave 750.\n", "ready before wave 750 (theirs).\n")
    theirs_same_retro = replace_once(base, "| Follow up on finding 250.7:", "| Follow up (theirs) on finding 250.7:")
    print(f"file: 1000 retros, {len(base.encode('utf-8')) / 1e6:.2f} MB; driver: {' '.join(driver_command())}")
    with tempfile.TemporaryDirectory(prefix="retrotui-bench-") as folder:
        t_driver, t_git = compare(Path(folder), base, ours, theirs)
        t_same, t_git_same = compare(Path(folder), base, ours, theirs_same_retro)
    rows = [
        ("git merge-file", t_git),
        ("retrotui merge-driver", t_driver),
        ("  both changes in one retro", t_same),
        ("  git merge-file on those", t_git_same),
    ]
    for name, seconds in rows:
        print(f"  {name:<30} {seconds * 1000:8.1f} ms   (median of {RUNS}, fresh processes)")
    print(f"  (info) both changes in one retro: {t_same / t_git_same:.2f} x git merge-file")
    return report([("merge driver / git merge-file", t_driver / t_git, 8.0)])


if __name__ == "__main__":
    raise SystemExit(main())
