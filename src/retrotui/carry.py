"""How a carried-over action item says where it came from: a ``(from Sprint 0)`` note or a Source column.

Shared by ``builder`` (which writes the marks on a new retro's copies) and
``identity`` (which reads them to link copies); kept apart so reading a file's
items does not load the retro builder and its templates (nor the model: a
plain read's tables have ``extra_columns`` too).
"""

from __future__ import annotations

import re

SOURCE_COLUMN_NAMES = frozenset({"source", "from", "carried from", "origin", "retro"})
# "(from Sprint 0)" or "(carried from Sprint 0)" at the end of an item
CARRY_NOTE = re.compile(r"\((?:carried )?from ([^()]+)\)[ \t]*$", re.IGNORECASE)


def source_slot(table: object) -> int | None:
    """Which of a table's extra cells names the retro an item was carried from, if any (a list has none)."""
    extra_columns = getattr(table, "extra_columns", None)
    if extra_columns is None:
        return None
    for n, name in enumerate(extra_columns()):
        if name.strip().casefold() in SOURCE_COLUMN_NAMES:
            return n
    return None
