"""What retrotui understood of a file, said plainly; and the content outside its retros.

``retrotui check`` prints ``summary`` (one line) and, with ``--explain``,
``explain`` (how each part was read, with line numbers).  The editor shows
``other_content`` under an "Other content" entry, so nothing in the file is
out of sight, and edits it with ``replace_other_content``.  No Textual here.
"""

from __future__ import annotations

from retrotui.markdown.lines import Lines, scan
from retrotui.markdown.parser import loads_header
from retrotui.markdown.serializer import render_retro_head, render_section, render_top_block
from retrotui.model import (
    ActionTable,
    DocTitle,
    DocumentBlock,
    HeaderField,
    Retro,
    RetroDocument,
    Section,
    TaskList,
    TextBlock,
)
from retrotui.summary import HINT as HINT
from retrotui.summary import OtherContent as OtherContent
from retrotui.summary import count_line_endings as count_line_endings
from retrotui.summary import plural as _plural
from retrotui.summary import summary as summary
from retrotui.summary import unread_sections as unread_sections


def _block_text(block: DocumentBlock, doc: RetroDocument) -> str:
    fmt = doc.format
    if isinstance(block, Retro):
        return render_retro_head(block, fmt) + "".join(render_section(s, fmt) for s in block.sections)
    return render_top_block(block, fmt)


def other_content(doc: RetroDocument) -> list[OtherContent]:
    """Every run of blocks that is neither a retro nor the template, with its first line and text."""
    found: list[OtherContent] = []
    line = 1
    run_start: int | None = None
    run_line = 1
    pieces: list[str] = []
    # Retros are rendered (to count their lines) only when something follows them: the retros after
    # a file's header, the most of a large file, usually run to its end.
    uncounted: list[Retro] = []
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Retro):
            if run_start is not None:
                found.append(OtherContent(run_start, index - run_start, run_line, "".join(pieces)))
                run_start = None
                pieces = []
            uncounted.append(block)
            continue
        if uncounted:
            line += sum(count_line_endings(_block_text(retro, doc)) for retro in uncounted)
            uncounted = []
        text = _block_text(block, doc)
        if run_start is None:
            run_start, run_line = index, line
        pieces.append(text)
        line += count_line_endings(text)
    if run_start is not None:
        found.append(OtherContent(run_start, len(doc.blocks) - run_start, run_line, "".join(pieces)))
    return [part for part in found if part.text]


def replace_other_content(doc: RetroDocument, part: OtherContent, text: str) -> None:
    """Put ``text`` (Markdown) in place of ``part``; every other line of the file stays as it was.

    Line endings follow the file (CRLF stays CRLF).  Raises ``ValueError`` if
    the document changed since ``part`` was taken from it.
    """
    blocks = doc.blocks[part.index : part.index + part.count]
    current = "".join(_block_text(b, doc) for b in blocks)
    if len(blocks) != part.count or current != part.text or any(isinstance(b, Retro) for b in blocks):
        raise ValueError("the document changed since this content was read; read it again")
    eol = doc.format.eol
    if eol != "\n" and "\r" not in text:
        text = text.replace("\n", eol)
    follows = part.index + part.count < len(doc.blocks)
    if follows and text and not text.endswith(("\n", "\r")):
        text += eol
    new: list[DocumentBlock] = [TextBlock(text=text)] if text else []
    if part.index == 0 and text:
        # The header keeps its title and **Field:** lines as such.
        new = loads_header(text)
    doc.blocks[part.index : part.index + part.count] = new


# -- the report ---------------------------------------------------------------------------


def explain(doc: RetroDocument) -> list[str]:
    """How each part of the file was read, one line each, with its line numbers."""
    from retrotui.safe_text import visible

    out: list[tuple[int, int, int, str]] = []
    unread = unread_sections(doc)
    line = 1
    for block in doc.blocks:
        text = _block_text(block, doc)
        span = max(1, count_line_endings(text) + (0 if text.endswith(("\n", "\r")) else 1))
        first, last = line, line + span - 1
        if isinstance(block, Retro):
            out += _explain_retro(block, doc, first, last)
        line += count_line_endings(text)
    parts = other_content(doc)
    for part in parts:
        span = count_line_endings(part.text) + (0 if part.text.endswith(("\n", "\r")) else 1)
        inside = [u for u in unread if part.line <= u[0] < part.line + span]
        end = (inside[0][0] - 1) if inside else part.line + span - 1
        blocks = doc.blocks[part.index : part.index + part.count]
        if part.index == 0 and any(isinstance(b, (DocTitle, HeaderField)) for b in blocks):
            fields = sum(1 for b in blocks if isinstance(b, HeaderField))
            title = f'title "{doc.title}"' if doc.title is not None else "no title"
            out.append((part.line, end, 0, f"header: {title}, {_plural(fields, 'field')}"))
        elif part.line <= end:
            headings = [h.text for h in scan(Lines(part.text)).headings]
            named = f" ({', '.join(repr(h) for h in headings)})" if headings else ""
            out.append((part.line, end, 0, f"text outside the retros{named}"))
        for first, last, title in inside:
            out.append((first, last, 0, f'not read: top-level section "{title}"'))
    out.sort(key=lambda entry: (entry[0], entry[2]))
    width = max((len(f"{a}-{b}") for a, b, _, _ in out), default=5)
    return [visible(f"{f'{a}-{b}'.ljust(width)}  {'  ' * depth}{what}") for a, b, depth, what in out]


def _explain_retro(retro: Retro, doc: RetroDocument, first: int, last: int) -> list[tuple[int, int, int, str]]:
    fmt = doc.format
    style = {"atx": "heading", "setext": "setext heading", "label": "line of its own"}.get(
        retro.heading_style, "heading"
    )
    date = f"date {retro.date.isoformat()}" if retro.date else "no date"
    what = "template" if retro.is_template else "retro"
    described = f"level {retro.level}, " if style != "line of its own" else ""
    found = [(first, last, 0, f'{what} "{retro.title.strip()}" ({style}, {described}{date})')]
    line = first + count_line_endings(render_retro_head(retro, fmt))
    for section in retro.sections:
        text = render_section(section, fmt)
        span = max(1, count_line_endings(text) + (0 if text.endswith(("\n", "\r")) else 1))
        found.append((line, line + span - 1, 1, _explain_section(section)))
        line += count_line_endings(text)
    return found


def _explain_section(section: Section) -> str:
    name = (f"{section.number}. {section.title}" if section.number else section.title).strip() or "(no heading)"
    kind = section.heading_style
    label = " (label line)" if kind == "label" else ""
    lists = [b for b in section.blocks if isinstance(b, (ActionTable, TaskList))]
    if not lists:
        return f'section "{name}"{label}'
    rows = sum(len(b.rows) for b in lists)
    groups = f" in {len(lists)} groups" if len(lists) > 1 else ""
    if isinstance(lists[0], ActionTable):
        roles = lists[0].column_roles
        names = {"item": "Item", "owner": "Owner", "due": "Due", "status": "Status"}
        columns = ", ".join(
            f"{names[role]}=col {index + 1}" for role, index in sorted(roles.items(), key=lambda r: r[1])
        )
        absent = [names[r] for r in ("owner", "due", "status") if r not in roles]
        missing = f"; no {'/'.join(absent)} column" if absent else ""
        return f'section "{name}"{label} → action table, {_plural(rows, "row")}{groups} ({columns}{missing})'
    done = sum(1 for b in lists for r in b.rows if r.is_done)
    return f'section "{name}"{label} → action list, {_plural(rows, "item")}{groups}, {done} done'
