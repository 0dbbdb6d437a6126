"""What the live participants of one file share beside it: who is in, and what happened.

A room is a folder in the state folder, keyed by the file's real path (two
names for one file, through a symlink, meet in the same room):

- ``lock``: the lock around every read-merge-write of the file and every append below;
- ``people/ID.json``: one file per participant, its name in it; its modification time is
  the participant's heartbeat, touched every second.  A participant whose heartbeat is
  older than ``GONE_AFTER`` seconds (or whose process on this machine is gone) has left;
- ``events.jsonl``: the session's events (a lost cell, the facilitator's phase, a vote), one
  JSON object per line, appended under the lock and read by everyone from where they stopped.

The first participant to join an empty room starts a new events log: a room
left by an earlier meeting carries nothing over into this one.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retrotui.live.lock import DEFAULT_TIMEOUT, held

GONE_AFTER = 4.0  # seconds without a heartbeat
HEARTBEAT = 1.0


def room_folder(file: Path, state: Path | None = None) -> Path:
    from retrotui.journal import state_dir

    key = hashlib.sha256(str(file.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return (state or state_dir()) / "live" / key


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str


def _alive_here(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Room:
    """One participant's door into the room of ``file``."""

    def __init__(self, file: Path, name: str, state: Path | None = None, clock: Any = time.time) -> None:
        self.file = file
        self.name = name
        self.folder = room_folder(file, state)
        self.host = socket.gethostname()
        self.id = f"{self.host}-{os.getpid()}-{secrets.token_hex(3)}"
        self._clock = clock
        self._events_read = 0  # bytes of the events log read so far
        self.joined = False
        self._joined_at = 0.0

    # -- the lock ------------------------------------------------------------------------------

    @contextmanager
    def locked(self, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
        with held(self.folder / "lock", timeout, what=self.file.name):
            yield

    # -- who is in ---------------------------------------------------------------------------------

    @property
    def _people(self) -> Path:
        return self.folder / "people"

    @property
    def _me(self) -> Path:
        return self._people / f"{self.id}.json"

    @property
    def _events(self) -> Path:
        return self.folder / "events.jsonl"

    def join(self) -> None:
        """Come in; an empty room starts a new events log."""
        self._people.mkdir(parents=True, exist_ok=True)
        with self.locked():
            if not self.people():
                self._events.write_bytes(b"")
            self._joined_at = self._clock()
            self._write_me()
        self.joined = True

    def _write_me(self) -> None:
        record = {"name": self.name, "pid": os.getpid(), "host": self.host, "joined": self._joined_at}
        self._me.write_text(json.dumps(record), encoding="utf-8")

    def heartbeat(self) -> None:
        """Still here (called every ``HEARTBEAT`` seconds); a removed file is written again."""
        if not self.joined:
            return
        try:
            os.utime(self._me)
        except FileNotFoundError:
            self._write_me()  # as it was, its place in the joining order too

    def leave(self) -> None:
        if self.joined:
            self.joined = False
            self._me.unlink(missing_ok=True)

    def people(self) -> list[Person]:
        """Everyone in the room now (this participant too), in the order they joined."""
        now = self._clock()
        found: list[tuple[float, Person]] = []
        try:
            entries = list(os.scandir(self._people))
        except FileNotFoundError:
            return []
        for entry in entries:
            if not entry.name.endswith(".json"):
                continue
            try:
                seen = entry.stat().st_mtime
                record = json.loads(Path(entry.path).read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(record, dict):
                continue
            gone = now - seen > GONE_AFTER
            pid = record.get("pid")
            if record.get("host") == self.host and isinstance(pid, int) and not _alive_here(pid):
                Path(entry.path).unlink(missing_ok=True)  # a participant killed here: its file goes too
                continue
            if gone:
                continue
            joined = record.get("joined")
            name = record.get("name")
            found.append(
                (joined if isinstance(joined, (int, float)) else seen, Person(entry.name[:-5], str(name or "?")))
            )
        return [person for _, person in sorted(found, key=lambda pair: pair[0])]

    # -- events ------------------------------------------------------------------------------------

    def post(self, kind: str, **fields: Any) -> dict[str, Any]:
        """Add an event for everyone (this participant reads it back too)."""
        with self.locked():
            return self.post_locked(kind, **fields)

    def post_locked(self, kind: str, **fields: Any) -> dict[str, Any]:
        """``post`` for a caller that already holds the lock."""
        event = {"kind": kind, "by": self.name, "from": self.id, "at": self._clock(), **fields}
        self._append((json.dumps(event, ensure_ascii=False) + "\n").encode("utf-8"))
        return event

    def _append(self, line: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self._events, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            os.write(descriptor, line)
        finally:
            os.close(descriptor)

    def new_events(self) -> list[dict[str, Any]]:
        """The events added since the last call (from the start of the log on the first)."""
        try:
            with self._events.open("rb") as log:
                size = os.fstat(log.fileno()).st_size
                if size < self._events_read:  # a new log: a new meeting began
                    self._events_read = 0
                log.seek(self._events_read)
                data = log.read()
        except FileNotFoundError:
            return []
        complete = data.rfind(b"\n") + 1  # a line still being appended waits for the next call
        self._events_read += complete
        events = []
        for line in data[:complete].splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict) and isinstance(event.get("kind"), str):
                events.append(event)
        return events
