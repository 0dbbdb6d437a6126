"""An advisory lock around one file's read-merge-write cycle, shared by every live participant.

``fcntl.flock`` on a lock file in the room folder (outside the work tree, so
``git status`` never sees it).  The kernel drops the lock when its holder
dies, even by ``kill -9``: a crashed participant never leaves the file locked.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from retrotui.store import StoreError

DEFAULT_TIMEOUT = 5.0


class LockTimeout(StoreError):
    """Someone held the lock for longer than we may wait; nothing was written."""


@contextmanager
def held(lock_file: Path, timeout: float = DEFAULT_TIMEOUT, what: str = "the file") -> Iterator[None]:
    """Hold the lock on ``lock_file`` (created if missing) for the ``with`` block, or raise ``LockTimeout``."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"another live participant has held the lock on {what} for over {timeout:g} s "
                        f"({lock_file}); nothing was written, your edit is kept and tried again"
                    ) from None
                time.sleep(0.005)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
