"""The vocabulary of action-item cells: statuses and due dates.

Pure functions with no dependencies, shared by the model (validation), the
serializer (reading and writing cells) and the CLI (filters).
"""

from __future__ import annotations

import datetime as dt
import re

OPEN = "open"
DONE = "done"

OPEN_GLYPHS = ("☐", "[ ]")
DONE_GLYPHS = ("☑", "✅", "✔", "✔️", "[x]", "[X]")
DEFAULT_GLYPHS = ("☐", "☑")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Placeholders people write instead of a date; not worth a warning.
DUE_PLACEHOLDERS = frozenset({"", "-", "—", "–", "?", "tbd", "tba", "n/a", "na", "none", "yyyy-mm-dd"})


def parse_status(text: str) -> str:
    """Map a status cell to "open", "done" or the raw text (kept verbatim)."""
    value = text.strip()
    if value in OPEN_GLYPHS:
        return OPEN
    if value in DONE_GLYPHS or value.casefold() == DONE:
        return DONE
    return text


def parse_due(text: str) -> dt.date | str:
    """An ISO ``YYYY-MM-DD`` date becomes a ``date``; anything else stays raw text."""
    value = text.strip()
    if len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return text
    return text


def format_due(due: dt.date | str) -> str:
    return due.isoformat() if isinstance(due, dt.date) else due


def is_readable_due(due: dt.date | str) -> bool:
    """True for real dates and for the usual "not decided yet" placeholders."""
    return isinstance(due, dt.date) or due.strip().casefold() in DUE_PLACEHOLDERS


_RELATIVE = re.compile(r"\+(\d{1,4})\s*([dw])")


def parse_due_input(text: str, today: dt.date) -> dt.date | str:
    """What a person types as a due date: ``YYYY-MM-DD``, ``today``, ``+3d``, ``+1w``.

    Placeholders such as ``TBD`` and an empty value are kept as text; anything
    else raises ``ValueError`` with a message fit to show next to the field.
    """
    value = text.strip()
    folded = value.casefold()
    if folded == "today":
        return today
    if folded == "tomorrow":
        return today + dt.timedelta(days=1)
    relative = _RELATIVE.fullmatch(folded)
    if relative:
        amount = int(relative.group(1))
        return today + dt.timedelta(days=amount * (7 if relative.group(2) == "w" else 1))
    if _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a real date") from None
    if folded in DUE_PLACEHOLDERS:
        return value
    raise ValueError(f"{value!r}: use YYYY-MM-DD, today, +3d or +1w")
