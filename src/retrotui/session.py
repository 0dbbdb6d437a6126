"""One open file: its document, its history, and saving it safely.

No Textual here; the TUI drives a ``Session`` and shows what it reports.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from retrotui.config import DEFAULT_COMMIT_MESSAGE
from retrotui.editing import Editor
from retrotui.markdown import dumps, loads
from retrotui.markdown.serializer import check_encodable
from retrotui.model import Retro, RetroDocument

if TYPE_CHECKING:
    from retrotui.merge import MergeResult
from retrotui.store import (
    FileStamp,
    StoreError,
    check_openable,
    current_stamp,
    is_read_only,
    read_text,
    remove_stale_temp_files,
    resolve_link,
    write_text_atomic,
)
from retrotui.templates import NEW_FILE


class ChangedOnDisk(Exception):
    """The file on disk is not what was loaded; saving would overwrite someone's change."""


@dataclass
class Session:
    path: Path
    editor: Editor
    stamp: FileStamp | None
    today: Callable[[], dt.date] = dt.date.today
    bump_last_updated: bool = True
    read_only_reason: str | None = field(default=None)
    base_text: str = ""  # the file as last read or written: the base of a merge
    interrupted_save_backups: list[Path] = field(default_factory=list)
    """Backups an interrupted in-place save left (the file's old content): for the editor to tell."""

    @classmethod
    def open(cls, path: Path, today: Callable[[], dt.date] = dt.date.today) -> Session:
        """Read ``path``; a missing file (in an existing folder) starts from the template.

        Raises ``StoreError`` with one plain line for anything unreadable.
        """
        check_openable(path)
        return cls.from_text(path, read_text(path) if path.exists() else None, today)

    @classmethod
    def from_text(
        cls, path: Path, found: tuple[str, FileStamp] | None, today: Callable[[], dt.date] = dt.date.today
    ) -> Session:
        """A session on text already read (``None``: a new file from the template).

        Opening also removes the temporary files an interrupted save of this
        file left beside it (see ``store.remove_stale_temp_files``).
        """
        backups = remove_stale_temp_files(path)
        if found is None:
            session = cls(path, Editor(loads(NEW_FILE.format(today=today().isoformat()))), None, today)
        else:
            text, stamp = found
            session = cls(path, Editor(loads(text)), stamp, today, base_text=text)
        session.read_only_reason = _read_only_reason(path)
        session.interrupted_save_backups = backups
        return session

    @property
    def doc(self) -> RetroDocument:
        return self.editor.doc

    @property
    def is_new(self) -> bool:
        return self.stamp is None

    @property
    def needs_save(self) -> bool:
        return self.editor.modified or self.is_new

    def changed_on_disk(self) -> bool:
        now = current_stamp(self.path)
        return now != self.stamp

    def maybe_changed_on_disk(self) -> bool:
        """A cheap check for the once-a-second poll: size and mtime first, content only if they moved."""
        if self.stamp is None:
            return False
        try:
            st = self.path.stat()
        except OSError:
            return False
        if st.st_size == self.stamp.size and st.st_mtime_ns == self.stamp.mtime_ns:
            return False
        return self.changed_on_disk()

    def save(self, force: bool = False) -> FileStamp:
        """Write the document atomically; ``ChangedOnDisk`` unless ``force``."""
        if self.read_only_reason:
            raise StoreError(f"{self.path.name} is read-only ({self.read_only_reason}); nothing was written")
        if not force and self.changed_on_disk():
            raise ChangedOnDisk(str(self.path))
        doc = self.editor.doc
        if self.bump_last_updated and doc.header_field("Last Updated") is not None:
            today = self.today()
            if doc.last_updated != today:
                doc.last_updated = today
        text = dumps(doc)
        try:
            check_encodable(doc, text)
        except ValueError as error:
            raise StoreError(f"{self.path.name}: cannot save: {error}; nothing was written") from None
        stamp = write_text_atomic(self.path, text)
        self.stamp = stamp
        self.base_text = text
        self.editor.mark_saved()
        return stamp

    def reload(self) -> None:
        """Read the file again, dropping unsaved edits and history."""
        text, stamp = read_text(self.path)
        self.adopt(text, stamp, text)

    def adopt(self, text: str, stamp: FileStamp | None, disk_text: str) -> None:
        """Continue from ``text``, with ``disk_text`` (and its stamp) as what is on disk now.

        After a merge the document holds the user's edits on top of someone
        else's version: it is modified, and the next save will not see a
        change on disk.
        """
        self.editor.replace_document(loads(text), modified=text != disk_text)
        self.stamp = stamp
        self.base_text = disk_text
        self.read_only_reason = _read_only_reason(self.path)

    def merge_from_disk(self) -> tuple[MergeResult, str, FileStamp]:
        """Their version (on disk now) merged with our edits, against what we loaded."""
        from retrotui.merge import merge

        theirs, stamp = read_text(self.path)
        return merge(self.base_text, dumps(self.editor.doc), theirs), theirs, stamp


def commit_message(retro: Retro | None, path: Path, template: str | None = None) -> str:
    """``retro: Sprint 1 – Queue Hierarchy: 3 action items, 1 done``, or the settings' template."""
    if retro is None:
        return f"retro: update {path.name}"
    items = retro.action_items
    done = sum(item.is_done for item in items)
    if template is not None and template != DEFAULT_COMMIT_MESSAGE:
        return template.format(retro=retro.title, file=path.name, actions=len(items), done=done)
    noun = "action item" if len(items) == 1 else "action items"
    return f"retro: {retro.title}: {len(items)} {noun}, {done} done"


def _read_only_reason(path: Path) -> str | None:
    if path.exists():
        return "the file is not writable" if is_read_only(path) else None
    try:
        folder = resolve_link(path).parent  # a dangling link: its target is created on save
    except StoreError as error:
        return str(error)
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is not writable"
    return None
