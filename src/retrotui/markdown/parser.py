"""``loads``: text to a source-preserving ``RetroDocument``; never raises.

Every line of the input ends up in exactly one block's source, in order, so
the serializer can give back the text unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from sys import intern

from retrotui.markdown import tables
from retrotui.markdown.headings import (
    is_template_title,
    section_kind,
    split_retro_heading,
    split_section_heading,
)
from retrotui.markdown.lines import (
    Heading,
    Lines,
    Scan,
    content_of,
    ending_of,
    is_blank,
    is_setext_h1_underline,
    parse_heading,
    scan,
)
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
    TaskLayout,
    TaskList,
    TextBlock,
    trusted,
)
from retrotui.values import (
    DONE,
    DONE_GLYPHS,
    OPEN,
    OPEN_GLYPHS,
    is_readable_due,
    parse_due,
    parse_status,
)

_HEADER_FIELD = re.compile(
    r"( {0,3}(?:\*\*(?P<a>[^*]+?)[ \t]*:[ \t]*\*\*|\*\*(?P<b>[^*]+?)\*\*[ \t]*:)[ \t]*)(?P<value>.*?)([ \t]*)$"
)
TASK_LINE = re.compile(
    r"(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])[ \t]+\[(?P<check>[ xX])\](?:[ \t]+(?P<body>.*?))?[ \t]*$"
)
_TASK_BODY = re.compile(
    r"(?P<item>.*?)"
    r"(?:[ \t]+(?P<owner>@[^\s()]+)|[ \t]+\(owner:[ \t]*(?P<named>[^()]*?)\))?"
    r"(?:[ \t]+\(due:?[ \t]+(?P<due>[^()]*?)\))?"
    r"(?:[ \t]+\(status:[ \t]*(?P<status>[^()]*?)\))?$"
)


def loads(text: str) -> RetroDocument:
    """Read a retrospective file's text. Problems become ``doc.warnings``."""
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    lines = Lines(body)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    fmt = DocFormat(eol=eol, bom=bom, final_eol=not body or body.endswith("\n"))
    return _Parser(scan(lines), fmt).parse()


class _Parser:
    def __init__(self, found: Scan, fmt: DocFormat) -> None:
        self.lines = found.lines
        self.opaque = found.opaque
        self.headings = found.headings
        self.unclosed_fence = found.unclosed_fence
        self.fmt = fmt
        self.warnings: list[ParseWarning] = []
        self.glyphs: Counter[str] = Counter()

    def text(self, start: int, end: int) -> str:
        return self.lines.span(start, end)

    def warn(self, index: int, message: str) -> None:
        self.warnings.append(ParseWarning(line=index + 1, message=message))

    # -- document level -----------------------------------------------------

    def parse(self) -> RetroDocument:
        blocks: list[DocumentBlock] = []
        tops = [k for k, h in enumerate(self.headings) if h.level <= 2]
        in_header = True
        text_start = 0
        for position, k in enumerate(tops):
            heading = self.headings[k]
            end_k = tops[position + 1] if position + 1 < len(tops) else len(self.headings)
            end = self.headings[end_k].index if end_k < len(self.headings) else len(self.lines)
            subs = self.headings[k + 1 : end_k]
            if heading.level == 2 and self.is_retro(heading, subs):
                self.top_text(blocks, text_start, heading.index, in_header)
                blocks.append(self.retro(heading, subs, end))
                in_header = False
                text_start = end
        self.top_text(blocks, text_start, len(self.lines), in_header)
        if self.unclosed_fence is not None:
            self.warn(self.unclosed_fence, "code fence is never closed; the rest is read as code")
        doc = trusted(RetroDocument, None, blocks=blocks, warnings=self.warnings)
        self.fmt.open_glyph, self.fmt.done_glyph = self.glyph_pair()
        self.fmt.bullet = self.bullet_marker()
        doc._format = self.fmt
        return doc

    def is_retro(self, heading: Heading, subs: list[Heading]) -> bool:
        if subs:
            return True
        _, date, _ = split_retro_heading(heading.text)
        return date is not None

    def top_text(self, blocks: list[DocumentBlock], start: int, end: int, header: bool) -> None:
        """Text outside retros; in the header, the title and ``**Field:**`` lines."""
        if not header:
            if start < end:
                blocks.append(trusted(TextBlock, None, text=self.text(start, end)))
            return
        has_title = any(isinstance(b, DocTitle) for b in blocks)
        plain = start
        i = start
        while i < end:
            special: DocumentBlock | None = None
            taken = 1
            if not self.opaque[i]:
                if not has_title:
                    special, taken = self.title_at(i, end, start)
                    has_title = special is not None
                if special is None:
                    special = self.header_field_at(i)
            if special is None:
                i += 1
                continue
            if plain < i:
                blocks.append(trusted(TextBlock, None, text=self.text(plain, i)))
            blocks.append(special)
            i += taken
            plain = i
        if plain < end:
            blocks.append(trusted(TextBlock, None, text=self.text(plain, end)))

    def title_at(self, i: int, end: int, start: int) -> tuple[DocTitle | None, int]:
        line = self.lines[i]
        if line.lstrip(" ").startswith("#"):
            heading = parse_heading(i, line)
            if heading is None or heading.level != 1:
                return None, 1
            origin = LineOrigin(i + 1, heading.text, heading.prefix, heading.suffix)
            title = trusted(DocTitle, origin, text=heading.text)
            return title, 1
        previous_blank = i == start or is_blank(self.lines[i - 1])
        if (
            previous_blank
            and not is_blank(line)
            and i + 1 < end
            and not self.opaque[i + 1]
            and is_setext_h1_underline(self.lines[i + 1])
        ):
            content = content_of(line)
            text = content.strip(" \t")
            lead = content[: len(content) - len(content.lstrip(" \t"))]
            suffix = content[len(lead) + len(text) :] + ending_of(line) + self.lines[i + 1]
            title = trusted(DocTitle, LineOrigin(i + 1, text, lead, suffix), text=text)
            return title, 2
        return None, 1

    def header_field_at(self, i: int) -> HeaderField | None:
        line = self.lines[i]
        if "**" not in line:
            return None
        content = content_of(line)
        match = _HEADER_FIELD.match(content)
        if match is None:
            return None
        label = (match.group("a") or match.group("b") or "").strip()
        value = match.group("value")
        suffix = content[match.end("value") :] + line[len(content) :]
        return trusted(HeaderField, LineOrigin(i + 1, value, match.group(1), suffix), label=label, value=value)

    # -- retros and sections -------------------------------------------------

    def retro(self, heading: Heading, subs: list[Heading], end: int) -> Retro:
        title, date, date_text = split_retro_heading(heading.text)
        template = is_template_title(title)
        section_level = min((h.level for h in subs), default=heading.level + 1)
        starts = [h for h in subs if h.level == section_level]
        intro_end = starts[0].index if starts else end
        intro = (
            [trusted(TextBlock, None, text=self.text(heading.index + 1, intro_end))]
            if heading.index + 1 < intro_end
            else []
        )
        sections: list[Section] = []
        seen: dict[str, int] = {}
        has_actions = False
        for position, start in enumerate(starts):
            stop = starts[position + 1].index if position + 1 < len(starts) else end
            number, name, number_text = split_section_heading(start.text)
            kind = section_kind(name)
            key = kind.value if kind else name.strip().casefold()
            if key in seen and not template:
                self.warn(
                    start.index,
                    f"duplicate section {name.strip()!r} in {title.strip()!r} (first at line {seen[key]})",
                )
            seen.setdefault(key, start.index + 1)
            wants_actions = kind == SectionKind.ACTION_ITEMS and not has_actions
            blocks = self.section_body(start.index + 1, stop, wants_actions, template)
            has_actions = has_actions or any(not isinstance(b, TextBlock) for b in blocks)
            name = intern(name)
            origin = LineOrigin(start.index + 1, (number, name), start.prefix, start.suffix, intern(number_text))
            sections.append(
                trusted(Section, origin, title=name, kind=kind, number=number, level=start.level, blocks=blocks)
            )
        origin = LineOrigin(heading.index + 1, (title, date), heading.prefix, heading.suffix, date_text)
        return trusted(
            Retro,
            origin,
            title=title,
            date=date,
            level=heading.level,
            intro=intro,
            sections=sections,
            is_template=template,
        )

    def section_body(self, start: int, end: int, wants_actions: bool, template: bool) -> list[SectionBlock]:
        blocks: list[SectionBlock] = []
        if wants_actions:
            found = self.find_action_list(start, end, template)
            if found is not None:
                block, first, last = found
                if start < first:
                    blocks.append(trusted(TextBlock, None, text=self.text(start, first)))
                blocks.append(block)
                start = last
        if start < end:
            blocks.append(trusted(TextBlock, None, text=self.text(start, end)))
        return blocks

    def find_action_list(self, start: int, end: int, template: bool) -> tuple[ActionTable | TaskList, int, int] | None:
        lines = self.lines
        for i in range(start, end):
            if self.opaque[i]:
                continue
            line = lines[i]
            if "|" in line and i + 1 < end and not self.opaque[i + 1] and tables.starts_table(line, lines[i + 1]):
                stop = i + 2
                while stop < end and not self.opaque[stop] and tables.is_row(lines[stop]):
                    stop += 1
                return self.action_table(i, stop, template), i, stop
            if "[" in line:
                match = TASK_LINE.match(content_of(line))
                if match is not None:
                    tasks, stop = self.task_list(i, end, match.group("indent"))
                    return tasks, i, stop
        return None

    def action_table(self, start: int, stop: int, template: bool) -> ActionTable:
        lines = self.lines
        layout = tables.read_layout(lines[start:stop], self.fmt.eol)
        reader = TableRowReader(layout.roles)
        status_index = layout.roles.get("status")
        due_index = layout.roles.get("due")
        for index in range(start + 2, stop):
            values = reader.values(lines[index])
            if status_index is not None and status_index < len(values):
                status = values[status_index]
                if status in OPEN_GLYPHS or status in DONE_GLYPHS:
                    self.glyphs[status] += 1
            if template:
                continue
            if len(values) != layout.width:
                self.warn(index, f"action row has {len(values)} cells; the table has {layout.width} columns")
            due = values[due_index] if due_index is not None and due_index < len(values) else ""
            if not is_readable_due(parse_due(due)):
                self.warn(index, f"due date {due!r} is not a YYYY-MM-DD date")
        columns = [tables.cell_value(c.strip()) for c in tables.split_row(content_of(lines[start]))[0]]
        table = trusted(ActionTable, None, columns=columns)
        table._layout = layout
        table._pending = PendingRows(lines.span(start + 2, stop), start + 3, reader)
        return table

    def task_list(self, start: int, end: int, indent: str) -> tuple[TaskList, int]:
        marker = "-"
        i = start
        while i < end and not self.opaque[i]:
            match = TASK_LINE.match(content_of(self.lines[i]))
            if match is None or match.group("indent") != indent:
                break
            if i == start:
                marker = match.group("marker")
            i += 1
        tasks = trusted(TaskList, None)
        tasks._layout = TaskLayout(indent=indent, marker=marker, eol=ending_of(self.lines[start]) or self.fmt.eol)
        tasks._pending = PendingRows(self.lines.span(start, i), start + 1, read_task_row)
        return tasks, i

    # -- file conventions ------------------------------------------------------

    def glyph_pair(self) -> tuple[str, str]:
        opens = [g for g, _ in self.glyphs.most_common() if g in OPEN_GLYPHS]
        dones = [g for g, _ in self.glyphs.most_common() if g in DONE_GLYPHS]
        if opens:
            open_glyph = opens[0]
        elif dones and dones[0].startswith("["):
            open_glyph = "[ ]"
        else:
            open_glyph = "☐"
        bracket = open_glyph.startswith("[")
        family = [g for g in dones if g.startswith("[") == bracket]
        return open_glyph, family[0] if family else ("[x]" if bracket else "☑")

    def bullet_marker(self) -> str:
        counts: Counter[str] = Counter()
        for i in range(min(len(self.lines), 2000)):
            line = self.lines[i]
            if line[:2] in ("- ", "* ", "+ ") and not self.opaque[i]:
                counts[line[0]] += 1
        return counts.most_common(1)[0][0] if counts else "-"


class TableRowReader:
    """Reads one table row into an ``ActionItem`` by the table's column roles."""

    __slots__ = ("role_indexes", "roles")

    def __init__(self, roles: dict[str, int]) -> None:
        self.roles = roles
        self.role_indexes = frozenset(roles.values())

    @staticmethod
    def values(source: str) -> list[str]:
        return [tables.cell_value(c.strip(" \t")) for c in tables.split_row(content_of(source))[0]]

    def __call__(self, source: str, line: int) -> ActionItem:
        values = self.values(source)
        count = len(values)
        roles = self.roles

        def get(role: str) -> str:
            position = roles.get(role)
            return values[position] if position is not None and position < count else ""

        item, owner, due, status = get("item"), get("owner"), parse_due(get("due")), parse_status(get("status"))
        extra = [v for i, v in enumerate(values) if i not in self.role_indexes]
        origin = RowOrigin(source, line, (item, owner, due, status, tuple(extra)))
        return trusted(ActionItem, origin, item=item, owner=owner, due=due, status=status, extra=extra)


def read_task_row(source: str, line: int) -> ActionItem:
    match = TASK_LINE.match(content_of(source))
    assert match is not None  # task lists only hold lines that matched
    body = _TASK_BODY.match(match.group("body") or "")
    assert body is not None  # the pattern matches any text
    item = body.group("item")
    owner = body.group("owner") or body.group("named") or ""
    due = parse_due(body.group("due") or "")
    status = body.group("status") or (OPEN if match.group("check") == " " else DONE)
    origin = RowOrigin(source, line, (item, owner, due, status, ()))
    return trusted(ActionItem, origin, item=item, owner=owner, due=due, status=status, extra=[])
