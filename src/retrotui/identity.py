"""One identity per action item, however often it is carried from retro to retro.

A team copies an open action into the next retro until it is done: the copies
are one item.  Copies are found by their text with carry marks aside (a
``(from Sprint 2)`` note, a ``Carry:`` / ``Carried:`` / ``Carried over:``
prefix, a Source/Retro column) and linked by these rules, oldest retro first:

1. an explicit pointer (a ``(from X)`` note or a source cell naming retro X)
   links to the row with the same text in X;
2. otherwise the same text in the retro just before links (a copy made by
   ``retrotui new`` or by hand, with or without a mark);
3. otherwise a carry mark (pointer or prefix) links to the latest earlier
   row with the same text, however far back.

Two rows with the same text in retros that are not next to each other and
with no carry mark are two items: a recurring chore written again later is
not mistaken for an old one.  Within one retro an item has at most one copy.
The newest copy decides status, owner and due date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from retrotui.carry import CARRY_NOTE, source_slot
from retrotui.record import Slotted
from retrotui.values import format_due

if TYPE_CHECKING:
    from retrotui.model import ActionItem, Retro

CARRY_PREFIX = re.compile(r"^\s*carr(?:y|ied)(?:[ \t]+(?:over|forward))?\s*:\s*", re.IGNORECASE)


def read_marks(item: str) -> tuple[str, str | None, bool]:
    """``(base text, retro named by a (from …) note, has a carry prefix)`` of an item's text.

    The base text is the item without carry marks, spaces collapsed, folded:
    what stays the same from copy to copy.
    """
    text = item
    note = None
    if ")" in text and text.rstrip().endswith(")"):
        found = CARRY_NOTE.search(text)
        if found is not None:
            note = found.group(1).strip()
            text = text[: found.start()]
    prefixed = False
    if text.lstrip()[:4].casefold() == "carr":
        found_prefix = CARRY_PREFIX.match(text)
        if found_prefix is not None:
            prefixed = True
            text = text[found_prefix.end() :]
    return " ".join(text.split()).casefold(), note, prefixed


def base_text(item: str) -> str:
    """An item's text without carry-over marks, folded, for following it from retro to retro."""
    return read_marks(item)[0]


def carried_from(action: ActionItem, slot: int | None) -> str | None:
    """The retro an item says it came from: a ``(from Sprint 0)`` note or its source cell."""
    note = read_marks(action.item)[1]
    if note is not None:
        return note
    if slot is not None and slot < len(action.extra) and action.extra[slot].strip():
        return action.extra[slot].strip()
    return None


class ActionCopy(Slotted):
    """One row of an item: where it was written and what it says there."""

    __slots__ = ("action", "position", "retro", "row")
    __match_args__ = ("retro", "action", "position", "row")  # the fields, in order
    retro: Retro
    action: ActionItem
    position: int  # the retro's place, oldest first
    row: int  # the row's place in its retro

    def __init__(self, retro: Retro, action: ActionItem, position: int, row: int = 0) -> None:
        self.retro = retro
        self.action = action
        self.position = position
        self.row = row

    @property
    def status(self) -> str:
        return self.action.status

    def as_record(self) -> dict[str, object]:
        action = self.action
        return {
            "retro": self.retro.title,
            "retro_date": self.retro.date.isoformat() if self.retro.date else None,
            "item": action.item,
            "owner": action.owner,
            "due": format_due(action.due),
            "status": action.status,
            "line": action.line,
        }


class ItemCopies(Slotted):
    """The copies of one action item, oldest first, and the retro it dates from.

    ``origin`` is the first copy's retro position, or earlier when the first
    copy names an older retro (a ``(from Sprint 0)`` note whose row was
    reworded): the age counts from there.
    """

    __slots__ = ("copies", "origin")
    __match_args__ = ("copies", "origin")  # the fields, in order
    copies: tuple[ActionCopy, ...]
    origin: int

    def __init__(self, copies: tuple[ActionCopy, ...], origin: int) -> None:
        self.copies = copies
        self.origin = origin

    @property
    def newest(self) -> ActionCopy:
        return self.copies[-1]


class _Linker:
    """Walks the retros oldest first, giving each row its item."""

    def __init__(self, order: list[Retro]) -> None:
        self.order = order
        self.labels: dict[str, list[int]] = {}
        for n, retro in enumerate(order):
            for label in {retro.title.strip().casefold(), retro.short_title.strip().casefold()}:
                self.labels.setdefault(label, []).append(n)
        self.copies: list[list[ActionCopy]] = []
        self.origins: list[int] = []
        self.by_retro: list[dict[str, list[int]]] = []  # per retro: text -> items with a copy there
        self.latest: dict[str, int] = {}  # text -> the latest retro so far with a row of it

    def retro_named(self, label: str, before: int) -> int | None:
        """The latest retro before ``before`` called ``label`` (title or short title, any case)."""
        found = self.labels.get(label.strip().casefold(), [])
        index = bisect_left(found, before)
        return found[index - 1] if index else None

    def take(self, retro: int | None, key: str, taken: set[int]) -> int | None:
        if retro is None:
            return None
        for item in self.by_retro[retro].get(key, ()):
            if item not in taken:
                return item
        return None

    def link(self) -> list[ItemCopies]:
        copies, origins, by_retro, latest = self.copies, self.origins, self.by_retro, self.latest
        take, retro_named = self.take, self.retro_named
        previous: dict[str, list[int]] = {}
        for n, retro in enumerate(self.order):
            here: dict[str, list[int]] = {}
            taken: set[int] = set()
            for row, (action, slot) in enumerate(_rows(retro)):
                key, note, prefixed = read_marks(action.item)
                source = note
                if source is None and slot is not None and slot < len(action.extra):
                    source = action.extra[slot].strip() or None
                item = None
                pointed = None
                if source is not None:
                    pointed = retro_named(source, n)
                    if pointed is not None:
                        item = take(pointed, key, taken)
                if item is None and key in previous:
                    item = take(n - 1, key, taken)
                if item is None and (source is not None or prefixed) and key in latest:
                    item = take(latest[key], key, taken)
                if item is None:
                    item = len(copies)
                    copies.append([ActionCopy(retro, action, n, row)])
                    origins.append(n if pointed is None else pointed)
                else:
                    copies[item].append(ActionCopy(retro, action, n, row))
                taken.add(item)
                found = here.get(key)
                if found is None:
                    here[key] = [item]
                else:
                    found.append(item)
            by_retro.append(here)
            for key in here:
                latest[key] = n
            previous = here
        return [ItemCopies(tuple(c), o) for c, o in zip(copies, origins, strict=True)]


def _rows(retro: Retro) -> list[tuple[ActionItem, int | None]]:
    """The retro's action rows in file order, every group's (as ``retro.action_items``), with their list's
    source column slot."""
    lists = retro.action_lists
    if not lists:
        return [(action, None) for action in retro.action_items]
    rows: list[tuple[ActionItem, int | None]] = []
    for container in lists:
        slot = source_slot(container)
        rows.extend((action, slot) for action in container.rows)
    return rows


def link_copies(order: list[Retro]) -> list[ItemCopies]:
    """Every action item of ``order`` (the retros oldest first), in order of first appearance."""
    return _Linker(order).link()
