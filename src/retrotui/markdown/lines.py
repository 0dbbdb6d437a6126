"""Splitting text into lines and finding the structure that matters to us.

Only ``\\n`` ends a line (``\\r\\n`` is a ``\\n`` line whose content ends in
``\\r``).  ``str.splitlines`` is not used: it also splits on ``\\x0b``,
``\\x0c``, ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028`` and ``\\u2029``, which
are ordinary characters in a Markdown file.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from sys import intern
from typing import overload

_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_ATX = re.compile(r"( {0,3}(#{1,6}))(?:([ \t]+)(.*?))?$")
_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")
_SETEXT_H1 = re.compile(r" {0,3}=+[ \t]*$")


def split_lines(text: str) -> list[str]:
    """Lines with their endings; ``"".join(split_lines(t)) == t``."""
    return _LINE.findall(text)


class Lines(Sequence[str]):
    """The lines of a text, held as offsets into it.

    A line is sliced out only when asked for, so a large file is not copied
    into tens of thousands of small strings while it is read.
    """

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = array("Q", [0])
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        if starts[-1] != len(text):
            starts.append(len(text))
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.text[self.starts[index] : self.starts[index + 1]]

    def span(self, start: int, end: int) -> str:
        """Lines ``start`` to ``end`` (exclusive) as one string."""
        return self.text[self.starts[start] : self.starts[end]]


def content_of(line: str) -> str:
    """A line without its ending (``\\n`` or ``\\r\\n``)."""
    if line.endswith("\n"):
        line = line[:-1]
        if line.endswith("\r"):
            line = line[:-1]
    return line


def ending_of(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    return "\n" if line.endswith("\n") else ""


def is_blank(line: str) -> bool:
    return not line.strip(" \t\r\n")


@dataclass(slots=True)
class Heading:
    """An ATX heading: ``prefix + text + suffix`` is the whole line."""

    index: int
    level: int
    text: str
    prefix: str
    suffix: str


def parse_heading(index: int, line: str) -> Heading | None:
    content = content_of(line)
    match = _ATX.match(content)
    if match is None:
        return None
    hashes = match.group(2)
    body = match.group(4) or ""
    closing = _CLOSING.search(body)
    text = body[: closing.start()] if closing else body
    text = text.rstrip(" \t")
    prefix = match.group(1) + (match.group(3) or "")
    suffix = content[len(prefix) + len(text) :] + line[len(content) :]
    # Interned: a large file repeats "### " and "\n" thousands of times.
    return Heading(index, len(hashes), text, intern(prefix), intern(suffix))


@dataclass(slots=True)
class Scan:
    """What a pass over the lines found.

    ``opaque[i]`` is true for lines inside front matter, code fences and HTML
    comments: nothing there is a heading, a table or a task.
    """

    lines: Lines
    opaque: bytearray
    headings: list[Heading]
    unclosed_fence: int | None = None


def scan(lines: Lines) -> Scan:
    opaque = bytearray(len(lines))
    headings: list[Heading] = []
    fence: tuple[str, int] | None = None
    fence_start = 0
    in_comment = False
    start = _front_matter_end(lines)
    for i in range(start):
        opaque[i] = 1
    text = lines.text
    starts = lines.starts
    for i in range(start, len(lines)):
        line = text[starts[i] : starts[i + 1]]
        if fence is not None:
            opaque[i] = 1
            if _closes_fence(content_of(line), fence):
                fence = None
            continue
        if in_comment:
            opaque[i] = 1
            if "-->" in line:
                in_comment = False
            continue
        stripped = line.lstrip(" ")
        first = stripped[:1]
        if first == "#":
            heading = parse_heading(i, line)
            if heading is not None:
                headings.append(heading)
        elif first in "`~" and first:
            match = _FENCE.match(content_of(line))
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = (match.group(1)[0], len(match.group(1)))
                fence_start = i
                opaque[i] = 1
        elif first == "<" and stripped.startswith("<!--") and len(line) - len(stripped) <= 3:
            if "-->" not in stripped[4:]:
                in_comment = True
            opaque[i] = 1
    return Scan(lines, opaque, headings, fence_start if fence is not None else None)


def _closes_fence(content: str, fence: tuple[str, int]) -> bool:
    stripped = content.lstrip(" ")
    if len(content) - len(stripped) > 3:
        return False
    char, length = fence
    run = len(stripped) - len(stripped.lstrip(char))
    return run >= length and not stripped[run:].strip(" \t")


def _front_matter_end(lines: Lines) -> int:
    """Number of lines taken by a YAML front-matter block at the very top."""
    if not lines or content_of(lines[0]) != "---":
        return 0
    for i in range(1, len(lines)):
        if content_of(lines[i]) in ("---", "..."):
            return i + 1
    return 0


def is_setext_h1_underline(line: str) -> bool:
    return bool(_SETEXT_H1.match(content_of(line)))
