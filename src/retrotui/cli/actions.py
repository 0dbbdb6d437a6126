"""``retrotui actions``: the tracker's list of action items, as a table, JSON or CSV.

One entry per item (a carried item is one item, shown at its newest copy);
``--copies`` lists every row instead.  Output is written as it is made, so a
file with tens of thousands of items starts printing at once and piping into
``head`` stops early.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from retrotui.cli.common import EXIT_OK
from retrotui.cli.safe_output import exact_json, spreadsheet_safe
from retrotui.safe_text import visible
from retrotui.store import load_plain
from retrotui.values import format_due

if TYPE_CHECKING:
    from retrotui.tracker import TrackedAction

CSV_FIELDS = (
    "retro",
    "retro_date",
    "item",
    "owner",
    "due",
    "status",
    "overdue",
    "age",
    "first_retro",
    "line",
    "first_retro_date",
    "copies",
)
SORTS = ("file", "retro", "due", "owner", "age")


def add_parser(commands: Any) -> None:
    actions = commands.add_parser(
        "actions",
        help="list action items across retros (a carried item once)",
        description="List the action items of every retro, as the editor's tracker does.",
    )
    actions.add_argument("file", type=Path, metavar="FILE", help="the retrospective Markdown file")
    state = actions.add_mutually_exclusive_group()
    state.add_argument("--open", dest="which", action="store_const", const="open", help="only open items")
    state.add_argument("--done", dest="which", action="store_const", const="done", help="only done items")
    state.add_argument(
        "--overdue", dest="which", action="store_const", const="overdue", help="only open items past their due date"
    )
    actions.add_argument("--owner", metavar="NAME", help="only this owner's items (any case)")
    actions.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="output format (default: table)"
    )
    actions.add_argument(
        "--sort",
        choices=SORTS,
        default="file",
        help="file order, newest retro first, due date, owner, or oldest first by age (default: file)",
    )
    actions.add_argument(
        "--copies", action="store_true", help="list every row: each carried copy of an item on its own"
    )
    actions.set_defaults(which="all", handler=run_actions)


def run_actions(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.tracker import ActionFilter, ActionSort, tracked_actions

    doc = load_plain(args.file)
    found = tracked_actions(
        doc, today, ActionFilter(args.which), args.owner, sort=ActionSort(args.sort), copies=args.copies
    )
    out = sys.stdout
    if args.format == "json":
        _write_json(out, found, today)
    elif args.format == "csv":
        _write_csv(out, found, today)
    else:
        terminal = out.isatty()
        width = os.get_terminal_size(out.fileno()).columns if terminal else None
        write_table(out, found, today, width, colour=terminal and not os.environ.get("NO_COLOR"))
    return EXIT_OK


_JSON_BATCH = 256


def _write_json(out: TextIO, found: Sequence[TrackedAction], today: dt.date) -> None:
    """A JSON array with one record per line, written as it is made (``json``'s C encoder)."""
    if not found:
        out.write("[]\n")
        return
    out.write("[\n")
    last = len(found) - 1
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode  # plain records: no cycles
    # Written a few hundred records at a time: still at once for a pipe, with fewer writes and scans.
    batch: list[str] = []
    for n, tracked in enumerate(found):
        batch.append("  " + encode(tracked.as_record(today)) + (",\n" if n < last else "\n"))
        if len(batch) == _JSON_BATCH or n == last:
            out.write(exact_json("".join(batch)))
            batch.clear()
    out.write("]\n")


def _write_csv(out: TextIO, found: Sequence[TrackedAction], today: dt.date) -> None:
    import csv

    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for tracked in found:
        record = tracked.as_record(today)
        writer.writerow({key: spreadsheet_safe(visible(_cell(record[key]))) for key in CSV_FIELDS})


def _cell(value: object) -> str:
    return "" if value is None else str(value)


# -- the table ---------------------------------------------------------------------------------

HEADERS = ("Retro", "Item", "Owner", "Due", "Status", "Age")
_SEPARATOR = " │ "
_RED, _GREEN, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[0m"


def _row(tracked: TrackedAction) -> tuple[str, ...]:
    action = tracked.action
    cells = (tracked.retro.title, action.item, action.owner, format_due(action.due), action.status, str(tracked.age))
    return tuple(" ".join(visible(cell).split()) for cell in cells)


def write_table(
    out: TextIO, found: Sequence[TrackedAction], today: dt.date, width: int | None = None, colour: bool = False
) -> None:
    """Aligned columns, a row at a time; fitted to ``width`` (a terminal's) by wrapping, else one line an item.

    Piped, each item is one line (easy to grep); the widths come from a first
    pass over the plain cell texts, which is cheap next to rendering.
    """
    if not found:
        out.write("No action items match.\n")
        return
    rows = [_row(tracked) for tracked in found]
    widths = [max(cell_width(h), *(cell_width(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    if width is not None:
        widths = _fit(widths, width)
    header = _line(HEADERS, widths).rstrip()
    out.write(f"{_BOLD}{header}{_RESET}\n" if colour else header + "\n")
    out.write("─┼─".join("─" * w for w in widths) + "\n")
    for tracked, cells in zip(found, rows, strict=True):
        style = ""
        if colour:
            style = _RED if tracked.action.is_overdue(today) else _GREEN if tracked.action.is_done else ""
        for line in _wrapped(cells, widths) if width is not None else [_line(cells, widths).rstrip()]:
            out.write(f"{style}{line}{_RESET}\n" if style else line + "\n")


def _fit(widths: list[int], columns: int) -> list[int]:
    """Shrink the Retro and Item columns (then Owner) until the row fits the terminal."""
    room = columns - len(_SEPARATOR) * (len(widths) - 1)
    fitted = list(widths)
    for index, floor in ((1, 16), (0, 10), (2, 8), (1, 8)):
        excess = sum(fitted) - room
        if excess <= 0:
            break
        fitted[index] = max(floor, fitted[index] - excess)
    return fitted


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return _SEPARATOR.join(cell + " " * (width - cell_width(cell)) for cell, width in zip(cells, widths, strict=True))


def _wrapped(cells: Sequence[str], widths: Sequence[int]) -> Iterator[str]:
    pieces = [wrap(cell, width) for cell, width in zip(cells, widths, strict=True)]
    for n in range(max(len(p) for p in pieces)):
        yield _line([p[n] if n < len(p) else "" for p in pieces], widths).rstrip()


@cache
def _maybe_not_one_column() -> re.Pattern[str]:
    """Characters that may take other than one column: combining marks, zero-width joiners and
    selectors, East Asian wide and full-width forms, emoji.  Text without any is one column a character.

    Compiled on first use (a few milliseconds): JSON and CSV output never measure text.
    """
    return re.compile(
        "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u0e31-\u0e4e"
        "\u1100-\u115f\u200b-\u200f\u20d0-\u20ff\u2300-\u23ff\u2600-\u27bf\u2e80-\ua4cf\uac00-\ud7a3"
        "\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe6f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
    )


def cell_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK, emoji) characters count two, combining marks none."""
    if text.isascii() or _maybe_not_one_column().search(text) is None:
        return len(text)
    from unicodedata import combining, east_asian_width

    return sum(
        0 if combining(c) or c in "\u200b\u200c\u200d" else 2 if east_asian_width(c) in "WF" else 1 for c in text
    )


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces where it can be."""
    if cell_width(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if cell_width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while cell_width(word) > width:
            cut = _cut(word, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _cut(word: str, width: int) -> int:
    used = 0
    for index, char in enumerate(word):
        used += cell_width(char)
        if used > width:
            return max(1, index)
    return len(word)
