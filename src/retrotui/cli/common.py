"""What every subcommand shares: exit codes and the one-line refusal."""

from __future__ import annotations

import sys

from retrotui.safe_text import visible

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def refuse(message: str) -> int:
    """One line on stderr and exit code 1: the command understood the file but will not do this."""
    print(visible(f"retrotui: {message}"), file=sys.stderr)
    return EXIT_PROBLEMS
