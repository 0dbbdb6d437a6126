"""Start a participant so that it ends with its server: ``python -m retrotui.web.launch SERVER_PID ARGV...``.

The server ends its participants itself when it stops; this is for when it
cannot (``kill -9``, a crash).  On Linux the parent-death signal is set to
SIGTERM before the participant's command replaces this process (it survives
``exec``), and Textual's web driver quits cleanly on SIGTERM: the participant
leaves the room and drops its lock.  A server already gone by then means the
participant never starts.  Elsewhere the command is run as it is.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def main(arguments: list[str]) -> None:
    server, argv = int(arguments[0]), arguments[1:]
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM))
    if os.getppid() != server:
        raise SystemExit(0)  # the server died before the signal was set: nothing to take part in
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])
