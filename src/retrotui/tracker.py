"""Action items across all retros: one entry per item, with age, history, filters, sorting and stats.

Shared by ``retrotui actions``, ``check --strict`` and the tracker screen, so a
script sees what the facilitator sees.  An item carried from retro to retro
is one item (``identity``): its newest copy decides status, owner and due
date, its age counts the retros since its first copy, and toggling it means
toggling the newest copy (``TrackedAction.action``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING

from retrotui.heading_style import chronological
from retrotui.identity import ActionCopy, ItemCopies, base_text, carried_from, link_copies
from retrotui.record import FrozenSlotted, Slotted
from retrotui.values import format_due

if TYPE_CHECKING:
    from retrotui.model import ActionItem, Retro, RetroDocument

__all__ = [
    "ActionCopy",
    "ActionFilter",
    "ActionSort",
    "TrackedAction",
    "all_actions",
    "all_copies",
    "base_text",
    "carried_from",
    "chronological",
    "tracked_actions",
    "tracker_stats",
]


class ActionFilter(StrEnum):
    ALL = "all"
    OPEN = "open"
    DONE = "done"
    OVERDUE = "overdue"


class ActionSort(StrEnum):
    FILE = "file"
    RETRO = "retro"
    DUE = "due"
    OWNER = "owner"
    AGE = "age"


class TrackedAction(Slotted):
    """One action item: its newest copy (``retro``, ``action``), age and history.

    ``copies`` are every row of the item, oldest first (``history`` for the
    tracker's "where has this been" view); ``action`` is the newest, the one a
    toggle changes.  In a per-row listing (``all_copies``) ``retro`` and
    ``action`` are that row instead, and ``age`` is the row's.
    """

    __slots__ = ("action", "age", "copies", "first_retro", "position", "rank", "retro")
    __match_args__ = ("retro", "action", "age", "first_retro", "position", "copies", "rank")  # the fields, in order
    retro: Retro
    action: ActionItem
    age: int
    first_retro: Retro | None
    position: int  # the retro's place, oldest first
    copies: tuple[ActionCopy, ...]
    rank: tuple[int, int]  # file order: the retro's place in the file, the row's in the retro

    def __init__(
        self,
        retro: Retro,
        action: ActionItem,
        age: int = 0,
        first_retro: Retro | None = None,
        position: int = 0,
        copies: tuple[ActionCopy, ...] = (),
        rank: tuple[int, int] = (0, 0),
    ) -> None:
        self.retro = retro
        self.action = action
        self.age = age
        self.first_retro = first_retro
        self.position = position
        self.copies = copies
        self.rank = rank

    @property
    def newest(self) -> ActionCopy:
        """The copy a toggle or an edit in the tracker changes."""
        return self.copies[-1] if self.copies else ActionCopy(self.retro, self.action, self.position)

    @property
    def history(self) -> tuple[ActionCopy, ...]:
        """Every retro the item went through, oldest first, with its status there."""
        return self.copies or (self.newest,)

    def as_record(self, today: dt.date) -> dict[str, object]:
        """The entry as ``actions --format json`` writes it: the row's fields, then the item's."""
        action = self.action
        first = self.first_retro or self.retro
        own: dict[str, object] | None = None
        history: list[dict[str, object]] = []
        for copy in self.history:
            record = copy.as_record()
            history.append(record)
            if copy.action is action:
                own = record
        if own is None:  # a row listed on its own, outside any item
            own = ActionCopy(self.retro, action, self.position).as_record()
        first_date = first.date
        return {
            "retro": own["retro"],
            "retro_date": own["retro_date"],
            "item": own["item"],
            "owner": own["owner"],
            "due": own["due"],
            "status": own["status"],
            "overdue": action.is_overdue(today),
            "age": self.age,
            "first_retro": first.title,
            "line": own["line"],
            "first_retro_date": first_date.isoformat() if first_date else None,
            "copies": len(history),
            "history": history,
        }


_RANK = attrgetter("rank")


def all_actions(doc: RetroDocument) -> list[TrackedAction]:
    """Every action item once, in file order of its newest copy, with its age and copies."""
    order = chronological(doc)
    last = len(order) - 1 if order and order[0] is not doc.retros[0] else None
    tracked = [_tracked(item, item.newest, order, last) for item in link_copies(order)]
    tracked.sort(key=_RANK)
    return tracked


def all_copies(doc: RetroDocument) -> list[TrackedAction]:
    """Every action row of every retro, in file order: each copy of an item on its own."""
    order = chronological(doc)
    last = len(order) - 1 if order and order[0] is not doc.retros[0] else None
    tracked = [_tracked(item, copy, order, last) for item in link_copies(order) for copy in item.copies]
    tracked.sort(key=_RANK)
    return tracked


def _tracked(item: ItemCopies, copy: ActionCopy, order: list[Retro], reversed_from: int | None) -> TrackedAction:
    """The entry for ``copy``; ``reversed_from`` is the last position when the file runs newest first."""
    place = copy.position if reversed_from is None else reversed_from - copy.position
    return TrackedAction(
        copy.retro,
        copy.action,
        copy.position - item.origin,
        order[item.origin],
        copy.position,
        item.copies,
        (place, copy.row),
    )


def tracked_actions(
    doc: RetroDocument,
    today: dt.date,
    which: ActionFilter = ActionFilter.ALL,
    owner: str | None = None,
    search: str = "",
    sort: ActionSort = ActionSort.FILE,
    copies: bool = False,
) -> list[TrackedAction]:
    """The tracker's list: filtered by state, owner (any case) and text, then sorted.

    One entry per item; ``copies=True`` lists every row instead.
    """
    found = all_copies(doc) if copies else all_actions(doc)
    return sort_actions(filter_actions(found, today, which, owner, search), sort)


def filter_actions(
    actions: Iterable[TrackedAction],
    today: dt.date,
    which: ActionFilter = ActionFilter.ALL,
    owner: str | None = None,
    search: str = "",
) -> list[TrackedAction]:
    wanted_owner = owner.strip().casefold() if owner else None
    needle = search.strip().casefold()
    if which == ActionFilter.ALL and wanted_owner is None and not needle:
        return list(actions)  # nothing to leave out
    found: list[TrackedAction] = []
    # (Compared once: an enum member looked up on its class takes a microsecond.)
    only_open, only_done, only_overdue = (
        which == ActionFilter.OPEN,
        which == ActionFilter.DONE,
        which == ActionFilter.OVERDUE,
    )
    for tracked in actions:
        action = tracked.action
        if wanted_owner is not None and action.owner.strip().casefold() != wanted_owner:
            continue
        if only_open and action.is_done:
            continue
        if only_done and not action.is_done:
            continue
        if only_overdue and not action.is_overdue(today):
            continue
        if needle and needle not in f"{action.item} {action.owner} {tracked.retro.title}".casefold():
            continue
        found.append(tracked)
    return found


def sort_actions(actions: list[TrackedAction], sort: ActionSort) -> list[TrackedAction]:
    """File order, newest retro first, due date (undated last), owner, or oldest first by age."""
    if sort == ActionSort.FILE:
        return list(actions)
    if sort == ActionSort.DUE:
        far = dt.date.max

        def due_key(t: TrackedAction) -> tuple[dt.date, int]:
            return (t.action.due if isinstance(t.action.due, dt.date) else far, t.position)

        return sorted(actions, key=due_key)
    if sort == ActionSort.OWNER:
        return sorted(actions, key=lambda t: (t.action.owner.strip().casefold() or "\uffff", t.position))
    if sort == ActionSort.AGE:
        return sorted(actions, key=lambda t: (-t.age, t.position))
    return sorted(actions, key=lambda t: -t.position)  # newest retro first; stable within a retro


class RetroProgress(FrozenSlotted):
    """The items first raised in ``retro``: how many there are and how many are done now."""

    __slots__ = ("done", "retro", "total")
    __match_args__ = ("retro", "done", "total")  # the fields, in order
    retro: Retro
    done: int
    total: int

    def __init__(self, retro: Retro, done: int, total: int) -> None:
        _set = object.__setattr__
        _set(self, "retro", retro)
        _set(self, "done", done)
        _set(self, "total", total)


class TrackerStats(FrozenSlotted):
    __slots__ = ("done", "open", "overdue", "per_retro", "top_owners")
    __match_args__ = ("per_retro", "open", "overdue", "done", "top_owners")  # the fields, in order
    per_retro: list[RetroProgress]  # newest first
    open: int
    overdue: int
    done: int
    top_owners: list[tuple[str, int]]  # most open items first

    def __init__(
        self, per_retro: list[RetroProgress], open: int, overdue: int, done: int, top_owners: list[tuple[str, int]]
    ) -> None:
        _set = object.__setattr__
        _set(self, "per_retro", per_retro)
        _set(self, "open", open)
        _set(self, "overdue", overdue)
        _set(self, "done", done)
        _set(self, "top_owners", top_owners)


def tracker_stats(
    doc: RetroDocument, today: dt.date, owners: int = 5, items: list[TrackedAction] | None = None
) -> TrackerStats:
    """Counts of items (not rows): open, overdue, done, the owners with most open, progress per retro.

    ``items`` is ``all_actions(doc)`` when the caller has it already.
    """
    tracked = all_actions(doc) if items is None else items
    raised: dict[int, list[int]] = {}
    open_owners: Counter[str] = Counter()
    open_count = overdue = done = 0
    for item in tracked:
        action = item.action
        first = item.first_retro or item.retro
        counts = raised.setdefault(id(first), [0, 0])
        counts[1] += 1
        if action.is_done:
            done += 1
            counts[0] += 1
            continue
        open_count += 1
        overdue += action.is_overdue(today)
        open_owners[action.owner.strip() or "(no owner)"] += 1
    per_retro = [RetroProgress(retro, *raised.get(id(retro), (0, 0))) for retro in reversed(chronological(doc))]
    top = sorted(open_owners.items(), key=lambda pair: (-pair[1], pair[0].casefold()))[:owners]
    return TrackerStats(per_retro, open_count, overdue, done, top)


def item_counts(doc: RetroDocument, today: dt.date) -> tuple[int, int, int]:
    """``(open, done, overdue)`` items, as ``tracker_stats`` counts them, without making the tracker's list
    (``check`` says only these)."""
    open_count = overdue = done = 0
    for item in link_copies(chronological(doc)):
        action = item.copies[-1].action  # the newest copy decides
        if action.is_done:
            done += 1
            continue
        open_count += 1
        overdue += action.is_overdue(today)
    return open_count, done, overdue


def overdue_report(doc: RetroDocument, today: dt.date) -> list[tuple[int, str]]:
    """``(line, message)`` for each open item past its due date, at its newest copy, for ``check --strict``."""
    report = []
    for tracked in all_actions(doc):
        action = tracked.action
        if action.is_overdue(today):
            owner = f" ({action.owner})" if action.owner else ""
            report.append((action.line or 0, f"overdue: {action.item!r}{owner} was due {format_due(action.due)}"))
    return report
