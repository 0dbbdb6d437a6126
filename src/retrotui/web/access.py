"""Who may come in: a join token (edits) and a view token (follows), and the name a participant gives.

A token is the first part of every path the session serves (the page, its
scripts and styles, the websocket), so nothing is reachable without one; it is
compared in constant time.  The name is anyone's text: it is cut to one
printable line of at most ``NAME_LIMIT`` characters and only ever reaches the
participant's process as one argument (``--name=NAME``), never through a shell.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from enum import Enum

from retrotui.live.options import NAME_LIMIT


class Role(Enum):
    EDIT = "edit"
    VIEW = "view"


def _token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True, slots=True)
class Tokens:
    join: str = field(default_factory=_token)
    view: str = field(default_factory=_token)

    def role(self, token: str) -> Role | None:
        """The role a token gives, or ``None``; both tokens are compared, whichever matches."""
        given = token.encode("utf-8", "surrogateescape")
        joins = secrets.compare_digest(given, self.join.encode())
        views = secrets.compare_digest(given, self.view.encode())
        if joins:
            return Role.EDIT
        if views:
            return Role.VIEW
        return None


def clean_name(raw: str | None) -> str | None:
    """One printable line of at most ``NAME_LIMIT`` characters, or ``None`` when nothing is left."""
    if not raw:
        return None
    printable = "".join(ch if ch.isprintable() else " " for ch in raw[: NAME_LIMIT * 8])
    name = " ".join(printable.split())[:NAME_LIMIT].strip()
    return name or None


def participant_argv(python: str, file: str, name: str, role: Role) -> list[str]:
    """The participant's command as an argument list (``--name=`` keeps a name starting with ``-`` a value)."""
    argv = [python, "-m", "retrotui", file, "--live", f"--name={name}"]
    if role is Role.VIEW:
        argv.append("--view-only")
    return argv
