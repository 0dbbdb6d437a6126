"""``dumps``: a ``RetroDocument`` back to text, touching only what was edited.

Anything whose values still equal the snapshot taken when it was read is
written from its source, byte for byte.  An edited line is rewritten in its
own style: an edited table cell replaces just that cell's text in the row, a
toggled task replaces just the check mark.  New lines follow the file's
conventions (line ending, table style, glyph pair, bullet marker).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from rich.cells import cell_len

from retrotui.markdown import tables
from retrotui.markdown.headings import find_dates, format_date_like
from retrotui.markdown.lines import (
    Lines,
    content_of,
    ending_of,
    ends_line,
    is_blank,
    is_thematic_break,
    scan,
    split_lines,
)
from retrotui.markdown.lists import ListStyle, field_of, list_style, new_head, next_marker, read_head, write_head
from retrotui.model import (
    SECTION_TITLES,
    ActionItem,
    ActionTable,
    DocFormat,
    DocTitle,
    HeaderField,
    LineOrigin,
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
    private_attr,
)
from retrotui.values import OPEN, StatusWords, format_due, status_text

_ROLE_FIELDS = {"item": 0, "owner": 1, "due": 2, "status": 3}
_ROLE_HEADERS = {"item": "Item", "owner": "Owner", "due": "Due Date", "status": "Status"}


class _Writer:
    """Collects output; puts a line ending between a last line that had none
    and anything written after it.

    A line that ends in a lone CR keeps it: new text that starts with a blank
    LF line (the ``eol`` of a file of LF lines) starts with a blank CR line
    there instead, as the two would read as one CRLF ending.
    """

    def __init__(self, fmt: DocFormat) -> None:
        self.fmt = fmt
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        if not text:
            return
        parts = self.parts
        if parts and not ends_line(parts[-1]):
            parts.append(self.fmt.eol)
        elif text[0] == "\n" and parts and parts[-1][-1] == "\r":
            text = "\r" + text[1:]
        parts.append(text)

    def ends_with_blank_line(self) -> bool:
        tail = "".join(self.parts[-3:])
        return not tail or tail.endswith(("\n\n", "\n\r\n", "\r\r", "\n\r"))

    def text(self) -> str:
        return "".join(self.parts)


def dumps(doc: RetroDocument) -> str:
    """The document as text; equal to what was loaded when nothing was edited."""
    fmt = doc.format
    out = _Writer(fmt)
    for block in doc.blocks:
        if isinstance(block, TextBlock):
            out.write(block.text)
        elif isinstance(block, Retro):
            _write_retro(out, block)
        elif isinstance(block, HeaderField):
            out.write(_one_line(block._origin, block.value, f"**{block.label}:** ", fmt.eol))
        elif isinstance(block, DocTitle):
            out.write(_one_line(block._origin, block.text, "# ", fmt.eol))
    text = out.text()
    if not fmt.final_eol and ends_line(text):
        text = text[: -len(ending_of(text))]
    return "\ufeff" + text if fmt.bom else text


def render_blocks(blocks: list[SectionBlock], fmt: DocFormat | None = None) -> str:
    """A section body as text (what a "edit as text" view shows)."""
    out = _Writer(fmt or DocFormat())
    for block in blocks:
        _write_section_block(out, block)
    return out.text()


def _one_line(origin: LineOrigin | None, value: str, new_prefix: str, eol: str) -> str:
    value = on_one_line(value)
    if origin is None:
        return new_prefix + value + eol
    return (_spaced(origin.prefix, value) if origin.snapshot == "" else origin.prefix + value) + origin.suffix


def _spaced(prefix: str, text: str) -> str:
    """``prefix + text`` with a blank between them when the line had no text (so none): an empty
    ``#`` heading or ``**Label:**`` field given one stays a heading, a field (``#Title`` is neither)."""
    return prefix + " " + text if text and prefix and prefix[-1] not in " \t" else prefix + text


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def on_one_line(text: str) -> str:
    """``text`` for a line of its own (a title, a header field): each line break a space.

    Written as set, the rest of a title would be lines of their own: a new
    retro, section or action item on the next read.
    """
    return _LINE_BREAK.sub(" ", text) if "\n" in text or "\r" in text else text


def _write_retro(out: _Writer, retro: Retro) -> None:
    out.write(_retro_heading(retro, out.fmt.eol))
    start = len(out.parts)
    for block in retro.intro:
        out.write(block.text)
    orphans = retro._orphan_items if retro.action_list is None else []
    home = retro.section(SectionKind.ACTION_ITEMS) if orphans else None
    for section in retro.sections:
        if section is home:
            _write_section_with_table(out, section, ActionTable(columns=[], rows=list(orphans)))
        else:
            _write_section(out, section)
    if orphans and home is None:
        # The new section goes above a code fence or comment never closed (in it, it would be read as code or
        # hidden), and before the blank lines and the rule that close the retro: what follows (a retro whose
        # title is a plain line needs a blank line or a rule above it) still follows them.
        unclosed = _take_unclosed_tail(out, start)
        closing = _take_closing_lines(out, start)
        if not out.ends_with_blank_line():
            out.write(out.fmt.eol)
        out.write(_new_section_heading(retro, SECTION_TITLES[SectionKind.ACTION_ITEMS], out.fmt.eol))
        out.write(out.fmt.eol)
        _write_section_block(out, ActionTable(columns=[], rows=list(orphans)))
        if closing and not is_blank(split_lines(closing)[0]):
            out.write(out.fmt.eol)
        out.write(closing)
        if unclosed and not out.ends_with_blank_line():
            out.write(out.fmt.eol)
        out.write(unclosed)


def _new_section_heading(retro: Retro, title: str, eol: str) -> str:
    """A new section's heading line, as the retro writes its own sections: at their level (``## Sprint 4`` over
    ``## What went well`` is a file's way too), or as a label line (``Went well:``, ``**To improve**``) in a
    retro of labels; else one level below the retro's heading.  Another kind of heading would not be read as
    this retro's section (a deeper one as part of the last section, a heading among labels as a retro's)."""
    levels = [section.level for section in retro.sections if section.heading_style in ("atx", "setext")]
    if levels:
        return "#" * min(levels) + " " + title + eol
    labels = [section for section in retro.sections if section.heading_style == "label"]
    origin: LineOrigin | None = private_attr(labels[-1], "_origin") if labels else None
    if origin is not None:
        return origin.prefix + title + origin.suffix
    if retro.heading_style == "label":
        return title + ":" + eol
    return "#" * (retro.level + 1) + " " + title + eol


def _unclosed_tail(text: str) -> tuple[str, str]:
    """``text`` cut where a code fence or an HTML comment opens that is never closed (``text`` and "" when
    none is): anything written after that line would be read as code or hidden."""
    found = scan(Lines(text))
    opener = found.unclosed_fence if found.unclosed_fence is not None else found.unclosed_comment
    if opener is None:
        return text, ""
    lines = split_lines(text)
    return "".join(lines[:opener]), "".join(lines[opener:])


def _take_unclosed_tail(out: _Writer, start: int) -> str:
    """Take back what was written from ``out.parts[start]`` on from a never closed fence or comment on."""
    kept, tail = _unclosed_tail("".join(out.parts[start:]))
    if tail:
        out.parts[start:] = [kept] if kept else []
    return tail


def _take_closing_lines(out: _Writer, start: int) -> str:
    """Take back the blank lines and thematic breaks that end what was written from ``out.parts[start]`` on."""
    lines = split_lines("".join(out.parts[start:]))
    cut = len(lines)
    while cut and (is_blank(lines[cut - 1]) or is_thematic_break(content_of(lines[cut - 1]))):
        cut -= 1
    kept = "".join(lines[:cut])
    out.parts[start:] = [kept] if kept else []
    return "".join(lines[cut:])


def _write_section_with_table(out: _Writer, section: Section, table: ActionTable) -> None:
    """An Action Items section that had no table yet: the table goes after its text."""
    body, unclosed = _unclosed_tail(render_blocks(section.blocks, out.fmt))
    lines = split_lines(body)
    cut = len(lines)
    while cut and is_blank(lines[cut - 1]):
        cut -= 1
    _write_section(out, section.model_copy(update={"blocks": []}))
    lead = "".join(lines[:cut])
    out.write(lead)
    out.write(out.fmt.eol)
    _write_section_block(out, table)
    out.write("".join(lines[cut:]))
    if unclosed and cut == len(lines):
        out.write(out.fmt.eol)
    out.write(unclosed)


def _retro_heading(retro: Retro, eol: str) -> str:
    origin: LineOrigin | None = private_attr(retro, "_origin")
    date = retro.date
    if origin is None:
        tail = f" ({date.isoformat()})" if date else ""
        prefix = "#" * retro.level + " "
        return prefix + _closed(prefix, on_one_line(retro.title), tail + eol) + tail + eol
    if origin.snapshot == (retro.title, date):
        return origin.prefix + retro.title + origin.aux + origin.suffix
    _old_title, old_date = origin.snapshot
    title = on_one_line(retro.title)
    written = _date_in(title, old_date) if date != old_date and old_date is not None else None
    if origin.aux:
        tail = origin.aux if date == old_date else (f" ({date.isoformat()})" if date else "")
    elif written is not None:
        # The date is part of the title ("Retro 12/01/2022"): write the new one the same way.
        start, end = written
        new = format_date_like(date, title[start:end], _day_first(title[start:end], old_date)) if date else ""
        tail = ""
        title = (title[:start] + new + title[end:]).strip()
    else:
        tail = f" ({date.isoformat()})" if date and date != old_date else ""
    return origin.prefix + _closed(origin.prefix, title, tail + origin.suffix) + tail + origin.suffix


_CLOSING_SEQUENCE = re.compile(r"(?:^|[ \t])#+[ \t]*$")


def _closed(prefix: str, title: str, rest: str) -> str:
    """``title`` as an ATX heading (``prefix``, then ``rest`` on its line) writes it to read back whole.

    A run of ``#`` after a blank at a heading's end is its closing sequence
    (CommonMark): ``### Ideas #`` reads as "Ideas".  Such a title gets a
    closing ``#`` of its own when nothing else follows it on the line.
    """
    if _CLOSING_SEQUENCE.search(title) and prefix.lstrip(" ").startswith("#") and not content_of(rest).strip(" \t"):
        return title + " #"
    return title


def _date_in(title: str, date: dt.date) -> tuple[int, int] | None:
    """Where ``title`` writes ``date``, whichever way round its day and month are."""
    for day_first in (None, True, False):
        for found in find_dates(title, day_first):
            if found.date == date:
                return found.start, found.end
    return None


def _day_first(text: str, date: dt.date) -> bool | None:
    for day_first in (True, False):
        if any(found.date == date for found in find_dates(text, day_first)):
            return day_first
    return None


def _write_section(out: _Writer, section: Section) -> None:
    origin: LineOrigin | None = private_attr(section, "_origin")
    number = section.number
    if origin is None or (not origin.suffix and origin.snapshot != (number, section.title)):
        # New, or a retro body without a heading that now has a title: a heading of its own.
        numbering = f"{number}. " if number else ""
        if section.title or number:
            prefix = "#" * section.level + " "
            title = _closed(prefix, numbering + on_one_line(section.title), out.fmt.eol)
            out.write(prefix + title + out.fmt.eol)
    else:
        numbering = origin.aux if number == origin.snapshot[0] else (f"{number}. " if number else "")
        title = _closed(origin.prefix, numbering + on_one_line(section.title), origin.suffix)
        # (Only an ATX heading's "#" run wants a blank; a "**Label**" line's "**" must touch its text.)
        spaced = _spaced(origin.prefix, title) if origin.prefix.endswith("#") else origin.prefix + title
        out.write(spaced + origin.suffix)
    for block in section.blocks:
        _write_section_block(out, block)


def _write_section_block(out: _Writer, block: SectionBlock) -> None:
    if isinstance(block, TextBlock):
        out.write(block.text)
    elif isinstance(block, ActionTable):
        layout = private_attr(block, "_layout") or tables.default_layout(out.fmt.eol)
        pending: PendingRows | None = private_attr(block, "_pending")
        if pending is not None:
            out.write(layout.header_source)
            out.write(pending.source)
            return
        words = _words(block, out.fmt)
        carried = _carried_roles(layout, block.rows)
        added = [role for role in _missing_roles(layout, block.rows, words) if role not in carried]
        if added:
            _write_widened_table(out, layout, block.rows, added, words, carried)
            return
        out.write(layout.header_source)
        for row in block.rows:
            out.write(_table_row(row, layout, words, carried))
    else:
        pending = private_attr(block, "_pending")
        if pending is not None:
            out.write(pending.source)
            return
        writer = _ListWriter(block, out.fmt)
        for row in block.rows:
            out.write(writer.row(row))


def _words(block: ActionTable | TaskList, fmt: DocFormat) -> StatusWords:
    """How ``block`` writes open and done: its own words, or the file's glyph pair."""
    return block.status_words or StatusWords(fmt.open_glyph, fmt.done_glyph)


def _cell_text(role: str, row: ActionItem, words: StatusWords) -> str:
    if role == "status":
        return status_text(row.status, words)
    if role == "due":
        return format_due(row.due)
    return row.item if role == "item" else row.owner


_MISSING_FIELDS = {"owner": 1, "due": 2, "status": 3}


def _carried_roles(layout: TableLayout, rows: list[ActionItem]) -> frozenset[str]:
    """The fields without a column that this table's item cells already carry (``~~done~~``, ``(due …)``).

    Those are written the same way; a field no row carries gets a column of its own.
    """
    missing = frozenset(name for name in _MISSING_FIELDS if name not in layout.roles)
    item = layout.roles.get("item")
    if not missing or item is None:
        return frozenset()
    carried: set[str] = set()
    for row in rows:
        origin = row._origin
        if origin is None:
            continue
        cells = _source_cells(origin.source)
        if item < len(cells):
            for part in read_head(tables.cell_value(cells[item]), missing).parts:
                carried.add(field_of(part.role))
    return frozenset(carried & missing)


def _table_row(
    row: ActionItem,
    layout: TableLayout,
    words: StatusWords,
    carried: frozenset[str] = frozenset(),
    origin: RowOrigin | None = None,
) -> str:
    origin = origin or row._origin
    values = row.values()
    if origin is not None and origin.snapshot == values:
        return origin.source
    source_cells = _source_cells(origin.source) if origin is not None else []
    cells = list(source_cells) if origin is not None else [""] * layout.width
    changed: set[int] = set()
    for role, index in layout.roles.items():
        field = _ROLE_FIELDS[role]
        if role == "item" and carried:
            fields = [0, *(_MISSING_FIELDS[name] for name in carried)]
            if origin is None or any(values[f] != origin.snapshot[f] for f in fields):
                old = tables.cell_value(source_cells[index]) if index < len(source_cells) else ""
                _set_cell(cells, index, tables.escape_cell(_item_cell(row, old, carried)))
                changed.add(index)
        elif origin is None or values[field] != origin.snapshot[field]:
            _set_cell(cells, index, tables.escape_cell(_cell_text(role, row, words)))
            changed.add(index)
    if origin is None or values[4] != origin.snapshot[4]:
        changed |= _place_extra(cells, row.extra, layout)
    if origin is not None and len(cells) <= len(source_cells) and not _loses_its_shape(origin.source, cells):
        return _patch_cells(origin.source, cells, changed, aligned=layout.column_widths is not None)
    return tables.render_row(layout, cells) + (ending_of(origin.source) if origin else layout.eol)


def _loses_its_shape(source: str, cells: list[str]) -> bool:
    """A row without both outer pipes whose new cells would not read back as a row of them (an empty edge
    cell, a first cell that starts a heading or a comment): it is written again, with its outer pipes."""
    _, leading, trailing = tables.split_row(content_of(source))
    return not (leading and trailing) and bool(cells) and tables.needs_outer_pipes(cells)


def _item_cell(row: ActionItem, old: str, missing: frozenset[str]) -> str:
    """An item cell that also carries the fields the table has no column for (``~~done~~``, ``@owner``)."""
    parsed = read_head(old, missing)
    values = (row.item, row.owner, format_due(row.due), row.status)
    return write_head(parsed, values, ListStyle(), missing)


class _ListWriter:
    """Writes a list's rows: unedited ones from their source, edited ones changing only their marks."""

    def __init__(self, block: TaskList, fmt: DocFormat) -> None:
        self.block = block
        self.fmt = fmt
        self._style: ListStyle | None = None

    @property
    def style(self) -> ListStyle:
        if self._style is None:
            heads = [read_head(content_of(r._origin.source)) for r in self.block.rows if r._origin is not None]
            self._style = list_style(heads)
            layout = self.block._layout
            if not heads and (layout is None or layout.box):
                # A new list (a new retro's, or one built in code): GFM task boxes, or the file's kind of box.
                box = layout.box if layout is not None else "[ ]"
                self._style.box = (box[0], box[-1] + " ")
        return self._style

    def row(self, row: ActionItem) -> str:
        origin = row._origin
        values = row.values()
        if origin is not None and origin.snapshot == values:
            return origin.source + origin.tail
        fields = (row.item, row.owner, format_due(row.due), row.status)
        if origin is not None:
            head = write_head(read_head(content_of(origin.source)), fields, self.style)
            return head + ending_of(origin.source) + origin.tail
        layout = self.block._layout or TaskLayout(marker=self.fmt.bullet, eol=self.fmt.eol)
        count = sum(1 for r in self.block.rows if r is not row and (r._origin is not None))
        lead = layout.indent + next_marker(layout.marker, count) + " "
        return new_head(fields, lead, self.style) + layout.eol


def _source_cells(source: str) -> list[str]:
    """A row's cells as written (escapes kept), without the spaces around them."""
    return [c.strip(" \t") for c in tables.split_row(content_of(source))[0]]


def _set_cell(cells: list[str], index: int, text: str) -> None:
    if index >= len(cells):
        cells.extend([""] * (index + 1 - len(cells)))
    cells[index] = text


def _place_extra(cells: list[str], extra: list[str], layout: TableLayout) -> set[int]:
    """Write ``extra`` into the non-role columns, then any surplus after them."""
    role_indexes = set(layout.roles.values())
    slots = [i for i in range(max(len(cells), layout.width)) if i not in role_indexes]
    changed: set[int] = set()
    for n, index in enumerate(slots):
        new = tables.escape_cell(extra[n]) if n < len(extra) else ""
        old = cells[index] if index < len(cells) else ""
        if new != old:
            _set_cell(cells, index, new)
            changed.add(index)
    for value in extra[len(slots) :]:
        changed.add(len(cells))
        cells.append(tables.escape_cell(value))
    while len(cells) > layout.width and cells[-1] == "":
        cells.pop()
    return changed


def _patch_cells(source: str, cells: list[str], changed: set[int], aligned: bool) -> str:
    """The source row with only the changed cells' text replaced, padding kept.

    In a table whose pipes line up, the cell keeps its width where the new
    text fits; elsewhere the spaces around the text stay as they were.
    """
    content = content_of(source)
    spans = _cell_spans(content)
    if len(cells) < len(spans):
        # Trailing surplus cells were dropped: cut the row after the last kept cell.
        keep_end = spans[len(cells) - 1][1]
        closing = content[spans[-1][1] :]
        content = content[:keep_end] + closing
        spans = spans[: len(cells)]
    pieces: list[str] = []
    last = 0
    for index in sorted(changed):
        if index >= len(spans):
            continue
        start, end = spans[index]
        raw = content[start:end]
        if raw.strip(" \t"):
            lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
            trail = raw[len(raw.rstrip(" \t")) :]
        else:
            # An empty cell: its spaces pad both sides of the new text.
            lead, trail = raw[:1], raw[1:]
        text = lead + cells[index]
        if aligned and trail:
            text += " " * max(1, cell_len(raw) - cell_len(text))
        else:
            text += trail or (" " if cells[index].endswith("\\") else "")
        pieces.append(content[last:start])
        pieces.append(text)
        last = end
    pieces.append(content[last:])
    return "".join(pieces) + source[len(content_of(source)) :]


def _cell_spans(content: str) -> list[tuple[int, int]]:
    """Start and end of each cell's raw text between the row's pipes."""
    pipes: list[int] = []
    escaped = False
    for position, char in enumerate(content):
        if char == "|" and not escaped:
            pipes.append(position)
        escaped = char == "\\"
    body_start = len(content) - len(content.lstrip(" \t"))
    leading = content[body_start : body_start + 1] == "|"
    body_end = len(content.rstrip(" \t"))
    trailing = bool(pipes) and pipes[-1] == body_end - 1 and (not leading or len(pipes) > 1)
    bounds = [body_start - 1 if not leading else pipes[0]]
    inner = pipes[1:] if leading else pipes
    if trailing:
        inner = inner[:-1]
    bounds += inner
    bounds.append(pipes[-1] if trailing else body_end)
    return [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]


def render_retro_head(retro: Retro, fmt: DocFormat) -> str:
    """A retro's heading line and the text before its first section."""
    out = _Writer(fmt)
    out.write(_retro_heading(retro, fmt.eol))
    for block in retro.intro:
        out.write(block.text)
    return out.text()


def render_retro(retro: Retro, fmt: DocFormat) -> str:
    out = _Writer(fmt)
    _write_retro(out, retro)
    return out.text()


def render_section(section: Section, fmt: DocFormat) -> str:
    out = _Writer(fmt)
    _write_section(out, section)
    return out.text()


def render_section_heading(section: Section, fmt: DocFormat) -> str:
    return render_section(section.model_copy(update={"blocks": []}), fmt)


def render_action_row(row: ActionItem, table: ActionTable | TaskList, fmt: DocFormat) -> str:
    """One action row as the file would have it (its source when unedited; a list item with its tail)."""
    if isinstance(table, ActionTable):
        layout = table._layout or tables.default_layout(fmt.eol)
        return _table_row(row, layout, _words(table, fmt), _carried_roles(layout, table.rows))
    return _ListWriter(table, fmt).row(row)


def render_top_block(block: DocTitle | HeaderField | TextBlock, fmt: DocFormat) -> str:
    if isinstance(block, TextBlock):
        return block.text
    if isinstance(block, HeaderField):
        return _one_line(block._origin, block.value, f"**{block.label}:** ", fmt.eol)
    return _one_line(block._origin, block.text, "# ", fmt.eol)


# -- a column the table lacks ----------------------------------------------------------------------
#
# Setting an owner, a due date or a done status on a row of a table that has no
# such column adds the column (at the end of the declared columns): the header,
# the delimiter row and each row get one cell, in the table's own style; rows
# shorter than the header are left as they were unless they hold a value for it.


def _missing_roles(layout: TableLayout, rows: list[ActionItem], words: StatusWords) -> list[str]:
    """The roles some row holds a value for that the table has no column for, in the usual column order."""
    missing = [role for role in _ROLE_FIELDS if role not in layout.roles]
    return [role for role in missing if any(_needs_cell(role, row, words) for row in rows)]


def _needs_cell(role: str, row: ActionItem, words: StatusWords) -> bool:
    if role == "status":
        return row.status not in ("", OPEN)
    return _cell_text(role, row, words) != ""


def _write_widened_table(
    out: _Writer,
    layout: TableLayout,
    rows: list[ActionItem],
    added: list[str],
    words: StatusWords,
    carried: frozenset[str],
) -> None:
    cells_by_row = [
        [tables.escape_cell(_cell_text(r, row, words)) if _needs_cell(r, row, words) else "" for r in added]
        for row in rows
    ]
    names = [_ROLE_HEADERS[role] for role in added]
    widths: list[int] | None = None
    if layout.column_widths is not None:
        widths = [
            2 + max(3, cell_len(name), *(cell_len(cells[k]) for cells in cells_by_row)) for k, name in enumerate(names)
        ]
    header, delimiter = split_lines(layout.header_source)[:2]
    delimiter_cell = tables.split_row(content_of(delimiter))[0][-1]
    lead = delimiter_cell[: len(delimiter_cell) - len(delimiter_cell.lstrip(" "))]
    trail = delimiter_cell[len(delimiter_cell.rstrip(" ")) :]
    like_last = max(1, delimiter_cell.count("-"))
    dashes = [
        lead + "-" * (widths[k] - len(lead) - len(trail) if widths else like_last) + trail for k in range(len(names))
    ]
    wide = TableLayout(
        header_source=_insert_cells(header, layout, [_raw_cell(n, layout, widths, k) for k, n in enumerate(names)])
        + _insert_cells(delimiter, layout, dashes),
        roles={**layout.roles, **{role: layout.width + k for k, role in enumerate(added)}},
        width=layout.width + len(added),
        indent=layout.indent,
        leading_pipe=layout.leading_pipe,
        trailing_pipe=layout.trailing_pipe,
        padded=layout.padded,
        column_widths=[*layout.column_widths, *widths] if layout.column_widths is not None and widths else None,
        eol=layout.eol,
    )
    out.write(wide.header_source)
    for row, cells in zip(rows, cells_by_row, strict=True):
        out.write(_table_row(row, wide, words, carried, _widened_origin(row, layout, added, cells, widths)))


def _raw_cell(text: str, layout: TableLayout, widths: list[int] | None, index: int) -> str:
    """A cell as it sits between two pipes in this table's style."""
    if not layout.padded:
        return text
    if widths is not None:
        return " " + text + " " * (widths[index] - 1 - cell_len(text))
    return f" {text} " if text else " "


def _insert_cells(line: str, layout: TableLayout, raw_cells: list[str]) -> str:
    """``line`` with ``raw_cells`` put after its first ``layout.width`` cells (short rows are padded first)."""
    content = content_of(line)
    ending = line[len(content) :]
    spans = _cell_spans(content)
    missing = max(0, layout.width - len(spans))
    cells = [_raw_cell("", layout, None, 0)] * missing + raw_cells
    if layout.width < len(spans):
        at = spans[layout.width][0]
        return content[:at] + "".join(cell + "|" for cell in cells) + content[at:] + ending
    at = spans[-1][1]
    if content[at : at + 1] == "|":  # a trailing pipe: the new cells go before it
        return content[:at] + "".join("|" + cell for cell in cells) + content[at:] + ending
    separator = " | " if layout.padded else "|"
    added = "".join(separator + cell.strip(" ") for cell in cells)
    if not cells[-1].strip(" "):  # an empty last cell needs a closing pipe, or it would not be a cell
        added = added.rstrip(" ") + (" |" if layout.padded else "|")
    return content.rstrip(" \t") + added + ending


def _widened_origin(
    row: ActionItem, layout: TableLayout, added: list[str], cells: list[str], widths: list[int] | None
) -> RowOrigin | None:
    """The row's source with its new cells in place, as if it had been read that way."""
    origin = row._origin
    if origin is None:
        return None
    short = len(_cell_spans(content_of(origin.source))) < layout.width
    if short and not any(cells):
        return origin
    raw = [_raw_cell(text, layout, widths, k) for k, text in enumerate(cells)]
    snapshot = list(origin.snapshot)
    values = row.values()
    for role, text in zip(added, cells, strict=True):
        if text:
            snapshot[_ROLE_FIELDS[role]] = values[_ROLE_FIELDS[role]]
    return RowOrigin(_insert_cells(origin.source, layout, raw), origin.line, tuple(snapshot))


# -- text UTF-8 cannot hold ----------------------------------------------------------------------


def check_encodable(doc: RetroDocument, text: str | None = None) -> None:
    """Raise ``ValueError`` naming the field when the document holds a lone surrogate.

    Such a string (``"\\udcff"``, e.g. from a file name decoded with
    ``surrogateescape``) cannot be written as UTF-8.  ``text`` is the
    document's ``dumps``, when the caller has it: the common case costs one
    ``encode`` and nothing else.
    """
    if text is not None:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            pass
        else:
            return
    for where, value in _strings(doc):
        found = _LONE_SURROGATE.search(value)
        if found is not None:
            raise ValueError(f"{where} holds a lone surrogate ({_escaped(found.group())})")
    found = _LONE_SURROGATE.search(text or "")
    if found is not None:
        line = (text or "").count("\n", 0, found.start()) + 1
        raise ValueError(f"line {line} holds a lone surrogate ({_escaped(found.group())})")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(char: str) -> str:
    return char.encode("unicode_escape").decode("ascii")


def _strings(doc: RetroDocument) -> Iterator[tuple[str, str]]:
    """Every string of the document, with where it is, in file order."""
    for block in doc.blocks:
        if isinstance(block, DocTitle):
            yield "the document title", block.text
        elif isinstance(block, HeaderField):
            yield f"header field {block.label!r}", block.label
            yield f"header field {block.label!r}", block.value
        elif isinstance(block, TextBlock):
            yield "the text outside the retros", block.text
        else:
            yield from _retro_strings(block)


def _retro_strings(retro: Retro) -> Iterator[tuple[str, str]]:
    name = "the template" if retro.is_template else repr(retro.title)
    yield f"retro {name}: title", retro.title
    for intro in retro.intro:
        yield f"retro {name}: text", intro.text
    for section in retro.sections:
        yield f"retro {name}: section title", section.title
        yield f"retro {name}: section {section.title!r}", section.number or ""
        for block in section.blocks:
            if isinstance(block, TextBlock):
                yield f"retro {name}: section {section.title!r}", block.text
            elif isinstance(block, ActionTable):
                for column in block.columns:
                    yield f"retro {name}: action table header", column
    lists = [b for section in retro.sections for b in section.blocks if isinstance(b, (ActionTable, TaskList))]
    items = [row for table in lists for row in table.rows] if lists else retro.action_items
    for number, item in enumerate(items, 1):
        where = f"action item {number} of {name}"
        yield f"{where}: item", item.item
        yield f"{where}: owner", item.owner
        yield f"{where}: due", item.due if isinstance(item.due, str) else ""
        yield f"{where}: status", item.status
        for index, cell in enumerate(item.extra, 1):
            yield f"{where}: extra cell {index}", cell
