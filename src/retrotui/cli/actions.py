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

from retrotui.cli.common import EXIT_OK, HelpFormatter
from retrotui.cli.safe_output import exact_json, spreadsheet_safe
from retrotui.safe_text import visible
from retrotui.store import load_plain
from retrotui.values import format_due

if TYPE_CHECKING:
    from retrotui.model import ActionItem, Retro
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
        formatter_class=HelpFormatter,
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
    """A JSON array with one record per line, written as it is made.

    Each line is what ``json`` writes of ``tracked.as_record(today)``
    (``ensure_ascii=False``), put together from its values' encodings
    (``json``'s C string encoder), each retro's and row's made once.
    """
    if not found:
        out.write("[]\n")
        return
    out.write("[\n")
    last = len(found) - 1
    record = JsonRecords(today)
    # Written a few hundred records at a time: still at once for a pipe, with fewer writes.
    batch: list[str] = []
    for n, tracked in enumerate(found):
        batch.append(record(tracked, "  ", ",\n" if n < last else "\n"))
        if len(batch) == _JSON_BATCH or n == last:
            out.write("".join(batch))
            batch.clear()
    out.write("]\n")


class JsonRecords:
    """``exact_json(json.dumps(tracked.as_record(today), ensure_ascii=False))``, record by record, without the
    dicts.

    A record's keys and their order are ``TrackedAction.as_record``'s and
    ``ActionCopy.as_record``'s; every value is encoded as ``json`` encodes it
    (a string by its own C encoder, then ``exact_json``; anything else by
    ``json`` itself), so the text is the same to the byte (the tests compare).
    A retro's part of its rows' records is made once.
    """

    __slots__ = ("encode", "retros", "string", "today")

    def __init__(self, today: dt.date) -> None:
        from json.encoder import encode_basestring  # the C encoder, as json.dumps uses it

        self.today = today
        self.string = encode_basestring
        self.encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
        # id(retro) -> (retro, '"retro": …, "retro_date": …', its title, its date)
        self.retros: dict[int, tuple[Any, str, str, str]] = {}

    def value(self, value: object) -> str:
        """``value`` as ``json`` writes it, DEL, C1 and bidi controls escaped too (``exact_json``)."""
        if isinstance(value, str):
            written = self.string(value)
            return written if written.isascii() and "\x7f" not in written else exact_json(written)
        kind = type(value)
        if kind is bool or value is None:
            return "true" if value is True else "false" if value is False else "null"
        return repr(value) if kind is int else exact_json(self.encode(value))

    def retro(self, retro: Retro) -> tuple[Any, str, str, str]:
        known = self.retros.get(id(retro))
        if known is None or known[0] is not retro:
            date = retro.date
            title = self.value(retro.title)
            written = self.value(date.isoformat()) if date else "null"
            known = (retro, f'"retro": {title}, "retro_date": {written}', title, written)
            self.retros[id(retro)] = known
        return known

    def row(self, retro: Retro, action: ActionItem) -> str:
        """The row's record up to its "status" (in ``retro``), without the closing brace."""
        string = self.string
        due = action.due
        try:
            tail = (
                f', "item": {string(action.item)}, "owner": {string(action.owner)}, '
                f'"due": {string(due.isoformat() if isinstance(due, dt.date) else due)}, '
                f'"status": {string(action.status)}'
            )
        except TypeError:  # a value that is not a string: as json writes it
            value = self.value
            return (
                f'{{{self.retro(retro)[1]}, "item": {value(action.item)}, "owner": {value(action.owner)}, '
                f'"due": {value(format_due(due))}, "status": {value(action.status)}'
            )
        if not tail.isascii() or "\x7f" in tail:  # (DEL is ASCII)
            tail = exact_json(tail)
        return f"{{{self.retro(retro)[1]}{tail}"

    def __call__(self, tracked: TrackedAction, lead: str = "", end: str = "") -> str:
        """The record's JSON, between ``lead`` and ``end`` (a line of the array, made in one piece)."""
        action = tracked.action
        line = action.line
        own_line = repr(line) if type(line) is int else self.value(line)
        overdue = action.is_overdue(self.today)
        age = tracked.age
        first = self.retro(tracked.first_retro or tracked.retro)
        copies = tracked.copies
        overdue_text = "true" if overdue is True else self.value(overdue)
        age_text = repr(age) if type(age) is int else self.value(age)
        if len(copies) == 1 and copies[0].action is action and copies[0].retro is tracked.retro:
            # The usual item, with one row: its record and its history's only entry are the same row's.
            row = self.row(tracked.retro, action)
            return (
                f'{lead}{row}, "overdue": {overdue_text}, "age": {age_text}, "first_retro": {first[2]}, '
                f'"line": {own_line}, "first_retro_date": {first[3]}, "copies": 1, '
                f'"history": [{row}, "line": {own_line}}}]}}{end}'
            )
        own: str | None = None
        written: list[str] = []
        for copy in copies or (tracked.newest,):
            fields = self.row(copy.retro, copy.action)
            written.append(f'{fields}, "line": {self.value(copy.action.line)}}}')
            if copy.action is action:
                own = fields
        if own is None:  # a row listed on its own, outside any item
            own = self.row(tracked.retro, action)
        history = ", ".join(written)
        count = len(written)
        return (
            f'{lead}{own}, "overdue": {overdue_text}, "age": {age_text}, "first_retro": {first[2]}, '
            f'"line": {own_line}, "first_retro_date": {first[3]}, "copies": {count}, "history": [{history}]}}{end}'
        )


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
