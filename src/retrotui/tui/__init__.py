"""The Textual editor. The only package of retrotui that imports Textual."""

from __future__ import annotations

from retrotui.session import Session
from retrotui.tui.app import RetroApp


def run(session: Session) -> None:
    RetroApp(session).run()


__all__ = ["RetroApp", "run"]
