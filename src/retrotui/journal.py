"""The crash journal: unsaved edits kept on disk so a crash or a killed terminal loses nothing.

One JSON file per edited file, in the user state folder (``RETROTUI_STATE_DIR``
overrides it), keyed by the file's absolute path.  It holds the text as it
was loaded (the base) and the edited text, so a restore can merge the edits
into whatever the file has become since.
"""

from __future__ import annotations

import fcntl
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
    """The journal for ``file``, or None (a missing or unreadable journal is no journal: see
    ``put_aside_unreadable``)."""
    found = _load(journal_path(file, who=who))
    return found if isinstance(found, Journal) else None


def _load(target: Path) -> Journal | str | None:
    """The journal at ``target``; None if there is none; why not, if it cannot be read.

    Its texts must be texts: anything else (a corrupt or hostile file, a newer
    version's) is refused whole, never turned into text and merged into the file.
    A time that is not one (out of range, not a number) is the file's own time.
    """
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        return error.strerror or str(error)
    try:
        record = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return "not JSON"
    if not isinstance(record, dict):
        return "not a journal"
    texts = [record.get(name) for name in ("path", "base_text", "text")]
    if not all(isinstance(text, str) for text in texts):
        return "not a journal this version can read"
    path, base_text, text = (str(text) for text in texts)
    return Journal(path, base_text, text, _time(record.get("written_at"), target))


def _time(value: object, target: Path) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= _LAST_TIME:
        return float(value)
    try:
        return target.stat().st_mtime
    except OSError:
        return 0.0


_LAST_TIME = 253402300799  # 9999-12-31 23:59:59 UTC: what the clock can show as a date


def clear_journal(file: Path, who: str | None = None) -> None:
    journal_path(file, who=who).unlink(missing_ok=True)


def hold_journal(file: Path, who: str | None = None) -> int | None:
    """Take the journal of ``file`` for this editor: the descriptor that holds it, or None when another
    editor running on this machine holds it (raises ``OSError`` when the state folder is unusable).

    One journal per file, so one editor writes it: a second editor of the same file would write its
    own edits over the first's, and its save or quit would delete the first's.  The kernel drops the
    hold when its holder ends, even by ``kill -9``: a crash's journal is never held.
    """
    lock = journal_path(file, who=who).with_suffix(".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def let_go(descriptor: int) -> None:
    """Give back a journal taken with ``hold_journal``."""
    os.close(descriptor)


def put_aside_unreadable(file: Path, who: str | None = None, state: Path | None = None) -> tuple[Path, str] | None:
    """Move a journal that cannot be read out of the way, into the set-aside folder as it is.

    Left in place it is no journal, and the next save or quit would delete it
    unseen: it may hold the only copy of someone's edits.  Returns where it now
    is and why it could not be read; None when there is no such journal.
    """
    source = journal_path(file, state, who)
    found = _load(source)
    if not isinstance(found, str):
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = (state or state_dir()) / "set-aside" / f"{file.stem}-unreadable-journal-{stamp}-{source.name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    return target, found


def set_aside(journal: Journal, state: Path | None = None) -> Path:
    """Keep a journal's edited text as a file of its own, for edits the user chose not to restore now.

    It goes to the state folder (never beside the file, where ``git add -A``
    would pick it up), named after the file and the journal's time.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(journal.written_at))
    folder = (state or state_dir()) / "set-aside"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{Path(journal.path).stem}-{stamp}"
    # Two files of one name (every repository's RETRO.md) whose editors died in the same second, a
    # tmux server killed, say: each copy is kept, never one written over the other.
    target = folder / f"{name}.md"
    number = 1
    while True:
        try:
            with target.open("x", encoding="utf-8"):
                break
        except FileExistsError:
            number += 1
            target = folder / f"{name}-{number}.md"
    try:
        write_text_atomic(target, journal.text)
    except BaseException:
        target.unlink(missing_ok=True)  # not an empty copy that looks like the edits
        raise
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
