"""What the editor decides, without Textual: saving, watching the disk, the journal, commit and sync.

Each step returns a plain result that the TUI only presents.  The steps that
touch the disk or git (``write``, ``look_at_disk``, ``merge_texts``,
``commit_status``, ``commit_and_sync``, ``store_journal``) take texts and
paths, never the live document, so they run in worker threads; the steps
that read or change the document (``prepare_save``, ``finish_save``,
``adopt``, ``journal_text``) run on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from retrotui.record import Record
from retrotui.store import FileStamp, StoreError, current_stamp, is_read_only, read_text, write_text_atomic

if TYPE_CHECKING:
    from retrotui.journal import Journal
    from retrotui.merge import MergeResult
    from retrotui.model import RetroDocument
    from retrotui.session import Session

# -- saving ---------------------------------------------------------------------------------


class SaveRequest(Record):
    """Everything a save needs, taken from the document on the UI thread."""

    path: Path
    text: str
    expected: FileStamp | None  # what the file looked like when last read or written (None: a new file)
    state: int  # the editor's history state the text was taken at
    overwrite: bool = False  # write even if the file changed on disk or is gone


class Saved(Record):
    stamp: FileStamp


class ChangedOnDisk(Record):
    """Someone else changed the file: merge before writing."""


class FileGone(Record):
    """The file was moved or deleted since it was read: recreate it, or save elsewhere."""

    path: Path


class SaveFailed(Record):
    message: str


SaveOutcome = Saved | ChangedOnDisk | FileGone | SaveFailed


def read_only_reason(path: Path) -> str | None:
    """Why ``path`` cannot be written right now, or None; asked at every save, never remembered."""
    import os

    from retrotui.store import resolve_link

    if path.exists():
        return "the file is not writable" if is_read_only(path) else None
    try:
        folder = resolve_link(path).parent  # a dangling link: its target is created on save
    except StoreError:
        return "its symbolic links go round in a loop"  # the message names the file already
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is not writable"
    return None


def prepare_save(session: Session, overwrite: bool = False) -> SaveRequest | SaveFailed:
    """Bump **Last Updated** (when the setting says so) and take the text to write."""
    from retrotui.markdown import dumps

    reason = read_only_reason(session.path)
    session.read_only_reason = reason
    if reason is not None:
        return SaveFailed(f"{session.path.name} cannot be saved: {reason}; nothing was written")
    doc = session.editor.doc
    if session.bump_last_updated and doc.header_field("Last Updated") is not None:
        today = session.today()
        if doc.last_updated != today:
            doc.last_updated = today
    from retrotui.markdown.serializer import check_encodable

    text = dumps(doc)
    try:
        check_encodable(doc, text)
    except ValueError as error:
        return SaveFailed(f"{session.path.name}: cannot save: {error}; nothing was written")
    return SaveRequest(session.path, text, session.stamp, session.editor.state, overwrite)


SAVE_LOCK_TIMEOUT = 5.0  # seconds a save waits for a live participant's write


def write(request: SaveRequest) -> SaveOutcome:
    """Write the text atomically, unless the file changed on disk or went away meanwhile.

    The look and the write hold the file's live-session lock, so a save never lands between a
    live participant's read and write (which would lose it); without a usable state folder, the
    save goes ahead unlocked, as before live sessions existed.
    """
    from retrotui.live.lock import LockTimeout, held
    from retrotui.live.room import room_folder

    with ExitStack() as stack:
        try:
            lock_file = room_folder(request.path) / "lock"
            stack.enter_context(held(lock_file, SAVE_LOCK_TIMEOUT, what=request.path.name))
        except LockTimeout as error:
            return SaveFailed(str(error))
        except OSError:
            pass  # no usable state folder: the save goes ahead unlocked
        return _write_unlocked(request)


def _write_unlocked(request: SaveRequest) -> SaveOutcome:
    if not request.overwrite and request.expected is not None:
        now = current_stamp(request.path)
        if now is None and not request.path.exists():
            return FileGone(request.path)
        if now != request.expected:
            return ChangedOnDisk()
    try:
        return Saved(write_text_atomic(request.path, request.text))
    except StoreError as error:
        return SaveFailed(str(error))


def finish_save(session: Session, request: SaveRequest, saved: Saved) -> None:
    """The file now holds the text taken at ``request.state``; edits made since stay unsaved."""
    session.path = request.path
    session.stamp = saved.stamp
    session.base_text = request.text
    session.read_only_reason = None
    session.editor.mark_saved(request.state)


# -- someone else's changes -------------------------------------------------------------------


class DiskLook(Record):
    """What the file on disk is now, compared with what the editor last read or wrote."""

    kind: Literal["same", "changed", "gone", "unreadable"]
    text: str = ""
    stamp: FileStamp | None = None
    document: RetroDocument | None = None  # the new text, parsed (when asked for)
    message: str = ""


def look_at_disk(path: Path, known: FileStamp | None, parse: bool) -> DiskLook:
    """A cheap look first (size and mtime), the content only when they moved."""
    if known is None:
        return DiskLook("same")
    try:
        st = path.stat()
    except FileNotFoundError:
        return DiskLook("gone")
    except OSError as error:
        return DiskLook("unreadable", message=f"{path}: {error.strerror or error}")
    if st.st_size == known.size and st.st_mtime_ns == known.mtime_ns:
        return DiskLook("same")
    try:
        text, stamp = read_text(path)
    except StoreError as error:
        return DiskLook("unreadable", message=str(error))
    if stamp.sha256 == known.sha256:
        return DiskLook("same", text, stamp)
    document = None
    if parse:
        from retrotui.markdown import loads

        document = loads(text)
    return DiskLook("changed", text, stamp, document)


def merge_texts(base: str, ours: str, theirs: str) -> MergeResult:
    from retrotui.merge import merge

    return merge(base, ours, theirs)


def adopt(
    session: Session, text: str, stamp: FileStamp | None, disk_text: str, document: RetroDocument | None = None
) -> None:
    """Continue from ``text`` (a merge, a reload), with ``disk_text`` and its stamp as what is on disk."""
    from retrotui.markdown import loads

    session.editor.replace_document(document if document is not None else loads(text), modified=text != disk_text)
    session.stamp = stamp
    session.base_text = disk_text


# -- the crash journal ---------------------------------------------------------------------------


class PendingEdit(Record):
    """Text being typed in an open editor, not yet in the document."""

    where: str  # which editor, e.g. "Sprint 4 / Action Items / row 2 / item"
    value: str  # what is typed there now
    apply: Callable[[], Callable[[], None]]  # put it into the model; returns how to take it out again


@contextmanager
def pending_applied(edits: Sequence[PendingEdit]) -> Iterator[None]:
    undo: list[Callable[[], None]] = []
    try:
        for edit in edits:
            undo.append(edit.apply())
        yield
    finally:
        for step in reversed(undo):
            step()


def journal_text(session: Session, pending: Sequence[PendingEdit]) -> str | None:
    """The document as the journal keeps it, typing in progress included; None when nothing is unsaved."""
    from retrotui.markdown import dumps

    if not session.editor.modified and not pending:
        return None
    with pending_applied(pending):
        text = dumps(session.editor.doc)
    return None if text == session.base_text and not session.is_new else text


def store_journal(path: Path, base_text: str, text: str | None, who: str | None = None) -> None:
    """Write (or, with nothing unsaved, clear) the journal (``who``: a live participant's own); runs in a worker."""
    from retrotui.journal import clear_journal, write_journal

    if text is None:
        clear_journal(path, who)
    else:
        write_journal(path, base_text, text, who)


def find_unsaved(session: Session) -> Journal | None:
    """Unsaved edits a crash left behind for this file, if they differ from the file now."""
    from retrotui.journal import read_journal

    found = read_journal(session.path, session.journal_owner)
    if found is None or found.text == session.base_text:
        return None
    return found


def merge_unsaved(journal: Journal, session: Session) -> MergeResult:
    """The journal's edits merged into the file as it is now."""
    return merge_texts(journal.base_text, journal.text, session.base_text)


# -- commit and sync -------------------------------------------------------------------------------


class Notice(Record):
    """One message for the user."""

    title: str
    message: str
    severity: Literal["information", "warning", "error"] = "information"


def commit_status(path: Path) -> Notice | None:
    """Why there is nothing to commit (not a repository, no changes, no git), or None: ask for a message."""
    from retrotui.git import GitError, changes_to_commit

    try:
        if changes_to_commit(path):
            return None
    except GitError as error:
        return Notice("Not committed", str(error), "warning")
    return Notice("Nothing to commit", f"{path.name} is the same as in the last commit.")


def commit_and_sync(path: Path, message: str, sync: str, report: Callable[[Notice], None]) -> None:
    """Commit the file; with sync on, then ``pull --rebase`` (the merge driver merges) and push.

    ``report`` is told each step's outcome as it happens.
    """
    from retrotui.git import GitError, commit_file, pull_rebase, push

    try:
        result = commit_file(path, message)
    except GitError as error:
        report(Notice("Not committed", str(error), "warning"))
        return
    if result.detached:
        detached = (
            "on no branch: HEAD is detached; create a branch there, or the commit is lost when you check out another"
        )
        report(Notice("Committed", f"{result.commit} {result.summary} ({detached})", "warning"))
    else:
        report(Notice("Committed", f"{result.commit} {result.summary}"))
    if sync == "off":
        return
    try:
        pull_rebase(path)
        if sync == "pull-push":
            push(path)
    except GitError as error:
        report(Notice("Sync stopped", str(error), "warning"))
        return
    done = "Pulled and pushed" if sync == "pull-push" else "Pulled"
    report(Notice("Synced", f"{done}; {path.name} is up to date."))


SYNC_MODES = ("off", "pull", "pull-push")
SYNC_EXPLAINED = {
    "off": "save-and-commit only commits",
    "pull": "after committing, pull --rebase",
    "pull-push": "after committing, pull --rebase, then push",
}


def next_sync_mode(mode: str) -> str:
    return SYNC_MODES[(SYNC_MODES.index(mode) + 1) % len(SYNC_MODES)] if mode in SYNC_MODES else "off"
