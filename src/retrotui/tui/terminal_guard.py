"""The last guard between the file and the terminal: no control character reaches the screen.

Text from the file is made visible where it is shown (``safe_text.visible``:
``ESC`` becomes ``␛``).  This line filter sits after every widget's rendering,
so a string that some path forgot to pass through ``visible`` still cannot
rename the terminal, clear it or write to the clipboard: a control character
left in a line is dropped (it takes no cell, so nothing moves).  So are the
bidirectional embeddings, overrides and isolates, which would make the line
read in another order than it is stored: the fields being typed in (a cell,
an item, a section's Markdown) show the text as it is, and are drawn through
this filter too.  A tab left in a line is dropped as well: Textual counts it as
no cell, a terminal moves to the next tab stop and draws the rest of the line
out of place.  A lone surrogate (a file name's byte that is not UTF-8, in the
save-elsewhere field) would be written as the six characters ``\\udcff`` where
Textual counted one cell: it is drawn as U+FFFD, one cell.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _stand_in(found: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= found.group() <= "\udfff" else ""


class ControlCharacters(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_CONTROL.search(segment.text) for segment in segments if not segment.control):
            return segments
        return [
            segment if segment.control else Segment(_CONTROL.sub(_stand_in, segment.text), segment.style)
            for segment in segments
        ]
