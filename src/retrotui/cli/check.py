"""``retrotui check``: problems in a retrospective file, as FILE:LINE: message, then what was understood."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from retrotui.cli.common import EXIT_OK, EXIT_PROBLEMS, HelpFormatter
from retrotui.store import load_document, load_plain


def add_parser(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        formatter_class=HelpFormatter,
        help="list problems in a retrospective file and say what was read",
        description=(
            "List problems as FILE:LINE: message, then one summary line: retros, action items, "
            "and top-level sections not read as retros. Exit 0 clean, 1 problems or no retro recognised, "
            "2 unreadable."
        ),
    )
    check.add_argument("file", type=Path, metavar="FILE", help="the retrospective Markdown file")
    check.add_argument("--strict", action="store_true", help="also report open action items past their due date")
    check.add_argument(
        "--explain", action="store_true", help="list how each part of the file was read, with line numbers"
    )
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.safe_text import visible
    from retrotui.summary import summary

    # --explain says how each part was read, from the model; the rest reads the file plainly (no pydantic).
    doc = load_document(args.file, read_through=True) if args.explain else load_plain(args.file)
    name = visible(str(args.file))
    if args.explain:
        from retrotui.reading import explain

        for line in explain(doc):
            print(line)
    problems = [(w.line, w.message) for w in doc.warnings]
    if args.strict:
        from retrotui.tracker import overdue_report

        problems = sorted(problems + overdue_report(doc, today))
    for line_number, message in problems:
        print(f"{name}:{line_number}: {visible(message)}")
    print(summary(doc, today, name))
    return EXIT_PROBLEMS if problems or not doc.retros else EXIT_OK
