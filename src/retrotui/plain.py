"""A plain read of a retrospective file, for the commands that only read it (``check``, ``actions``).

The file is read by the same parser as the editor's model (``markdown.parser``:
the same retros, sections, action tables and lists, rows and warnings), but
into small objects with ``__slots__`` instead of pydantic models, and every
action row is read at once: nothing is kept to write the file back, and
neither pydantic nor ``retrotui.model`` is imported.  The objects have the
attributes the tracker (``retrotui.tracker``, ``retrotui.identity``) and the
summary (``retrotui.summary``) read of the model's, so both work on either;
``as_document`` hands a plain read to them as such.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from retrotui.markdown.parser import read
from retrotui.order import runs_newest_first
from retrotui.origins import (
    DocFormat,
    LineOrigin,
    OtherContent,
    PendingRows,
    RowOrigin,
    TableLayout,
    TaskLayout,
    extra_columns,
)
from retrotui.sections import SectionKind
from retrotui.values import DONE, is_overdue, short_title

if TYPE_CHECKING:
    from retrotui.model import RetroDocument


class PlainItem:
    """An action row as read: the fields of ``model.ActionItem`` and the line it is on."""

    __slots__ = ("due", "extra", "item", "line", "owner", "status")

    def __init__(self, item: str, owner: str, due: dt.date | str, status: str, extra: list[str], line: int) -> None:
        self.item = item
        self.owner = owner
        self.due = due
        self.status = status
        self.extra = extra
        self.line = line

    @property
    def is_done(self) -> bool:
        return self.status == DONE

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.due, today)


class PlainTable:
    """An action table: its column names, layout and rows."""

    __slots__ = ("columns", "layout", "rows")

    def __init__(self, columns: list[str], layout: TableLayout, rows: list[PlainItem]) -> None:
        self.columns = columns
        self.layout = layout
        self.rows = rows

    def extra_columns(self) -> list[str]:
        return extra_columns(self.columns, self.layout)


class PlainList:
    """A list of action items (``- [ ] item``)."""

    __slots__ = ("rows",)

    def __init__(self, rows: list[PlainItem]) -> None:
        self.rows = rows


PlainBlock = str | PlainTable | PlainList  # text is kept as its string


class PlainSection:
    __slots__ = ("blocks", "kind", "title")

    def __init__(self, title: str, kind: SectionKind | None, blocks: list[PlainBlock]) -> None:
        self.title = title
        self.kind = kind
        self.blocks = blocks


class PlainRetro:
    """A retro (or the template): what the tracker reads of ``model.Retro``."""

    __slots__ = ("date", "is_template", "level", "sections", "title")

    def __init__(
        self, title: str, date: dt.date | None, level: int, sections: list[PlainSection], is_template: bool
    ) -> None:
        self.title = title
        self.date = date
        self.level = level
        self.sections = sections
        self.is_template = is_template

    @property
    def action_lists(self) -> list[PlainTable | PlainList]:
        return [b for s in self.sections for b in s.blocks if not isinstance(b, str)]

    @property
    def action_items(self) -> list[PlainItem]:
        return [row for container in self.action_lists for row in container.rows]

    @property
    def short_title(self) -> str:
        return short_title(self.title)


class PlainTitle:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class PlainField:
    __slots__ = ("label", "value")

    def __init__(self, label: str, value: str) -> None:
        self.label = label
        self.value = value


class PlainWarning:
    __slots__ = ("line", "message")

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


class PlainDocument:
    """A file read plainly: what ``check`` and ``actions`` read of ``model.RetroDocument``."""

    __slots__ = ("all_retros", "blocks", "format", "outside", "retros", "warnings")

    def __init__(
        self, blocks: list[Any], warnings: list[PlainWarning], fmt: DocFormat, outside: list[OtherContent]
    ) -> None:
        self.blocks = blocks
        self.warnings = warnings
        self.format = fmt
        self.outside = outside
        self.all_retros = [b for b in blocks if type(b) is PlainRetro]
        self.retros = [r for r in self.all_retros if not r.is_template]

    @property
    def template(self) -> PlainRetro | None:
        return next((r for r in self.all_retros if r.is_template), None)

    @property
    def title(self) -> str | None:
        return next((b.text for b in self.blocks if type(b) is PlainTitle), None)

    @property
    def newest_first(self) -> bool:
        retros = self.retros
        return runs_newest_first([r.date for r in retros], [r.title for r in retros])

    def other_content(self) -> list[OtherContent]:
        """The runs of the file outside retros and the template, as the parser found them."""
        return self.outside


class PlainBuild:
    """The parser's ``Build`` for a plain read: each table's and list's rows are read as it is found."""

    without_origins = True  # retros and sections are not written back: the parser need not say where they were

    def text(self, text: str) -> str:
        return text

    def is_text(self, block: object) -> bool:
        return type(block) is str

    def doc_title(self, origin: LineOrigin, text: str) -> PlainTitle:
        return PlainTitle(text)

    def header_field(self, origin: LineOrigin, label: str, value: str) -> PlainField:
        return PlainField(label, value)

    def section(
        self,
        origin: LineOrigin,
        title: str,
        kind: SectionKind | None,
        number: str | None,
        level: int,
        blocks: list[PlainBlock],
    ) -> PlainSection:
        return PlainSection(title, kind, blocks)

    def set_blocks(self, section: PlainSection, blocks: list[PlainBlock]) -> None:
        section.blocks = blocks

    def retro(
        self,
        origin: LineOrigin,
        title: str,
        date: dt.date | None,
        level: int,
        intro: list[str],
        sections: list[PlainSection],
        template: bool,
    ) -> PlainRetro:
        return PlainRetro(title, date, level, sections, template)

    def table(self, columns: list[str], layout: TableLayout, rows: PendingRows) -> PlainTable:
        return PlainTable(columns, layout, rows.materialize())

    def table_now(self, columns: list[str], layout: TableLayout, rows: list[PlainItem]) -> PlainTable:
        """An action table whose rows the parser read as it checked them (with ``row``)."""
        return PlainTable(columns, layout, rows)

    # ``item`` without the row's origin (nothing is written back from a plain read): the class itself.
    row = PlainItem

    def task_list(self, layout: TaskLayout, rows: PendingRows) -> PlainList:
        return PlainList(rows.materialize())

    def item(
        self, origin: RowOrigin, item: str, owner: str, due: dt.date | str, status: str, extra: list[str]
    ) -> PlainItem:
        return PlainItem(item, owner, due, status, extra, origin.line)

    def warning(self, line: int, message: str) -> PlainWarning:
        return PlainWarning(line, message)

    def document(
        self, blocks: list[Any], warnings: list[PlainWarning], fmt: DocFormat, outside: list[OtherContent]
    ) -> PlainDocument:
        return PlainDocument(blocks, warnings, fmt, outside)


PLAIN = PlainBuild()


def read_plain(text: str) -> PlainDocument:
    """``text`` read plainly (as ``markdown.loads`` reads it, without the model); never raises."""
    doc: PlainDocument = read(text, PLAIN, keep_cells=True, table_widths=False)
    return doc


def as_document(doc: PlainDocument) -> RetroDocument:
    """A plain read, for the tracker and the summary: they read only what it shares with the model's
    document (the CLI tests compare every command's output both ways)."""
    return cast("RetroDocument", doc)
