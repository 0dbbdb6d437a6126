"""The last guard between the file and the terminal: no control character reaches the screen.

Text from the file is made visible where it is shown (``safe_text.visible``:
``ESC`` becomes ``␛``).  This line filter sits after every widget's rendering,
so a string that some path forgot to pass through ``visible`` still cannot
rename the terminal, clear it or write to the clipboard: a control character
left in a line is dropped (it takes no cell, so nothing moves).
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


class ControlCharacters(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_CONTROL.search(segment.text) for segment in segments if not segment.control):
            return segments
        return [
            segment if segment.control else Segment(_CONTROL.sub("", segment.text), segment.style)
            for segment in segments
        ]
