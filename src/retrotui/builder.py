"""Adding to a document: a new retro from the template, a missing header field.

Everything built here has no source, so the serializer renders it in the
file's conventions; nothing that was already in the file is touched except
where a blank line has to separate the new block from its neighbour.
"""

from __future__ import annotations

import datetime as dt
import re

from retrotui.model import (
    SECTION_TITLES,
    ActionItem,
    ActionTable,
    DocTitle,
    DocumentBlock,
    HeaderField,
    Retro,
    RetroDocument,
    Section,
    SectionBlock,
    SectionKind,
    TaskList,
    TextBlock,
)

SOURCE_COLUMN_NAMES = frozenset({"source", "from", "carried from", "origin", "retro"})
_BULLET = re.compile(r"[ \t]{0,3}([-*+])(?:[ \t]+(.*?))?[ \t]*\r?\n?$")
CARRY_NOTE = re.compile(r"\s*\(from ([^()]+)\)\s*$")  # "(from Sprint 0)" at the end of an item


def add_retro(doc: RetroDocument, title: str, date: dt.date | None = None, carry_over: bool = False) -> Retro:
    title = " ".join(title.split())
    if not title:
        raise ValueError("a retro needs a title")
    previous = doc.latest_retro()
    existing = doc.retros
    template = doc.template
    level = existing[0].level if existing else (template.level if template else 2)
    retro = Retro(
        title=title,
        date=date,
        level=level,
        intro=[TextBlock(text=doc.format.eol)],
        sections=_sections(doc, template, level, previous),
    )
    if carry_over and previous is not None:
        _carry_open_items(retro, previous)
    _insert(doc, retro, existing)
    return retro


def carried_copy(item: ActionItem, source: Retro, table: ActionTable | TaskList | None) -> ActionItem:
    """A copy of an open item for the next retro, marked with where it came from."""
    copy = ActionItem(item=item.item, owner=item.owner, due=item.due, status=item.status, extra=list(item.extra))
    label = source.short_title
    slot = source_slot(table)
    if slot is not None:
        copy.extra += [""] * (slot + 1 - len(copy.extra))
        if not copy.extra[slot].strip():
            copy.extra[slot] = label
    elif not CARRY_NOTE.search(copy.item):
        copy.item = f"{copy.item} (from {label})"
    return copy


def _carry_open_items(retro: Retro, previous: Retro) -> None:
    table = retro.action_list
    for item in previous.action_items:
        if not item.is_done:
            retro.action_items.append(carried_copy(item, previous, table))


def source_slot(table: ActionTable | TaskList | None) -> int | None:
    """Which of a table's extra cells names the retro an item was carried from, if any."""
    if not isinstance(table, ActionTable):
        return None
    layout = table._layout
    roles = set(layout.roles.values()) if layout else {0, 1, 2, 3}
    slots = [i for i in range(len(table.columns)) if i not in roles]
    for n, index in enumerate(slots):
        if table.columns[index].strip().casefold() in SOURCE_COLUMN_NAMES:
            return n
    return None


def _sections(doc: RetroDocument, template: Retro | None, level: int, previous: Retro | None) -> list[Section]:
    """The template's sections; without one, the built-in six, with the last retro's table header."""
    eol = doc.format.eol
    if template is not None and template.sections:
        sections = [_from_template(s, eol, doc.format.bullet) for s in template.sections]
    else:
        sections = [
            _builtin_section(kind, n, level + 1, eol, doc.format.bullet) for n, kind in enumerate(SectionKind, 1)
        ]
        last_list = previous.action_list if previous is not None else None
        if isinstance(last_list, ActionTable):
            table = ActionTable(columns=list(last_list.columns))
            table._layout = last_list._layout
            sections[3].blocks[-1] = table
    for section in sections[:-1]:
        section.blocks.append(TextBlock(text=eol))
    return sections


def _builtin_section(kind: SectionKind, number: int, level: int, eol: str, bullet: str) -> Section:
    blocks: list[SectionBlock]
    if kind == SectionKind.ACTION_ITEMS:
        blocks = [TextBlock(text=eol), ActionTable(columns=["Item", "Owner", "Due Date", "Status"])]
    else:
        blocks = [TextBlock(text=f"{bullet} {eol}")]
    return Section(title=SECTION_TITLES[kind], kind=kind, number=str(number), level=level, blocks=blocks)


def _from_template(source: Section, eol: str, bullet: str) -> Section:
    blocks: list[SectionBlock] = []
    for block in source.blocks:
        if isinstance(block, ActionTable):
            table = ActionTable(columns=list(block.columns))
            table._layout = block._layout
            blocks.append(table)
        elif isinstance(block, TaskList):
            tasks = TaskList()
            tasks._layout = block._layout
            blocks.append(tasks)
        elif blocks or source.action_list is None:
            placeholder = _placeholder_bullets(block.text, eol, bullet)
            if placeholder:
                blocks.append(TextBlock(text=placeholder))
        elif block.text.startswith(("\n", "\r\n")):
            blocks.append(TextBlock(text=eol))
    while blocks and isinstance(blocks[-1], TextBlock) and not blocks[-1].text.strip():
        blocks.pop()
    return Section(title=source.title, kind=source.kind, number=source.number, level=source.level, blocks=blocks)


def _placeholder_bullets(text: str, eol: str, default_marker: str) -> str:
    """The template's empty bullets as they are, or one empty bullet for prompts."""
    bullets = [m for m in (_BULLET.match(line) for line in text.splitlines(keepends=True)) if m]
    if not bullets:
        return ""
    if all(not (m.group(2) or "") for m in bullets):
        return "".join(m.group(0) if m.group(0).endswith("\n") else m.group(0) + eol for m in bullets)
    return f"{bullets[0].group(1) or default_marker} {eol}"


def _insert(doc: RetroDocument, retro: Retro, existing: list[Retro]) -> None:
    blocks = doc.blocks
    eol = doc.format.eol
    if existing and doc.newest_first:
        index = _index(blocks, existing[0])
    elif existing:
        index = _index(blocks, existing[-1]) + 1
    else:
        index = _after_history_heading(blocks)
    if index > 0 and not _ends_with_blank_line(blocks[index - 1]):
        blocks.insert(index, TextBlock(text=eol))
        index += 1
    blocks.insert(index, retro)
    if index + 1 < len(blocks):
        retro.sections[-1].blocks.append(TextBlock(text=eol))


def _index(blocks: list[DocumentBlock], target: Retro) -> int:
    return next(i for i, block in enumerate(blocks) if block is target)


def _after_history_heading(blocks: list[DocumentBlock]) -> int:
    """Where the first retro goes: after "Historical Retrospectives", the template, or at the end."""
    for i, block in enumerate(blocks):
        if isinstance(block, TextBlock) and "historical retrospectives" in block.text.casefold():
            return i + 1
    for i, block in enumerate(blocks):
        if isinstance(block, Retro) and block.is_template:
            return i + 1
    return len(blocks)


def _ends_with_blank_line(block: DocumentBlock) -> bool:
    if isinstance(block, Retro):
        tail: list[str] = [b.text for b in block.intro]
        if block.sections:
            last = block.sections[-1]
            if last.blocks and not isinstance(last.blocks[-1], TextBlock):
                return False
            tail = [b.text for b in last.blocks if isinstance(b, TextBlock)]
        text = "".join(tail)
    elif isinstance(block, TextBlock):
        text = block.text
    else:
        return False
    return text.endswith(("\n\n", "\n\r\n")) or text in ("\n", "\r\n")


def insert_header_field(doc: RetroDocument, label: str, value: str) -> None:
    blocks = doc.blocks
    eol = doc.format.eol
    field = HeaderField(label=label, value=value)
    header_end = next((i for i, b in enumerate(blocks) if isinstance(b, Retro)), len(blocks))
    fields = [i for i in range(header_end) if isinstance(blocks[i], HeaderField)]
    title = next((i for i in range(header_end) if isinstance(blocks[i], DocTitle)), None)
    if fields:
        blocks[fields[-1] + 1 : fields[-1] + 1] = [TextBlock(text=eol), field]
    elif title is not None:
        blocks[title + 1 : title + 1] = [TextBlock(text=eol), field]
    else:
        blocks[0:0] = [field, TextBlock(text=eol)]
