"""What every subcommand shares: exit codes and the one-line refusal."""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from retrotui.safe_text import visible

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def refuse(message: str) -> int:
    """One line on stderr and exit code 1: the command understood the file but will not do this."""
    print(visible(f"retrotui: {message}"), file=sys.stderr)
    return EXIT_PROBLEMS


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing ``shutil`` (and ``bz2``, ``lzma`` with it)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return size.columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """``argparse``'s formatter, its width found as ``argparse`` finds it but without ``shutil``: a parser
    makes one for every argument it is given, so ``check`` and ``actions`` would load ``shutil`` to start."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


class Parser(argparse.ArgumentParser):
    """``argparse``'s parser, its errors shown with their control characters visible.

    An error quotes what it did not understand as it was given (``unrecognized
    arguments: …``): a name pasted or passed on by a script may hold an ``ESC``
    sequence.  Subparsers are made of the same class, so every command's errors
    pass through here.
    """

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, visible(f"{self.prog}: error: {message}", keep_newlines=True) + "\n")
