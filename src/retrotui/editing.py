"""Editing a document with undo and redo across every kind of change.

Each edit is a ``Change`` that knows how to apply and revert itself on the
model; the ``Editor`` keeps the history and tells listeners when the
document changed.  No Textual here: the TUI calls these methods and
re-renders what they touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeVar

from retrotui.markdown import bullets as bullet_text
from retrotui.markdown.serializer import render_blocks
from retrotui.model import ActionItem, ActionItems, Retro, RetroDocument, Section, SectionBlock, TextBlock

if TYPE_CHECKING:
    from retrotui.reading import OtherContent
    from retrotui.templates import RetroTemplate
from retrotui.values import parse_status, toggled

T = TypeVar("T")
ActionField = Literal["item", "owner", "due", "status"]


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable edit: what it did, how to undo and redo it, and where it was."""

    label: str
    redo: Callable[[], None]
    undo: Callable[[], None]
    retro: Retro | None = None
    section: Section | None = None


@dataclass(slots=True)
class Editor:
    """The document being edited, its history, and whether it differs from the file."""

    doc: RetroDocument
    _done: list[tuple[Change, int]] = field(default_factory=list)
    _undone: list[tuple[Change, int]] = field(default_factory=list)
    _next_state: int = 1
    _saved_state: int = 0
    listeners: list[Callable[[Change | None], None]] = field(default_factory=list)
    # A view-only session (``--live --view-only``): every change, undo and redo is refused, and the
    # ``refusals`` listeners hear of it (the TUI says so).  Only other people's edits, arriving as a new
    # document (``replace_document``), change what is shown.
    read_only: bool = False
    refusals: list[Callable[[Change | None], None]] = field(default_factory=list)
    _derived: dict[object, tuple[tuple[int, int], object]] = field(default_factory=dict)

    # -- history ---------------------------------------------------------------

    @property
    def state(self) -> int:
        return self._done[-1][1] if self._done else 0

    @property
    def modified(self) -> bool:
        return self.state != self._saved_state

    def derived(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()``, remembered until the document changes (an edit, undo, redo, a new document).

        For what the screens work out from the whole document (the tracker's
        items and stats): opening the tracker twice costs the work once.
        """
        version = (id(self.doc), self.state)
        found = self._derived.get(key)
        if found is not None and found[0] == version:
            return found[1]  # type: ignore[return-value]
        value = compute()
        self._derived[key] = (version, value)
        return value

    def mark_saved(self, state: int | None = None) -> None:
        """The file now holds the document as it was at ``state`` (default: now)."""
        self._saved_state = self.state if state is None else state

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def apply(self, change: Change) -> Change | None:
        """Make ``change`` and keep it in the history; ``None`` (nothing changed) when the editor is read-only."""
        if self._refused(change):
            return None
        change.redo()
        self._done.append((change, self._next_state))
        self._next_state += 1
        self._undone.clear()
        self._notify(change)
        return change

    def _refused(self, change: Change | None) -> bool:
        if not self.read_only:
            return False
        for listener in list(self.refusals):
            listener(change)
        return True

    def undo(self) -> Change | None:
        if self._refused(None):
            return None
        if not self._done:
            return None
        change, state = self._done.pop()
        change.undo()
        self._undone.append((change, state))
        self._notify(change)
        return change

    def redo(self) -> Change | None:
        if self._refused(None):
            return None
        if not self._undone:
            return None
        change, state = self._undone.pop()
        change.redo()
        self._done.append((change, state))
        self._notify(change)
        return change

    def replace_document(self, doc: RetroDocument, modified: bool = False) -> None:
        """A new document (a reload, a merge): history starts again.

        ``modified`` says the new document differs from the file on disk (a
        merge of the user's edits into someone else's version).
        """
        self.doc = doc
        self._done.clear()
        self._undone.clear()
        self._saved_state = -1 if modified else 0
        self._notify(None)

    def _notify(self, change: Change | None) -> None:
        for listener in list(self.listeners):
            listener(change)

    # -- action items -----------------------------------------------------------

    def set_action_field(self, retro: Retro, item: ActionItem, name: ActionField, value: object) -> Change | None:
        if name == "status" and isinstance(value, str):
            value = parse_status(value)
        old = getattr(item, name)
        if old == value and type(old) is type(value):
            return None
        label = f"{name} of {item.item or 'action item'!r}"
        return self.apply(
            Change(
                f"Edit {label}",
                lambda: setattr(item, name, value),
                lambda: setattr(item, name, old),
                retro,
            )
        )

    def set_extra(self, retro: Retro, item: ActionItem, index: int, value: str, label: str) -> Change | None:
        """Set the cell of an extra column (``label`` names it in the history)."""
        old = list(item.extra)
        new = old + [""] * (index + 1 - len(old)) if index >= len(old) else list(old)
        new[index] = value
        if new == old:
            return None
        return self.apply(
            Change(
                f"Edit {label} of {item.item or 'action item'!r}",
                lambda: setattr(item, "extra", list(new)),
                lambda: setattr(item, "extra", list(old)),
                retro,
            )
        )

    def toggle_status(self, retro: Retro, item: ActionItem) -> Change | None:
        """Done becomes open, anything else done; the file writes it in that list's own words."""
        return self.set_action_field(retro, item, "status", toggled(item.status))

    def add_action(self, retro: Retro, index: int, item: ActionItem) -> Change | None:
        items = retro.action_items

        def redo() -> None:
            items.insert(index, item)

        def undo() -> None:
            items.pop(_index_of(items, item))

        return self.apply(Change("Add action item", redo, undo, retro))

    def delete_action(self, retro: Retro, item: ActionItem) -> Change | None:
        items = retro.action_items
        index = _index_of(items, item)

        def redo() -> None:
            items.pop(index)

        def undo() -> None:
            items.insert(index, item)

        label = f"Delete {item.item or 'action item'!r}{nested_note(item)}"
        return self.apply(Change(label, redo, undo, retro))

    def move_refusal(self, retro: Retro, item: ActionItem, delta: int) -> str | None:
        """Why ``item`` does not move ``delta`` places, to be said; None when it moves (or is at an end).

        A row moves within its own list only: moved into another of the retro's lists it kept its own
        list's indent and marker there, which nested it under the row above or ended that list, and
        on the next read rows were gone.
        """
        items = retro.action_items
        index = _index_of(items, item)
        target = index + delta
        if (
            0 <= target < len(items)
            and isinstance(items, ActionItems)
            and items.group_of(index) != items.group_of(target)
        ):
            end = "first" if delta < 0 else "last"
            return f"{item.item or 'This row'!r} is the {end} of its list: a row moves only within its own list"
        return None

    def move_action(self, retro: Retro, item: ActionItem, delta: int) -> Change | None:
        """Move ``item`` ``delta`` places within its list; None when it cannot (see ``move_refusal``)."""
        items = retro.action_items
        index = _index_of(items, item)
        target = index + delta
        if not 0 <= target < len(items) or self.move_refusal(retro, item, delta) is not None:
            return None

        def swap() -> None:
            items[index], items[target] = items[target], items[index]

        return self.apply(Change(f"Move {item.item or 'action item'!r}", swap, swap, retro))

    # -- sections ---------------------------------------------------------------

    def section_text(self, section: Section) -> str:
        return render_blocks(section.blocks, self.doc.format)

    def set_section_text(self, retro: Retro, section: Section, text: str, label: str = "Edit text") -> Change | None:
        """Replace a text section's body (sections holding an action list keep it)."""
        if text == self.section_text(section):
            return None
        old: list[SectionBlock] = list(section.blocks)
        new: list[SectionBlock] = [TextBlock(text=text)] if text else []
        return self.apply(
            Change(
                f"{label} in {section.title!r}",
                lambda: setattr(section, "blocks", list(new)),
                lambda: setattr(section, "blocks", list(old)),
                retro,
                section,
            )
        )

    def bullets(self, section: Section) -> list[str]:
        return bullet_text.bullets(self.section_text(section))

    def text_with_bullet(self, section: Section, index: int, value: str, inserting: bool) -> str:
        """The section's text with item ``index`` set to ``value`` (or ``value`` inserted there)."""
        if not inserting:
            return bullet_text.edit_bullet(self.section_text(section), index, value)
        fmt = self.doc.format
        return bullet_text.insert_bullet(self.section_text(section), index, value, fmt.bullet, fmt.eol)

    def edit_bullet(self, retro: Retro, section: Section, index: int, value: str) -> Change | None:
        text = self.text_with_bullet(section, index, value, inserting=False)
        return self.set_section_text(retro, section, text, "Edit item")

    def insert_bullet(self, retro: Retro, section: Section, index: int, value: str) -> Change | None:
        text = self.text_with_bullet(section, index, value, inserting=True)
        return self.set_section_text(retro, section, text, "Add item")

    def with_section_text(self, section: Section, text: str) -> Callable[[], None]:
        """Show ``text`` as the section's body, outside the history; returns how to put the old body back.

        For the crash journal, which saves what is being typed before it becomes an edit.
        """
        old: list[SectionBlock] = list(section.blocks)
        section.blocks = [TextBlock(text=text)] if text else []

        def restore() -> None:
            section.blocks = old

        return restore

    def delete_bullet(self, retro: Retro, section: Section, index: int) -> Change | None:
        """Delete item ``index`` with the lines under it; the label says how many went with it."""
        body = self.section_text(section)
        value = bullet_text.bullets(body)[index]
        text = bullet_text.delete_bullet(body, index)
        label = f"Delete {value or 'item'!r}{_with_lines(bullet_text.nested_lines(body, index))}"
        return self.set_section_text(retro, section, text, label)

    def move_bullet(self, retro: Retro, section: Section, index: int, delta: int) -> Change | None:
        text = bullet_text.move_bullet(self.section_text(section), index, delta)
        return self.set_section_text(retro, section, text, "Move item")

    # -- content outside the retros ----------------------------------------------

    def replace_other_content(self, part: OtherContent, text: str) -> Change | None:
        """Put ``text`` in place of a part outside the retros, as one undoable change (none if it is the same)."""
        if text == part.text:
            return None
        doc = self.doc
        before = list(doc.blocks)
        doc.replace_other_content(part, text)
        after = list(doc.blocks)
        doc.blocks[:] = before
        return self.apply(
            Change(
                f"Edit the content at line {part.line}",
                lambda: setattr(doc, "blocks", list(after)),
                lambda: setattr(doc, "blocks", list(before)),
            )
        )

    def with_other_content(self, part: OtherContent, text: str) -> Callable[[], None]:
        """Show ``text`` in place of ``part``, outside the history; returns how to undo it (for the journal)."""
        doc = self.doc
        before = list(doc.blocks)
        doc.replace_other_content(part, text)

        def restore() -> None:
            doc.blocks[:] = before

        return restore

    # -- retros -----------------------------------------------------------------

    def add_retro(
        self,
        title: str,
        date: dt.date | None,
        carry_over: bool = True,
        keep: Callable[[ActionItem], bool] | None = None,
        template: RetroTemplate | None = None,
        today: dt.date | None = None,
    ) -> Retro:
        """A new retro like the file's latest (or from ``template``); ``keep`` picks which carried items stay."""
        from retrotui.builder import add_retro

        if self._refused(None):  # read-only: nothing is built into the document; the retro belongs to none
            return Retro(title=title, date=date)
        doc = self.doc
        before = list(doc.blocks)
        retro = add_retro(doc, title, date, carry_over=carry_over, template=template, today=today)
        if keep is not None:
            retro.action_items[:] = [a for a in retro.action_items if keep(a)]
        after = list(doc.blocks)
        self.apply(
            Change(
                f"New retro {title!r}",
                lambda: setattr(doc, "blocks", list(after)),
                lambda: setattr(doc, "blocks", list(before)),
                retro,
            )
        )
        return retro


def nested_note(item: ActionItem) -> str:
    """`` with 3 nested lines`` when deleting the row also deletes lines written under it (a wrapped
    sentence, a nested list), else ``""``: a delete never takes more than it says."""
    origin = item._origin
    return _with_lines(bullet_text.count_lines(origin.tail) if origin is not None else 0)


def _with_lines(count: int) -> str:
    return f" with {count} nested line{'s' if count != 1 else ''}" if count else ""


def _index_of(items: list[ActionItem], item: ActionItem) -> int:
    """Index by identity: two rows with equal values are still different rows."""
    return next(i for i, candidate in enumerate(items) if candidate is item)
