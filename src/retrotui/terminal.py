"""Keys typed while the editor starts reach it as they were typed.

Until the editor puts the terminal in raw mode, the terminal is in its usual
("cooked") mode: it turns Enter into a newline, holds a line until Enter, and
takes ctrl+s and ctrl+q for flow control, so keys typed right after
``retrotui FILE`` arrived changed (an Enter that did nothing) or not at all (a
ctrl+s that never saved).  The editor's command line switches those off as its
first step and puts the terminal back exactly as it was when it ends.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def keys_as_typed() -> Iterator[None]:
    """No line editing, echo, newline translation or flow control on standard input while inside."""
    try:
        import termios
    except ImportError:  # no termios (Windows)
        yield
        return
    try:
        fd = sys.stdin.fileno()
        original = termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError, AttributeError):  # not a terminal
        yield
        return
    changed = [*original[:6], list(original[6])]
    changed[0] &= ~(termios.ICRNL | termios.INLCR | termios.IXON)  # input flags
    changed[3] &= ~(termios.ICANON | termios.ECHO | termios.IEXTEN)  # local flags (signals stay)
    changed[6][termios.VMIN] = 1
    changed[6][termios.VTIME] = 0
    try:
        termios.tcsetattr(fd, termios.TCSANOW, changed)  # TCSANOW: what is typed already is kept
    except termios.error:
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, original)
