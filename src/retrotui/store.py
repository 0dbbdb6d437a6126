"""Files on disk: reading with clear errors, and atomic writes.

The bytes are UTF-8; a BOM is kept as the first character of the text (the
serializer knows to put it back).  Line endings are not translated.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrotui.model import RetroDocument


class StoreError(Exception):
    """A file could not be read or written; the message is one plain line."""


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What a file looked like when read, to notice a change made by someone else."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, data: bytes, st: os.stat_result) -> FileStamp:
        return cls(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


@dataclass(frozen=True, slots=True)
class Loaded:
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
        raise StoreError(f"{path}: folder {path.parent} does not exist")


def read_text(path: Path) -> tuple[str, FileStamp]:
    """The file's text and stamp, or a ``StoreError`` that says what and where."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a Markdown file")
    if not path.parent.exists():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    try:
        with path.open("rb") as handle:
            data = handle.read()
            st = os.fstat(handle.fileno())
    except FileNotFoundError:
        raise StoreError(f"{path}: no such file") from None
    except PermissionError:
        raise StoreError(f"{path}: permission denied") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise StoreError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start});"
            " convert the file to UTF-8 first"
        ) from None
    return text, FileStamp.of_bytes(data, st)


def read_document(path: Path) -> Loaded:
    from retrotui.markdown import loads

    text, stamp = read_text(path)
    return Loaded(loads(text), text, stamp)


def current_stamp(path: Path) -> FileStamp | None:
    """The file's stamp now, or None when it is gone."""
    try:
        data = path.read_bytes()
        return FileStamp.of_bytes(data, path.stat())
    except OSError:
        return None


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
    """Replace ``path`` with ``text`` all at once, keeping its mode bits.

    The text goes to a temporary file in the same folder, is flushed to disk,
    then renamed over the target; if anything fails the old file is untouched.
    """
    data = text.encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as error:
        raise StoreError(f"{path}: cannot save ({error.strerror or error})") from None
    if is_read_only(path):
        raise StoreError(f"{path}: cannot save, the file is read-only")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise StoreError(f"{path}: cannot save in {folder} ({error.strerror or error})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except OSError as error:
        _remove_quietly(temp_name)
        raise StoreError(f"{path}: cannot save ({error.strerror or error}); the file on disk is unchanged") from None
    except BaseException:
        _remove_quietly(temp_name)
        raise
    _fsync_folder(folder)
    return FileStamp.of_bytes(data, path.stat())


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
