"""``retrotui new``: add one retro block from the file's template."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from retrotui.cli.common import EXIT_OK, refuse
from retrotui.safe_text import visible
from retrotui.store import read_document


def add_parser(commands: Any) -> None:
    new = commands.add_parser("new", help="add a retro from the file's template")
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--title", required=True, help='e.g. "Sprint 1 – Queue Hierarchy"')
    new.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    new.add_argument("--no-carry", action="store_true", help="do not carry over the open action items")
    new.set_defaults(handler=run_new)


def run_new(args: argparse.Namespace, today: dt.date) -> int:
    """Add one retro block; a duplicate title or a bad date writes nothing and exits 1."""
    from retrotui.markdown import dumps
    from retrotui.store import write_text_atomic
    from retrotui.values import parse_due_input

    loaded = read_document(args.file)
    doc = loaded.document
    title = " ".join(args.title.split())
    if not title:
        return refuse("the title is empty")
    if any(r.title.casefold() == title.casefold() for r in doc.retros):
        return refuse(f"{args.file} already has a retro called {title!r}; nothing was written")
    date = today
    if args.date is not None:
        try:
            parsed = parse_due_input(args.date, today)
        except ValueError as error:
            return refuse(f"--date {error}; nothing was written")
        if not isinstance(parsed, dt.date):
            return refuse(f"--date {args.date!r} is not a date (use YYYY-MM-DD); nothing was written")
        date = parsed
    previous = doc.latest_retro()
    retro = doc.add_retro(title, date, carry_over=not args.no_carry)
    write_text_atomic(args.file, dumps(doc))
    where = f" after {previous.title!r}" if previous is not None else ""
    print(visible(f"Added {retro.title!r} ({date.isoformat()}) to {args.file}{where}."))
    carried = retro.action_items
    if carried:
        print(f"Carried over {len(carried)} open action item{'s' if len(carried) != 1 else ''}:")
        for action in carried:
            owner = f" ({action.owner})" if action.owner else ""
            print(visible(f"  - {action.item}{owner}"))
    return EXIT_OK
