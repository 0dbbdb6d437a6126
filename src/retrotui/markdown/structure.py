"""Which parts of a file are retros, and where each retro's sections start.

Files put their retros at different heading levels: the seed has a ``#``
title over ``##`` retros, others one ``#`` per retro, or ``##`` retros whose
sections are ``##`` too, or no headings at all (``SPRINT 3`` on a line of its
own, ``Went well:`` over a list).  The rules, in order:

1. A heading says it is a retro by a date (``12/01/2022``, ``3.12.2024``,
   ``Oct 17, 2025``, ``2025-5-9``) or a numbered sprint/retro word
   (``Sprint 3``, ``Retro #4``): strong.  A retro word alone
   (``Retrospective``, ``회고``) is weak and needs a body; a plural one
   (``Historical Retrospectives``) heads many retros and is none.  A time of
   day (``### 15:08``) is a timeline entry, not a retro.  A heading whose
   sub-headings are two or more well-known sections (``What went well``,
   ``Open Items``) is a retro by its structure.
2. The retro level is the heading level with the most strong headings (a
   template counts); without any, weak ones win over structural ones unless
   there are several structural ones and at most one weak.
3. Every candidate at that level is a retro.  A retro with no sub-headings
   takes the well-known section headings that follow it at its own level
   (``## 2020-03-19`` then ``## Actions``, ``## Went well``).
4. Short plain lines with a numbered sprint or retro word, or a date beside
   one (``SPRINT 3``, ``14/10/2021 - Retrospective``), are retros where no
   heading retro comes before them, if something is written under them.
5. A retro with no section headings takes its label lines (``Went well:``,
   ``**Action items**``, `` Mad``) as sections.
"""

from __future__ import annotations

from retrotui.markdown.headings import (
    NOT_A_RETRO,
    RetroSense,
    has_retro_word,
    is_section_name,
    is_template_title,
    read_label,
    retro_sense,
    slash_order,
)
from retrotui.markdown.lines import (
    Heading,
    Lines,
    content_of,
    ending_of,
    indent_width,
    is_blank,
    is_item,
    is_thematic_break,
)
from retrotui.record import Slotted


class RetroSpan(Slotted):
    """A retro found in the file: its heading (or title line), where it ends, its section headings."""

    __slots__ = ("end", "head", "sections", "template")
    __match_args__ = ("head", "end", "sections", "template")  # the fields, in order
    head: Heading
    end: int
    sections: list[Heading]
    template: bool

    def __init__(self, head: Heading, end: int, sections: list[Heading] | None = None, template: bool = False) -> None:
        self.head = head
        self.end = end
        self.sections = list() if sections is None else sections
        self.template = template


def find_retros(lines: Lines, opaque: bytearray, headings: list[Heading]) -> tuple[list[RetroSpan], bool | None]:
    """The retros of a file, in file order, and whether its slash dates are day first."""
    day_first = slash_order([h.text for h in headings if "/" in h.text])
    spans = retro_spans(lines, opaque, headings)
    for span in spans:
        if not span.sections:
            span.sections = _label_sections(lines, opaque, span)
    return spans, day_first


def retro_spans(
    lines: Lines,
    opaque: bytearray,
    headings: list[Heading],
    senses: dict[str, RetroSense] | None = None,
    reads: list[tuple[int, int]] | None = None,
) -> list[RetroSpan]:
    """Where each retro of a file begins and ends (rules 1 to 4), without reading sections from label lines.

    The parser's own cut of a file into retros, from its line scan alone (no
    model): the merge cuts files with it.  ``senses`` caches what heading
    texts say across calls, for files that share most of their headings.
    ``reads`` gets the stretches of lines ``(start, stop)`` the decision read
    besides the headings (and the number of lines): an edit outside them that
    leaves the headings as they were leaves the retros where they were.
    """
    spans = _heading_retros(lines, headings, {} if senses is None else senses, reads)
    # Plain title lines are retros in a file without heading retros, and before its first one
    # (a file of plain retros where a new retro was added as a heading).
    first = spans[0].head.index if spans else len(lines)
    if reads is not None:
        reads.append((0, first))
    return _plain_retros(lines, opaque, first) + spans


# -- heading retros -------------------------------------------------------------------------


def _heading_retros(
    lines: Lines, headings: list[Heading], cache: dict[str, RetroSense], reads: list[tuple[int, int]] | None
) -> list[RetroSpan]:
    count = len(headings)
    if not count:
        return []
    # ends[k]: the index of the next heading at the same or a higher level (the end of k's block).
    ends = [count] * count
    stack: list[int] = []
    for k, heading in enumerate(headings):
        while stack and headings[stack[-1]].level >= heading.level:
            ends[stack.pop()] = k
        stack.append(k)
    kinds: list[str] = []
    for k, heading in enumerate(headings):
        sense = cache.get(heading.text)
        if sense is None:
            sense = cache.setdefault(heading.text, retro_sense(heading.text))
        if sense is NOT_A_RETRO:
            structural = ends[k] - k > 2 and _structural(headings[k + 1 : ends[k]])
            # "## Template" over retro sections, without a retro word: the template, not a retro of its own.
            kinds.append(("template" if is_template_title(heading.text) else "structural") if structural else "")
        elif sense.template:
            kinds.append("template")
        elif sense.strength == 2:
            kinds.append("strong")
        elif sense.strength == 1 and _has_body(lines, headings, ends, k, reads):
            kinds.append("weak")
        else:
            kinds.append("")
    level = _retro_level(headings, kinds)
    if level is None:
        return []
    spans: list[RetroSpan] = []
    k = 0
    while k < count:
        heading = headings[k]
        if heading.level != level or not kinds[k]:
            k += 1
            continue
        span = RetroSpan(heading, 0, template=kinds[k] == "template")
        last = k
        if ends[k] == k + 1:
            # No sub-headings: the well-known sections that follow at this level are its own.
            j = k + 1
            while j < count and headings[j].level == level and not kinds[j] and is_section_name(headings[j].text):
                span.sections.append(headings[j])
                last = j
                j = ends[j]
        else:
            children = headings[k + 1 : ends[k]]
            section_level = min(h.level for h in children)
            span.sections = [h for h in children if h.level == section_level]
        stop = ends[last]
        span.end = headings[stop].index if stop < count else len(lines)
        spans.append(span)
        k = stop
    return spans


def _has_body(
    lines: Lines, headings: list[Heading], ends: list[int], k: int, reads: list[tuple[int, int]] | None
) -> bool:
    if ends[k] > k + 1:
        return True
    stop = headings[k + 1].index if k + 1 < len(headings) else len(lines)
    start = headings[k].end
    if reads is not None:
        reads.append((start, stop))
    return start < stop and bool(lines.span(start, stop).strip())


def _structural(children: list[Heading]) -> bool:
    """Two or more of the heading's sections are well-known retro sections."""
    level = min(h.level for h in children)
    return sum(1 for h in children if h.level == level and is_section_name(h.text)) >= 2


def _retro_level(headings: list[Heading], kinds: list[str]) -> int | None:
    strong = [0] * 7
    worded = [0] * 7
    weak = [0] * 7
    structural = [0] * 7
    for heading, kind in zip(headings, kinds, strict=True):
        level = heading.level
        if kind in ("strong", "template"):
            strong[level] += 1
            worded[level] += has_retro_word(heading.text) or kind == "template"
        elif kind == "weak":
            weak[level] += 1
        elif kind == "structural":
            structural[level] += 1
    levels = range(1, 7)
    if any(strong):
        # The most strong headings; on a tie, the level whose headings name sprints or retros, then the deeper.
        return max(levels, key=lambda n: (strong[n], worded[n], n))
    best_structural = max(levels, key=lambda n: (structural[n], -n))
    best_weak = max(levels, key=lambda n: (weak[n], -n))
    if structural[best_structural] >= 2 and sum(weak[n] for n in range(1, best_structural)) <= 1:
        return best_structural
    if weak[best_weak]:
        return best_weak
    if structural[best_structural]:
        return best_structural
    return None


# -- retros on plain lines ------------------------------------------------------------------


def _plain_retros(lines: Lines, opaque: bytearray, end: int) -> list[RetroSpan]:
    spans: list[RetroSpan] = []
    previous_blank = True
    for i in range(end):
        line = lines[i]
        if opaque[i] or is_blank(line):
            previous_blank = True
            continue
        content = content_of(line)
        if previous_blank and _is_title_line(content):
            spans.append(RetroSpan(_line_heading(i, line, 2), 0))
        previous_blank = is_thematic_break(content)
    for position, span in enumerate(spans):
        span.end = spans[position + 1].head.index if position + 1 < len(spans) else end
    # A title with nothing under it (a document's title line over heading retros) is no retro.
    return [span for span in spans if lines.span(span.head.end, span.end).strip()]


def _is_title_line(content: str) -> bool:
    stripped = content.strip()
    if not stripped or indent_width(content) > 3 or len(stripped) > 80 or len(stripped.split()) > 8:
        return False
    if stripped[:1] in "#>|`~<![" or is_item(content) or stripped.endswith((".", ",", ";")):
        return False
    return has_retro_word(stripped) and retro_sense(stripped.strip("*_")).strength == 2


def _line_heading(index: int, line: str, level: int) -> Heading:
    """A plain line standing in for a heading: its leading spaces, text and the rest."""
    content = content_of(line)
    text = content.strip(" \t")
    lead = content[: len(content) - len(content.lstrip(" \t"))]
    return Heading(index, level, text, lead, content[len(lead) + len(text) :] + ending_of(line))


# -- label lines as sections ---------------------------------------------------------------------


def _label_sections(lines: Lines, opaque: bytearray, span: RetroSpan) -> list[Heading]:
    """``Went well:``, ``**Action items**``, `` Mad``: label lines that name well-known sections."""
    found: list[Heading] = []
    start, end = span.head.end, span.end
    for i in range(start, end):
        if opaque[i]:
            continue
        line = lines[i]
        content = content_of(line)
        if not content.strip() or is_item(content):
            continue
        if i > start and not is_blank(lines[i - 1]) and not is_thematic_break(content_of(lines[i - 1])):
            continue
        label = read_label(content)
        if label is None or not is_section_name(label.text):
            continue
        found.append(Heading(i, span.head.level + 1, label.text, label.lead, label.tail + ending_of(line)))
    return found
