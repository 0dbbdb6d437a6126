"""``retrotui check``: problems in a retrospective file, as FILE:LINE: message."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from retrotui.cli.common import EXIT_OK, EXIT_PROBLEMS
from retrotui.safe_text import visible
from retrotui.store import read_document


def add_parser(commands: Any) -> None:
    check = commands.add_parser("check", help="list problems in a retrospective file")
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument("--strict", action="store_true", help="also report open action items past their due date")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace, today: dt.date) -> int:
    doc = read_document(args.file).document
    problems = [(w.line, w.message) for w in doc.warnings]
    if args.strict:
        from retrotui.tracker import overdue_report

        problems = sorted(problems + overdue_report(doc, today))
    for line, message in problems:
        print(visible(f"{args.file}:{line}: {message}"))
    return EXIT_PROBLEMS if problems else EXIT_OK
