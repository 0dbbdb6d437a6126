"""``loads``: text to a source-preserving ``RetroDocument``; never raises.

Every line of the input ends up in exactly one block's source, in order, so
the serializer can give back the text unchanged.
"""

from __future__ import annotations

import re
from collections import Counter

from retrotui.markdown import tables
from retrotui.markdown.headings import (
    is_template_title,
    section_kind,
    split_retro_heading,
    split_section_heading,
)
from retrotui.markdown.lines import (
    Heading,
    Scan,
    content_of,
    ending_of,
    is_blank,
    is_setext_h1_underline,
    parse_heading,
    scan,
    split_lines,
)
from retrotui.model import (
    ActionItem,
    ActionTable,
    DocFormat,
    DocTitle,
    DocumentBlock,
    HeaderField,
    Origin,
    ParseWarning,
    Retro,
    RetroDocument,
    Section,
    SectionBlock,
    SectionKind,
    TableLayout,
    TaskLayout,
    TaskList,
    TextBlock,
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
    lines = split_lines(body)
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
        return "".join(self.lines[start:end])

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
        doc = RetroDocument.model_construct(blocks=blocks, warnings=self.warnings)
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
                blocks.append(TextBlock.model_construct(text=self.text(start, end)))
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
                blocks.append(TextBlock.model_construct(text=self.text(plain, i)))
            blocks.append(special)
            i += taken
            plain = i
        if plain < end:
            blocks.append(TextBlock.model_construct(text=self.text(plain, end)))

    def title_at(self, i: int, end: int, start: int) -> tuple[DocTitle | None, int]:
        line = self.lines[i]
        if line.lstrip(" ").startswith("#"):
            heading = parse_heading(i, line)
            if heading is None or heading.level != 1:
                return None, 1
            title = DocTitle.model_construct(text=heading.text)
            title._origin = Origin(line, i + 1, heading.text, heading.prefix, heading.suffix)
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
            title = DocTitle.model_construct(text=text)
            title._origin = Origin(line + self.lines[i + 1], i + 1, text, lead, suffix)
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
        field = HeaderField.model_construct(label=label, value=value)
        suffix = content[match.end("value") :] + line[len(content) :]
        field._origin = Origin(line, i + 1, value, match.group(1), suffix)
        return field

    # -- retros and sections -------------------------------------------------

    def retro(self, heading: Heading, subs: list[Heading], end: int) -> Retro:
        title, date, date_text = split_retro_heading(heading.text)
        template = is_template_title(title)
        section_level = min((h.level for h in subs), default=heading.level + 1)
        starts = [h for h in subs if h.level == section_level]
        intro_end = starts[0].index if starts else end
        intro = (
            [TextBlock.model_construct(text=self.text(heading.index + 1, intro_end))]
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
            section = Section.model_construct(title=name, kind=kind, number=number, level=start.level, blocks=blocks)
            section._origin = Origin(
                self.lines[start.index],
                start.index + 1,
                (number, name),
                start.prefix,
                start.suffix,
                aux=number_text,
            )
            sections.append(section)
        retro = Retro.model_construct(
            title=title,
            date=date,
            level=heading.level,
            intro=intro,
            sections=sections,
            is_template=template,
        )
        retro._origin = Origin(
            self.lines[heading.index],
            heading.index + 1,
            (title, date),
            heading.prefix,
            heading.suffix,
            aux=date_text,
        )
        return retro

    def section_body(self, start: int, end: int, wants_actions: bool, template: bool) -> list[SectionBlock]:
        blocks: list[SectionBlock] = []
        if wants_actions:
            found = self.find_action_list(start, end, template)
            if found is not None:
                block, first, last = found
                if start < first:
                    blocks.append(TextBlock.model_construct(text=self.text(start, first)))
                blocks.append(block)
                start = last
        if start < end:
            blocks.append(TextBlock.model_construct(text=self.text(start, end)))
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
        layout = tables.read_layout(self.lines[start:stop], self.fmt.eol)
        columns = [tables.cell_value(c.strip()) for c in tables.split_row(content_of(self.lines[start]))[0]]
        rows = [self.table_row(i, layout, template) for i in range(start + 2, stop)]
        table = ActionTable.model_construct(columns=columns, rows=rows)
        table._layout = layout
        return table

    def table_row(self, index: int, layout: TableLayout, template: bool) -> ActionItem:
        line = self.lines[index]
        cells = [c.strip(" \t") for c in tables.split_row(content_of(line))[0]]
        values = [tables.cell_value(c) for c in cells]
        roles = layout.roles
        role_indexes = set(roles.values())

        def get(role: str) -> str:
            position = roles.get(role)
            return values[position] if position is not None and position < len(values) else ""

        status_text = get("status")
        if status_text in OPEN_GLYPHS or status_text in DONE_GLYPHS:
            self.glyphs[status_text] += 1
        due = parse_due(get("due"))
        row = ActionItem.model_construct(
            item=get("item"),
            owner=get("owner"),
            due=due,
            status=parse_status(status_text),
            extra=[v for i, v in enumerate(values) if i not in role_indexes],
        )
        row._origin = Origin(line, index + 1, row.values(), cells=cells)
        if not template:
            if len(cells) != layout.width:
                self.warn(index, f"action row has {len(cells)} cells; the table has {layout.width} columns")
            if not is_readable_due(due):
                self.warn(index, f"due date {get('due')!r} is not a YYYY-MM-DD date")
        return row

    def task_list(self, start: int, end: int, indent: str) -> tuple[TaskList, int]:
        rows: list[ActionItem] = []
        marker = "-"
        i = start
        while i < end and not self.opaque[i]:
            match = TASK_LINE.match(content_of(self.lines[i]))
            if match is None or match.group("indent") != indent:
                break
            if i == start:
                marker = match.group("marker")
            body = _TASK_BODY.match(match.group("body") or "")
            assert body is not None  # the pattern matches any text
            check = match.group("check")
            row = ActionItem.model_construct(
                item=body.group("item"),
                owner=body.group("owner") or body.group("named") or "",
                due=parse_due(body.group("due") or ""),
                status=body.group("status") or (OPEN if check == " " else DONE),
                extra=[],
            )
            row._origin = Origin(self.lines[i], i + 1, row.values(), cells=[check])
            rows.append(row)
            i += 1
        tasks = TaskList.model_construct(rows=rows)
        tasks._layout = TaskLayout(indent=indent, marker=marker, eol=ending_of(self.lines[start]) or self.fmt.eol)
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
        for i, line in enumerate(self.lines[:2000]):
            if line[:2] in ("- ", "* ", "+ ") and not self.opaque[i]:
                counts[line[0]] += 1
        return counts.most_common(1)[0][0] if counts else "-"
