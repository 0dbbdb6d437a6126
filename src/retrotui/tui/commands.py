"""The editor's key bindings, made from the one registry of commands (``retrotui.keymap``)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from retrotui.keymap import (
    BY_ID,
    COMMANDS,
    MOVING_AROUND,
    Command,
    Scope,
    clashes,
    in_scope,
    keys_of,
)

__all__ = [
    "BY_ID",
    "COMMANDS",
    "MOVING_AROUND",
    "Command",
    "Scope",
    "bindings",
    "clashes",
    "in_scope",
    "keys_of",
]


def bindings(scope: Scope) -> list[BindingType]:
    """The bindings of one scope, with their ids so a keymap can change their keys."""
    return [
        Binding(
            command.keys,
            command.action,
            command.footer or command.title,
            show=command.show,
            id=command.id,
            priority=command.priority,
        )
        for command in in_scope(scope)
        if command.keys
    ]
