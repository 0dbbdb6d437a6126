"""The meeting timer: a timebox per section, counted down while people talk."""

from __future__ import annotations

from dataclasses import dataclass

from retrotui.sections import SectionKind

# Minutes per section when the settings give none.
DEFAULT_TIMEBOXES: dict[SectionKind, int] = {
    SectionKind.SUMMARY: 3,
    SectionKind.WENT_WELL: 5,
    SectionKind.COULD_IMPROVE: 5,
    SectionKind.ACTION_ITEMS: 10,
    SectionKind.METRICS: 3,
    SectionKind.FOLLOW_UP: 3,
}
FALLBACK_MINUTES = 5


def timebox_minutes(kind: SectionKind | None, boxes: dict[SectionKind, int] | None = None) -> int:
    table = DEFAULT_TIMEBOXES if boxes is None else {**DEFAULT_TIMEBOXES, **boxes}
    return table.get(kind, FALLBACK_MINUTES) if kind is not None else FALLBACK_MINUTES


@dataclass(slots=True)
class Timebox:
    """A countdown for one section, on whatever clock it is given (seconds)."""

    label: str
    seconds: float
    started_at: float
    announced: bool = False

    def remaining(self, now: float) -> float:
        return max(0.0, self.seconds - (now - self.started_at))

    def is_over(self, now: float) -> bool:
        return now - self.started_at >= self.seconds

    def display(self, now: float) -> str:
        """``⏱ 4:59 What Went Well``, or ``⏱ time's up: What Went Well``."""
        if self.is_over(now):
            return f"⏱ time's up: {self.label}"
        left = int(self.remaining(now) + 0.999)
        return f"⏱ {left // 60}:{left % 60:02d} {self.label}"
