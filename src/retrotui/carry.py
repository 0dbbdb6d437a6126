"""How a carried-over action item says where it came from: a ``(from Sprint 0)`` note or a Source column.

Shared by ``builder`` (which writes the marks on a new retro's copies) and
``identity`` (which reads them to link copies); kept apart so reading a file's
items does not load the retro builder and its templates.
"""

from __future__ import annotations

import re

from retrotui.model import ActionTable, TaskList

SOURCE_COLUMN_NAMES = frozenset({"source", "from", "carried from", "origin", "retro"})
# "(from Sprint 0)" or "(carried from Sprint 0)" at the end of an item
CARRY_NOTE = re.compile(r"\((?:carried )?from ([^()]+)\)[ \t]*$", re.IGNORECASE)


def source_slot(table: ActionTable | TaskList | None) -> int | None:
    """Which of a table's extra cells names the retro an item was carried from, if any."""
    if not isinstance(table, ActionTable):
        return None
    for n, name in enumerate(table.extra_columns()):
        if name.strip().casefold() in SOURCE_COLUMN_NAMES:
            return n
    return None
