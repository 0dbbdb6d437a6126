"""The crash journal: unsaved edits kept on disk so a crash or a killed terminal loses nothing.

One JSON file per edited file, in the user state folder (``RETROTUI_STATE_DIR``
overrides it), keyed by the file's absolute path.  It holds the text as it
was loaded (the base) and the edited text, so a restore can merge the edits
into whatever the file has become since.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from retrotui.store import write_text_atomic


def state_dir() -> Path:
    override = os.environ.get("RETROTUI_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path("retrotui")


def journal_path(file: Path, state: Path | None = None) -> Path:
    key = hashlib.sha256(str(file.resolve()).encode("utf-8")).hexdigest()[:32]
    return (state or state_dir()) / "journal" / f"{key}.json"


@dataclass(frozen=True, slots=True)
class Journal:
    path: str
    base_text: str
    text: str
    written_at: float

    @property
    def age_text(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.written_at))


def write_journal(file: Path, base_text: str, text: str) -> None:
    target = journal_path(file)
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {"path": str(file.resolve()), "base_text": base_text, "text": text, "written_at": time.time()}
    write_text_atomic(target, json.dumps(record, ensure_ascii=False))


def read_journal(file: Path) -> Journal | None:
    """The journal for ``file``, or None (a missing or unreadable journal is no journal)."""
    try:
        record = json.loads(journal_path(file).read_text(encoding="utf-8"))
        return Journal(str(record["path"]), str(record["base_text"]), str(record["text"]), float(record["written_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_journal(file: Path) -> None:
    journal_path(file).unlink(missing_ok=True)


def set_aside(journal: Journal, state: Path | None = None) -> Path:
    """Keep a journal's edited text as a file of its own, for edits the user chose not to restore now.

    It goes to the state folder (never beside the file, where ``git add -A``
    would pick it up), named after the file and the journal's time.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(journal.written_at))
    target = (state or state_dir()) / "set-aside" / f"{Path(journal.path).stem}-{stamp}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, journal.text)
    return target
