"""Undo and redo in a live session, where the document is replaced whenever the others' edits arrive.

The editor's own history holds changes to the objects of one document, and a
live session swaps the document for the file as the others left it several
times a minute.  So each change made here is also kept as the text before and
after it, and undoing it is a three-way merge of its inverse into the document
as it is now (base: after, ours: before, theirs: now): the others' edits since
stay, only this change goes.  If someone changed the same place since, the
step is not undone and the user is told (undoing it would throw their edit
away).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TextStep:
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Stepped:
    label: str
    text: str | None  # the document with the step undone (or redone); None: it could not be


@dataclass
class LiveHistory:
    current: str  # the document's text as it is now
    done: list[TextStep] = field(default_factory=list)
    undone: list[TextStep] = field(default_factory=list)

    def changed(self, label: str, text: str) -> None:
        """A change made here: a step to undo."""
        if text != self.current:
            self.done.append(TextStep(label, self.current, text))
            self.undone.clear()
            self.current = text

    def took_in(self, text: str) -> None:
        """The others' edits (or a step's result) became the document: not a step of ours."""
        self.current = text

    def can_undo(self) -> bool:
        return bool(self.done)

    def can_redo(self) -> bool:
        return bool(self.undone)

    def undo(self) -> Stepped | None:
        if not self.done:
            return None
        step = self.done.pop()
        text = _apply(step.after, step.before, self.current)
        if text is not None:
            self.undone.append(step)
            self.current = text
        return Stepped(step.label, text)

    def redo(self) -> Stepped | None:
        if not self.undone:
            return None
        step = self.undone.pop()
        text = _apply(step.before, step.after, self.current)
        if text is not None:
            self.done.append(step)
            self.current = text
        return Stepped(step.label, text)


def _apply(base: str, target: str, now: str) -> str | None:
    """``now`` with the change from ``base`` to ``target`` made, or None where it meets a later edit."""
    if now == base:
        return target
    from retrotui.merge import merge

    result = merge(base, target, now)
    return result.text() if result.clean else None
