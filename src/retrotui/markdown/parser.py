"""``loads``: text to a source-preserving ``RetroDocument``; never raises.

Every line of the input ends up in exactly one block's source, in order, so
the serializer can give back the text unchanged.  Which headings are retros
is decided by ``structure``; this module reads the parts it finds (sections,
action tables and lists, their rows, the warnings) and hands each to a
``Build``, which makes the objects: the document model's (``model_build``,
for ``loads``) or plain ones (``retrotui.plain``, for ``check`` and
``actions``).  One reading of the file, two kinds of result; this module
imports no model, and neither does a plain read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from sys import intern
from typing import TYPE_CHECKING, Any, Protocol

from retrotui.markdown import tables
from retrotui.markdown.headings import (
    may_hold_actions,
    names_actions,
    read_label,
    section_kind,
    split_retro_heading,
    split_section_heading,
)
from retrotui.markdown.lines import (
    ITEM,
    Heading,
    Lines,
    Scan,
    content_of,
    ending_of,
    ends_line,
    is_blank,
    is_item,
    parse_heading,
    scan,
    split_lines,
)
from retrotui.markdown.structure import RetroSpan, find_retros
from retrotui.origins import DocFormat, LineOrigin, OtherContent, PendingRows, RowOrigin, TableLayout, TaskLayout
from retrotui.sections import SectionKind
from retrotui.values import (
    DONE,
    DONE_GLYPHS,
    NO_WORDS,
    OPEN,
    OPEN_GLYPHS,
    YES_WORDS,
    is_readable_due,
    parse_due,
    parse_status,
)

_HEADER_FIELD = re.compile(
    r"( {0,3}(?:\*\*(?P<a>[^*:]+?)[ \t]*+:[ \t]*+\*\*|\*\*(?P<b>[^*]+?)\*\*[ \t]*+:)[ \t]*+)(?P<value>.*)$"
)
_ALL_FIELDS = frozenset({"owner", "due", "status"})
_GLYPHS = frozenset(OPEN_GLYPHS + DONE_GLYPHS)
# "Done" columns say yes/no rather than open/done.
_TRUTHY_COLUMNS = frozenset({"done", "done?", "completed", "complete", "erledigt", "hecho", "feito", "fait", "完了"})

if TYPE_CHECKING:
    from retrotui.model import DocumentBlock, RetroDocument

# What a ``Build`` makes: model objects or plain ones; the parser only passes them on.
Block = Any
Item = Any


class Build(Protocol):
    """Makes the objects of one kind of read from what the parser found (its values need no validation)."""

    def text(self, text: str) -> Block:
        """Lines kept as written."""

    def is_text(self, block: Block) -> bool:
        """Whether ``block`` is one ``text`` made."""

    def doc_title(self, origin: LineOrigin, text: str) -> Block: ...

    def header_field(self, origin: LineOrigin, label: str, value: str) -> Block: ...

    def section(
        self,
        origin: LineOrigin,
        title: str,
        kind: SectionKind | None,
        number: str | None,
        level: int,
        blocks: list[Block],
    ) -> Block: ...

    def set_blocks(self, section: Block, blocks: list[Block]) -> None: ...

    def retro(
        self,
        origin: LineOrigin,
        title: str,
        date: dt.date | None,
        level: int,
        intro: list[Block],
        sections: list[Block],
        template: bool,
    ) -> Block: ...

    def table(self, columns: list[str], layout: TableLayout, rows: PendingRows) -> Block:
        """An action table whose rows ``rows`` reads (with the ``item`` of this build)."""

    def task_list(self, layout: TaskLayout, rows: PendingRows) -> Block: ...

    def item(
        self, origin: RowOrigin, item: str, owner: str, due: dt.date | str, status: str, extra: list[str]
    ) -> Item: ...

    def warning(self, line: int, message: str) -> Any: ...

    def document(self, blocks: list[Block], warnings: list[Any], fmt: DocFormat, outside: list[OtherContent]) -> Any:
        """The document; ``outside`` is every run of its text outside the retros (``other_content``)."""


# The warnings for a block that hides the rest of the file (the builder refuses to add a retro into one).
UNCLOSED_FENCE = "code fence is never closed; the rest is read as code"
UNCLOSED_COMMENT = "HTML comment is never closed; the rest is hidden in it"


def loads(text: str, *, read_through: bool = False) -> RetroDocument:
    """Read a retrospective file's text. Problems become ``doc.warnings``.

    ``read_through``: the caller reads every action row once (``check``,
    ``actions``), so the cells split to check each table are kept for that
    reading instead of being split again.  Otherwise they are dropped: an
    editor or a library user may never read most tables, and holding the
    cells of all of them would cost more memory than the file itself.
    """
    from retrotui.markdown.model_build import MODEL

    doc: RetroDocument = read(text, MODEL, keep_cells=read_through)
    return doc


def usual_ending(text: str, lines: Lines) -> str:
    """The line ending new lines get: the file's most common one (a tie: its first line's; none: LF).

    The first line's alone gave a file of LF lines whose first line had a stray
    CR (or CRLF) that ending on every line added to it.
    """
    first = (ending_of(lines[0]) if lines else "") or "\n"
    if "\r" not in text:
        return first
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    most = max(counts.values())
    return first if counts.get(first, 0) == most else max(counts, key=lambda ending: counts[ending])


def read(text: str, make: Build, *, keep_cells: bool = False, table_widths: bool = True) -> Any:
    """``text`` read into what ``make`` builds (``loads``: the model).

    ``keep_cells``: see ``loads``' ``read_through``.  ``table_widths``: work out
    whether each table's columns are aligned (only a writer needs to know).
    """
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    lines = Lines(body)
    fmt = DocFormat(eol=usual_ending(body, lines), bom=bom, final_eol=not body or ends_line(body))
    return _Parser(scan(lines), fmt, make, keep_cells=keep_cells, table_widths=table_widths).parse()


def loads_header(text: str) -> list[DocumentBlock]:
    """A document header's blocks (title, ``**Field:**`` lines, text), as read before any retro."""
    from retrotui.markdown.model_build import MODEL

    lines = Lines(text)
    parser = _Parser(
        scan(lines), DocFormat(eol=usual_ending(text, lines), final_eol=not text or ends_line(text)), MODEL
    )
    blocks: list[DocumentBlock] = []
    parser.top_text(blocks, 0, len(lines), header=True)
    return blocks


class _Parser:
    def __init__(
        self, found: Scan, fmt: DocFormat, make: Build, keep_cells: bool = False, table_widths: bool = True
    ) -> None:
        self.make = make
        self.keep_cells = keep_cells
        self.table_widths = table_widths
        self.lines = found.lines
        self.opaque = found.opaque
        self.headings = found.headings
        self.unclosed_fence = found.unclosed_fence
        self.unclosed_comment = found.unclosed_comment
        self.fmt = fmt
        self.warnings: list[Any] = []
        self.glyphs: Counter[str] = Counter()
        self.day_first: bool | None = None
        # A build that takes a table's rows as they are read (``table_now``, ``row``): the plain read's.
        self.rows_now: Callable[[list[str], TableLayout, list[Item]], Block] | None = getattr(make, "table_now", None)
        self.row: Callable[[str, str, dt.date | str, str, list[str], int], Item] | None = getattr(make, "row", None)
        # A due cell read, and whether it is readable; a status cell read (in a yes/no column or not): a file
        # writes the same dates and statuses again and again.
        self.dues: dict[str, tuple[dt.date | str, bool]] = {}
        self.statuses: tuple[dict[str, str], dict[str, str]] = ({}, {})
        self.section_names: dict[str, tuple[str | None, str, str, SectionKind | None, str]] = {}
        self.tables: dict[tuple[str, str], tuple[list[str], TableLayout, TableRowReader]] = {}
        # Whether the build keeps where retros and sections were read (to write them back); the plain one does not.
        self.origins = not getattr(make, "without_origins", False)

    def text(self, start: int, end: int) -> str:
        return self.lines.span(start, end)

    def warn(self, index: int, message: str) -> None:
        self.warnings.append(self.make.warning(index + 1, message))

    # -- document level -----------------------------------------------------

    def parse(self) -> Any:
        blocks: list[Block] = []
        spans, self.day_first = find_retros(self.lines, self.opaque, self.headings)
        in_header = True
        text_start = 0
        outside: list[OtherContent] = []
        for span in spans:
            self.top_run(blocks, outside, text_start, span.head.index, in_header)
            blocks.append(self.retro(span))
            in_header = False
            text_start = span.end
        self.top_run(blocks, outside, text_start, len(self.lines), in_header)
        if self.unclosed_fence is not None:
            self.warn(self.unclosed_fence, UNCLOSED_FENCE)
        if self.unclosed_comment is not None:
            self.warn(self.unclosed_comment, UNCLOSED_COMMENT)
        self.fmt.open_glyph, self.fmt.done_glyph = self.glyph_pair()
        self.fmt.bullet = self.bullet_marker()
        return self.make.document(blocks, self.warnings, self.fmt, outside)

    def top_run(self, blocks: list[Block], outside: list[OtherContent], start: int, end: int, header: bool) -> None:
        """The text between two retros (or before the first, or after the last), as blocks and as one run."""
        index = len(blocks)
        self.top_text(blocks, start, end, header)
        text = self.text(start, end) if start < end else ""
        if text:
            outside.append(OtherContent(index, len(blocks) - index, start + 1, text))

    def top_text(self, blocks: list[Block], start: int, end: int, header: bool) -> None:
        """Text outside retros; in the header, the title and ``**Field:**`` lines."""
        if not header:
            if start < end:
                blocks.append(self.make.text(self.text(start, end)))
            return
        titles = {h.index: h for h in self.headings if h.level == 1 and start <= h.index < end}
        has_title = False  # (the header is read first: nothing before it)
        plain = start
        i = start
        while i < end:
            special: Block | None = None
            taken = 1
            if not self.opaque[i]:
                heading = titles.get(i)
                if heading is not None and not has_title and heading.end <= end:
                    origin = LineOrigin(i + 1, heading.text, heading.prefix, heading.suffix)
                    special = self.make.doc_title(origin, heading.text)
                    taken = heading.end - heading.index
                    has_title = True
                if special is None:
                    special = self.header_field_at(i)
            if special is None:
                i += 1
                continue
            if plain < i:
                blocks.append(self.make.text(self.text(plain, i)))
            blocks.append(special)
            i += taken
            plain = i
        if plain < end:
            blocks.append(self.make.text(self.text(plain, end)))

    def header_field_at(self, i: int) -> Block | None:
        line = self.lines[i]
        if "**" not in line:
            return None
        content = content_of(line)
        match = _HEADER_FIELD.match(content)
        if match is None:
            return None
        label = (match.group("a") or match.group("b") or "").strip()
        value = match.group("value").rstrip(" \t")
        suffix = content[match.start("value") + len(value) :] + line[len(content) :]
        return self.make.header_field(LineOrigin(i + 1, value, match.group(1), suffix), label, value)

    # -- retros and sections -------------------------------------------------

    def retro(self, span: RetroSpan) -> Block:
        heading = span.head
        title, date, date_text = split_retro_heading(heading.text, self.day_first)
        template = span.template
        starts = span.sections
        end = span.end
        intro_end = starts[0].index if starts else end
        has_intro = heading.end < intro_end
        intro_text = self.text(heading.end, intro_end) if has_intro else ""
        action_log = names_actions(title) and not template
        if action_log and has_intro and intro_text.strip():
            # "## Retro Action Items - 12/01/2022" over a bare list: that text is an action section.
            starts = [Heading(heading.end, heading.level + 1, "", "", "", end=heading.end), *starts]
            has_intro = False
        make = self.make
        intro = [make.text(intro_text)] if has_intro else []
        sections: list[Block] = []
        kinds: list[SectionKind | None] = []
        has_list = False
        seen: dict[str, int] = {}
        bounds: list[tuple[Heading, int]] = []
        for position, start in enumerate(starts):
            stop = starts[position + 1].index if position + 1 < len(starts) else end
            bounds.append((start, stop))
        section_names = self.section_names
        is_text = make.is_text
        for start, stop in bounds:
            known = section_names.get(start.text)
            if known is None:
                known = section_names[start.text] = _section_name(start.text)
            number, name, number_text, kind, key = known
            if key and key in seen and not template:
                self.warn(
                    start.index,
                    f"duplicate section {name.strip()!r} in {title.strip()!r} (first at line {seen[key]})",
                )
            seen.setdefault(key, start.index + 1)
            if kind == _ACTION_ITEMS or (action_log and kind is None):
                # Under "Retro Action Items - …", unnamed sub-groups (### Backend) list actions too.
                mode = "actions"
            elif kind is None and may_hold_actions(self.text(start.end, stop)):
                # Elsewhere, an "Action items:" label, a "- Improvement goals" item or an action table.
                mode = "labels"
            else:
                mode = ""
            if mode:
                blocks = self.section_body(start.end, stop, mode, template)
            else:  # (section_body's text block, without the call: most sections hold no actions)
                blocks = [make.text(self.lines.span(start.end, stop))] if start.end < stop else []
            origin = (
                LineOrigin(start.index + 1, (number, name), start.prefix, start.suffix, number_text)
                if self.origins
                else _NO_ORIGIN
            )
            sections.append(make.section(origin, name, kind, number, start.level, blocks))
            kinds.append(kind)
            if not has_list:
                has_list = any(not is_text(b) for b in blocks)
        if not has_list:
            # No action list yet: a known section (Went well, Follow-up …) may hold a labelled one.
            for section, kind, (start, stop) in zip(sections, kinds, bounds, strict=True):
                if kind is not None and may_hold_actions(self.text(start.end, stop)):
                    blocks = self.section_body(start.end, stop, "labels", template)
                    if any(not make.is_text(b) for b in blocks):
                        make.set_blocks(section, blocks)
        origin = (
            LineOrigin(heading.index + 1, (title, date), heading.prefix, heading.suffix, date_text)
            if self.origins
            else _NO_ORIGIN
        )
        return make.retro(origin, title, date, heading.level, intro, sections, template)

    def section_body(self, start: int, end: int, mode: str, template: bool) -> list[Block]:
        """A section's blocks: its action tables and lists (``mode``: "actions", "labels" or "") and text."""
        blocks: list[Block] = []
        make = self.make
        if mode:
            finder = self.next_action_block if mode == "actions" else self.next_labelled_block
            position = start
            kind: str | None = None
            while True:
                found = finder(position, end, template, kind)
                if found is None:
                    break
                block, first, last, kind = found
                if start < first:
                    blocks.append(make.text(self.text(start, first)))
                blocks.append(block)
                start = position = last
        if start < end:
            blocks.append(make.text(self.lines.span(start, end)))
        return blocks

    def next_action_block(
        self, start: int, end: int, template: bool, kind: str | None
    ) -> tuple[Block, int, int, str] | None:
        """The next table or list run in an action section (after a table, only tables)."""
        text, starts, opaque = self.lines.text, self.lines.starts, self.opaque
        for i in range(start, end):
            if opaque[i]:
                continue
            line = text[starts[i] : starts[i + 1]]
            if not line.strip(" \t\r\n"):
                continue  # a blank line starts neither
            if kind != _LIST and "|" in line and i + 1 < end and self.is_table_start(i):
                stop = self.table_stop(i, end)
                return self.action_table(i, stop, template), i, stop, _TABLE
            if kind != _TABLE and self.is_list_item(i):
                tasks, stop = self.action_list(i, end)
                return tasks, i, stop, _LIST
        return None

    def next_labelled_block(
        self, start: int, end: int, template: bool, kind: str | None
    ) -> tuple[Block, int, int, str] | None:
        """The next action list outside an action section: under an ``Action items:`` label, the
        nested list of a ``- Improvement goals …`` item, or a table whose columns name actions."""
        lines = self.lines
        i = start
        while i < end:
            if self.opaque[i]:
                i += 1
                continue
            line = lines[i]
            content = content_of(line)
            if "|" in line and i + 1 < end and self.is_table_start(i):
                stop = self.table_stop(i, end)
                if tables.names_action_columns(tables.header_cells(content)):
                    return self.action_table(i, stop, template), i, stop, _TABLE
                i = stop
                continue
            item = ITEM.match(content) if self.is_list_item(i) else None
            if item is not None:
                if names_actions(content[item.end() :]):
                    nested = self.nested_run_start(i, end)
                    if nested is not None:
                        tasks, stop = self.action_list(nested, end, nested_under=i)
                        return tasks, nested, stop, _LIST
                    following = self.after_blank(i + 1, end)
                    if following is not None and item.group("marker")[0].isdigit() and self.is_list_item(following):
                        other = ITEM.match(content_of(lines[following]))
                        if other is not None and not other.group("marker")[0].isdigit():
                            tasks, stop = self.action_list(following, end)
                            return tasks, following, stop, _LIST
                i += 1
                continue
            label = read_label(content)
            # A sub-heading inside the section (``#### Action items`` under ``### Topic: Deploys``) labels too.
            heading = parse_heading(i, line) if label is None and content.lstrip(" ")[:1] == "#" else None
            named = label.text if label is not None else heading.text if heading is not None else None
            if named is not None and names_actions(named):
                following = self.after_blank(i + 1, end)
                if following is not None:
                    if "|" in lines[following] and following + 1 < end and self.is_table_start(following):
                        stop = self.table_stop(following, end)
                        return self.action_table(following, stop, template), following, stop, _TABLE
                    if self.is_list_item(following):
                        tasks, stop = self.action_list(following, end)
                        return tasks, following, stop, _LIST
            i += 1
        return None

    def after_blank(self, i: int, end: int) -> int | None:
        """The first line from ``i`` on, skipping at most one blank line."""
        if i < end and is_blank(self.lines[i]):
            i += 1
        return i if i < end and not self.opaque[i] else None

    def nested_run_start(self, item: int, end: int) -> int | None:
        """The first line of a list nested under the item at ``item``, if one follows it."""
        base = ITEM.match(content_of(self.lines[item]))
        assert base is not None
        width = len(base.group("indent").expandtabs(4))
        for i in range(item + 1, end):
            line = self.lines[i]
            if is_blank(line):
                continue
            content = content_of(line)
            nested = ITEM.match(content)
            if nested is not None and len(nested.group("indent").expandtabs(4)) > width and is_item(content):
                return i
            return None
        return None

    def is_list_item(self, i: int) -> bool:
        content = content_of(self.lines[i])
        return len(content) - len(content.lstrip(" ")) <= 3 and not content.startswith("\t") and is_item(content)

    def is_table_start(self, i: int) -> bool:
        return not self.opaque[i + 1] and tables.starts_table(self.lines[i], self.lines[i + 1])

    def table_stop(self, i: int, end: int) -> int:
        stop = i + 2
        opaque, text, starts, is_row = self.opaque, self.lines.text, self.lines.starts, tables.is_row
        while stop < end and not opaque[stop] and is_row(text[starts[stop] : starts[stop + 1]]):
            stop += 1
        return stop

    def action_table(self, start: int, stop: int, template: bool) -> Block:
        lines = self.lines
        if self.rows_now is not None:
            return self.plain_table(start, stop, template)
        source = lines[start:stop]
        layout = tables.read_layout(source, self.fmt.eol, widths=self.table_widths)
        columns = tables.columns_of(source[0])
        status_index = layout.roles.get("status")
        if status_index is not None and columns[status_index].strip("*_ ").casefold() in _TRUTHY_COLUMNS:
            layout.yes_no_status = True
        width = layout.width
        body = source[2:]
        reader = TableRowReader(layout.roles, layout.yes_no_status, self.make.item)
        due_index = layout.roles.get("due")
        glyphs = self.glyphs
        row_values = tables.row_values
        cells: list[list[str]] = []
        keep = cells.append if self.keep_cells else None
        for index, line in enumerate(body, start + 2):
            values = row_values(line)
            if keep is not None:
                keep(values)
            count = len(values)
            if status_index is not None and status_index < count:
                status = values[status_index]
                if status in _GLYPHS:
                    glyphs[status] += 1
            if template:
                continue
            if count != width:
                self.warn(index, f"action row has {count} cells; the table has {width} columns")
            due = values[due_index] if due_index is not None and due_index < count else ""
            if not is_readable_due(parse_due(due)):
                self.warn(index, f"due date {due!r} is not a YYYY-MM-DD date")
        if self.keep_cells:
            reader.cells = (body, cells)
        return self.make.table(columns, layout, PendingRows(lines.span(start + 2, stop), start + 3, reader.read_all))

    def plain_table(self, start: int, stop: int, template: bool) -> Block:
        """``action_table`` for a build with ``rows_now`` (the plain read, which writes nothing back).

        Its tables with the same header and delimiter lines share their column names, layout and row
        reader: a file repeats its table's header in every retro, and the plain read only reads them.
        """
        lines = self.lines
        head = (lines[start], lines[start + 1])
        known = None if self.table_widths else self.tables.get(head)
        if known is None:
            # (Whether the columns are aligned depends on every row: then each table is read on its own.)
            source = lines[start:stop] if self.table_widths else list(head)
            layout = tables.read_layout(source, self.fmt.eol, widths=self.table_widths)
            columns = tables.columns_of(head[0])
            status_index = layout.roles.get("status")
            if status_index is not None and columns[status_index].strip("*_ ").casefold() in _TRUTHY_COLUMNS:
                layout.yes_no_status = True
            reader = TableRowReader(layout.roles, layout.yes_no_status, self.make.item)
            known = (columns, layout, reader)
            if not self.table_widths:
                self.tables[head] = known
        columns, layout, reader = known
        width = layout.width
        rows = self.canonical_rows(reader, lines.span(start + 2, stop), start + 2, stop - start - 2, template, width)
        if rows is None:
            rows = self.table_rows(reader, lines[start + 2 : stop], start + 2, template, width)
        assert self.rows_now is not None
        return self.rows_now(columns, layout, rows)

    def canonical_rows(
        self, reader: TableRowReader, text: str, first: int, count: int, template: bool, width: int
    ) -> list[Item] | None:
        """``table_rows`` of a table whose every row is ``| a | b | … |`` (both outer pipes, as many cells as
        columns, no ``\\|``) and has a column for every field, read a column at a time; None for any other.

        ``text`` is the table's ``count`` rows.  Split at its pipes, the piece between two rows (the first's
        blanks and line ending after its last pipe, the next's blanks before its first) comes every
        ``width + 1`` pieces; when each of them is such and nothing else holds a line ending, row ``k``'s cells
        are the pieces after its ``k``-th: what ``tables.row_values`` gives of the row.
        """
        at_item, at_owner, at_due, at_status = reader.at
        if (
            not count
            or reader.missing
            or not reader.has_status
            or reader.extra_from < 0
            or min(reader.at) < 0
            or max(reader.at) >= width
            or "\\|" in text
        ):
            return None
        step = width + 1
        pieces = text.split("|")
        if len(pieces) != count * step + 1 or pieces[0].strip(" \t"):
            return None
        between = pieces[step::step]
        last = between.pop()
        if last not in _BLANK_TAILS and not _ROW_END.fullmatch(last):
            return None
        if not _BETWEEN_ROWS.issuperset(between) and not all(_ROWS_JOINT.fullmatch(piece) for piece in between):
            return None
        cells = [piece.strip(" \t") for piece in pieces]
        written = cells[1 + at_status :: step]
        due_texts = cells[1 + at_due :: step]
        glyphs = self.glyphs
        for status in written:
            if status in _GLYPHS:
                glyphs[status] += 1
        dues = self.dues
        for due_text in due_texts:
            if due_text not in dues:
                parsed = _parse_due(due_text)
                dues[due_text] = (parsed, is_readable_due(parsed))
        read_dues = [dues[due_text] for due_text in due_texts]
        if not template:
            for k, known in enumerate(read_dues):
                if not known[1]:
                    self.warn(first + k, f"due date {due_texts[k]!r} is not a YYYY-MM-DD date")
        statuses = self.statuses[reader.truthy]
        truthy = reader.truthy
        for status in written:
            if status not in statuses:
                statuses[status] = read_cell_status(status, truthy)
        extra_from = 1 + reader.extra_from
        row = self.row
        assert row is not None  # a build with ``table_now`` has ``row``
        return list(
            map(
                row,
                cells[1 + at_item :: step],
                cells[1 + at_owner :: step],
                [known[0] for known in read_dues],
                [statuses[status] for status in written],
                [cells[k + extra_from : k + step] for k in range(0, count * step, step)],
                range(first + 1, first + 1 + count),
            )
        )

    def table_rows(self, reader: TableRowReader, body: list[str], first: int, template: bool, width: int) -> list[Item]:
        """A table's rows (``body``, from line index ``first``), checked and read in one pass, for a build with
        ``rows_now``: the same checks, warnings and items as the check above and ``TableRowReader.read_all``."""
        row = self.row
        assert row is not None  # a build with ``table_now`` has ``row``
        glyphs = self.glyphs
        warn = self.warn
        row_values = tables.row_values
        at_item, at_owner, at_due, at_status = reader.at
        has_status, truthy = reader.has_status, reader.truthy
        simple = not reader.missing and reader.extra_from >= 0
        extra_from = reader.extra_from
        dues = self.dues
        statuses = self.statuses[truthy]
        items: list[Item] = []
        for index, line in enumerate(body, first):
            values = row_values(line)
            count = len(values)
            written = values[at_status] if 0 <= at_status < count else ""
            if written in _GLYPHS and at_status >= 0:
                glyphs[written] += 1
            due_text = values[at_due] if 0 <= at_due < count else ""
            known = dues.get(due_text)
            if known is None:
                parsed = _parse_due(due_text)
                known = dues[due_text] = (parsed, is_readable_due(parsed))
            due = known[0]
            if not template:
                if count != width:
                    warn(index, f"action row has {count} cells; the table has {width} columns")
                if not known[1]:
                    warn(index, f"due date {due_text!r} is not a YYYY-MM-DD date")
            if simple:
                if has_status:
                    status = statuses.get(written)
                    if status is None:
                        status = statuses[written] = read_cell_status(written, truthy)
                else:
                    status = OPEN
                items.append(
                    row(
                        values[at_item] if 0 <= at_item < count else "",
                        values[at_owner] if 0 <= at_owner < count else "",
                        due,
                        status,
                        values[extra_from:],
                        index + 1,
                    )
                )
            else:
                item, owner, due, status, extra = reader.fields(values, due)
                items.append(row(item, owner, due, status, extra, index + 1))
        return items

    def action_list(self, start: int, end: int, nested_under: int | None = None) -> tuple[Block, int]:
        lines = self.lines
        from retrotui.markdown.lists import BOX_AFTER_MARKER, read_run  # (a file without lists never loads them)

        run = read_run(lines, self.opaque, start, end)
        if nested_under is not None:
            # Stop where the item the list is nested in ends.
            outer = read_run(lines, self.opaque, nested_under, end)
            outer_end = outer.heads[1] if len(outer.heads) > 1 else outer.stop
            run.heads = [h for h in run.heads if h < outer_end]
            while run.stop > outer_end or (run.stop > start + 1 and is_blank(lines[run.stop - 1])):
                run.stop -= 1
        offsets = [h - start for h in run.heads]
        box = BOX_AFTER_MARKER.match(content_of(lines[start]))
        layout = TaskLayout(
            indent=run.indent,
            marker=run.marker,
            eol=ending_of(lines[start]) or self.fmt.eol,
            box=box.group(1) + " " + box.group(2) if box else "",
        )
        rows = PendingRows(lines.span(start, run.stop), start + 1, ListRowReader(offsets, self.make.item))
        return self.make.task_list(layout, rows), run.stop

    # -- file conventions ------------------------------------------------------

    def glyph_pair(self) -> tuple[str, str]:
        opens = [g for g, _ in self.glyphs.most_common() if g in OPEN_GLYPHS]
        dones = [g for g, _ in self.glyphs.most_common() if g in DONE_GLYPHS]
        if opens:
            open_glyph = opens[0]
        elif dones and dones[0].startswith(("[", "(")):
            open_glyph = dones[0][0] + " " + dones[0][-1]
        else:
            open_glyph = "☐"
        bracket = open_glyph[:1] in "[("
        family = [g for g in dones if g[:1] == open_glyph[:1]] if bracket else [g for g in dones if g[:1] not in "[("]
        default = open_glyph[0] + "x" + open_glyph[-1] if bracket else "☑"
        return open_glyph, family[0] if family else default

    def bullet_marker(self) -> str:
        counts: Counter[str] = Counter()
        for i in range(min(len(self.lines), 2000)):
            line = self.lines[i]
            if line[:2] in ("- ", "* ", "+ ") and not self.opaque[i]:
                counts[line[0]] += 1
        return counts.most_common(1)[0][0] if counts else "-"


_TABLE, _LIST = "table", "list"  # the kinds of action block
# Between two rows of a table: blanks, one line ending, blanks; after the last: blanks and a line ending, if any.
_ROWS_JOINT = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_ROW_END = re.compile(r"[ \t]*(?:\r\n|\r|\n)?")
_BETWEEN_ROWS = frozenset({"\n", "\r\n", " \n", " \r\n", "\r"})
_BLANK_TAILS = frozenset({"", "\n", "\r\n", "\r", " ", " \n", " \r\n"})
_ACTION_ITEMS = SectionKind.ACTION_ITEMS  # (an enum member looked up on its class takes a microsecond)
_parse_due = parse_due.__wrapped__  # without its cache: the plain read keeps its own, per file (``_Parser.dues``)
_NO_ORIGIN = LineOrigin(0, None, "", "")  # for a build that does not keep origins


def _section_name(text: str) -> tuple[str | None, str, str, SectionKind | None, str]:
    """What a section heading's text says: ``(number, name, number_text, kind, key)``, the strings interned
    (a file repeats its section headings in every retro: the parser reads each text once)."""
    number, name, number_text = split_section_heading(text)
    kind = section_kind(name) if name else _ACTION_ITEMS
    return number, intern(name), intern(number_text), kind, _section_key(name)


@lru_cache(maxsize=1024)  # every retro repeats its section names
def _section_key(name: str) -> str:
    """A section name as compared for duplicates: blanks collapsed, any case."""
    return " ".join(name.split()).casefold()


MakeItem = Callable[[RowOrigin, str, str, "dt.date | str", str, list[str]], Item]


class TableRowReader:
    """Reads table rows into action items (``make``'s) by the table's column roles.

    A field without a column (no Status column, say) is read from the item
    cell where it is written unambiguously: ``~~done item~~``,
    ``(status: blocked)``, ``(due 2025-01-31)``, ``@owner``.
    """

    __slots__ = ("at", "cells", "extra_from", "has_status", "make", "missing", "role_indexes", "roles", "truthy")

    def __init__(self, roles: dict[str, int], truthy: bool, make: MakeItem) -> None:
        self.make = make
        self.roles = roles
        self.role_indexes = frozenset(roles.values())
        self.missing = frozenset(f for f in ("owner", "due", "status") if f not in roles)
        self.truthy = truthy
        self.has_status = "status" in roles
        # Where each field is read from (-1: no column), and, when the roles are the first columns, where
        # the extra cells start: worked out once per table, not per row.
        self.at = tuple(roles.get(role, -1) for role in ("item", "owner", "due", "status"))
        first = len(self.role_indexes)
        self.extra_from = first if self.role_indexes == frozenset(range(first)) else -1
        # The rows' lines and cells as the parser split them (to check them), kept for the one reading of the rows.
        self.cells: tuple[list[str], list[list[str]]] | None = None

    @staticmethod
    def values(source: str) -> list[str]:
        return tables.row_values(source)

    def read_all(self, source: str, first_line: int) -> list[Item]:
        kept, self.cells = self.cells, None
        if kept is not None and "".join(kept[0]) == source:
            lines, cells = kept
        else:
            lines = split_lines(source)
            cells = [tables.row_values(line) for line in lines]
        read = self.read
        return [read(line, first_line + k, values) for k, (line, values) in enumerate(zip(lines, cells, strict=True))]

    def __call__(self, source: str, line: int) -> Item:
        return self.read(source, line, tables.row_values(source))

    def read(self, source: str, line: int, values: list[str]) -> Item:
        """The row ``source`` (at 1-based ``line``) whose cells are ``values``."""
        item, owner, due, status, extra = self.fields(values)
        written = values[self.at[3]] if 0 <= self.at[3] < len(values) else ""
        origin = RowOrigin(source, line, (item, owner, due, status, tuple(extra)), "", written)
        return self.make(origin, item, owner, due, status, extra)

    def fields(
        self, values: list[str], due: dt.date | str | None = None
    ) -> tuple[str, str, dt.date | str, str, list[str]]:
        """``(item, owner, due, status, extra)`` of the row whose cells are ``values``; ``due``, when given, is
        ``parse_due`` of the due cell (read already)."""
        count = len(values)
        at_item, at_owner, at_due, at_status = self.at
        item = values[at_item] if 0 <= at_item < count else ""
        owner = values[at_owner] if 0 <= at_owner < count else ""
        due_text = values[at_due] if 0 <= at_due < count else ""
        written = values[at_status] if 0 <= at_status < count else ""
        status = read_cell_status(written, self.truthy) if self.has_status else OPEN
        if self.missing and at_item >= 0:
            from retrotui.markdown.lists import read_head

            notes = read_head(item, self.missing)
            item = notes.item
            owner = notes.owner if "owner" in self.missing else owner
            if "due" in self.missing:
                due_text, due = notes.due, None
            status = notes.status if "status" in self.missing else status
        if due is None:
            due = parse_due(due_text)
        if self.extra_from >= 0:
            extra = values[self.extra_from :]
        else:
            role_indexes = self.role_indexes
            extra = [v for i, v in enumerate(values) if i not in role_indexes]
        return item, owner, due, status, extra


def read_cell_status(text: str, truthy: bool) -> str:
    """A status cell; in a yes/no "Done" column, ``x``/``yes`` is done and a blank open."""
    if truthy:
        folded = text.strip().casefold()
        if folded in YES_WORDS:
            return DONE
        if folded in NO_WORDS:
            return OPEN
    return parse_status(text)


class ListRowReader:
    """Reads a list run into rows: each item's first line and the lines under it."""

    __slots__ = ("make", "offsets")

    def __init__(self, offsets: list[int], make: MakeItem) -> None:
        self.offsets = offsets
        self.make = make

    def __call__(self, source: str, first_line: int) -> list[Item]:
        from retrotui.markdown.lists import read_head

        lines = split_lines(source)
        rows: list[Item] = []
        make = self.make
        offsets = self.offsets
        for k, offset in enumerate(offsets):
            stop = offsets[k + 1] if k + 1 < len(offsets) else len(lines)
            head = lines[offset]
            row = read_head(content_of(head), _ALL_FIELDS)
            due = parse_due(row.due)
            origin = RowOrigin(
                head,
                first_line + offset,
                (row.item, row.owner, due, row.status, ()),
                "".join(lines[offset + 1 : stop]),
                row.status_text,
            )
            rows.append(make(origin, row.item, row.owner, due, row.status, []))
        return rows
