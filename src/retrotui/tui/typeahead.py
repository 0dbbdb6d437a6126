"""Keys are handled one at a time, in order, however fast they come.

Textual routes each key to the widget that has focus *when the app reads the
key*, and the key's effects (a binding's action, a focus change, an editor
opening) happen later, in other widgets' message queues.  Typed fast (a paste,
a fast typist, a browser through textual-serve), ``5`` ``a`` ``Hello`` reaches
the app before ``a`` has opened the editor, so ``Hello`` goes to the list and
its ``t`` opens the tracker.  The ``KeyGate`` holds each key until the app and
every widget on the screen have finished with the one before, then lets it
through: a key always lands where the keys before it left the focus.

The gate also holds keys while the document is being opened or saved, so keys
typed during start-up are not lost and ``ctrl+s ctrl+q`` quits after the save,
and while the window is too small to work in: keys typed blind land where they
were typed once it grows.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

from retrotui.tui.internals import is_idle, pump_task

# Keys let through while the document is still opening (never held behind a slow file).  Not while a
# save is on its way: ``ctrl+s ctrl+q`` quits after the save (let through, ctrl+q found the edits not
# yet saved and asked "Save before quitting?" about a file the save had just written).
OPENING_BYPASS = frozenset({"ctrl+q", "ctrl+c"})


class KeyGate:
    """Takes every key the terminal sends; releases each once the app has settled."""

    def __init__(
        self,
        app: App[Any],
        ready: Callable[[], bool],
        paused: Callable[[], bool] = lambda: False,
        opening: Callable[[], bool] = lambda: True,
    ) -> None:
        """``ready`` says whether keys may flow (False while opening or saving); ``opening`` whether the
        document is still opening (the only time the bypass keys skip the wait); ``paused`` holds every
        key, the opening bypass too (the window is too small to see what a key does)."""
        self.app = app
        self.ready = ready
        self.paused = paused
        self.opening = opening
        self.app_task: asyncio.Task[Any] | None = None
        self._held: deque[events.Key] = deque()
        self._released: set[int] = set()
        self._runner: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    def start(self) -> None:
        """Call from the app's own task (``on_mount``): the gate watches that task too."""
        self.app_task = asyncio.current_task()

    def take(self, event: events.Key) -> bool:
        """True when the gate holds ``event``; False for a key it released (let Textual handle it)."""
        if id(event) in self._released:
            self._released.discard(id(event))
            return False
        if event.key == "ctrl+j":
            # A newline is an Enter: the terminal turns Enter into one for keys typed before the editor
            # took it over (``retrotui FILE`` then Enter at once), and pastes carry newlines.
            event = events.Key("enter", "\r")
        self._held.append(event)
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._release_in_order(), name="retrotui key gate")
        self._wake.set()
        return True

    def nudge(self) -> None:
        """Something the gate waits for changed (the document opened, a save finished)."""
        self._wake.set()

    @property
    def holding(self) -> int:
        return len(self._held)

    def drop_held(self) -> str:
        """Take back every key still held, and say what they typed.

        For a question that comes up as the file opens (the crash journal's offer): the keys
        typed before it was on screen were meant for the editor, and one letter of them would
        answer it (``d`` discards the unsaved edits).
        """
        dropped = list(self._held)
        self._held.clear()
        return "".join(
            key.character if key.character is not None and key.character.isprintable() else f"‹{key.key}›"
            for key in dropped
        )

    async def _release_in_order(self) -> None:
        while self._held:
            await self.settled(self._held[0].key)
            if not self._held:
                return  # taken back meanwhile (``drop_held``)
            event = self._held.popleft()
            released = events.Key(event.key, event.character)
            self._released.add(id(released))
            self.app.post_message(released)
            # Let the app take the key before looking for quiet again.
            await asyncio.sleep(0)

    def _pumps(self) -> list[tuple[MessagePump, asyncio.Task[Any] | None]]:
        pumps: list[tuple[MessagePump, asyncio.Task[Any] | None]] = [(self.app, self.app_task)]
        try:
            screen = self.app.screen
        except Exception:  # no screen yet, or the app is closing
            return pumps
        pumps += [(node, pump_task(node)) for node in screen.walk_children(with_self=True)]
        return pumps

    def quiet(self) -> bool:
        """The app and every widget of the current screen have nothing left to do."""
        return all(is_idle(pump, task) for pump, task in self._pumps())

    async def handled(self) -> None:
        """Return once every key let in so far has been handled (keys still held stay held).

        For work that must not land between a key and its effect: a key let in a moment
        earlier is still on its way to the widget that has the focus.
        """
        while self.app.is_running and self.app.return_code is None and not self.quiet():
            await asyncio.sleep(0.001)

    async def drained(self) -> None:
        """Return once every key taken has been let in and the app is quiet again."""
        while True:
            # With nothing held, a window too small to type in is nothing to wait for.
            await self.settled(paused_too=bool(self._held))
            if not self._held or not self.app.is_running:
                return
            # Keys are still held: let the releasing task run before looking again.
            await asyncio.sleep(0.001)

    async def settled(self, key: str = "", paused_too: bool = True) -> None:
        """Return once the app is quiet and ready (unless ``key`` may bypass the wait), and not paused."""
        polls = 0
        while True:
            if not self.app.is_running or self.app.return_code is not None:
                return  # the app is closing: nothing will settle any more
            bypass = key in OPENING_BYPASS and self.opening()
            ready = (self.ready() or bypass) and not (paused_too and self.paused())
            if ready and self.quiet():
                return
            if not ready:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), 0.25)  # also look again at the app closing
                continue
            # Widgets are still working on the last key: give them the loop.
            polls += 1
            await asyncio.sleep(0 if polls < 50 else 0.002)
