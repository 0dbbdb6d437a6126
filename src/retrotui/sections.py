"""The six sections of the retro template: plain names, importable without the model (and without pydantic).

The editor's first frame, the meeting timer and the heading scan need them
before the document model is loaded.
"""

from __future__ import annotations

from enum import StrEnum


class SectionKind(StrEnum):
    """The six sections of the retro template, in template order."""

    SUMMARY = "summary"
    WENT_WELL = "went_well"
    COULD_IMPROVE = "could_improve"
    ACTION_ITEMS = "action_items"
    METRICS = "metrics"
    FOLLOW_UP = "follow_up"


SECTION_TITLES: dict[SectionKind, str] = {
    SectionKind.SUMMARY: "Summary",
    SectionKind.WENT_WELL: "What Went Well",
    SectionKind.COULD_IMPROVE: "What Could Improve",
    SectionKind.ACTION_ITEMS: "Action Items",
    SectionKind.METRICS: "Metrics & Evidence",
    SectionKind.FOLLOW_UP: "Follow-Up",
}


__all__ = ["SECTION_TITLES", "SectionKind"]
