"""One live write: read the file, merge in what the others wrote since, write, under the room's lock.

A conflict (two participants changed the same row or item at once) never
stops anyone: the later write wins it, and the text that lost is posted to the
room as a ``lost`` event, so its writer is told and can put it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from retrotui.live.room import Room
from retrotui.store import FileStamp, StoreError, read_text, write_text_atomic


@dataclass(frozen=True, slots=True)
class LostEdit:
    """Someone's change that a later write replaced: ``lost`` was theirs, ``won`` is what the file has."""

    where: str
    lost: str
    won: str


@dataclass(frozen=True, slots=True)
class LiveWritten:
    text: str  # what the file holds now
    stamp: FileStamp
    merged: bool  # the others' changes came in: the editor takes ``text``
    lost: tuple[LostEdit, ...] = ()


@dataclass(frozen=True, slots=True)
class LiveFailed:
    message: str


def write_live(
    room: Room, path: Path, base_text: str, ours: str, expected: FileStamp | None
) -> LiveWritten | LiveFailed:
    """Write ``ours`` (the editor's text, based on ``base_text``), merged with the file as it is now."""
    from retrotui.merge import merge

    try:
        with room.locked():
            try:
                theirs, stamp = read_text(path)
            except StoreError:
                if path.exists():
                    raise
                theirs, stamp = base_text, None  # gone: written again, as a save would after asking
            lost: list[LostEdit] = []
            if stamp is not None and (stamp == expected or theirs == base_text):
                text, merged = ours, False
            else:
                result = merge(base_text, ours, theirs)
                for conflict in result.conflicts:
                    conflict.resolve("ours")
                    if conflict.theirs.strip() and conflict.theirs != conflict.ours:
                        lost.append(LostEdit(conflict.where, conflict.theirs, conflict.ours))
                text, merged = result.text(), True
            if stamp is None or text != theirs:
                stamp = write_text_atomic(path, text)
            for edit in lost:
                room.post_locked("lost", where=edit.where, lost=edit.lost, won=edit.won)
    except StoreError as error:
        return LiveFailed(str(error))
    except OSError as error:  # the room folder (state folder) cannot be made or written
        return LiveFailed(f"{room.folder}: {error.strerror or error}; nothing was written")
    return LiveWritten(text, stamp, merged and text != ours, tuple(lost))
