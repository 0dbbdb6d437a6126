"""A lone Escape reaches the app in tens of milliseconds, not a tenth of a second or more.

A terminal sends Escape as the byte ESC, which is also how every arrow and
function key starts, so the input parser waits a moment for more bytes before
it calls a lone ESC the Escape key.  Textual waits ``ESCDELAY`` (100 ms), and
its Linux driver only looks at that wait again when ``select`` returns, every
100 ms when nothing else is typed: closing the tracker, cancelling an edit or
leaving a dialog with Escape waited 100 to 200 ms before the app saw the key.

This driver is Textual's, with two changes in its input loop: ``select``
wakes when the parser's wait is over, and the wait is ``ESCAPE_DELAY``
(10 ms, tmux 3.5's default ``escape-time``; fish waits 30 ms, and crossterm's
apps, Helix among them, do not wait at all) unless ``ESCDELAY`` in the
environment says otherwise.  A terminal writes a key's whole sequence at once,
and ssh carries it in one packet, so the bytes after an ESC arrive together
with it; only a link that splits a sequence by more than the delay would see
an arrow key as Escape and text.  (The 30 ms tried first kept closing the
tracker with Escape 30 to 50 ms behind closing it with t in
``benchmarks/bench_tui.py``; at 10 ms the two are some 10 ms apart.)

It leans on the parser's private ``_timeout_time`` (when its current wait ends),
checked in ``tests/tui/test_internals.py``; the loop is Textual 8's
``LinuxDriver.run_input_thread``.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

ESCAPE_DELAY = 0.010  # seconds; Textual's is 0.1
IDLE_WAIT = 0.1  # how long select waits when the parser waits for nothing (Textual's)


def escape_delay() -> float:
    """``ESCDELAY`` (milliseconds, as curses and Textual read it) if set, else ours."""
    try:
        return max(1, int(os.environ["ESCDELAY"])) / 1000
    except (KeyError, ValueError):
        return ESCAPE_DELAY


def shorten_wait(parser: XTermParser, delay: float) -> None:
    """A wait the parser just started (for the bytes after an ESC) ends ``delay`` from now at the latest."""
    deadline: float | None = parser._timeout_time
    if deadline is not None:
        parser._timeout_time = min(deadline, get_time() + delay)


def next_wait(parser: XTermParser) -> float:
    """How long ``select`` may sleep: until the parser's wait ends, or the idle wait."""
    deadline: float | None = parser._timeout_time
    if deadline is None:
        return IDLE_WAIT
    return min(IDLE_WAIT, max(0.0, deadline - get_time()))


class PromptEscapeDriver(LinuxDriver):
    """Textual's Linux driver; its input loop honours a short Escape wait."""

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual's loop, waking for the parser's deadline)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        delay = escape_delay()

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for number, (_key, mask) in enumerate(events, 1):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(fileno, 1024 * 4), final=final and number == len(events))
                    if not data:
                        break  # stdin is piped
                    for event in parser.feed(data):
                        self.process_message(event)
                    shorten_wait(parser, delay)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(next_wait(parser)))
            selector.unregister(self.fileno)
            process(selector.select(IDLE_WAIT), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
