"""A first look at a file without the document model: its retros' titles and the newest retro's sections.

The editor shows this in its first frame, so the newest retro is on screen at
once, while the model (and pydantic with it) loads in the background; the
real, editable view then takes its place.  It reads the file with the same
rules as the parser (``markdown.structure.find_retros``), so both agree on
what the retros are; it only has less detail.
"""

from __future__ import annotations

import datetime as dt

from retrotui.first_look import Outline, OutlineSection
from retrotui.markdown.bullets import bullets
from retrotui.markdown.headings import section_kind, split_retro_heading, split_section_heading
from retrotui.markdown.lines import Lines, scan
from retrotui.markdown.structure import find_retros
from retrotui.order import newest_first_by
from retrotui.sections import SectionKind

KIND_ORDER = {kind: n for n, kind in enumerate(SectionKind)}


def outline(text: str, titles: int | None = None) -> Outline:
    """The file's first look; ``titles``: how many of the retros' titles to read (None: all).

    Which way the retros run needs only the first and the last retro with a
    date (``order.newest_first_by``), so a first look at a file of 1,000
    retros reads the dates of a few headings and the titles it shows, not
    every heading.
    """
    found = scan(Lines(text[1:] if text.startswith("\ufeff") else text))
    lines = found.lines
    spans, day_first = find_retros(lines, found.opaque, found.headings)
    retros = [span for span in spans if not span.template]
    read: dict[int, tuple[str, dt.date | None, str]] = {}

    def head(n: int) -> tuple[str, dt.date | None, str]:
        if n not in read:
            read[n] = split_retro_heading(retros[n].head.text, day_first)
        return read[n]

    newest_first = newest_first_by(len(retros), lambda n: head(n)[1], lambda n: head(n)[0])
    order = range(len(retros)) if newest_first else range(len(retros) - 1, -1, -1)
    if not order:
        return Outline((), any(span.template for span in spans), "", None, ())
    shown = order if titles is None else order[:titles]
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
    title, date, _ = head(order[0])
    return Outline(tuple(head(n)[0] for n in shown), any(span.template for span in spans), title, date, tuple(ordered))
