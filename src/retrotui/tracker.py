"""Action items across all retros, for the ``actions`` command and the tracker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from retrotui.model import ActionItem, Retro, RetroDocument
from retrotui.values import format_due


class ActionFilter(StrEnum):
    ALL = "all"
    OPEN = "open"
    DONE = "done"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class TrackedAction:
    """One action item with the retro it belongs to."""

    retro: Retro
    action: ActionItem

    def is_overdue(self, today: dt.date) -> bool:
        return self.action.is_overdue(today)

    def as_record(self, today: dt.date) -> dict[str, object]:
        action = self.action
        return {
            "retro": self.retro.title,
            "retro_date": self.retro.date.isoformat() if self.retro.date else None,
            "item": action.item,
            "owner": action.owner,
            "due": format_due(action.due),
            "status": action.status,
            "overdue": action.is_overdue(today),
            "line": action.line,
        }


def tracked_actions(
    doc: RetroDocument,
    today: dt.date,
    which: ActionFilter = ActionFilter.ALL,
    owner: str | None = None,
) -> list[TrackedAction]:
    """Every action item in file order, filtered by state and (case-insensitive) owner."""
    wanted_owner = owner.strip().casefold() if owner else None
    found: list[TrackedAction] = []
    for retro in doc.retros:
        for action in retro.action_items:
            if wanted_owner is not None and action.owner.strip().casefold() != wanted_owner:
                continue
            if which == ActionFilter.OPEN and action.is_done:
                continue
            if which == ActionFilter.DONE and not action.is_done:
                continue
            if which == ActionFilter.OVERDUE and not action.is_overdue(today):
                continue
            found.append(TrackedAction(retro, action))
    return found
