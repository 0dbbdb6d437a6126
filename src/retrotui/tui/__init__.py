"""The Textual editor. The only package of retrotui that imports Textual."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrotui.session import Session
    from retrotui.store import FileStamp


def run(path: Path, found: tuple[str, FileStamp] | None, sync: str = "off") -> int:
    """Open the editor on text already read (``None``: a new file); the exit code."""
    from retrotui.tui.app import RetroApp

    def open_session() -> Session:
        from retrotui.session import Session

        return Session.from_text(path, found)

    app = RetroApp(open_session, path=path, sync=sync)
    app.run()
    return app.return_code or 0
