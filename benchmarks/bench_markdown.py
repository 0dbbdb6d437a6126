"""Serializer speed and memory on a 1,000-retro file, as ratios measured in one run.

    python benchmarks/bench_markdown.py

Targets (issue #2): loads + dumps <= 0.5 x markdown-it-py's parse of the same
text; dumps after one edit <= 2 x unedited dumps; tracemalloc peak of loads
<= 10 x the file's size.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import big_document
from markdown_it import MarkdownIt
from report import report

from retrotui import RetroDocument, dumps, loads

REPEATS = 5


def median_seconds(run: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def materialize(doc: RetroDocument) -> int:
    """Read every action row (as the tracker does); returns how many there are."""
    return sum(len(r.action_items) for r in doc.retros)


def main() -> int:
    text = big_document(retros=1000, actions_per_retro=10)
    size = len(text.encode("utf-8"))
    lazy = loads(text)
    full = loads(text)
    actions = materialize(full)
    assert dumps(lazy) == text and dumps(full) == text, "round trip failed"
    print(f"file: {len(full.retros)} retros, {actions} action items, {size / 1e6:.2f} MB, {text.count(chr(10))} lines")

    markdown_it = MarkdownIt("commonmark").enable("table")
    t_mdit = median_seconds(lambda: markdown_it.parse(text))
    t_loads = median_seconds(lambda: loads(text))
    t_dumps = median_seconds(lambda: dumps(lazy))
    lazy_edited = loads(text)
    lazy_edited.retros[500].action_items[3].status = "done"
    t_dumps_edit = median_seconds(lambda: dumps(lazy_edited))
    t_dumps_full = median_seconds(lambda: dumps(full))
    full_edited = loads(text)
    materialize(full_edited)
    full_edited.retros[500].action_items[3].status = "done"
    t_dumps_full_edit = median_seconds(lambda: dumps(full_edited))
    t_materialize = median_seconds(lambda: materialize(loads(text))) - t_loads

    tracemalloc.start()
    loads(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    tracemalloc.start()
    materialize(loads(text))
    _, peak_full = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    rows = [
        ("markdown-it-py parse", t_mdit),
        ("loads", t_loads),
        ("dumps unedited", t_dumps),
        ("dumps one edit", t_dumps_edit),
        ("read all 10,000 rows", t_materialize),
        ("dumps unedited, rows read", t_dumps_full),
        ("dumps one edit, rows read", t_dumps_full_edit),
    ]
    for name, seconds in rows:
        print(f"  {name:<27} {seconds * 1000:8.1f} ms   (median of {REPEATS})")
    print(f"  (info) peak of loads + reading every row: {peak_full / size:.1f} x the file size")
    checks = [
        ("(loads + dumps) / markdown-it parse", (t_loads + t_dumps) / t_mdit, 0.5),
        ("dumps one edit / dumps unedited", t_dumps_edit / t_dumps, 2.0),
        ("same, with every row read", t_dumps_full_edit / t_dumps_full, 2.0),
        ("loads tracemalloc peak / file size", peak / size, 10.0),
    ]
    return report(checks)


if __name__ == "__main__":
    raise SystemExit(main())
