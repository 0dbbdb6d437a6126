"""The Textual editor. The only package of retrotui that imports Textual."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrotui.config import Settings
    from retrotui.live.options import LiveOptions
    from retrotui.session import Session
    from retrotui.store import FileStamp


def run(
    path: Path,
    found: tuple[str, Callable[[], FileStamp]] | None,
    settings: Settings | None,
    settings_file: Path,
    sync: str | None = None,
    live: LiveOptions | None = None,
) -> int:
    """Open the editor on text already read, with how to stamp it (``None``: a new file); the exit code.

    An unknown theme is a one-line error before the UI starts, listing the valid names.

    The file's first look is worked out by a child process while the editor
    starts (``retrotui.first_look``), and its stamp on a thread (after the
    fork: the child has only the thread that forked it).

    The cycle collector is off until the document is on screen (``settle_memory``
    turns it on and freezes what exists): start-up and reading the file make
    hundreds of thousands of objects that live on and few cycles to reclaim, and
    a full pass over them fell in the first frame (17 ms of the sample's start).
    """
    import gc

    from retrotui.first_look import FirstLook

    gc.disable()
    preview: FirstLook | None = None
    read: Callable[[], tuple[str, FileStamp]] | None = None
    if found is not None:
        # Before Textual is imported: a child scans the file for the first frame on another core meanwhile.
        text, stamp_later = found
        preview = FirstLook.started(text)
        stamp = _stamp_aside(stamp_later)
        read = lambda: (text, stamp())  # noqa: E731
    from retrotui.tui.app import RetroApp

    themes = None
    if settings is not None:
        from retrotui.themes import load_themes, user_theme_folder

        themes = load_themes(user_theme_folder(settings_file))
        if settings.theme not in themes.themes:
            from retrotui.safe_text import visible

            names = ", ".join(sorted(themes.themes))
            print(  # the path and the themes' own names (a user's theme file) are shown, never obeyed
                visible(
                    f"retrotui: {settings_file}: key 'theme': unknown theme {settings.theme!r}; available: {names}"
                ),
                file=sys.stderr,
            )
            if preview is not None:
                preview.close()
            return 2

    def open_session() -> Session:
        from retrotui.session import Session

        return Session.from_text(path, read() if read is not None else None)

    app = RetroApp(
        open_session,
        path=path,
        sync=sync,
        live=live,
        settings=settings,
        config_file=settings_file,
        themes=themes,
        preview=preview,
    )
    app.run()
    return app.return_code or 0


def _stamp_aside(stamp: Callable[[], FileStamp]) -> Callable[[], FileStamp]:
    """``stamp()`` worked out on a thread from now; the function returned waits for it."""
    import threading

    done: list[FileStamp] = []
    worker = threading.Thread(target=lambda: done.append(stamp()), name="retrotui-stamp", daemon=True)
    worker.start()

    def result() -> FileStamp:
        worker.join()
        return done[0] if done else stamp()

    return result
