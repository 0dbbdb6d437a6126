"""Files on disk: reading with clear errors, and atomic writes.

The bytes are UTF-8; a BOM is kept as the first character of the text (the
serializer knows to put it back).  Line endings are not translated.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from retrotui.record import Record

if TYPE_CHECKING:
    from retrotui.model import RetroDocument


class StoreError(Exception):
    """A file could not be read or written; the message is one plain line."""


class MissingFile(StoreError):
    """The file to read does not exist (for callers to whom that means "use the defaults")."""


class FileStamp(Record):
    """What a file looked like when read, to notice a change made by someone else."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, data: bytes, st: os.stat_result) -> FileStamp:
        import hashlib  # here: commands that only read a file never stamp it

        return cls(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


class Loaded(Record):
    document: RetroDocument
    text: str
    stamp: FileStamp


DISCOVERED_NAMES = ("RETRO.md", "retro.md", "RETROSPECTIVE.md", "retrospective.md")


def discover(folder: Path) -> Path:
    """The retro file in ``folder``: the first of the usual names, else a new ``RETRO.md``."""
    for name in DISCOVERED_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return folder / "RETRO.md"


def check_openable(path: Path) -> None:
    """A path the editor can work on: a file, or a new file in an existing folder."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a Markdown file")
    if not path.exists() and not path.parent.is_dir():
        raise _no_folder(path)


def _no_folder(path: Path) -> StoreError:
    """Why ``path``'s folder is not one to work in: missing, a file, or out of reach (a link loop)."""
    folder = path.parent
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        return StoreError(f"{path}: folder {folder} does not exist")
    except OSError as error:
        return StoreError(f"{path}: folder {folder} cannot be reached ({error.strerror or error})")
    kind = "a file" if stat.S_ISREG(st.st_mode) else _kind(st.st_mode)
    return StoreError(f"{path}: folder {folder} is {kind}, not a folder")


def read_text(path: Path) -> tuple[str, FileStamp]:
    """The file's text and stamp, or a ``StoreError`` that says what and where."""
    text, stamp = read_text_stamp_later(path)
    return text, stamp()


def read_text_stamp_later(path: Path) -> tuple[str, Callable[[], FileStamp]]:
    """The file's text now, and how to stamp it later (``read_text`` in two steps).

    The editor shows the text before it needs the stamp: the SHA-256 of a
    large file (some 4 ms a megabyte) is worked out on a thread meanwhile
    (``hashlib`` lets go of the GIL for it).  A ``StoreError`` says what and where.
    """
    text, data, st = _read_decoded(path)
    return text, partial(FileStamp.of_bytes, data, st)


def _read_decoded(path: Path) -> tuple[str, bytes, os.stat_result]:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a Markdown file")
    if not path.parent.is_dir():
        raise _no_folder(path)
    data, st = read_regular_file(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise StoreError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start});"
            " convert the file to UTF-8 first"
        ) from None
    return text, data, st


def read_regular_file(path: Path, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file (at most ``limit``), or a one-line ``StoreError``.

    The file is opened without blocking and checked through the opened
    descriptor, so a FIFO, ``/dev/zero`` or a link to either is refused at
    once, and nothing can swap the file between the check and the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise MissingFile(f"{path}: no such file") from None
    except PermissionError:
        raise StoreError(f"{path}: permission denied") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise StoreError(f"{path}: not a regular file ({_kind(st.st_mode)}); nothing was read")
        if limit is not None and st.st_size > limit:
            raise StoreError(f"{path}: too large ({st.st_size:,} bytes; the limit is {limit:,})")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:
                raise StoreError(f"{path}: too large (more than {limit:,} bytes)")
        return b"".join(chunks), st
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror or error})") from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def read_document(path: Path) -> Loaded:
    from retrotui.markdown import loads

    text, stamp = read_text(path)
    return Loaded(loads(text), text, stamp)


def load_document(path: Path, *, read_through: bool = False) -> RetroDocument:
    """The document alone, for a reader that will not write the file back (no stamp: no hashing);
    the same ``StoreError`` as ``read_document``.  ``read_through``: see ``markdown.loads``."""
    from retrotui.markdown.parser import loads

    return loads(_read_decoded(path)[0], read_through=read_through)


def load_plain(path: Path) -> RetroDocument:
    """The document read plainly (``retrotui.plain``: no model, no pydantic), for ``check`` and ``actions``:
    what they read of it is what they would read of ``load_document``'s; the same ``StoreError``."""
    from retrotui.plain import as_document, read_plain

    return as_document(read_plain(_read_decoded(path)[0]))


def current_stamp(path: Path) -> FileStamp | None:
    """The file's stamp now, or None when it is gone (or no longer a regular file)."""
    try:
        data, st = read_regular_file(path)
    except StoreError:
        return None
    return FileStamp.of_bytes(data, st)


def is_read_only(path: Path) -> bool:
    """True when the file exists and may not be written.

    A file with no write bits counts as read-only even for root, who could
    write it anyway: the owner meant it not to change.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (mode & 0o222) or not os.access(path, os.W_OK)


def write_text_atomic(path: Path, text: str) -> FileStamp:
    """Write ``text`` to ``path`` so that the file stays what it was, or raise ``StoreError``.

    A symbolic link (relative, chained, or dangling: then its target is
    created) stays a link and its target gets the text.  A file with one link
    is replaced atomically: a temporary file beside it, fsync, rename, its mode
    bits and owner kept.  A file with more than one hard link (or whose owner
    cannot be given to a new file) is overwritten in place, so every link sees
    the edit, the way vim's ``backupcopy=auto`` does: a backup copy first,
    then the new bytes, fsync, and the backup removed.  If anything fails the
    old content is on disk (restored, or in the backup the message names).
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise StoreError(
            f"{path}: cannot save: character {text[error.start]!a} at offset {error.start} is not valid in UTF-8"
            " (a lone surrogate); nothing was written"
        ) from None
    target = resolve_link(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
        if not target.parent.is_dir():
            where = f"links to {target}, whose folder" if target != path else "folder"
            raise StoreError(f"{path}: cannot save, {where} {target.parent} does not exist") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot save ({error.strerror or error})") from None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise StoreError(f"{path}: cannot save, it is not a regular file ({_kind(st.st_mode)})")
        if is_read_only(target):
            raise StoreError(f"{path}: cannot save, the file is read-only")
    if st is not None and st.st_nlink > 1:
        _overwrite_in_place(path, target, data)
    else:
        _replace(path, target, data, st)
    return FileStamp.of_bytes(data, os.stat(target))


MAX_LINKS = 40  # as the kernel's own limit on following symbolic links


def resolve_link(path: Path) -> Path:
    """The file a chain of symbolic links ends at (``path`` itself when it is not a link).

    Relative links are read against their own folder.  The end may not
    exist (a dangling link): saving creates it.  Folders on the way are left
    as they are: a folder reached through a link is written through it.
    """
    current = path
    for _ in range(MAX_LINKS):
        try:
            pointed = os.readlink(current)
        except (FileNotFoundError, NotADirectoryError, OSError):
            return current
        link = Path(pointed)
        current = link if link.is_absolute() else current.parent / link
    raise StoreError(f"{path}: too many levels of symbolic links (a loop?)")


# Temporary files are named ``.NAME.retrotui-PID-XXXXXXXX.tmp`` (the backup of an
# in-place save ends ``.bak``): easy to recognise, to ignore in git
# (``.*.retrotui-*``), and to clean up once their writer is gone.
TEMP_MARK = "retrotui"
_TEMP_RANDOM = r"[a-z0-9_]{8}"
STALE_AFTER_SECONDS = 10.0
ABANDONED_AFTER_SECONDS = 3600.0


# A file name may be 255 bytes; the temporary file's adds ``.`` and ``.retrotui-PID-XXXXXXXX.tmp`` (PID up to
# 10 digits) to the file's, whose part is cut to fit: its first bytes, ``~`` and a hash of the whole name.
_NAME_MAX = 255
_TEMP_ROOM = _NAME_MAX - len(f"..{TEMP_MARK}-{'9' * 10}-{'x' * 8}.tmp")


def _temp_name_part(name: str) -> str:
    """``name`` as the temporary files' names hold it: whole, or cut to fit in a name of 255 bytes."""
    encoded = os.fsencode(name)
    if len(encoded) <= _TEMP_ROOM:
        return name
    import hashlib

    digest = hashlib.sha256(encoded).hexdigest()[:8]
    cut = encoded[: _TEMP_ROOM - len(digest) - 1]
    return cut.decode("utf-8", "ignore") + "~" + digest  # (a character cut in two is left out)


def _temp_prefix(name: str) -> str:
    return f".{_temp_name_part(name)}.{TEMP_MARK}-{os.getpid()}-"


def _write_temp(folder: Path, name: str, data: bytes, suffix: str, mode: int) -> str:
    """A new file beside ``name`` holding ``data``, on disk (fsync) with ``mode``; its path."""
    import tempfile  # here, not at the top: reading commands never write (and tempfile imports random)

    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(name), suffix=suffix, dir=folder)
    try:
        _write_all(fd, data)
        os.fchmod(fd, mode)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _remove_quietly(temp_name)
        raise
    os.close(fd)
    return temp_name


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _replace(path: Path, target: Path, data: bytes, st: os.stat_result | None) -> None:
    folder = target.parent
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    outcome = "the file on disk is unchanged" if st is not None else "nothing was written"
    try:
        temp_name = _write_temp(folder, target.name, data, ".tmp", mode)
    except OSError as error:
        raise StoreError(f"{path}: cannot save in {folder} ({error.strerror or error}); {outcome}") from None
    try:
        if st is not None and not _same_owner(temp_name, st):
            _remove_quietly(temp_name)
            _overwrite_in_place(path, target, data)
            return
        os.replace(temp_name, target)
    except OSError as error:
        _remove_quietly(temp_name)
        raise StoreError(f"{path}: cannot save ({error.strerror or error}); {outcome}") from None
    except BaseException:
        _remove_quietly(temp_name)
        raise
    _fsync_folder(folder)


def _same_owner(temp_name: str, st: os.stat_result) -> bool:
    """Give the new file the old one's owner and group; False when that is not allowed."""
    mine = os.stat(temp_name)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return True
    try:
        os.chown(temp_name, st.st_uid, st.st_gid)
    except PermissionError:
        return False
    return True


def _overwrite_in_place(path: Path, target: Path, data: bytes) -> None:
    """New bytes into the same inode, with a backup of the old ones until they are safely written."""
    folder = target.parent
    try:
        fd = os.open(target, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        raise StoreError(f"{path}: cannot save ({error.strerror or error}); the file on disk is unchanged") from None
    try:
        try:
            old = _read_all(fd)
            backup = _write_temp(folder, target.name, old, ".bak", 0o600)
        except OSError as error:
            raise StoreError(
                f"{path}: cannot save, cannot write a backup in {folder} ({error.strerror or error});"
                " the file on disk is unchanged"
            ) from None
        try:
            _overwrite(fd, data)
        except OSError as error:
            reason = error.strerror or str(error)
            try:
                _overwrite(fd, old)
            except OSError:
                raise StoreError(
                    f"{path}: cannot save ({reason}); the file may be damaged, its old content is in {backup}"
                ) from None
            _remove_quietly(backup)
            raise StoreError(f"{path}: cannot save ({reason}); the file on disk is unchanged") from None
        _remove_quietly(backup)
    finally:
        os.close(fd)
    _fsync_folder(folder)


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _overwrite(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    _write_all(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def remove_stale_temp_files(path: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files an interrupted save of ``path`` left beside it.

    Only files named as this module names them for this very file, that are
    regular files, older than a few seconds and whose writer is gone (or
    that are an hour old) are touched, so a save in flight in another
    editor is never disturbed.  The backup of an interrupted in-place save
    holds the file's old content: it is kept and returned, for the caller
    to tell the user.
    """
    try:
        target = resolve_link(path)
    except StoreError:
        return []
    folder = target.parent
    pattern = re.compile(
        rf"\.{re.escape(_temp_name_part(target.name))}\.{TEMP_MARK}-(\d{{1,10}})-{_TEMP_RANDOM}\.(tmp|bak)"
    )
    clock = time.time() if now is None else now
    kept: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or not _is_stale(int(found.group(1)), clock - st.st_mtime):
            continue
        if found.group(2) == "bak":
            kept.append(folder / entry.name)
        else:
            _remove_quietly(entry.path)
    return sorted(kept)


def _is_stale(pid: int, age: float) -> bool:
    if age < STALE_AFTER_SECONDS:
        return False
    return age >= ABANDONED_AFTER_SECONDS or not _is_running(pid)


def _is_running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # it exists, and belongs to someone else
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
