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
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self, SupportsIndex, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from retrotui.origins import DocFormat as DocFormat
from retrotui.origins import LineOrigin as LineOrigin
from retrotui.origins import PendingRows as PendingRows
from retrotui.origins import RowOrigin as RowOrigin
from retrotui.origins import TableLayout as TableLayout
from retrotui.origins import TaskLayout as TaskLayout
from retrotui.origins import extra_columns
from retrotui.sections import SECTION_TITLES as SECTION_TITLES
from retrotui.sections import SectionKind as SectionKind
from retrotui.values import (
    DONE,
    OPEN,
    StatusWords,
    is_overdue,
    parse_due,
    parse_status,
    short_title,
    status_text,
    status_words,
    toggled,
)

if TYPE_CHECKING:
    from retrotui.reading import OtherContent


class _Model(BaseModel):
    # Schemas are built on first validation, not at import: the parser builds
    # objects without validating, so opening a file never pays for them.
    model_config = ConfigDict(arbitrary_types_allowed=True, defer_build=True)


ModelT = TypeVar("ModelT", bound=BaseModel)


class _Private(MutableMapping[str, Any]):
    """pydantic's private-attribute dict, as slots: for the objects the parser builds (tens of thousands).

    pydantic keeps an object's private attributes (``_origin``, ``_pending``…) in
    a dict of their own, some 200 bytes however few they are; one subclass per
    model (``_Layout.of``) holds them in slots instead, a fifth of that.  pydantic
    only reads, sets and copies that dict as a mapping (``model_copy`` makes a
    plain dict again), and an equal mapping compares equal to it.
    """

    __slots__ = ()

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name, default)

    def __setitem__(self, name: str, value: Any) -> None:
        try:
            setattr(self, name, value)
        except AttributeError:
            raise KeyError(name) from None

    def __delitem__(self, name: str) -> None:
        try:
            delattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.__slots__ and hasattr(self, name)

    def __iter__(self) -> Iterator[str]:
        names: tuple[str, ...] = self.__slots__
        return (name for name in names if hasattr(self, name))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> dict[str, Any]:
        return dict(self.items())

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self.items()),))


@dataclass(frozen=True, slots=True)
class _Layout:
    """What ``trusted`` needs of a class, worked out once: its fields and how to fill its private slots."""

    fields: set[str]
    private: type[_Private] | None
    defaults: tuple[tuple[Callable[[Any, Any], None], Any], ...]  # a slot's setter, its default (``_origin``'s aside)
    factories: tuple[tuple[Callable[[Any, Any], None], Callable[[], Any]], ...]
    origin: Callable[[Any, Any], None] | None  # the ``_origin`` slot's setter

    @classmethod
    def of(cls, model: type[BaseModel]) -> _Layout:
        private = model.__private_attributes__
        if not private:
            return cls(set(model.model_fields), None, (), (), None)
        slots = type(f"_{model.__name__}Private", (_Private,), {"__slots__": tuple(private)})
        defaults: list[tuple[Callable[[Any, Any], None], Any]] = []
        factories: list[tuple[Callable[[Any, Any], None], Callable[[], Any]]] = []
        for name, attr in private.items():
            setter = slots.__dict__[name].__set__
            if attr.default_factory is not None:
                factories.append((setter, attr.default_factory))  # type: ignore[arg-type]
            elif name != "_origin":
                defaults.append((setter, attr.default))
        origin = slots.__dict__["_origin"].__set__ if "_origin" in private else None
        return cls(set(model.model_fields), slots, tuple(defaults), tuple(factories), origin)


_LAYOUTS: dict[type[BaseModel], _Layout] = {}


def trusted(cls: type[ModelT], origin: LineOrigin | RowOrigin | None, /, **values: Any) -> ModelT:
    """Build a model from values the parser produced, without validation.

    Like ``model_construct``, but every field must be given, instances of a
    class share one fields-set, and private attributes are kept in slots
    (``_Private``): reading a 10,000-row file this way takes a fraction of
    the memory.  The shared set already holds every field name, so
    pydantic's ``add`` on assignment never changes it.
    """
    obj = _new(cls)
    layout = _LAYOUTS.get(cls)
    if layout is None:
        layout = _LAYOUTS.setdefault(cls, _Layout.of(cls))
    private: _Private | None = None
    if layout.private is not None:
        private = _new(layout.private)
        for setter, default in layout.defaults:
            setter(private, default)
        for setter, factory in layout.factories:
            setter(private, factory())
        if layout.origin is not None:
            layout.origin(private, origin)  # every private attribute is set: an unset slot is no key
    _set_dict(obj, values)
    _set_fields_set(obj, layout.fields)
    _set_extra(obj, None)
    _set_private(obj, private)
    return obj


# What ``trusted`` calls for every object a file is read into (tens of thousands), looked up once:
# BaseModel's own slots, set as ``object.__setattr__`` would set them.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


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
        origin = private.get("_origin") if private is not None else None
        return origin.line if origin is not None else None

    def values(self) -> tuple[str, str, dt.date | str, str, tuple[str, ...]]:
        return (self.item, self.owner, self.due, self.status, tuple(self.extra))

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.due, today)

    def toggled(self) -> str:
        """The status a toggle gives: done becomes open, anything else done."""
        return toggled(self.status)


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


_MATERIALIZING = threading.Lock()


class _ActionList(_Model):
    _rows: list[ActionItem] | None = PrivateAttr(default=None)
    _pending: PendingRows | None = PrivateAttr(default=None)
    _words: StatusWords | bool | None = PrivateAttr(default=False)

    @property
    def rows(self) -> list[ActionItem]:
        # Straight from the private dict, as ``ActionItem.line`` does: pydantic's attribute hook costs
        # microseconds per read, and the tracker, the serializer and the grid read this for every list.
        private = self.__pydantic_private__
        assert private is not None
        rows: list[ActionItem] | None = private.get("_rows")
        if rows is None:
            # The editor reads rows ahead in a worker (for the tracker): one thread reads them, and
            # every caller gets the same list, so an edit is never made to a copy that is then dropped.
            with _MATERIALIZING:
                if private.get("_rows") is None:
                    pending: PendingRows | None = private.get("_pending")
                    private["_rows"] = pending.materialize() if pending is not None else []
                    private["_pending"] = None
                rows = private["_rows"]
        return rows

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

    @property
    def status_words(self) -> StatusWords | None:
        """The words this column or list writes statuses in, or None where it uses glyphs or marks.

        Worked out once from the rows as read (``Done``/``TODO``, ``Completed``…);
        None means the file's glyph pair (``RetroDocument.status_words``).
        """
        if self._words is False:
            self._words = self._own_words()
        return self._words if isinstance(self._words, StatusWords) else None

    def _own_words(self) -> StatusWords | None:
        written = [row._origin.status_text for row in self.rows if row._origin is not None]
        marker = StatusWords("", "")
        found = status_words(written, marker, yes_no=self._yes_no())
        return None if found is marker else found

    def _yes_no(self) -> bool:
        return False


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
        return extra_columns(self.columns, private_attr(self, "_layout"))

    def _yes_no(self) -> bool:
        return self._layout is not None and self._layout.yes_no_status

    @property
    def column_roles(self) -> dict[str, int]:
        """Which column holds what: ``{"item": 1, "owner": 2, "status": 0}`` (0-based; absent roles left out)."""
        if self._layout is None:
            return {"item": 0, "owner": 1, "due": 2, "status": 3}
        return dict(self._layout.roles)


class TaskList(_ActionList):
    """A list used as the action list: ``- [ ] item``, ``1. item (Ana)``, ``* ~~done~~`` …

    Each row is one list item; its status, owner and due date are read from
    the item's marks (a box, a status word, strikethrough, ``@owner``,
    ``(due 2025-01-31)``) and written back in the list's own style.
    """

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
    def heading_style(self) -> str:
        """How the file writes this heading: "atx" (``### Title``), "setext", "label" (a plain line) or "none"."""
        return _heading_style(self._origin)

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
    def action_lists(self) -> list[ActionTable | TaskList]:
        """Every action table and list of this retro, in file order.

        Usually one; an Action Items section with sub-groups (``### Backend``,
        ``### Frontend``, a ``Goal:`` label over each list) has one per group.
        """
        return [b for s in self.sections for b in s.blocks if isinstance(b, (ActionTable, TaskList))]

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
        written in a new Action Items section on save.  With several lists
        (sub-groups), the list holds all their items in file order and each
        change goes to the group it is made in (``ActionItems``).
        """
        lists = self.action_lists
        if len(lists) > 1:
            return ActionItems(lists)
        container = self.action_list
        return container.rows if container is not None else self._orphan_items

    @property
    def heading_style(self) -> str:
        """How the file writes this retro's heading: "atx", "setext", "label" (a plain line) or "none"."""
        return _heading_style(self._origin)

    @property
    def short_title(self) -> str:
        """``Sprint 0`` for ``Sprint 0 – Discovery & Alignment``."""
        return short_title(self.title)


def private_attr(model: BaseModel, name: str) -> Any:
    """A private attribute (``_origin``, ``_layout``, ``_pending``) read straight from pydantic's private dict.

    For the serializer's per-block and per-row reads: ``model._origin`` goes
    through pydantic's ``__getattr__``, which costs microseconds each time.
    """
    private = model.__pydantic_private__
    return private.get(name) if private is not None else None


def _heading_style(origin: LineOrigin | None) -> str:
    if origin is None:
        return "atx"
    if origin.prefix.lstrip(" ").startswith("#"):
        return "atx"
    if re.search(r"(?:\r\n|\r|\n)[ ]{0,3}(?:=+|-+)[ \t]*(?:\r\n|\r|\n)?$", origin.suffix):
        return "setext"
    return "label" if origin.suffix else "none"


class ActionItems(list[ActionItem]):
    """A retro's items across several action lists, as one list that edits them in place.

    Replacing, inserting, popping or deleting at a position changes the list
    that position is in (an insert joins the group of the item before it, an
    append the last group); other changes keep each group's size where they
    can.  Every change first re-reads the groups, so a copy kept from before
    (an undo step) still acts on the document as it is now.
    """

    def __init__(self, lists: Sequence[ActionTable | TaskList]) -> None:
        self._lists = list(lists)
        super().__init__(self._gather())

    def _gather(self) -> list[ActionItem]:
        return [row for container in self._lists for row in container.rows]

    def _refresh(self) -> None:
        list.__setitem__(self, slice(None), self._gather())

    def _locate(self, index: int) -> tuple[ActionTable | TaskList, int]:
        for container in self._lists:
            rows = container.rows
            if index < len(rows):
                return container, index
            index -= len(rows)
        raise IndexError("action item index out of range")

    def _normal(self, index: SupportsIndex) -> int:
        position = index.__index__()
        return position + len(self) if position < 0 else position

    def group_of(self, index: int) -> int:
        """Which of the retro's action lists (0, 1, …) the item at ``index`` is in."""
        self._refresh()
        container, _ = self._locate(self._normal(index))
        return next(k for k, candidate in enumerate(self._lists) if candidate is container)

    def _spread(self) -> None:
        """Give the groups this list's order: old items count for their group, new ones join the one before."""
        owner = {id(row): k for k, container in enumerate(self._lists) for row in container.rows}
        sizes = [0] * len(self._lists)
        group = 0
        for row in list.__iter__(self):
            group = owner.get(id(row), group)
            sizes[group] += 1
        flat = list(list.__iter__(self))
        start = 0
        for container, size in zip(self._lists, sizes, strict=True):
            new = flat[start : start + size]
            if [id(r) for r in new] != [id(r) for r in container.rows]:
                container.rows = new
            start += size

    @overload
    def __setitem__(self, index: SupportsIndex, value: ActionItem) -> None: ...

    @overload
    def __setitem__(self, index: slice, value: Iterable[ActionItem]) -> None: ...

    def __setitem__(self, index: SupportsIndex | slice, value: Any) -> None:
        self._refresh()
        if isinstance(index, slice):
            list.__setitem__(self, index, list(value))
            self._spread()
            return
        position = self._normal(index)
        container, local = self._locate(position)
        container.rows[local] = value
        list.__setitem__(self, position, value)

    def __delitem__(self, index: SupportsIndex | slice) -> None:
        self._refresh()
        if isinstance(index, slice):
            list.__delitem__(self, index)
            self._spread()
            return
        position = self._normal(index)
        container, local = self._locate(position)
        del container.rows[local]
        list.__delitem__(self, position)

    def insert(self, index: SupportsIndex, value: ActionItem) -> None:
        self._refresh()
        position = max(0, min(self._normal(index), len(self)))
        if position == 0:
            container, local = self._lists[0], 0
        else:
            container, local = self._locate(position - 1)
            local += 1
        container.rows.insert(local, value)
        list.insert(self, position, value)

    def append(self, value: ActionItem) -> None:
        self.insert(len(self._gather()), value)

    def pop(self, index: SupportsIndex = -1) -> ActionItem:
        self._refresh()
        position = self._normal(index)
        value = self[position]
        del self[position]
        return value

    def remove(self, value: ActionItem) -> None:
        self._refresh()
        position = next((i for i, row in enumerate(self) if row is value), None)
        if position is None:
            position = list.index(self, value)
        del self[position]

    def _whole(self, change: Callable[[list[ActionItem]], object]) -> None:
        self._refresh()
        change(self)
        self._spread()

    def extend(self, values: Iterable[ActionItem]) -> None:
        self._whole(lambda rows: list.extend(rows, list(values)))

    def clear(self) -> None:
        self._whole(list.clear)

    def reverse(self) -> None:
        self._whole(list.reverse)

    def sort(self, *args: Any, **kwargs: Any) -> None:
        self._whole(lambda rows: list.sort(rows, *args, **kwargs))

    def __iadd__(self, values: Iterable[ActionItem]) -> ActionItems:  # type: ignore[override,misc]
        self.extend(values)
        return self


DocumentBlock = DocTitle | HeaderField | TextBlock | Retro

_FIELD_LABELS = {"purpose": "Purpose", "audience": "Audience", "last_updated": "Last Updated"}


def _with_date(text: str, date: dt.date) -> str:
    """``text`` with its one date written as ``date`` (ISO); ``date`` alone when it holds none or several."""
    from retrotui.heading_style import find_dates

    found = find_dates(text) if text else []
    if len(found) != 1:
        return date.isoformat()
    return text[: found[0].start] + date.isoformat() + text[found[0].end :]


def _is_word(text: str) -> bool:
    return any(c.isalpha() for c in text) and text.strip() not in ("[x]", "[X]", "(x)", "(X)")


class RetroDocument(_Model):
    """A whole retrospective file: header, template and retros, in file order."""

    blocks: list[DocumentBlock] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    _format: DocFormat = PrivateAttr(default_factory=DocFormat)

    @property
    def format(self) -> DocFormat:
        return self._format

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        """A summary, not every block: a large file's full repr is megabytes, and Textual takes one of
        each worker's arguments (the editor's read-ahead) for its description."""
        yield "title", self.title
        yield "retros", len(self.retros)
        yield "blocks", len(self.blocks)
        yield "warnings", len(self.warnings)

    @property
    def retros(self) -> list[Retro]:
        """The retros in file order; the template is not one of them."""
        return [b for b in self.blocks if isinstance(b, Retro) and not b.is_template]

    @property
    def all_retros(self) -> list[Retro]:
        """The retros and templates, in file order."""
        return [b for b in self.blocks if isinstance(b, Retro)]

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
            from retrotui.builder import after_front_matter

            self.blocks.insert(after_front_matter(self), DocTitle(text=value))
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
        """A date replaces only the date the field writes: ``2025-10-17 (by Ana)`` keeps ``(by Ana)``
        (the editor sets this on every save; what else the line says is the user's)."""
        old = self.get_field(_FIELD_LABELS["last_updated"])
        text = value if isinstance(value, str) else _with_date(old or "", value)
        self.set_field(_FIELD_LABELS["last_updated"], text)

    @property
    def newest_first(self) -> bool:
        """True when the retros run from newest to oldest in the file.

        The dates decide; without two dates, the sprint or retro numbers do
        (``Sprint 3`` above ``Sprint 2``).
        """
        from retrotui.order import runs_newest_first

        retros = self.retros
        return runs_newest_first([r.date for r in retros], [r.title for r in retros])

    def status_words(self, retro: Retro) -> StatusWords:
        """How ``retro``'s action list writes open and done: its own words, or the file's glyph pair."""
        container = retro.action_list
        own = container.status_words if container is not None else None
        return own or StatusWords(self._format.open_glyph, self._format.done_glyph)

    def status_text(self, retro: Retro, item: ActionItem) -> str:
        """``item``'s status as the file writes it in ``retro`` (``☐``, ``☑``, ``Done``, ``TODO``, ``In Progress``).

        An unedited row shows its own word (``Pending`` in a column that mostly
        says ``TODO``); anything else is written in the list's or column's words.
        """
        origin = item._origin
        if origin is not None and item.status == origin.snapshot[3] and _is_word(origin.status_text):
            return origin.status_text.strip()
        return status_text(item.status, self.status_words(retro))

    def other_content(self) -> list[OtherContent]:
        """Everything outside the retros and the template, as Markdown, with its first line.

        Header, top-level sections not read as retros, text between and after
        retros: each run of it is one ``OtherContent``, so nothing in the
        file is out of sight in the editor.
        """
        from retrotui.reading import other_content

        return other_content(self)

    def replace_other_content(self, part: OtherContent, text: str) -> None:
        """Put ``text`` (Markdown) in place of ``part``; the rest of the file is untouched."""
        from retrotui.reading import replace_other_content

        replace_other_content(self, part, text)

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
