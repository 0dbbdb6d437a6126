"""One open file: its path, its document and history, and what is on disk.

No Textual here; ``retrotui.workflow`` decides how it is saved, reloaded and
merged, and the TUI presents that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from retrotui.editing import Editor
from retrotui.markdown import loads
from retrotui.model import Retro, RetroDocument
from retrotui.settings_file import DEFAULT_COMMIT_MESSAGE
from retrotui.store import FileStamp, check_openable, read_text, remove_stale_temp_files
from retrotui.templates import NEW_FILE


@dataclass
class Session:
    path: Path
    editor: Editor
    stamp: FileStamp | None
    today: Callable[[], dt.date] = dt.date.today
    bump_last_updated: bool = True
    read_only_reason: str | None = field(default=None)
    base_text: str = field(default="", repr=False)  # the file as last read or written: the base of a merge
    interrupted_save_backups: list[Path] = field(default_factory=list)
    """Backups an interrupted in-place save left (the file's old content): for the editor to tell."""
    journal_owner: str | None = None
    """In a live session, the participant: each keeps a crash journal of their own."""

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
        from retrotui.workflow import read_only_reason

        backups = remove_stale_temp_files(path)
        if found is None:
            session = cls(path, Editor(loads(NEW_FILE.format(today=today().isoformat()))), None, today)
        else:
            text, stamp = found
            session = cls(path, Editor(loads(text)), stamp, today, base_text=text)
        session.read_only_reason = read_only_reason(path)
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
