"""Every place retrotui leans on Textual's private parts, in one package.

Textual has no public way to repaint one row of a ``DataTable``, to ask where
a cell is on screen, or to know that every widget has finished with the
messages a key press caused.  Each lean is small and documented here, and
``tests/tui/test_internals.py`` checks each one against the installed Textual,
so an upgrade that moves them fails loudly there instead of misbehaving in a
meeting.  (pyproject pins Textual below 9 for the same reason.)

The table's lean is in ``grid_table``, apart: importing ``DataTable`` takes
some 4 ms, and the key gate needs this module before the first frame, which
has no table.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual._queue import Queue
from textual.message_pump import MessagePump

_QUEUE_GET = Queue.get.__code__


def _queue_of(pump: MessagePump) -> Queue[Any]:
    queue: Queue[Any] = pump._message_queue
    return queue


def _waiting_for_messages(task: asyncio.Task[Any] | None) -> bool:
    """True when the pump's task waits in its queue's ``get``: it has finished every message it took."""
    if task is None or task.done():
        return True
    # Follow the chain of awaits down from the task's coroutine, looking for the queue's get.
    awaiting: Any = task.get_coro()
    while awaiting is not None:
        code = getattr(awaiting, "cr_code", None) or getattr(awaiting, "gi_code", None)
        if code is None:
            return False
        if code is _QUEUE_GET:
            return True
        awaiting = getattr(awaiting, "cr_await", None) or getattr(awaiting, "gi_yieldfrom", None)
    return False


def is_idle(pump: MessagePump, task: asyncio.Task[Any] | None) -> bool:
    """Nothing queued, nothing taken and not finished, nothing scheduled to run next.

    ``task`` is the asyncio task that runs the pump's message loop
    (``pump_task``; the App's is the task that runs the app).
    """
    return (
        _queue_of(pump).qsize() == 0
        and pump._pending_message is None
        and not pump._next_callbacks
        and _waiting_for_messages(task)
    )


def pump_task(pump: MessagePump) -> asyncio.Task[Any] | None:
    task: asyncio.Task[Any] | None = getattr(pump, "_task", None)
    return task
