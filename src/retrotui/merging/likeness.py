"""How alike an old and an edited version of a title or a block of text are (0 unrelated, 1 the same)."""

from __future__ import annotations

import difflib
import re

from retrotui.markdown.lines import first_line

_STRUCTURE = frozenset("|-:+ \t")
_EOL = re.compile(r"\r\n|\r|\n")


def title_alike(a: str, b: str) -> float:
    a, b = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a != b else 1.0


def after_first_line(text: str) -> str:
    """A unit's text below its heading line."""
    return text[len(first_line(text)) :]


def content_kept(old: str, new: str) -> float:
    """The share of the old text's content lines still in the new one.

    Content lines are what people wrote: headings, blank lines, bullet
    placeholders and table headers and rules are left out, since every retro
    made from the template has them.  An action row counts cell by cell (a
    status glyph aside) and a task line by its text, so a toggled, reworded
    or reassigned action still has something in common with what it was.
    A text with nothing to go by counts as half alike.
    """
    before, after = _content(old), _content(new)
    if not before:
        return 1.0 if not after else 0.5
    return len(before & after) / len(before)


def _content(text: str) -> set[str]:
    lines = [line.strip() for line in _EOL.split(text)]
    found = set()
    for position, line in enumerate(lines):
        following = lines[position + 1] if position + 1 < len(lines) else ""
        if line.startswith("#") or _is_rule(line) or (_is_rule(following) and "|" in following):
            continue
        if line.startswith("|"):
            first, *others = (cell.strip() for cell in line.strip("|").split("|"))
            found.add("|" + first)
            found.update("|…" + cell for cell in others if len(cell) >= 3)
            continue
        if line[:1] in "-*+" and line[1:3] in (" [", "\t["):
            line = line[line.find("]") + 1 :].strip()
        if len(line.lstrip("-*+ \t")) >= 3:
            found.add(line)
    return found


def _is_rule(line: str) -> bool:
    """A table's delimiter row (or a thematic break): structure, not content."""
    return bool(line) and set(line) <= _STRUCTURE
