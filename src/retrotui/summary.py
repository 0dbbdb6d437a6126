"""What ``retrotui check`` says of a file in its last line: retros, action items, sections not read.

Works on the document model and on the plain read (``retrotui.plain``) alike,
through what both have (``retros``, ``all_retros``, ``title``,
``other_content()``), so importing it loads no pydantic.
``retrotui.reading`` has the rest of what is said of a file (``--explain``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from retrotui.markdown.lines import Lines, scan
from retrotui.origins import OtherContent as OtherContent

if TYPE_CHECKING:
    from retrotui.model import RetroDocument

HINT = (
    "retrotui reads a retro from a heading (or a line of its own) with a date or a sprint/retro word, "
    'e.g. "## Sprint 3 (2024-12-03)" or "# Retro 12/01/2022", and its action items from an '
    '"Action Items" (Actions, Next steps, Todo …) section or label holding a table or a list'
)


def count_line_endings(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def unread_sections(doc: RetroDocument) -> list[tuple[int, int, str]]:
    """``(first line, last line, title)`` of each top-level section outside the retros.

    Top-level means at the retros' heading level or above; a heading with
    nothing under it (``## Historical Retrospectives`` over the retros) and
    the document's title are not sections.
    """
    deepest = max((r.level for r in doc.all_retros), default=2)
    title = doc.title
    found: list[tuple[int, int, str]] = []
    for part in doc.other_content():
        lines = Lines(part.text)
        headings = scan(lines).headings
        for k, heading in enumerate(headings):
            if heading.level > deepest:
                continue
            if part.index == 0 and heading.level == 1 and heading.text == title and k == 0:
                continue
            stop = next((h.index for h in headings[k + 1 :] if h.level <= heading.level), len(lines))
            deeper = any(h.level > heading.level for h in headings[k + 1 :] if h.index < stop)
            if not deeper and not lines.span(heading.end, stop).strip():
                continue
            last = part.line + stop - 1
            while last > part.line + heading.index and not lines[last - part.line].strip():
                last -= 1
            found.append((part.line + heading.index, last, heading.text))
    return found


def summary(doc: RetroDocument, today: dt.date, name: str) -> str:
    """``RETRO.md: 5 retros, 18 action items (4 open, 2 overdue); 2 top-level sections not read as retros: …``"""
    from retrotui.safe_text import visible
    from retrotui.tracker import item_counts

    retros = len(doc.retros)
    unread = [title for _first, _last, title in unread_sections(doc)]
    if retros == 0:
        line = f"{name}: no retro recognised"
    else:
        open_count, done, overdue = item_counts(doc, today)
        total = open_count + done
        items = (
            "no action items"
            if total == 0
            else f"{plural(total, 'action item')} ({open_count} open, {overdue} overdue)"
        )
        line = f"{name}: {plural(retros, 'retro')}, {items}"
    if unread:
        titles = ", ".join(f'"{title}"' for title in unread)
        verb = "section not read as a retro" if len(unread) == 1 else "sections not read as retros"
        line += f"; {len(unread)} top-level {verb}: {titles}"
    if retros == 0:
        line += f" ({HINT})"
    return visible(line)
