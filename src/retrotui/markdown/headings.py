"""Reading meaning out of heading text: retro titles and dates, section kinds."""

from __future__ import annotations

import datetime as dt
import re

from retrotui.model import SectionKind

_PAREN_TAIL = re.compile(r"[ \t]*\(([^()]*)\)[ \t]*$")
_ISO_IN_TEXT = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
_NUMBERED = re.compile(r"(\d{1,2})([.)])[ \t]+(.*)$")
_LEADING_SYMBOLS = re.compile(r"^[\W_]+")
_DATE_FORMATS = ("%Y-%m-%d", "%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y")

_SECTION_NAMES: dict[str, SectionKind] = {}
for _kind, _names in {
    SectionKind.SUMMARY: ("summary", "overview", "context", "zusammenfassung", "résumé", "resumen"),
    SectionKind.WENT_WELL: (
        "what went well",
        "went well",
        "what worked",
        "what worked well",
        "wins",
        "glad",
        "keep",
        "continue",
        "positives",
        "highlights",
        "happy",
    ),
    SectionKind.COULD_IMPROVE: (
        "what could improve",
        "what could be improved",
        "what could go better",
        "to improve",
        "improvements",
        "what didn't go well",
        "what did not go well",
        "what went wrong",
        "challenges",
        "negatives",
        "lowlights",
        "sad",
        "problems",
    ),
    SectionKind.ACTION_ITEMS: (
        "action items",
        "action item",
        "actions",
        "next actions",
        "action plan",
        "todo",
        "to do",
    ),
    SectionKind.METRICS: ("metrics & evidence", "metrics and evidence", "metrics", "evidence"),
    SectionKind.FOLLOW_UP: ("follow-up", "follow up", "followup", "follow-ups", "next steps"),
}.items():
    for _name in _names:
        _SECTION_NAMES[_name] = _kind


def parse_date_text(text: str) -> dt.date | None:
    value = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def split_retro_heading(text: str) -> tuple[str, dt.date | None, str]:
    """``(title, date, date_text)`` of a retro heading.

    ``date_text`` is the verbatim `` (2025-10-17)`` tail the date was read
    from, or ``""`` when the date is part of the title or absent.
    """
    tail = _PAREN_TAIL.search(text)
    if tail is not None:
        date = parse_date_text(tail.group(1))
        if date is not None and text[: tail.start()].strip():
            return text[: tail.start()], date, text[tail.start() :]
    found = _ISO_IN_TEXT.search(text)
    if found is not None:
        try:
            return text, dt.date.fromisoformat(found.group(0)), ""
        except ValueError:
            pass
    return text, None, ""


def split_section_heading(text: str) -> tuple[str | None, str, str]:
    """``(number, title, number_text)``: ``("4", "Action Items", "4. ")``."""
    match = _NUMBERED.match(text)
    if match is None:
        return None, text, ""
    return match.group(1), match.group(3), text[: match.start(3)]


def section_kind(title: str) -> SectionKind | None:
    folded = title.strip().strip("*_").rstrip(":：").strip().casefold()
    kind = _SECTION_NAMES.get(folded)
    if kind is None:
        # Emoji-led headings: "✅ What went well".
        kind = _SECTION_NAMES.get(_LEADING_SYMBOLS.sub("", folded))
    return kind


def is_template_title(title: str) -> bool:
    return "template" in title.casefold()
