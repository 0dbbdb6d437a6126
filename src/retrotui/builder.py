"""Adding to a document: a new retro that looks like the file's own, a missing header field.

A new retro follows the file: it goes on top of a newest-first file, its
heading copies the level, words, date format and sprint numbering of the
latest retro (``heading_style``), and its sections are the file's
``Retro Template``'s, else the latest retro's, else the built-in six, unless
a well-known format is asked for.  Sections start empty: prompts are shown
by the editor (``templates.prompts_for``), never written; an empty section
is written the way the file writes one.

Everything built here has no source, so the serializer renders it in the
file's conventions; nothing that was already in the file is touched except
where a blank line has to separate the new block from its neighbour.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from retrotui.carry import CARRY_NOTE as CARRY_NOTE
from retrotui.carry import SOURCE_COLUMN_NAMES as SOURCE_COLUMN_NAMES
from retrotui.carry import source_slot as source_slot
from retrotui.heading_style import HeadingPattern, find_dates, latest_retro, newest_first, next_title, read_pattern
from retrotui.markdown.headings import names_actions
from retrotui.markdown.lines import (
    content_of,
    ending_of,
    ends_line,
    first_line,
    front_matter_length,
    is_blank,
    split_lines,
)
from retrotui.markdown.parser import UNCLOSED_COMMENT, UNCLOSED_FENCE, loads
from retrotui.model import (
    ActionItem,
    ActionTable,
    DocTitle,
    DocumentBlock,
    HeaderField,
    ParseWarning,
    Retro,
    RetroDocument,
    Section,
    SectionBlock,
    SectionKind,
    TaskList,
    TextBlock,
)
from retrotui.templates import SIX_SECTIONS, RetroTemplate, section_heading

FIRST_TITLE = "Retro 1"
# What files write in a section that has nothing in it, when they write anything.
_EMPTY_MARKERS = frozenset({"n/a", "none", "nothing", "tbd", "(none)", "_none_", "*none*", "_n/a_", "*n/a*", "—", "–"})
_ATX = re.compile(r" {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_STYLE_SAMPLE = 100  # the retros next to the latest whose dates decide the date format


@dataclass(frozen=True, slots=True)
class NewHeading:
    """The heading a new retro gets: ``text`` as written, ``title`` and ``date`` as the model holds them.

    The date is in the model only where the serializer writes it as the
    file does (a `` (2025-10-31)`` tail); a date written inside the title
    (``Retro Action Items - 12/01/2026``) is part of ``title`` until the file
    is read again.
    """

    title: str
    date: dt.date | None
    text: str
    level: int


def plan_heading(
    doc: RetroDocument, title: str | None, date: dt.date | None, today: dt.date | None = None
) -> NewHeading:
    """The heading of a retro added now; ``title=None`` suggests one (``Sprint 5`` after ``Sprint 4``).

    The editor's dialog and ``retrotui new`` show it and check ``title``
    against the retros already there before adding.
    """
    previous = latest_retro(doc)
    template = doc.template
    level = previous.level if previous is not None else (template.level if template is not None else 2)
    typed = " ".join(title.split()) if title is not None else None
    if typed == "":
        raise ValueError("a retro needs a title")
    if previous is None:
        chosen = typed or FIRST_TITLE
        return NewHeading(chosen, date, _default_text(chosen, date), level)
    head = heading_text(doc, previous)
    pattern = read_pattern(head, _neighbour_headings(doc, previous), today or date)
    if pattern is None:
        chosen = typed or next_title(head)
        if previous.date is not None and date is not None:
            return NewHeading(chosen, date, _default_text(chosen, date), level)
        return NewHeading(chosen, None, chosen, level)
    if typed is not None and find_dates(typed):
        return NewHeading(typed, None, typed, level)
    chosen = typed if typed is not None else next_title(pattern.title)
    text = pattern.heading(chosen, date)
    if not text:
        raise ValueError("a retro needs a title or a date")
    if date is not None and chosen and _is_iso_tail(pattern):
        return NewHeading(chosen, date, text, level)
    return NewHeading(text, None, text, level)


class TitleTaken(ValueError):
    """The file already has a retro of that title."""

    def __init__(self, title: str) -> None:
        super().__init__(f"there is already a retro called {title!r}")
        self.title = title


def check_new_retro(
    doc: RetroDocument, title: str | None, date: dt.date | None, today: dt.date | None = None
) -> NewHeading:
    """The heading a new retro would get, or ``ValueError`` saying why there is none.

    The one check the editor's dialog and ``retrotui new`` both make: a title
    (typed or suggested) that no retro of the file has yet.
    """
    heading = plan_heading(doc, title, date, today)
    if heading.title.casefold() in {retro.title.casefold() for retro in doc.retros}:
        raise TitleTaken(heading.title)
    if _unclosed(doc):
        blocks = list(doc.blocks)
        try:
            add_retro(doc, heading.title, heading.date, today=today)  # raises HiddenRetro where it would be hidden
        finally:
            doc.blocks = blocks
    return heading


class HiddenRetro(ValueError):
    """The new retro would not be read as one: it would go into a code fence or HTML comment never closed."""

    def __init__(self, line: int, block: str, title: str) -> None:
        self.line = line
        self.reason = f"{block}, so the new retro {title!r} would not be read as one; close it first"
        super().__init__(f"line {line}: {self.reason}")


def _unclosed(doc: RetroDocument) -> list[ParseWarning]:
    """The file's code fences and HTML comments that are never closed (each hides everything after it)."""
    return [w for w in doc.warnings if w.message in (UNCLOSED_FENCE, UNCLOSED_COMMENT)]


def _refuse_if_hidden(doc: RetroDocument, retro: Retro, blocks: list[DocumentBlock]) -> None:
    """Take the new retro out again (``blocks``: the document's before) and raise ``HiddenRetro`` if the
    file as written would not read it as a retro (it went into a block never closed, as code or hidden)."""
    unclosed = _unclosed(doc)
    if not unclosed:
        return
    from retrotui.markdown.serializer import dumps

    if len(loads(dumps(doc)).retros) >= len(doc.retros):  # the new retro is read back with the others
        return
    doc.blocks = blocks
    first = unclosed[0]
    raise HiddenRetro(first.line, first.message.split(";")[0], retro.title)


def _default_text(title: str, date: dt.date | None) -> str:
    return f"{title} ({date.isoformat()})" if date else title


def _is_iso_tail(pattern: HeadingPattern) -> bool:
    """The shape the serializer writes for a new retro with a date: ``Title (2025-10-31)``."""
    if len(pattern.styles) != 1 or not pattern.date_last or pattern.joint != " ":
        return False
    style = pattern.styles[0]
    return (
        (pattern.open_bracket, pattern.close_bracket) == ("(", ")")
        and style.sample.kind == "ymd"
        and style.sample.parts["sep"] == "-"
        and style.pad
    )


def heading_text(doc: RetroDocument, retro: Retro) -> str:
    """The retro's heading as written, without the ``#`` marks (its date tail included)."""
    from retrotui.markdown.serializer import render_retro_head

    line = content_of(first_line(render_retro_head(retro, doc.format)))
    match = _ATX.match(line)
    return match.group(1) if match else line.strip()


def _neighbour_headings(doc: RetroDocument, previous: Retro) -> list[str]:
    retros = doc.retros
    at = next((i for i, r in enumerate(retros) if r is previous), 0)
    nearby = retros[max(0, at - _STYLE_SAMPLE) : at + _STYLE_SAMPLE]
    return [heading_text(doc, retro) for retro in nearby]


def add_retro(
    doc: RetroDocument,
    title: str | None,
    date: dt.date | None = None,
    carry_over: bool = False,
    template: RetroTemplate | None = None,
    today: dt.date | None = None,
) -> Retro:
    """Add a retro that looks like the file's own; ``title=None`` takes the suggested one.

    ``template`` picks a well-known format for the sections instead of the
    file's. Carried items are the open ones of the latest retro.
    """
    heading = plan_heading(doc, title, date, today)
    previous = latest_retro(doc)
    retro = Retro(
        title=heading.title,
        date=heading.date,
        level=heading.level,
        intro=_intro(doc, previous),
        sections=_sections(doc, template, heading.level, previous),
    )
    if carry_over and previous is not None:
        _carry_open_items(doc, retro, previous)
    blocks = list(doc.blocks)
    _insert(doc, retro)
    _refuse_if_hidden(doc, retro, blocks)
    return retro


def carry_label(doc: RetroDocument, source: Retro) -> str:
    """How a carried copy names its retro: the short title (``Sprint 0``) unless another retro shares it."""
    short = source.short_title
    folded = short.casefold()
    if sum(r.short_title.casefold() == folded for r in doc.retros) > 1:
        return source.title
    return short


def carried_copy(item: ActionItem, label: str, table: ActionTable | TaskList | None) -> ActionItem:
    """A copy of an open item for the next retro, marked with where it came from."""
    copy = ActionItem(item=item.item, owner=item.owner, due=item.due, status=item.status, extra=list(item.extra))
    slot = source_slot(table)
    if slot is not None:
        copy.extra += [""] * (slot + 1 - len(copy.extra))
        if not copy.extra[slot].strip():
            copy.extra[slot] = label
    elif not CARRY_NOTE.search(copy.item):
        copy.item = f"{copy.item} (from {label})"
    return copy


def _carry_open_items(doc: RetroDocument, retro: Retro, previous: Retro) -> None:
    table = retro.action_list
    label = carry_label(doc, previous)
    for item in previous.action_items:
        if not item.is_done:
            retro.action_items.append(carried_copy(item, label, table))


# -- the new retro's body --------------------------------------------------------------------


def _starts_blank(text: str) -> bool:
    """The text's first line is blank (and ends: LF, CRLF or a lone CR)."""
    line = first_line(text)
    return ends_line(line) and is_blank(line)


def _ends_blank(text: str) -> bool:
    """The text ends with an empty line (just its ending: LF, CRLF or a lone CR)."""
    ending = ending_of(text)
    rest = text[: len(text) - len(ending)]
    return bool(ending) and (not rest or ends_line(rest))


def _intro(doc: RetroDocument, previous: Retro | None) -> list[TextBlock]:
    """A blank line after the heading, as the latest retro has one (or as the template does)."""
    source = previous or doc.template
    if source is not None and source.sections and not any(_starts_blank(b.text) for b in source.intro[:1]):
        return []
    return [TextBlock(text=doc.format.eol)]


def _separated(retro: Retro) -> bool:
    """Whether the retro's sections are divided by a blank line (most are)."""
    votes = Counter(_ends_blank(_section_text(section)) for section in retro.sections[:-1])
    return votes[True] >= votes[False]


def _section_text(section: Section) -> str:
    tail = section.blocks[-1] if section.blocks else None
    return tail.text if isinstance(tail, TextBlock) else ""


def empty_section_marker(doc: RetroDocument) -> str | None:
    """What the file writes in a section with nothing in it (``N/A``, ``None``), if it writes anything."""
    counts: Counter[str] = Counter()
    retros = doc.retros
    for retro in retros[:50] + retros[-50:] if len(retros) > 100 else retros:
        for section in retro.sections:
            if section.action_list is not None:
                continue
            body = "".join(b.text for b in section.blocks if isinstance(b, TextBlock)).strip()
            if body.casefold() in _EMPTY_MARKERS:
                counts[body] += 1
    return counts.most_common(1)[0][0] if counts else None


def _sections(doc: RetroDocument, chosen: RetroTemplate | None, level: int, previous: Retro | None) -> list[Section]:
    """Empty sections in the shape of the chosen format, the file's template, the latest retro or the six."""
    eol = doc.format.eol
    marker = empty_section_marker(doc)
    source = doc.template if doc.template is not None and doc.template.sections else previous
    if chosen is not None or source is None or not source.sections:
        sections = _from_builtin(chosen, level + 1, eol, marker)
        last_list = previous.action_list if previous is not None else None
        if chosen is None and isinstance(last_list, ActionTable):
            for section in sections:
                if section.action_list is not None:
                    section.blocks[-1] = last_list.empty_copy()
        separated = previous is None or not previous.sections or _separated(previous)
    else:
        own_list = source.action_list
        sections = [_empty_like(s, own_list, eol, marker) for s in source.sections]
        separated = _separated(previous) if previous is not None and previous.sections else _separated(source)
    if separated:
        for section in sections[:-1]:
            section.blocks.append(TextBlock(text=eol))
    return sections


def _empty_like(source: Section, own_list: ActionTable | TaskList | None, eol: str, marker: str | None) -> Section:
    """``source``'s heading over an empty body; its action list kept empty, in the same style."""
    blocks: list[SectionBlock] = []
    found = source.action_list
    keeps_list = found is not None and found is own_list
    lead = source.blocks[0] if source.blocks else None
    if isinstance(lead, TextBlock) and _starts_blank(lead.text) and (keeps_list or marker is not None):
        blocks.append(TextBlock(text=eol))
    if found is not None and keeps_list:
        if source.kind != SectionKind.ACTION_ITEMS:
            blocks += _label_over(source, found)
        blocks.append(found.empty_copy())
    elif marker is not None:
        blocks.append(TextBlock(text=marker + eol))
    return Section(title=source.title, kind=source.kind, number=source.number, level=source.level, blocks=blocks)


def _label_over(section: Section, found: ActionTable | TaskList) -> list[SectionBlock]:
    """The line naming the list (``Action items:``, ``#### Next steps``) when the section is not an
    action section: the parser reads a list there only under it, so a carried list needs it too."""
    index = next(n for n, block in enumerate(section.blocks) if block is found)
    before = section.blocks[index - 1] if index else None
    if not isinstance(before, TextBlock):
        return []
    lines = split_lines(before.text)
    cut = len(lines)
    while cut and is_blank(lines[cut - 1]):
        cut -= 1
    if not cut or not names_actions(content_of(lines[cut - 1])):
        return []
    return [TextBlock(text="".join(lines[cut - 1 :]))]


def _from_builtin(chosen: RetroTemplate | None, level: int, eol: str, marker: str | None) -> list[Section]:
    template = chosen or SIX_SECTIONS
    sections: list[Section] = []
    for index, spec in enumerate(template.sections):
        blocks: list[SectionBlock]
        if spec.actions:
            blocks = [TextBlock(text=eol), ActionTable(columns=["Item", "Owner", "Due Date", "Status"])]
        else:
            blocks = [TextBlock(text=marker + eol)] if marker is not None else []
        kind = SectionKind.ACTION_ITEMS if spec.actions else SectionKind(spec.kind) if spec.kind else None
        number = str(index + 1) if template.numbered else None
        title = section_heading(template, index).removeprefix(f"{number}. ") if number else spec.title
        sections.append(Section(title=title, kind=kind, number=number, level=level, blocks=blocks))
    return sections


# -- where it goes ---------------------------------------------------------------------------


def _insert(doc: RetroDocument, retro: Retro) -> None:
    blocks = doc.blocks
    eol = doc.format.eol
    existing = doc.retros
    if existing and newest_first(doc):
        index = _index(blocks, existing[0])
    elif existing:
        index = _index(blocks, existing[-1]) + 1
    else:
        index = _after_history_heading(blocks)
    if index > 0 and not _ends_with_blank_line(blocks[index - 1]):
        blocks.insert(index, TextBlock(text=eol))
        index += 1
    blocks.insert(index, retro)
    if index + 1 < len(blocks) and not _starts_with_blank_line(blocks[index + 1]):
        target = retro.sections[-1].blocks if retro.sections else retro.intro
        target.append(TextBlock(text=eol))


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


def _starts_with_blank_line(block: DocumentBlock) -> bool:
    return isinstance(block, TextBlock) and _starts_blank(block.text)


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
    return _ends_blank(text)


def after_front_matter(doc: RetroDocument) -> int:
    """Where a block put at the top of the file goes: 0, or after the front matter (``---`` … ``---``),
    which is split off the text it starts (front matter is front matter only on the file's first line)."""
    blocks = doc.blocks
    first = blocks[0] if blocks else None
    if not isinstance(first, TextBlock):
        return 0
    length = front_matter_length(first.text)
    if length == 0:
        return 0
    if length < len(first.text):
        blocks[0:1] = [TextBlock(text=first.text[:length]), TextBlock(text=first.text[length:])]
    return 1


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
        top = after_front_matter(doc)
        apart = top < len(blocks) and not (top and _starts_with_blank_line(blocks[top]))
        blocks[top:top] = [field, TextBlock(text=eol)] if apart else [field]
