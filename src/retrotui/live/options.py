"""How this editor takes part in a live session (``retrotui FILE --live``)."""

from __future__ import annotations

from dataclasses import dataclass

NAME_LIMIT = 40


@dataclass(frozen=True, slots=True)
class LiveOptions:
    name: str
    view_only: bool = False  # follows the session: sees every edit, writes none


def participant_name(given: str | None) -> str:
    """``--name``, else the user's login name; one line, at most ``NAME_LIMIT`` characters."""
    name = given
    if not name:
        import getpass

        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = "someone"
    name = " ".join(name.split())[:NAME_LIMIT]
    return name or "someone"
