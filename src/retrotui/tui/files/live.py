"""A live session in the editor: each finished edit written at once, the others' edits taken in at once.

Writing: every ``TICK`` seconds, if the document has a state not yet written
(an item entered, a cell committed, a toggle, a row added, moved or deleted),
it is written through ``retrotui.live.writing.write_live``: under the room's
lock, merged with whatever the others wrote since.  What is still being typed
is not a finished edit and is never written.

Reading: the file and the room are watched (``watchfiles``, inotify on
Linux), with a once-a-second look at the file's size and time as a fallback.
A change by someone else is taken in keeping the retro, tab, row, scroll and
the field being typed in, with what is typed and the cursor in it.  Only the
whole-section Markdown editor holds a change back until it is closed (it
would have to merge the typed text, which is the merge's job once it is
applied).

The writes run in worker threads and never hold the keys; taking in a new
document does, for the few milliseconds the view is rebuilt, so a key typed
meanwhile lands in the rebuilt field.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retrotui import workflow
from retrotui.live.room import HEARTBEAT, Person, Room
from retrotui.live.writing import LiveFailed, LiveWritten, write_live
from retrotui.tui.files.own_edits import OwnEdits
from retrotui.workflow import Notice, Saved, SaveFailed, SaveRequest

if TYPE_CHECKING:
    from retrotui.live.options import LiveOptions
    from retrotui.store import FileStamp
    from retrotui.tui.files import FileKeeper

TICK = 0.1  # how often a finished edit is looked for: written well within 300 ms


class LiveKeeper:
    """This editor's part in a live session on its file."""

    def __init__(self, keeper: FileKeeper, options: LiveOptions, state: Path | None = None) -> None:
        self.keeper = keeper
        self.options = options
        self.room = Room(keeper.session.path, options.name, state)
        self.people: list[Person] = []
        self.written_state: int | None = None  # the editor state the file holds (None: not yet written)
        self.writing = False
        self.reading = False
        self._retry_after = 0.0
        self._failure_said: str | None = None
        self._held_back_said: FileStamp | None = None
        self.own = OwnEdits(self)  # undo and redo, and an edit of ours a later write replaced
        self._handlers: dict[str, list[Callable[[dict[str, Any]], object]]] = {"lost": [self.own.on_lost]}
        self.taken: list[dict[str, Any]] = []  # every event taken so far, in order: a part that starts later folds them
        self._after_write: list[Callable[[], object]] = []
        self._watching: asyncio.Task[None] | None = None
        self.taking_in = False
        self._taking_in: asyncio.Task[None] | None = None

    # -- joining and leaving ------------------------------------------------------------------

    def start(self) -> None:
        """Join the room and start writing, watching and beating; the document is on screen."""
        screen = self.keeper.screen
        self.room.join()
        editor = self.keeper.session.editor
        self.own.start()
        self.written_state = None if (editor.modified or self.keeper.session.is_new) else editor.state
        self.people = self.room.people()
        if sum(person.name == self.options.name for person in self.people) > 1:
            # One name is taken to be one person: the same crash journal and private notes, the same votes.
            screen.notify(
                f"Someone named {self.options.name!r} is already in this session. Start with --name NAME so "
                "each of you has your own name (and your own crash journal and votes).",
                title="Same name",
                severity="warning",
                timeout=15,
            )
        screen.set_interval(TICK, self.tick, name="live-write")
        screen.set_interval(HEARTBEAT, self.beat, name="live-beat")
        # A task of its own, not a worker: it runs as long as the editor does, and nothing waits for it.
        self._watching = asyncio.get_running_loop().create_task(self._watch())
        self._take_events()

    def leave(self) -> None:
        if self._watching is not None:
            self._watching.cancel()
            self._watching = None
        self.room.leave()

    async def _watch(self) -> None:
        """Wake on any change to the file or the room (the others' writes, events, arrivals).

        If the watcher cannot run (no inotify, too many watches), the once-a-second beat still
        notices every change; only the wait is longer.
        """
        try:
            await self._watch_changes()
        except asyncio.CancelledError:
            raise
        except Exception:
            return

    async def _watch_changes(self) -> None:
        from watchfiles import awatch

        path = self.keeper.session.path.resolve()
        folder = self.room.folder
        folder.mkdir(parents=True, exist_ok=True)
        name = path.name

        def wanted(_change: object, changed: str) -> bool:
            return Path(changed).name == name or changed.startswith(str(folder))

        async for changes in awatch(path.parent, folder, watch_filter=wanted, debounce=50, step=20, recursive=True):
            touched = {Path(changed) for _, changed in changes}
            if any(p.name == "events.jsonl" for p in touched):
                self._take_events()
            if any(p.parent.name == "people" for p in touched):
                self._see_people()
            if any(p.name == name and p.parent == path.parent for p in touched):
                self.look()

    def beat(self) -> None:
        self.room.heartbeat()
        self._see_people()
        self._take_events()
        self._look_if_touched()

    def _see_people(self) -> None:
        people = self.room.people()
        if people != self.people:
            self.people = people
            self.keeper.screen.update_title()

    def header_details(self) -> list[str]:
        names = [person.name for person in self.people] or [self.options.name]
        label = "view only · live" if self.options.view_only else "live"
        return [f"{label}: {', '.join(names)}"]

    # -- events ------------------------------------------------------------------------------------

    def on_event(self, kind: str, handler: Callable[[dict[str, Any]], object]) -> None:
        """Call ``handler`` on the UI thread with every event of ``kind`` (this editor's own too)."""
        self._handlers.setdefault(kind, []).append(handler)

    def post(self, kind: str, **fields: Any) -> None:
        """Add an event for everyone, off the UI thread; it comes back through ``on_event``."""

        def done(_event: object) -> None:
            self._take_events()

        self.keeper._in_worker(partial(self.room.post, kind, **fields), done, "live-post")

    def _take_events(self) -> None:
        for event in self.room.new_events():
            self.taken.append(event)
            for handler in self._handlers.get(event["kind"], []):
                handler(event)

    # -- writing -------------------------------------------------------------------------------------

    def tick(self) -> None:
        if self.should_write():
            self.write()

    def should_write(self) -> bool:
        keeper = self.keeper
        if self.options.view_only or not keeper.screen.is_open or self.writing or self.reading:
            return False
        if keeper.busy or keeper.syncing or keeper.watcher.merging or time.monotonic() < self._retry_after:
            return False  # (while git pulls, a write could be undone with its rebase)
        return self.unwritten() or keeper.session.is_new

    def write_soon(self) -> None:
        """Write now if something is unwritten (ctrl+s in a live session), else say all is written.

        A write that keeps failing is said once, not at every retry; asked for with ctrl+s, it is said
        again (ctrl+s did nothing visible once the first notice had gone).
        """
        self.keeper.screen.commit_pending()
        self._retry_after = 0.0
        self._failure_said = None
        if self.should_write():
            self.write()
        elif self.keeper.syncing and self.unwritten():
            self.keeper.screen.notify("Writing once the sync with the remote is done.", title="Sync", timeout=4)
        elif not self.writing:
            self.keeper.screen.notify("Everything is written.", timeout=2)

    def can_finish(self) -> bool:
        """Nothing stands in the way of writing the last edits (a write that failed makes quit ask instead)."""
        return self.options.view_only or self._failure_said is None

    def write_then(self, then: Callable[[], object]) -> None:
        """``then`` once everything finished is written (at once if it is)."""
        self.keeper.screen.commit_pending()
        if self.writing:
            self._after_write.append(then)
        elif self.should_write() or (self.unwritten() and not self.options.view_only):
            self.write(then)
        else:
            then()

    def unwritten(self) -> bool:
        """Edits the file does not hold yet: a state not written, or a document put in whole (a restore)."""
        if self.options.view_only:
            return False
        editor = self.keeper.session.editor
        return editor.state != self.written_state or editor.modified

    def write(self, then: Callable[[], object] | None = None) -> None:
        session = self.keeper.session
        if then is not None:
            self._after_write.append(then)
        if self.keeper.syncing:
            return  # written by the tick once git is done with the file; ``then`` follows that write
        prepared = workflow.prepare_save(session, overwrite=True)
        if isinstance(prepared, SaveFailed):
            self._failed(prepared.message)
            return
        self.own.record_step(prepared.text)
        self.writing = True
        work = partial(write_live, self.room, session.path, session.base_text, prepared.text, session.stamp)
        self.keeper._in_worker(work, partial(self._written, prepared), "live-write")

    def _failed(self, message: str) -> None:
        self._retry_after = time.monotonic() + 1.0
        self._after_write.clear()  # a quit or commit waiting for this write does not happen
        if message != self._failure_said:
            self._failure_said = message
            self.keeper.notify(Notice("Not written", message, "error"), timeout=10)
        self.keeper.screen.update_title()

    async def _written(self, request: SaveRequest, outcome: LiveWritten | LiveFailed) -> None:
        self.writing = False
        if isinstance(outcome, LiveFailed):
            self._failed(outcome.message)
            return
        self._failure_said = None
        session = self.keeper.session
        ours = frozenset(request.text.splitlines()) - frozenset(session.base_text.splitlines())
        self.own.remember_written(ours)
        if not outcome.merged:
            workflow.finish_save(session, request, Saved(outcome.stamp))
            self.written_state = request.state
        elif session.editor.state != request.state or not self._can_take_in():
            # Edits made (or being typed) while this write was on its way: the next write merges them
            # into the file as it is now, the others' changes included.
            # (The file's stamp stays the old one, so that write sees a changed file and merges.)
            session.base_text = request.text
            if session.editor.state == request.state:
                # Only the Markdown editor is in the way: the file holds our edits; the others' are taken
                # in once it closes (until then a look at the file says they wait).
                self.written_state = request.state
                session.editor.mark_saved(request.state)
        else:
            session.base_text = request.text  # the file holds it merged: the base of what comes next
            self._take_in_when_keys_handled(outcome.text, outcome.stamp, None, request.state)
        self.keeper.journal_dirty = True
        self.keeper.screen.update_title()
        waiting, self._after_write = self._after_write, []
        for then in waiting:
            then()

    # -- reading -------------------------------------------------------------------------------------

    def _look_if_touched(self) -> None:
        """The fallback to the watcher: a cheap stat of the file, a full look only if it changed."""
        stamp = self.keeper.session.stamp
        try:
            st = self.keeper.session.path.stat()
        except OSError:
            return
        if stamp is None or st.st_size != stamp.size or st.st_mtime_ns != stamp.mtime_ns:
            self.look()

    def look(self) -> None:
        """Read the file if someone else may have written it; take it in when nothing here is unwritten."""
        if self.writing or self.reading or self.taking_in or not self.keeper.screen.is_open or self.keeper.syncing:
            return
        session = self.keeper.session
        if self.unwritten():
            return  # the next write merges the file as it is now
        self.reading = True
        look = partial(workflow.look_at_disk, session.path, session.stamp, True)
        self.keeper._in_worker(look, partial(self._looked, session.editor.state), "live-read")

    async def _looked(self, state: int, look: workflow.DiskLook) -> None:
        self.reading = False
        if look.kind == "same" and look.stamp is not None and self.keeper.session.editor.state == state:
            self.keeper.session.stamp = look.stamp  # touched, not changed: the cheap look passes again
        if look.kind != "changed" or look.stamp is None:
            return
        if self.keeper.session.editor.state != state:
            return  # an edit came in meanwhile: its write merges this change
        self._take_in_when_keys_handled(look.text, look.stamp, look.document, state)

    def _held_back(self, stamp: FileStamp) -> None:
        if stamp != self._held_back_said:
            self._held_back_said = stamp
            keys = self.keeper.screen.services.keys("text.done")
            self.keeper.screen.notify(
                f"The others' changes wait until you close the Markdown editor ({keys}).",
                title="Live",
                timeout=6,
            )

    def _take_in_when_keys_handled(self, text: str, stamp: FileStamp, document: Any, state: int) -> None:
        """Take in the file once the keys already let in are handled; the next keys wait for it.

        A key let in a moment ago may still be on its way to the field it was typed for (or be
        the ``a`` that is opening it): a rebuild started now would take that field away under it,
        and the key would be lost.  So the keys are held from now on, the ones in flight land
        first, and if one of them finished an edit, that edit's write merges the file instead.
        """
        keeper = self.keeper
        keeper._begin()
        self.taking_in = True

        async def take_in() -> None:
            try:
                await keeper.screen.services.keys_handled()
                if keeper.session.editor.state != state or not keeper.screen.is_open:
                    return  # an edit landed meanwhile: its write merges the file as it is now
                if not self._can_take_in():
                    self._held_back(stamp)
                    return
                await self.take_in(text, stamp, document)
            finally:
                self.taking_in = False
                keeper._end()

        self._taking_in = asyncio.get_running_loop().create_task(take_in())

    def _can_take_in(self) -> bool:
        """Everything being typed can be carried into a rebuilt view (not the Markdown text editor)."""
        return self.keeper.screen.can_carry_typing()

    async def take_in(self, text: str, stamp: FileStamp, document: Any = None) -> None:
        """The file as the others left it becomes the document, keeping the view and the open field."""
        session = self.keeper.session

        def replace() -> None:
            workflow.adopt(session, text, stamp, text, document)

        await self.rebuild(replace)
        self.own.history.took_in(text)
        self._held_back_said = None
        self.written_state = session.editor.state
        self.keeper.screen.update_title()  # no unwritten mark: the document is the file

    async def rebuild(self, replace: Callable[[], None]) -> None:
        keeper = self.keeper
        keeper._begin()  # keys typed meanwhile wait, then land in the rebuilt field
        try:
            await keeper.screen.replace_document_keeping_view(replace, keep_typing=True)
            keeper.screen.tracker_switch.document_replaced()
        finally:
            keeper._end()
        keeper.journal_dirty = True
