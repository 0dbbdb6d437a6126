"""Action items across all retros: ages, filters, sorting and stats.

Shared by ``retrotui actions`` and the tracker screen, so a script sees what
the facilitator sees.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from retrotui.builder import CARRY_NOTE, source_slot
from retrotui.model import ActionItem, Retro, RetroDocument
from retrotui.values import format_due


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


_CARRY_PREFIX = re.compile(r"^\s*carry(?:ied)?(?: over)?\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TrackedAction:
    """One action item with its retro and how many retros it has been around."""

    retro: Retro
    action: ActionItem
    age: int = 0
    first_retro: Retro | None = None
    position: int = 0  # the retro's place, oldest first

    def as_record(self, today: dt.date) -> dict[str, object]:
        action = self.action
        first = self.first_retro or self.retro
        return {
            "retro": self.retro.title,
            "retro_date": self.retro.date.isoformat() if self.retro.date else None,
            "item": action.item,
            "owner": action.owner,
            "due": format_due(action.due),
            "status": action.status,
            "overdue": action.is_overdue(today),
            "age": self.age,
            "first_retro": first.title,
            "line": action.line,
        }


def chronological(doc: RetroDocument) -> list[Retro]:
    """The retros oldest first, whatever the file's order."""
    retros = doc.retros
    return list(reversed(retros)) if doc.newest_first else retros


def base_text(item: str) -> str:
    """An item's text without carry-over marks, for following it from retro to retro."""
    text = CARRY_NOTE.sub("", item)
    text = _CARRY_PREFIX.sub("", text)
    return " ".join(text.split()).casefold()


def carried_from(action: ActionItem, slot: int | None) -> str | None:
    """The retro an item says it came from: a ``(from Sprint 0)`` note or its source cell."""
    note = CARRY_NOTE.search(action.item)
    if note:
        return note.group(1).strip()
    if slot is not None and slot < len(action.extra) and action.extra[slot].strip():
        return action.extra[slot].strip()
    return None


def all_actions(doc: RetroDocument) -> list[TrackedAction]:
    """Every action item of every retro, in file order, with its age.

    Age counts the retros since the item first appeared: a carried copy (a
    ``(from …)`` note, a source column, or the same text in the retro before,
    carry prefix aside) continues its original's age.
    """
    order = chronological(doc)
    position = {id(retro): n for n, retro in enumerate(order)}
    by_label: dict[str, int] = {}
    for n, retro in enumerate(order):
        by_label.setdefault(retro.short_title.casefold(), n)
        by_label.setdefault(retro.title.casefold(), n)
    first_seen: list[dict[str, int]] = []
    ages: dict[int, tuple[int, int]] = {}
    for n, retro in enumerate(order):
        seen: dict[str, int] = {}
        slot = source_slot(retro.action_list)
        for action in retro.action_items:
            key = base_text(action.item)
            origin = n
            source = carried_from(action, slot)
            if source is not None and source.casefold() in by_label:
                earlier = by_label[source.casefold()]
                if earlier < n:
                    origin = first_seen[earlier].get(key, earlier)
            elif n > 0 and key in first_seen[n - 1]:
                origin = first_seen[n - 1][key]
            seen.setdefault(key, origin)
            ages[id(action)] = (n - origin, origin)
        first_seen.append(seen)
    tracked: list[TrackedAction] = []
    for retro in doc.retros:
        for action in retro.action_items:
            age, origin = ages[id(action)]
            tracked.append(TrackedAction(retro, action, age, order[origin], position[id(retro)]))
    return tracked


def tracked_actions(
    doc: RetroDocument,
    today: dt.date,
    which: ActionFilter = ActionFilter.ALL,
    owner: str | None = None,
    search: str = "",
    sort: ActionSort = ActionSort.FILE,
) -> list[TrackedAction]:
    """The tracker's list: filtered by state, owner (any case) and text, then sorted."""
    return sort_actions(filter_actions(all_actions(doc), today, which, owner, search), sort)


def filter_actions(
    actions: list[TrackedAction],
    today: dt.date,
    which: ActionFilter = ActionFilter.ALL,
    owner: str | None = None,
    search: str = "",
) -> list[TrackedAction]:
    wanted_owner = owner.strip().casefold() if owner else None
    needle = search.strip().casefold()
    found: list[TrackedAction] = []
    for tracked in actions:
        action = tracked.action
        if wanted_owner is not None and action.owner.strip().casefold() != wanted_owner:
            continue
        if which == ActionFilter.OPEN and action.is_done:
            continue
        if which == ActionFilter.DONE and not action.is_done:
            continue
        if which == ActionFilter.OVERDUE and not action.is_overdue(today):
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


@dataclass(frozen=True, slots=True)
class RetroProgress:
    retro: Retro
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class TrackerStats:
    per_retro: list[RetroProgress]  # newest first
    open: int
    overdue: int
    done: int
    top_owners: list[tuple[str, int]]  # most open items first


def tracker_stats(doc: RetroDocument, today: dt.date, owners: int = 5) -> TrackerStats:
    per_retro = [
        RetroProgress(retro, sum(a.is_done for a in retro.action_items), len(retro.action_items))
        for retro in reversed(chronological(doc))
    ]
    open_owners: Counter[str] = Counter()
    open_count = overdue = done = 0
    for retro in doc.retros:
        for action in retro.action_items:
            if action.is_done:
                done += 1
                continue
            open_count += 1
            overdue += action.is_overdue(today)
            open_owners[action.owner.strip() or "(no owner)"] += 1
    top = sorted(open_owners.items(), key=lambda pair: (-pair[1], pair[0].casefold()))[:owners]
    return TrackerStats(per_retro, open_count, overdue, done, top)


def overdue_report(doc: RetroDocument, today: dt.date) -> list[tuple[int, str]]:
    """``(line, message)`` for each open item past its due date, for ``check --strict``."""
    report = []
    for tracked in all_actions(doc):
        action = tracked.action
        if action.is_overdue(today):
            owner = f" ({action.owner})" if action.owner else ""
            report.append((action.line or 0, f"overdue: {action.item!r}{owner} was due {format_due(action.due)}"))
    return report
