"""A first look at a file without the document model: its retros' titles and the newest retro's sections.

The editor shows this in its first frame, so the newest retro is on screen at
once, while the model (and pydantic with it) loads in the background; the
real, editable view then takes its place.  It reads the file with the same
rules as the parser (``markdown.structure.find_retros``), so both agree on
what the retros are; it only has less detail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from retrotui.markdown.bullets import bullets
from retrotui.markdown.headings import section_kind, split_retro_heading, split_section_heading
from retrotui.markdown.lines import Lines, scan
from retrotui.markdown.structure import find_retros
from retrotui.order import runs_newest_first
from retrotui.sections import SectionKind

KIND_ORDER = {kind: n for n, kind in enumerate(SectionKind)}


@dataclass(frozen=True, slots=True)
class OutlineSection:
    title: str
    kind: SectionKind | None
    items: tuple[str, ...]  # its bullets, or its lines of text when it has no list


@dataclass(frozen=True, slots=True)
class Outline:
    titles: tuple[str, ...]  # the retros, newest first, as the retro list shows them
    has_template: bool
    newest_title: str
    newest_date: dt.date | None
    sections: tuple[OutlineSection, ...]  # the newest retro's, in the order its tabs are shown


def outline(text: str) -> Outline:
    found = scan(Lines(text[1:] if text.startswith("\ufeff") else text))
    lines = found.lines
    spans, day_first = find_retros(lines, found.opaque, found.headings)
    retros = [span for span in spans if not span.template]
    heads = [split_retro_heading(span.head.text, day_first) for span in retros]
    titles = [title for title, _, _ in heads]
    newest_first = runs_newest_first([date for _, date, _ in heads], titles)
    order = list(range(len(retros))) if newest_first else list(reversed(range(len(retros))))
    if not order:
        return Outline((), any(span.template for span in spans), "", None, ())
    newest = retros[order[0]]
    sections = []
    for position, start in enumerate(newest.sections):
        stop = newest.sections[position + 1].index if position + 1 < len(newest.sections) else newest.end
        _, name, _ = split_section_heading(start.text)
        body = lines.span(start.end, stop)
        items = bullets(body) or [line for line in body.splitlines() if line.strip()]
        sections.append(OutlineSection(name, section_kind(name) if name else None, tuple(items)))
    known = sorted((s for s in sections if s.kind is not None), key=lambda s: KIND_ORDER[s.kind])  # type: ignore[index]
    ordered = known + [s for s in sections if s.kind is None]
    title, date, _ = heads[order[0]]
    return Outline(tuple(titles[i] for i in order), any(span.template for span in spans), title, date, tuple(ordered))
