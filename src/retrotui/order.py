"""Which way a file's retros run, newest first or oldest first, from their dates or sprint numbers.

Model-free, so the editor's first frame (which shows the newest retro before
the document model is loaded) and the model decide it the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

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
    return newest_first_by(len(dates), dates.__getitem__, titles.__getitem__)


def newest_first_by(count: int, date_of: Callable[[int], dt.date | None], title_of: Callable[[int], str]) -> bool:
    """``runs_newest_first`` of ``count`` retros, asking for as few dates and titles as it needs.

    The first and the last known dates decide, so the dates are read from both
    ends up to the first known one on each side; the titles only when fewer than
    two retros have a date (the editor's first look reads a heading only when asked).
    """
    first = next(((n, date) for n in range(count) if (date := date_of(n)) is not None), None)
    last = next(((n, date) for n in range(count - 1, -1, -1) if (date := date_of(n)) is not None), None)
    if first is not None and last is not None and first[0] != last[0]:
        return first[1] > last[1]
    numbers = [found for found in (sequence_number(title_of(n)) for n in range(count)) if found is not None]
    return len(numbers) >= 2 and numbers[0] > numbers[-1]
