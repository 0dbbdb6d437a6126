"""Where the editor's memory goes: peak and resident memory at each step of opening a large file.

    python benchmarks/bench_memory.py [--retros 1000] [--trace]

Every figure is a fresh process (VmHWM is a high-water mark: one process per
step keeps the steps apart).  ``bench_tui.py`` measures the real figure in a
terminal; this one runs the editor in-process (Textual's ``run_test``), which
is quicker and close to it, and shows what each part costs:

- imports: Textual alone, then with retrotui's editor, model and tracker
  modules (pydantic with them);
- a plain read: the model of the file, then every retro's rows and the
  tracker's items (what the editor reads ahead after opening);
- the editor on a one-retro file (the floor: code and widgets, no document),
  on the large file, and on the large file without the read-ahead;
- ``--trace``: the largest allocations (tracemalloc, by line) in the editor
  on the large file.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import big_document

TINY = "# Retros\n\n## Sprint 1 (2025-01-06)\n\n### 1. Summary\n\n- one bullet\n"


def status() -> tuple[int, int]:
    """(VmHWM, VmRSS) of this process, in MiB."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmHWM:", "VmRSS:")):
            found[line.split(":")[0]] = int(line.split()[1]) // 1024
    return found["VmHWM"], found["VmRSS"]


def child(mode: str, path: Path, trace: bool) -> None:
    import gc

    gc.disable()  # as ``tui.run`` has it until the document is on screen
    import textual.app  # noqa: F401

    if mode == "textual":
        print(*status())
        return
    import retrotui.session
    import retrotui.tracker
    import retrotui.tui.app
    import retrotui.tui.screens.editor

    if mode == "imports":
        print(*status())
        return
    from retrotui.store import read_text

    found = read_text(path)
    if mode in ("parse", "read-ahead"):
        import datetime as dt

        from retrotui.session import Session

        session = Session.from_text(path, found)
        if mode == "read-ahead":
            retrotui.tui.screens.editor.read_ahead(session.editor, dt.date.today())
        print(*status())
        return
    _editor(mode, path, found, trace)


def _editor(mode: str, path: Path, found: tuple[str, object], trace: bool) -> None:
    import asyncio
    import tracemalloc

    from retrotui.tui.app import RetroApp
    from retrotui.tui.screens import editor

    if mode == "editor-no-read-ahead":
        editor.read_ahead = lambda *_: editor.settle_memory()  # type: ignore[assignment]

    def open_session() -> object:
        from retrotui.session import Session

        return Session.from_text(path, found)  # type: ignore[arg-type]

    async def run() -> None:
        if trace:
            tracemalloc.start(1)
        app = RetroApp(
            open_session,  # type: ignore[arg-type]
            path=path,
            preview=found[0],
            look_up_branch=False,
            watch_file=False,
            journal=False,
        )
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(1000):
                await pilot.pause(0.02)
                if app.editor_screen.is_open:
                    break
            await pilot.pause(2.5)  # the read-ahead, as bench_tui waits for it
            print(*status())
            if trace:
                top = tracemalloc.take_snapshot().statistics("lineno")
                for stat in top[:25]:
                    frame = stat.traceback[0]
                    where = frame.filename.split("site-packages/")[-1].split("src/")[-1]
                    print(f"# {stat.size / 1e6:6.2f} MB {stat.count:7d} {where}:{frame.lineno}")

    asyncio.run(run())


def measure(mode: str, path: Path, trace: bool = False) -> tuple[int, int, list[str]]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)] + (["--trace"] if trace else []),
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    figures = [line for line in lines if not line.startswith("#")][-1].split()
    return int(figures[0]), int(figures[1]), [line[2:] for line in lines if line.startswith("# ")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--retros", type=int, default=1000)
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.trace)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="retrotui-memory-"))
    big = folder / "big.md"
    big.write_text(big_document(retros=args.retros, actions_per_retro=10), encoding="utf-8")
    tiny = folder / "tiny.md"
    tiny.write_text(TINY, encoding="utf-8")
    steps = [
        ("textual imported", "textual", big),
        ("retrotui's modules imported", "imports", big),
        (f"plain read of {args.retros} retros", "parse", big),
        ("  and the read-ahead (rows, tracker)", "read-ahead", big),
        ("editor, one-retro file (the floor)", "editor", tiny),
        (f"editor, {args.retros} retros, no read-ahead", "editor-no-read-ahead", big),
        (f"editor, {args.retros} retros", "editor", big),
    ]
    print(f"{'':42s} {'peak':>6s} {'resident':>9s}  (MiB, VmHWM / VmRSS)")
    for label, mode, path in steps:
        peak, resident, _ = measure(mode, path)
        print(f"{label:42s} {peak:6d} {resident:9d}")
    if args.trace:
        print("largest allocations in the editor on the large file (tracemalloc, by line):")
        for line in measure("editor", big, trace=True)[2]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
