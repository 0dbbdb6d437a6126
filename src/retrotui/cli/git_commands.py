"""``retrotui merge-driver`` and ``retrotui git-setup``: the structural merge, as git uses it."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from retrotui.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE
from retrotui.safe_text import visible


def add_parsers(commands: Any) -> None:
    driver = commands.add_parser("merge-driver", help="git merge driver: merge %%A with %%B against %%O")
    driver.add_argument("base", type=Path, metavar="BASE", help="the common ancestor's version (git's %%O)")
    driver.add_argument("ours", type=Path, metavar="OURS", help="our version, replaced by the result (git's %%A)")
    driver.add_argument("theirs", type=Path, metavar="THEIRS", help="their version (git's %%B)")
    driver.set_defaults(handler=run_merge_driver)

    setup = commands.add_parser("git-setup", help="use retrotui's structural merge for FILE in git")
    setup.add_argument(
        "file", type=Path, nargs="?", metavar="FILE", help="the retro file (default: the one found here)"
    )
    setup.add_argument(
        "--check",
        action="store_true",
        help="change nothing: tell whether this clone merges FILE through retrotui (exit 0 yes, 1 no and what to do)",
    )
    setup.set_defaults(handler=run_git_setup)


def run_merge_driver(args: argparse.Namespace, today: dt.date) -> int:
    """git's merge driver protocol: the result goes into OURS; exit 0 clean, 1 conflicts.

    Each conflict is one line on stderr naming the retro, the row or section
    and what happened (control characters from the file made visible).  A
    side that is not UTF-8 text cannot be read as a retro file: the three are
    merged line by line, as git would without the driver, conflicts marked
    (refusing left OURS alone in the file and THEIRS out of it).
    """
    from retrotui.merge import merge
    from retrotui.store import write_text_atomic

    sides = {"base": args.base, "ours": args.ours, "theirs": args.theirs}
    texts: dict[str, str] = {}
    for side, path in sides.items():
        data = _side_bytes(path)
        try:
            texts[side] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            print(
                f"retrotui: {side} is not UTF-8 text (line {line}): merged line by line, as git does", file=sys.stderr
            )
            return _merge_by_lines(args.ours, args.base, args.theirs)
    result = merge(texts["base"], texts["ours"], texts["theirs"])
    merged = result.text()
    if merged != texts["ours"]:
        write_text_atomic(args.ours, merged)
    for conflict in result.conflicts:
        print(f"retrotui: conflict: {visible(conflict.where)}", file=sys.stderr)
    return EXIT_OK if result.clean else EXIT_PROBLEMS


def _side_bytes(path: Path) -> bytes:
    from retrotui.store import read_regular_file

    return read_regular_file(path)[0]


def _merge_by_lines(ours: Path, base: Path, theirs: Path) -> int:
    from retrotui.git import GitError, merge_file

    try:
        conflicts = merge_file(ours, base, theirs)
    except GitError as error:
        print(visible(f"retrotui: {error}"), file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK if conflicts == 0 else EXIT_PROBLEMS


def run_git_setup(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.git import GitError, check_merge_driver, setup_merge_driver
    from retrotui.store import discover

    path = args.file if args.file is not None else discover(Path.cwd())
    if path.is_dir():  # its attribute would name a folder, and '.' would be looked for in the parent's repository
        print(visible(f"retrotui: {path}: is a directory, not a Markdown file"), file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        if args.check:
            found = check_merge_driver(path.resolve())
            for line in found.lines:
                print(visible(line), file=sys.stdout if found.ok else sys.stderr)
            return EXIT_OK if found.ok else EXIT_PROBLEMS
        changes, warning = setup_merge_driver(path.resolve())
    except GitError as error:
        print(visible(f"retrotui: {error}"), file=sys.stderr)
        return EXIT_UNREADABLE
    for change in changes or ["nothing to change: the merge driver is already set up"]:
        print(visible(change))
    if warning is not None:
        print(visible(f"retrotui: warning: {warning}"), file=sys.stderr)
    return EXIT_OK
