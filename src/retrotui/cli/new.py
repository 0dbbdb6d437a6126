"""``retrotui new``: add one retro that looks like the file's own; ``retrotui templates``: the formats on offer."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from retrotui.cli.common import EXIT_OK, refuse


def add_parser(commands: Any) -> None:
    from retrotui.templates import TEMPLATES

    names = [t.name for t in TEMPLATES]
    new = commands.add_parser(
        "new",
        help="add a retro that follows the file's own headings and sections",
        description=(
            "Add one retro block: on top of a newest-first file, with the latest retro's heading pattern "
            "(date format, sprint number) and sections, empty. A missing FILE is created from a template."
        ),
    )
    new.add_argument("file", type=Path, metavar="FILE", help="the retrospective Markdown file (created if missing)")
    new.add_argument(
        "--title",
        help='e.g. "Sprint 1 – Queue Hierarchy" (default: the latest retro\'s, its sprint number one up)',
    )
    new.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the retro's date, written in the file's format (default: today)"
    )
    new.add_argument("--no-carry", action="store_true", help="do not carry over the open action items")
    new.add_argument(
        "--template",
        choices=names,
        metavar="NAME",
        help=f"sections from a well-known format instead of the file's: {', '.join(names)}",
    )
    new.set_defaults(handler=run_new)

    templates = commands.add_parser("templates", help="list the retro formats that new retros and files can use")
    templates.set_defaults(handler=run_templates)


def run_templates(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.templates import TEMPLATES

    width = max(len(t.name) for t in TEMPLATES)
    for template in TEMPLATES:
        sections = ", ".join(s.title for s in template.sections)
        print(f"{template.name:<{width}}  {template.label}: {template.description} ({sections})")
    return EXIT_OK


def run_new(args: argparse.Namespace, today: dt.date) -> int:
    """Add one retro; a duplicate title or a bad date writes nothing and exits 1."""
    from retrotui.builder import HiddenRetro, TitleTaken, add_retro, check_new_retro
    from retrotui.heading_style import latest_retro, newest_first
    from retrotui.markdown import dumps, loads
    from retrotui.safe_text import visible
    from retrotui.store import check_openable, read_document, write_text_atomic
    from retrotui.templates import SIX_SECTIONS, new_file_text, template_named

    chosen = template_named(args.template) if args.template else None
    date = today
    if args.date is not None:
        parsed = _date(args.date, today)
        if isinstance(parsed, str):
            return refuse(parsed)
        date = parsed
    if args.title is not None and not args.title.strip():
        return refuse("the title is empty")
    created = not args.file.exists()
    if created:
        check_openable(args.file)
        doc = loads(new_file_text(chosen or SIX_SECTIONS, today.isoformat()))
        chosen = None  # the new file's own template is the chosen one
    else:
        doc = read_document(args.file).document
    try:
        check_new_retro(doc, args.title, date, today)
    except HiddenRetro as hidden:
        return refuse(f"{args.file}:{hidden.line}: {hidden.reason}; nothing was written")
    except TitleTaken as taken:
        hint = "" if args.title is not None else " (give one with --title)"
        return refuse(f"{args.file} already has a retro called {taken.title!r}{hint}; nothing was written")
    except ValueError as error:
        return refuse(f"{error}; nothing was written")
    previous = latest_retro(doc)
    on_top = newest_first(doc)
    retro = add_retro(doc, args.title, date, carry_over=not args.no_carry, template=chosen, today=today)
    write_text_atomic(args.file, dumps(doc))
    _report(args, retro.title, retro.date, previous.title if previous else None, on_top, created)
    carried = retro.action_items
    if carried:
        print(f"Carried over {len(carried)} open action item{'s' if len(carried) != 1 else ''}:")
        for action in carried:
            owner = f" ({visible(action.owner)})" if action.owner else ""
            print(f"  - {visible(action.item)}{owner}")
    return EXIT_OK


def _date(text: str, today: dt.date) -> dt.date | str:
    """The ``--date`` value, or the refusal to print."""
    from retrotui.values import parse_due_input

    try:
        parsed = parse_due_input(text, today)
    except ValueError as error:
        return f"--date {error}; nothing was written"
    if not isinstance(parsed, dt.date):
        return f"--date {text!r} is not a date (use YYYY-MM-DD); nothing was written"
    return parsed


def _report(
    args: argparse.Namespace, title: str, date: dt.date | None, previous: str | None, on_top: bool, created: bool
) -> None:
    from retrotui.safe_text import visible

    when = f" ({date.isoformat()})" if date else ""
    if created:
        kind = args.template or "six-sections"
        print(visible(f"Created {args.file} from the {kind} template."))
    where = ""
    if previous is not None:
        where = f" above {visible(previous)!r} (newest first)" if on_top else f" after {visible(previous)!r}"
    sys.stdout.write(visible(f"Added {title!r}{when} to {args.file}{where}.") + "\n")
