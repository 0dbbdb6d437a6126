"""Splitting text into lines and finding the structure that matters to us.

A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r`` (classic Mac), as
CommonMark says.  ``str.splitlines`` is not used: it also splits on
``\\x0b``, ``\\x0c``, ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028`` and
``\\u2029``, which are ordinary characters in a Markdown file.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, pairwise, repeat
from operator import add
from sys import intern
from typing import overload

from retrotui.record import Slotted

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_EOL = re.compile(r"\r\n|\r|\n")
_ATX = re.compile(r"( {0,3}(#{1,6}))(?:([ \t]+)(.*?))?$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*(?:\r\n|\r|\n)?$")
_THEMATIC = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*(?:\r\n|\r|\n)?$")
# A list item's start: its indent, its marker, the blank after it (or the line's end).
ITEM = re.compile(r"(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap>[ \t]+|$)")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# Lines that may be a heading, open a code fence, a comment or a quote, or underline a setext heading.
# (Searched for from the line ending before: a pattern that starts with "\n" is found quickly.)
_LOUD = re.compile(r"\n {0,3}(?:[#`~<>]|=+[ \t]*\r?$|-+[ \t]*\r?$)", re.MULTILINE)


def split_lines(text: str) -> list[str]:
    """Lines with their endings; ``"".join(split_lines(t)) == t``."""
    return _LINE.findall(text)


def first_line(text: str) -> str:
    """The first of ``split_lines(text)`` (``""`` for an empty text), without splitting the rest."""
    match = _LINE.match(text)
    return match.group() if match is not None else ""


class Lines(Sequence[str]):
    """The lines of a text, held as offsets into it.

    A line is sliced out only when asked for, so a large file is not copied
    into tens of thousands of small strings while it is read.
    """

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" in text and text.count("\r") != text.count("\r\n"):
            # A lone CR somewhere: the slower, general split.
            starts = array("Q", [0])
            starts.extend(match.end() for match in _EOL.finditer(text))
        else:
            # Each line's length plus its "\n", added up (all in C: a large file has tens of thousands of lines).
            starts = array("Q", accumulate(map(add, map(len, text.split("\n")), repeat(1)), initial=0))
            starts.pop()  # the split's last piece has no "\n" after it
        if starts[-1] != len(text):
            starts.append(len(text))
        self.starts = starts

    @classmethod
    def from_starts(cls, text: str, starts: array[int]) -> Lines:
        """The lines of ``text`` whose offsets are already known (an edited text's, mostly its base's)."""
        lines = cls.__new__(cls)
        lines.text = text
        lines.starts = starts
        return lines

    def __len__(self) -> int:
        return len(self.starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        starts = self.starts
        count = len(starts) - 1
        if isinstance(index, slice):
            first, stop, step = index.indices(count)
            if step != 1:
                return [self[i] for i in range(first, stop, step)]
            text = self.text
            return [text[a:b] for a, b in pairwise(starts[first : stop + 1])]
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(index)
        return self.text[starts[index] : starts[index + 1]]

    def span(self, start: int, end: int) -> str:
        """Lines ``start`` to ``end`` (exclusive) as one string."""
        return self.text[self.starts[start] : self.starts[end]]


def content_of(line: str) -> str:
    """A line without its ending (``\\n``, ``\\r\\n`` or ``\\r``)."""
    if line.endswith("\n"):
        line = line[:-1]
        if line.endswith("\r"):
            line = line[:-1]
    elif line.endswith("\r"):
        line = line[:-1]
    return line


def ending_of(line: str) -> str:
    if line.endswith("\n"):
        return "\r\n" if line.endswith("\r\n") else "\n"
    return "\r" if line.endswith("\r") else ""


def ends_line(text: str) -> bool:
    """True when ``text`` ends with a line ending (of any of the three kinds)."""
    return text.endswith(("\n", "\r"))


def is_blank(line: str) -> bool:
    return not line.strip(" \t\r\n")


def indent_width(text: str) -> int:
    """Columns of leading whitespace, a tab advancing to the next multiple of four."""
    width = 0
    for char in text:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def is_thematic_break(content: str) -> bool:
    return bool(_THEMATIC.match(content))


def is_item(content: str) -> bool:
    return ITEM.match(content) is not None and not is_thematic_break(content)


class Heading(Slotted):
    """An ATX or setext heading: ``prefix + text + suffix`` is its whole source.

    A setext heading's suffix holds the rest of its text line and the whole
    underline line; ``end`` is the index of the first line after the heading.
    """

    __slots__ = ("end", "index", "level", "prefix", "suffix", "text")
    __match_args__ = ("index", "level", "text", "prefix", "suffix", "end")  # the fields, in order
    index: int
    level: int
    text: str
    prefix: str
    suffix: str
    end: int

    def __init__(self, index: int, level: int, text: str, prefix: str, suffix: str, end: int = -1) -> None:
        self.index = index
        self.level = level
        self.text = text
        self.prefix = prefix
        self.suffix = suffix
        self.end = index + 1 if end < 0 else end

    @property
    def setext(self) -> bool:
        return self.end - self.index == 2


def parse_heading(index: int, line: str) -> Heading | None:
    content = content_of(line)
    match = _ATX.match(content)
    if match is None:
        return None
    hashes = match.group(2)
    body = match.group(4) or ""
    text = _without_closing_hashes(body).rstrip(" \t")
    prefix = match.group(1) + (match.group(3) or "")
    suffix = content[len(prefix) + len(text) :] + line[len(content) :]
    # Interned: a large file repeats "### " and "\n" thousands of times.
    return Heading(index, len(hashes), text, intern(prefix), intern(suffix))


def _without_closing_hashes(body: str) -> str:
    """``Title ##`` without its closing ``##`` (a run of ``#`` after a blank, or the whole text)."""
    stripped = body.rstrip(" \t")
    before = stripped.rstrip("#")
    if len(before) == len(stripped) or (before and before[-1] not in " \t"):
        return body
    return before


def setext_heading(index: int, line: str, underline: str) -> Heading:
    """The heading made of ``line`` over an ``===`` (level 1) or ``---`` (level 2) line."""
    content = content_of(line)
    text = content.strip(" \t")
    lead = content[: len(content) - len(content.lstrip(" \t"))]
    suffix = content[len(lead) + len(text) :] + line[len(content) :] + underline
    level = 1 if underline.lstrip(" ").startswith("=") else 2
    return Heading(index, level, text, intern(lead), suffix, index + 2)


CONTINUED = 2  # an opaque line that continues the code fence or HTML comment on the line above


class Scan(Slotted):
    """What a pass over the lines found.

    ``opaque[i]`` is true for lines inside front matter, code fences, HTML
    comments and block quotes: nothing there is a heading, a table or a list.
    It is ``CONTINUED`` for the lines after the first of a code fence or an
    HTML comment (to its closing line): they go with whatever holds the
    first (a list item whose tail opens a comment keeps all of it).
    """

    __slots__ = ("headings", "lines", "opaque", "unclosed_comment", "unclosed_fence")
    __match_args__ = ("lines", "opaque", "headings", "unclosed_fence", "unclosed_comment")  # the fields, in order
    lines: Lines
    opaque: bytearray
    headings: list[Heading]
    unclosed_fence: int | None
    unclosed_comment: int | None

    def __init__(
        self,
        lines: Lines,
        opaque: bytearray,
        headings: list[Heading],
        unclosed_fence: int | None = None,
        unclosed_comment: int | None = None,
    ) -> None:
        self.lines = lines
        self.opaque = opaque
        self.headings = headings
        self.unclosed_fence = unclosed_fence
        self.unclosed_comment = unclosed_comment


def scan(lines: Lines, start: int = 0, stop: int | None = None, *, skips: bool = True) -> Scan:
    """The whole text's structure, or that of lines ``start`` to ``stop`` alone.

    A stretch is read as if nothing were open where it starts, which is true
    after a blank line or an ATX heading that is not inside anything (the merge
    reads only the stretch of an edited file that differs from its base).
    ``skips=False`` reads every line, even those that cannot matter (the tests
    compare).
    """
    opaque = bytearray(len(lines))
    headings: list[Heading] = []
    fence: tuple[str, int] | None = None
    fence_start = 0
    in_comment = False
    comment_start = 0
    in_quote = False
    # The one-line paragraph a setext underline would turn into a heading.
    paragraph = -1
    paragraph_lines = 0
    if start == 0:
        start = _front_matter_end(lines)
        for i in range(start):
            opaque[i] = 1
    text = lines.text
    starts = lines.starts
    starts_block = _starts_block
    end = len(lines) if stop is None else stop
    seen: dict[str, Heading] = {}  # a file repeats its section headings: each line is read once
    # Where nothing is open, the lines up to the next one _LOUD finds can only be paragraph text, list items,
    # table rows or blank lines: they change nothing but the paragraph count, so they are skipped.  Should the
    # line skipped to need that count after all (a setext underline, a "#tag"), the skipped lines are read.
    # (Not with lone CRs: the search does not see the lines they end.)
    skips = skips and ("\r" not in text or text.count("\r") == text.count("\r\n"))
    louds = _LOUD.finditer(text, starts[start] - 1 if start else 0, starts[end]) if skips else iter(())
    loud = -1  # the next line _LOUD found
    landed = -1  # the line a skip went to
    skipped = (0, 0, 0)  # where that skip came from, and the paragraph count there
    skip_from = start  # skipping again only from here on (after a skip was read again)
    following = start
    while following < end:
        i = following
        following = i + 1
        if skips and i >= skip_from and fence is None and not in_comment and not in_quote:
            if loud < i:
                loud = end
                if i == 0:
                    loud = 0  # the first line is read: the search finds lines by the line ending before them
                else:
                    for found in louds:
                        at = bisect_right(starts, found.start())
                        if at >= i:
                            loud = at
                            break
            if loud > i:
                skipped = (i, paragraph, paragraph_lines)
                i = landed = loud
                following = i + 1
                if i >= end:
                    break
        line = text[starts[i] : starts[i + 1]]
        if fence is not None:
            opaque[i] = CONTINUED
            if _closes_fence(content_of(line), fence):
                fence = None
            continue
        if in_comment:
            opaque[i] = CONTINUED
            if "-->" in line:
                in_comment = False
            continue
        stripped = line.lstrip(" ")
        first = stripped[:1]
        if first in "\n\r" or (first == "\t" and not stripped.strip(" \t\r\n")):
            # A blank line (first == "" at the end of a text without a final newline).
            in_quote = False
            paragraph_lines = 0
            continue
        indent = len(line) - len(stripped)
        if first == "#":
            known = seen.get(line)
            heading: Heading | None
            if known is not None:
                heading = Heading(i, known.level, known.text, known.prefix, known.suffix, i + 1)
            else:
                heading = parse_heading(i, line)
                if heading is not None:
                    seen[line] = heading
            if heading is not None:
                headings.append(heading)
                in_quote = False
                paragraph_lines = 0
                continue
        elif first in "`~":
            match = _FENCE.match(content_of(line))
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = (match.group(1)[0], len(match.group(1)))
                fence_start = i
                opaque[i] = 1
                in_quote = False
                paragraph_lines = 0
                continue
        elif first == "<":
            if stripped.startswith("<!--") and indent <= 3:
                # An HTML comment (CommonMark's HTML block type 2) runs to the line holding "-->",
                # which may be this one: "<!-->" and "<!--->" are whole comments.
                if "-->" not in stripped:
                    in_comment = True
                    comment_start = i
                opaque[i] = 1
                in_quote = False
                paragraph_lines = 0
                continue
        elif first == ">":
            if indent <= 3:
                opaque[i] = 1
                in_quote = True
                paragraph_lines = 0
                continue
        elif first in "=-" and indent <= 3 and _SETEXT.match(line):
            if i == landed:
                following, paragraph, paragraph_lines = skipped
                skip_from, landed = i + 1, -1
                continue
            if paragraph_lines == 1 and paragraph == i - 1:
                headings.append(setext_heading(i - 1, lines[i - 1], line))
                paragraph_lines = 0
                continue
            if first == "-":
                # A thematic break (a "---" under a blank line or a heading).
                in_quote = False
                paragraph_lines = 0
                continue
        if i == landed:
            following, paragraph, paragraph_lines = skipped
            skip_from, landed = i + 1, -1
            continue
        # A list item, a thematic break or a table row ends a paragraph (checked inline: it runs per line).
        if first == "|":
            block = indent <= 3
        elif first in "-*+":
            block = indent <= 3 and (stripped[1:2] in " \t\r\n" or (first != "+" and _THEMATIC.match(line) is not None))
        elif first == "_" or "0" <= first <= "9":
            block = indent <= 3 and starts_block(line, first, indent)
        else:
            block = False
        if in_quote:
            # A lazy continuation line of the block quote's paragraph.
            if not block:
                opaque[i] = 1
                continue
            in_quote = False
        if block:
            paragraph_lines = 0
            continue
        if paragraph_lines == 0:
            if (indent >= 4 or "\t" in line[: indent + 1]) and indent_width(line) >= 4:
                continue  # indented code
            paragraph = i
        paragraph_lines += 1
    return Scan(
        lines, opaque, headings, fence_start if fence is not None else None, comment_start if in_comment else None
    )


def _starts_block(line: str, first: str, indent: int) -> bool:
    """A list item, a thematic break or a table row: not paragraph text."""
    if indent > 3:
        return False
    if first == "|":
        return True
    content = content_of(line)
    return bool(_LIST_ITEM.match(content) or (first in "-*_" and _THEMATIC.match(content)))


def _closes_fence(content: str, fence: tuple[str, int]) -> bool:
    stripped = content.lstrip(" ")
    if len(content) - len(stripped) > 3:
        return False
    char, length = fence
    run = len(stripped) - len(stripped.lstrip(char))
    return run >= length and not stripped[run:].strip(" \t")


def _front_matter_end(lines: Lines) -> int:
    """Number of lines taken by a YAML (``---``) or TOML (``+++``, Hugo's) front-matter block at the very top."""
    opening = content_of(lines[0]) if lines else ""
    if opening not in ("---", "+++"):
        return 0
    closings = ("---", "...") if opening == "---" else ("+++",)
    for i in range(1, len(lines)):
        if content_of(lines[i]) in closings:
            return i + 1
    return 0


def front_matter_length(text: str) -> int:
    """How many characters of ``text`` a front-matter block at its very top takes (0: none)."""
    lines = Lines(text)
    return lines.starts[_front_matter_end(lines)] if text else 0


def heading_lines(text: str) -> list[int]:
    """The 1-based numbers of the lines of ``text`` that read as headings (not in a fence, comment or quote).

    Typed into a section's body, such a line starts a new section or retro
    the next time the file is read: the editor says so when it takes the text.
    """
    return [heading.index + 1 for heading in scan(Lines(text)).headings]
