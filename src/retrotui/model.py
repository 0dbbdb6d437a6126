"""The document model: what a retrospective file says, in file order.

Every object read from a file remembers the exact source it came from (in a
private ``_origin``) and a snapshot of the values it was read as.  The
serializer re-emits the source of anything whose values still equal the
snapshot, so an unedited document saves back byte for byte and an edit only
rewrites the lines it touches.  Objects built in code have no origin and are
rendered from their values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from retrotui.values import DEFAULT_GLYPHS, DONE, OPEN, parse_due, parse_status


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


@dataclass(slots=True)
class RowOrigin:
    """An action row as read: its exact source line and the values read from it."""

    source: str
    line: int
    snapshot: tuple[Any, ...]


@dataclass(slots=True)
class LineOrigin:
    """A one-line construct (heading, header field) as read.

    The line is ``prefix + value + suffix`` (``"## "``, the text, ``" ##\n"``),
    with ``aux`` holding a verbatim piece beside the value (a retro's
    ``" (2025-10-17)"`` tail, a section's ``"4. "`` numbering).  An unedited
    line is rebuilt from these parts exactly; an edited one keeps its style.
    """

    line: int
    snapshot: Any
    prefix: str
    suffix: str
    aux: str = ""


@dataclass(slots=True)
class DocFormat:
    """The conventions of one file, followed when rendering new or edited lines."""

    eol: str = "\n"
    bom: bool = False
    final_eol: bool = True
    open_glyph: str = DEFAULT_GLYPHS[0]
    done_glyph: str = DEFAULT_GLYPHS[1]
    bullet: str = "-"


class _Model(BaseModel):
    # Schemas are built on first validation, not at import: the parser builds
    # objects without validating, so opening a file never pays for them.
    model_config = ConfigDict(arbitrary_types_allowed=True, defer_build=True)


ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class _Layout:
    """What ``trusted`` needs of a class, worked out once: its fields and private defaults."""

    fields: set[str]
    defaults: dict[str, Any] | None
    factories: tuple[tuple[str, Callable[[], Any]], ...]

    @classmethod
    def of(cls, model: type[BaseModel]) -> _Layout:
        private = model.__private_attributes__
        if not private:
            return cls(set(model.model_fields), None, ())
        defaults: dict[str, Any] = {}
        factories: list[tuple[str, Callable[[], Any]]] = []
        for name, attr in private.items():
            if attr.default_factory is not None:
                factories.append((name, attr.default_factory))  # type: ignore[arg-type]
            else:
                defaults[name] = attr.default
        return cls(set(model.model_fields), defaults, tuple(factories))


_LAYOUTS: dict[type[BaseModel], _Layout] = {}


def trusted(cls: type[ModelT], origin: LineOrigin | RowOrigin | None, /, **values: Any) -> ModelT:
    """Build a model from values the parser produced, without validation.

    Like ``model_construct``, but every field must be given, and instances of
    a class share one fields-set: reading a 10,000-row file this way takes a
    fraction of the memory.  The shared set already holds every field name,
    so pydantic's ``add`` on assignment never changes it.
    """
    obj = cls.__new__(cls)
    layout = _LAYOUTS.get(cls)
    if layout is None:
        layout = _LAYOUTS.setdefault(cls, _Layout.of(cls))
    private: dict[str, Any] | None = None
    if layout.defaults is not None:
        private = dict(layout.defaults)
        for name, factory in layout.factories:
            private[name] = factory()
        if origin is not None:
            private["_origin"] = origin
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", layout.fields)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", private)
    return obj


class ParseWarning(_Model):
    """A problem met while reading; the text is kept as it was."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.line}: {self.message}"


class ActionItem(_Model):
    """One action: a table row or a task-list line.

    ``due`` is a ``date`` for ISO dates and the raw text otherwise; ``status``
    is ``"open"``, ``"done"`` or the raw text; ``extra`` holds the cells of
    any further columns, verbatim.
    """

    item: str = ""
    owner: str = ""
    due: dt.date | str = ""
    status: str = OPEN
    extra: list[str] = Field(default_factory=list)

    _origin: RowOrigin | None = PrivateAttr(default=None)

    @field_validator("due", mode="before")
    @classmethod
    def _read_due(cls, value: object) -> object:
        return parse_due(value) if isinstance(value, str) else value

    @field_validator("status", mode="before")
    @classmethod
    def _read_status(cls, value: object) -> object:
        return parse_status(value) if isinstance(value, str) else value

    @property
    def is_done(self) -> bool:
        return self.status == DONE

    @property
    def line(self) -> int | None:
        """The 1-based line this item was read from, if it came from a file."""
        # Straight from the private dict: pydantic's attribute hook costs microseconds per read,
        # and the tracker reads this for every row of a file.
        private = self.__pydantic_private__
        origin = private.get("_origin") if private else None
        return origin.line if origin is not None else None

    def values(self) -> tuple[str, str, dt.date | str, str, tuple[str, ...]]:
        return (self.item, self.owner, self.due, self.status, tuple(self.extra))

    def is_overdue(self, today: dt.date) -> bool:
        return not self.is_done and isinstance(self.due, dt.date) and self.due < today

    def toggled(self) -> str:
        """The status a toggle gives: done becomes open, anything else done."""
        return OPEN if self.is_done else DONE


class TextBlock(_Model):
    """Lines kept exactly as written (prose, bullets, code, comments)."""

    text: str


class DocTitle(_Model):
    """The document's first-level heading."""

    text: str
    _origin: LineOrigin | None = PrivateAttr(default=None)


class HeaderField(_Model):
    """A ``**Label:** value`` line in the document header."""

    label: str
    value: str
    _origin: LineOrigin | None = PrivateAttr(default=None)


@dataclass(slots=True)
class TableLayout:
    """How an action table is written: its header lines and column roles."""

    header_source: str
    roles: dict[str, int]
    width: int
    indent: str = ""
    leading_pipe: bool = True
    trailing_pipe: bool = True
    padded: bool = True
    column_widths: list[int] | None = None
    eol: str = "\n"


@dataclass(slots=True)
class PendingRows:
    """Rows not read yet: their source lines and how to read one.

    A file's action rows are only turned into ``ActionItem`` objects when a
    retro's items are first asked for, so opening a large file is cheap and
    an untouched table is written back straight from its lines.
    """

    source: str
    first_line: int
    read: Callable[[str, int], ActionItem]

    def materialize(self) -> list[ActionItem]:
        read, first = self.read, self.first_line
        pieces = self.source.split("\n")
        lines = [piece + "\n" for piece in pieces[:-1]]
        if pieces[-1]:
            lines.append(pieces[-1])
        return [read(line, first + k) for k, line in enumerate(lines)]


class _ActionList(_Model):
    _rows: list[ActionItem] | None = PrivateAttr(default=None)
    _pending: PendingRows | None = PrivateAttr(default=None)

    @property
    def rows(self) -> list[ActionItem]:
        if self._rows is None:
            self._rows = self._pending.materialize() if self._pending is not None else []
            self._pending = None
        return self._rows

    @rows.setter
    def rows(self, value: list[ActionItem]) -> None:
        self._rows = value
        self._pending = None

    def empty_copy(self) -> Self:
        """An empty list written like this one (columns, table style, marker), for a new retro."""
        copy = self.model_copy()
        copy._rows = []
        copy._pending = None
        return copy


class ActionTable(_ActionList):
    """A GFM table of action items (Item | Owner | Due Date | Status | ...)."""

    columns: list[str]
    _layout: TableLayout | None = PrivateAttr(default=None)

    def __init__(self, *, columns: list[str], rows: list[ActionItem] | None = None) -> None:
        super().__init__(columns=columns)
        self._rows = list(rows or [])

    def empty_copy(self) -> Self:
        copy = super().empty_copy()
        copy.columns = list(self.columns)
        return copy

    def extra_columns(self) -> list[str]:
        """The names of the columns beyond Item, Owner, Due and Status: ``extra[n]`` is under the n-th."""
        layout = self._layout
        roles = set(layout.roles.values()) if layout else {0, 1, 2, 3}
        return [name for index, name in enumerate(self.columns) if index not in roles]


@dataclass(slots=True)
class TaskLayout:
    indent: str = ""
    marker: str = "-"
    eol: str = "\n"


class TaskList(_ActionList):
    """A ``- [ ] item`` checklist used as the action list."""

    _layout: TaskLayout | None = PrivateAttr(default=None)

    def __init__(self, *, rows: list[ActionItem] | None = None) -> None:
        super().__init__()
        self._rows = list(rows or [])


SectionBlock = TextBlock | ActionTable | TaskList


class Section(_Model):
    """One section of a retro (``### 2. What Went Well``) and its body."""

    title: str
    kind: SectionKind | None = None
    number: str | None = None
    level: int = 3
    blocks: list[SectionBlock] = Field(default_factory=list)
    _origin: LineOrigin | None = PrivateAttr(default=None)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def action_list(self) -> ActionTable | TaskList | None:
        for block in self.blocks:
            if isinstance(block, (ActionTable, TaskList)):
                return block
        return None


class Retro(_Model):
    """One retrospective: a ``## Sprint 1 – Title (2025-10-31)`` block."""

    title: str
    date: dt.date | None = None
    level: int = 2
    intro: list[TextBlock] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    is_template: bool = False
    _origin: LineOrigin | None = PrivateAttr(default=None)
    _orphan_items: list[ActionItem] = PrivateAttr(default_factory=list)

    def section(self, key: SectionKind | str) -> Section | None:
        """The first section of a known kind, or with this title (any case)."""
        if isinstance(key, SectionKind):
            return next((s for s in self.sections if s.kind == key), None)
        folded = key.casefold()
        return next(
            (s for s in self.sections if s.title.casefold() == folded or s.kind == folded),
            None,
        )

    @property
    def action_list(self) -> ActionTable | TaskList | None:
        preferred = self.section(SectionKind.ACTION_ITEMS)
        if preferred is not None and preferred.action_list is not None:
            return preferred.action_list
        for section in self.sections:
            if section.action_list is not None:
                return section.action_list
        return None

    @property
    def action_items(self) -> list[ActionItem]:
        """The retro's action items: a plain list to append to, remove from, reorder.

        A retro without an action list still has one; items put in it are
        written in a new Action Items section on save.
        """
        container = self.action_list
        return container.rows if container is not None else self._orphan_items

    @property
    def short_title(self) -> str:
        """``Sprint 0`` for ``Sprint 0 – Discovery & Alignment``."""
        for separator in (" – ", " — ", " - ", ": "):
            head, found, _ = self.title.partition(separator)
            if found and head.strip():
                return head.strip()
        return self.title


DocumentBlock = DocTitle | HeaderField | TextBlock | Retro

_FIELD_LABELS = {"purpose": "Purpose", "audience": "Audience", "last_updated": "Last Updated"}


class RetroDocument(_Model):
    """A whole retrospective file: header, template and retros, in file order."""

    blocks: list[DocumentBlock] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    _format: DocFormat = PrivateAttr(default_factory=DocFormat)

    @property
    def format(self) -> DocFormat:
        return self._format

    @property
    def retros(self) -> list[Retro]:
        """The retros in file order; the template is not one of them."""
        return [b for b in self.blocks if isinstance(b, Retro) and not b.is_template]

    @property
    def template(self) -> Retro | None:
        return next((b for b in self.blocks if isinstance(b, Retro) and b.is_template), None)

    @property
    def title(self) -> str | None:
        heading = next((b for b in self.blocks if isinstance(b, DocTitle)), None)
        return heading.text if heading else None

    @title.setter
    def title(self, value: str) -> None:
        heading = next((b for b in self.blocks if isinstance(b, DocTitle)), None)
        if heading is None:
            self.blocks.insert(0, DocTitle(text=value))
        else:
            heading.text = value

    def header_field(self, label: str) -> HeaderField | None:
        folded = label.casefold()
        for block in self.blocks:
            if isinstance(block, Retro):
                return None
            if isinstance(block, HeaderField) and block.label.casefold() == folded:
                return block
        return None

    def get_field(self, label: str) -> str | None:
        found = self.header_field(label)
        return found.value if found else None

    def set_field(self, label: str, value: str) -> None:
        """Set a header field; a missing one is added after the last header line."""
        found = self.header_field(label)
        if found is not None:
            found.value = value
            return
        from retrotui.builder import insert_header_field

        insert_header_field(self, label, value)

    @property
    def purpose(self) -> str | None:
        return self.get_field(_FIELD_LABELS["purpose"])

    @purpose.setter
    def purpose(self, value: str) -> None:
        self.set_field(_FIELD_LABELS["purpose"], value)

    @property
    def audience(self) -> str | None:
        return self.get_field(_FIELD_LABELS["audience"])

    @audience.setter
    def audience(self, value: str) -> None:
        self.set_field(_FIELD_LABELS["audience"], value)

    @property
    def last_updated(self) -> dt.date | str | None:
        value = self.get_field(_FIELD_LABELS["last_updated"])
        return None if value is None else parse_due(value)

    @last_updated.setter
    def last_updated(self, value: dt.date | str) -> None:
        text = value.isoformat() if isinstance(value, dt.date) else value
        self.set_field(_FIELD_LABELS["last_updated"], text)

    @property
    def newest_first(self) -> bool:
        """True when the dated retros run from newest to oldest in the file."""
        dates = [r.date for r in self.retros if r.date is not None]
        return len(dates) >= 2 and dates[0] > dates[-1]

    def latest_retro(self) -> Retro | None:
        retros = self.retros
        if not retros:
            return None
        return retros[0] if self.newest_first else retros[-1]

    def owners(self) -> list[str]:
        """Every owner named in the file, most used first."""
        counts: dict[str, int] = {}
        for retro in self.retros:
            for action in retro.action_items:
                if action.owner.strip():
                    counts[action.owner.strip()] = counts.get(action.owner.strip(), 0) + 1
        return sorted(counts, key=lambda name: (-counts[name], name.casefold()))

    def add_retro(self, title: str, date: dt.date | None = None, carry_over: bool = False) -> Retro:
        """Build a retro from the template and insert it in the file's order."""
        from retrotui.builder import add_retro

        return add_retro(self, title, date=date, carry_over=carry_over)
