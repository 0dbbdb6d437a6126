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


def journal_path(file: Path, state: Path | None = None, who: str | None = None) -> Path:
    """Keyed by the file's path, and in a live session by the participant too (``who``): the
    participants of one file each keep their own unsaved edits and private notes."""
    key_text = str(file.resolve()) if who is None else f"{file.resolve()}\0{who}"
    key = hashlib.sha256(key_text.encode("utf-8", "surrogateescape")).hexdigest()[:32]
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


def write_journal(file: Path, base_text: str, text: str, who: str | None = None) -> None:
    target = journal_path(file, who=who)
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {"path": str(file.resolve()), "base_text": base_text, "text": text, "written_at": time.time()}
    write_text_atomic(target, json.dumps(record, ensure_ascii=False))


def read_journal(file: Path, who: str | None = None) -> Journal | None:
    """The journal for ``file``, or None (a missing or unreadable journal is no journal)."""
    try:
        record = json.loads(journal_path(file, who=who).read_text(encoding="utf-8"))
        return Journal(str(record["path"]), str(record["base_text"]), str(record["text"]), float(record["written_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_journal(file: Path, who: str | None = None) -> None:
    journal_path(file, who=who).unlink(missing_ok=True)


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


# -- private notes of a live meeting's silent writing ------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrivateNotes:
    """New items written during silent writing, private to their writer until the reveal.

    They are not in the document (so not in the file) until then; kept here, beside
    the journal, so a crash before the reveal loses none of them.
    """

    path: str
    retro: str
    section: str
    items: tuple[str, ...]


def private_notes_path(file: Path, state: Path | None = None, who: str | None = None) -> Path:
    journal = journal_path(file, state, who)
    return journal.with_name(f"{journal.stem}.private.json")


def write_private_notes(file: Path, retro: str, section: str, items: list[str], who: str | None = None) -> None:
    """Keep the private notes (none: clear them)."""
    if not items:
        clear_private_notes(file, who)
        return
    target = private_notes_path(file, who=who)
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {"path": str(file.resolve()), "retro": retro, "section": section, "items": list(items)}
    write_text_atomic(target, json.dumps(record, ensure_ascii=False))


def read_private_notes(file: Path, who: str | None = None) -> PrivateNotes | None:
    """The private notes a crash left for ``file``, or None (unreadable is none)."""
    try:
        record = json.loads(private_notes_path(file, who=who).read_text(encoding="utf-8"))
        items = record["items"]
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items) or not items:
            return None
        return PrivateNotes(str(record["path"]), str(record["retro"]), str(record["section"]), tuple(items))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_private_notes(file: Path, who: str | None = None) -> None:
    private_notes_path(file, who=who).unlink(missing_ok=True)
