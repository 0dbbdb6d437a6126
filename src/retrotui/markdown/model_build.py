"""The document model's ``Build``: what ``loads`` makes of a file (pydantic objects, built unvalidated)."""

from __future__ import annotations

import datetime as dt
from sys import intern
from typing import Any

from retrotui.model import (
    ActionItem,
    ActionTable,
    DocFormat,
    DocTitle,
    DocumentBlock,
    HeaderField,
    LineOrigin,
    ParseWarning,
    PendingRows,
    Retro,
    RetroDocument,
    RowOrigin,
    Section,
    SectionBlock,
    SectionKind,
    TableLayout,
    TaskLayout,
    TaskList,
    TextBlock,
    trusted,
)
from retrotui.origins import OtherContent


class ModelBuild:
    """Model objects for ``markdown.parser``: each one ``trusted`` (the parser's values need no validation)."""

    def text(self, text: str) -> TextBlock:
        return trusted(TextBlock, None, text=text)

    def is_text(self, block: Any) -> bool:
        # The blocks are exactly these classes: a type test is cheaper than pydantic's ABC isinstance.
        return type(block) is TextBlock

    def doc_title(self, origin: LineOrigin, text: str) -> DocTitle:
        return trusted(DocTitle, origin, text=text)

    def header_field(self, origin: LineOrigin, label: str, value: str) -> HeaderField:
        return trusted(HeaderField, origin, label=label, value=value)

    def section(
        self,
        origin: LineOrigin,
        title: str,
        kind: SectionKind | None,
        number: str | None,
        level: int,
        blocks: list[SectionBlock],
    ) -> Section:
        return trusted(Section, origin, title=title, kind=kind, number=number, level=level, blocks=blocks)

    def set_blocks(self, section: Section, blocks: list[SectionBlock]) -> None:
        section.blocks = blocks

    def retro(
        self,
        origin: LineOrigin,
        title: str,
        date: dt.date | None,
        level: int,
        intro: list[TextBlock],
        sections: list[Section],
        template: bool,
    ) -> Retro:
        return trusted(
            Retro, origin, title=title, date=date, level=level, intro=intro, sections=sections, is_template=template
        )

    def table(self, columns: list[str], layout: TableLayout, rows: PendingRows) -> ActionTable:
        table = trusted(ActionTable, None, columns=columns)
        private = table.__pydantic_private__
        assert private is not None
        private["_layout"] = layout  # straight into the private dict, as trusted() does: no pydantic hook
        private["_pending"] = rows
        return table

    def task_list(self, layout: TaskLayout, rows: PendingRows) -> TaskList:
        tasks = trusted(TaskList, None)
        private = tasks.__pydantic_private__
        assert private is not None
        private["_layout"] = layout
        private["_pending"] = rows
        return tasks

    def item(
        self, origin: RowOrigin, item: str, owner: str, due: dt.date | str, status: str, extra: list[str]
    ) -> ActionItem:
        # A file says the same few owners, dates and status words thousands of times: each row keeps
        # one shared copy of them (the row's values, its snapshot and its status as written).
        shared_owner = intern(owner)
        shared_due = _shared_date(due) if type(due) is dt.date else due
        if shared_owner is not owner or shared_due is not due:
            snapshot = origin.snapshot
            origin.snapshot = (snapshot[0], shared_owner, shared_due, snapshot[3], snapshot[4])
        if origin.status_text:
            origin.status_text = intern(origin.status_text)
        return trusted(ActionItem, origin, item=item, owner=shared_owner, due=shared_due, status=status, extra=extra)

    def warning(self, line: int, message: str) -> ParseWarning:
        return ParseWarning(line=line, message=message)

    def document(
        self, blocks: list[DocumentBlock], warnings: list[ParseWarning], fmt: DocFormat, outside: list[OtherContent]
    ) -> RetroDocument:
        """(The model works out its ``other_content`` from its blocks, as they are after edits.)"""
        doc = trusted(RetroDocument, None, blocks=blocks, warnings=warnings)
        doc._format = fmt
        return doc


_DATES: dict[dt.date, dt.date] = {}


def _shared_date(date: dt.date) -> dt.date:
    """One object per date (dates are immutable): the first one read of it."""
    shared = _DATES.get(date)
    if shared is None:
        if len(_DATES) >= 512:  # a few sprints' due dates; a small dict, cleared when full
            _DATES.clear()
        shared = _DATES[date] = date
    return shared


MODEL = ModelBuild()
