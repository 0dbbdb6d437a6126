"""Which way a file's retros run, newest first or oldest first, from their dates or sprint numbers.

Model-free, so the editor's first frame (which shows the newest retro before
the document model is loaded) and the model decide it the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

_SEQUENCE = re.compile(
    r"(?:sprint|iteration|retro\w*|milestone)[ \t]*+(?:#[ \t]*+)?(\d+)|(?<!\d)(\d+)(?:st|nd|rd|th|\.)?[ \t]*+sprint",
    re.IGNORECASE,
)


def sequence_number(title: str) -> int | None:
    """The number of ``Sprint 3``, ``Retro #4``, ``3rd sprint``; None without one."""
    found = _SEQUENCE.search(title)
    if found is None:
        return None
    return int(found.group(1) or found.group(2))


def runs_newest_first(dates: Sequence[dt.date | None], titles: Sequence[str]) -> bool:
    """The dates decide; without two dates, the sprint or retro numbers do (``Sprint 3`` above ``Sprint 2``)."""
    known = [d for d in dates if d is not None]
    if len(known) >= 2:
        return known[0] > known[-1]
    numbers = [n for n in (sequence_number(t) for t in titles) if n is not None]
    return len(numbers) >= 2 and numbers[0] > numbers[-1]
