"""``retrotui actions``: the tracker's list of action items, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retrotui.cli.common import EXIT_OK
from retrotui.cli.safe_output import exact_json, spreadsheet_safe
from retrotui.safe_text import visible
from retrotui.store import read_document

if TYPE_CHECKING:
    from retrotui.tracker import TrackedAction


def add_parser(commands: Any) -> None:
    from retrotui.tracker import ActionFilter, ActionSort

    actions = commands.add_parser("actions", help="list action items across retros")
    actions.add_argument("file", type=Path, metavar="FILE")
    state = actions.add_mutually_exclusive_group()
    state.add_argument("--open", dest="which", action="store_const", const=ActionFilter.OPEN)
    state.add_argument("--done", dest="which", action="store_const", const=ActionFilter.DONE)
    state.add_argument("--overdue", dest="which", action="store_const", const=ActionFilter.OVERDUE)
    actions.add_argument("--owner", metavar="NAME", help="only this owner's items (any case)")
    actions.add_argument("--format", choices=("table", "json", "csv"), default="table")
    actions.add_argument("--sort", choices=[s.value for s in ActionSort], default=ActionSort.FILE.value)
    actions.set_defaults(which=ActionFilter.ALL, handler=run_actions)


def run_actions(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.tracker import ActionSort, tracked_actions

    doc = read_document(args.file).document
    found = tracked_actions(doc, today, args.which, args.owner, sort=ActionSort(args.sort))
    if args.format == "json":
        print(exact_json(json.dumps([t.as_record(today) for t in found], ensure_ascii=False, indent=2)))
    elif args.format == "csv":
        sys.stdout.write(_csv(found, today))
    else:
        _print_table(found, today)
    return EXIT_OK


def _csv(found: list[TrackedAction], today: dt.date) -> str:
    """One row per item; every cell visible on a terminal and inert in a spreadsheet."""
    buffer = io.StringIO()
    fields = ["retro", "retro_date", "item", "owner", "due", "status", "overdue", "age", "first_retro", "line"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for tracked in found:
        record = tracked.as_record(today)
        writer.writerow({key: spreadsheet_safe(visible(_cell(value))) for key, value in record.items()})
    return buffer.getvalue()


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _print_table(found: list[TrackedAction], today: dt.date) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, header_style="bold")
    for column in ("Retro", "Item", "Owner", "Due", "Status", "Age"):
        table.add_column(column, overflow="fold")
    for tracked in found:
        record = tracked.as_record(today)
        style = "red" if record["overdue"] else ("green" if tracked.action.is_done else "")
        table.add_row(
            *(
                Text(visible(str(record[key] or "")), style=style)
                for key in ("retro", "item", "owner", "due", "status")
            ),
            Text(str(record["age"]), style=style),
        )
    console = Console(highlight=False)
    if found:
        console.print(table)
    else:
        console.print(Text("No action items match."))
