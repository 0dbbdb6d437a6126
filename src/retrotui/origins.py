"""What the parser records of a file besides its values: the exact source of a line or row, a table's or
list's layout, the runs of text outside the retros.

Plain data, shared by the document model (pydantic) and the plain read of
``retrotui.plain`` that ``check`` and ``actions`` use; importing it loads no
pydantic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from retrotui.record import Record, Slotted
from retrotui.values import DEFAULT_GLYPHS


class RowOrigin(Slotted):
    """An action row as read: its exact source line and the values read from it.

    A list item's ``tail`` holds the lines under its first line (a wrapped
    sentence, a nested list), kept verbatim; ``status_text`` is the status
    as the file wrote it where it is a word (``Completed``, ``TODO``), so the
    list or column keeps its own words when a status is toggled.
    """

    __slots__ = ("line", "snapshot", "source", "status_text", "tail")
    __match_args__ = ("source", "line", "snapshot", "tail", "status_text")
    source: str
    line: int
    snapshot: tuple[Any, ...]
    tail: str
    status_text: str

    def __init__(
        self, source: str, line: int, snapshot: tuple[Any, ...], tail: str = "", status_text: str = ""
    ) -> None:
        self.source = source
        self.line = line
        self.snapshot = snapshot
        self.tail = tail
        self.status_text = status_text


class LineOrigin(Slotted):
    """A one-line construct (heading, header field) as read.

    The line is ``prefix + value + suffix`` (``"## "``, the text, ``" ##\n"``),
    with ``aux`` holding a verbatim piece beside the value (a retro's
    ``" (2025-10-17)"`` tail, a section's ``"4. "`` numbering).  An unedited
    line is rebuilt from these parts exactly; an edited one keeps its style.
    """

    __slots__ = ("aux", "line", "prefix", "snapshot", "suffix")
    __match_args__ = ("line", "snapshot", "prefix", "suffix", "aux")
    line: int
    snapshot: Any
    prefix: str
    suffix: str
    aux: str

    def __init__(self, line: int, snapshot: Any, prefix: str, suffix: str, aux: str = "") -> None:
        self.line = line
        self.snapshot = snapshot
        self.prefix = prefix
        self.suffix = suffix
        self.aux = aux


class DocFormat(Slotted):
    """The conventions of one file, followed when rendering new or edited lines."""

    __slots__ = ("bom", "bullet", "done_glyph", "eol", "final_eol", "open_glyph")
    __match_args__ = ("eol", "bom", "final_eol", "open_glyph", "done_glyph", "bullet")
    eol: str
    bom: bool
    final_eol: bool
    open_glyph: str
    done_glyph: str
    bullet: str

    def __init__(
        self,
        eol: str = "\n",
        bom: bool = False,
        final_eol: bool = True,
        open_glyph: str = DEFAULT_GLYPHS[0],
        done_glyph: str = DEFAULT_GLYPHS[1],
        bullet: str = "-",
    ) -> None:
        self.eol = eol
        self.bom = bom
        self.final_eol = final_eol
        self.open_glyph = open_glyph
        self.done_glyph = done_glyph
        self.bullet = bullet


class TableLayout(Slotted):
    """How an action table is written: its header lines and column roles."""

    __slots__ = (
        "column_widths",
        "eol",
        "header_source",
        "indent",
        "leading_pipe",
        "padded",
        "roles",
        "trailing_pipe",
        "width",
        "yes_no_status",
    )
    __match_args__ = (
        "header_source",
        "roles",
        "width",
        "indent",
        "leading_pipe",
        "trailing_pipe",
        "padded",
        "column_widths",
        "eol",
        "yes_no_status",
    )
    header_source: str
    roles: dict[str, int]
    width: int
    indent: str
    leading_pipe: bool
    trailing_pipe: bool
    padded: bool
    column_widths: list[int] | None
    eol: str
    yes_no_status: bool  # a "Done" column of x / yes and blanks, not words or glyphs

    def __init__(
        self,
        header_source: str,
        roles: dict[str, int],
        width: int,
        indent: str = "",
        leading_pipe: bool = True,
        trailing_pipe: bool = True,
        padded: bool = True,
        column_widths: list[int] | None = None,
        eol: str = "\n",
        yes_no_status: bool = False,
    ) -> None:
        self.header_source = header_source
        self.roles = roles
        self.width = width
        self.indent = indent
        self.leading_pipe = leading_pipe
        self.trailing_pipe = trailing_pipe
        self.padded = padded
        self.column_widths = column_widths
        self.eol = eol
        self.yes_no_status = yes_no_status


def extra_columns(columns: list[str], layout: TableLayout | None) -> list[str]:
    """The names of a table's columns beyond Item, Owner, Due and Status: ``extra[n]`` is under the n-th."""
    roles = set(layout.roles.values()) if layout else {0, 1, 2, 3}
    return [name for index, name in enumerate(columns) if index not in roles]


class PendingRows(Slotted):
    """Rows not read yet: their source lines and how to read them.

    A file's action rows are only turned into objects (``ActionItem`` in the model) when a
    retro's items are first asked for, so opening a large file is cheap and
    an untouched table is written back straight from its lines.
    """

    __slots__ = ("first_line", "read", "source")
    __match_args__ = ("source", "first_line", "read")
    source: str
    first_line: int
    read: Callable[[str, int], list[Any]]

    def __init__(self, source: str, first_line: int, read: Callable[[str, int], list[Any]]) -> None:
        self.source = source
        self.first_line = first_line
        self.read = read

    def materialize(self) -> list[Any]:
        return self.read(self.source, self.first_line)


class TaskLayout(Slotted):
    """How a list of action items is written: its indent, marker and line ending, and its box ("[ ]", "( )" or "")."""

    __slots__ = ("box", "eol", "indent", "marker")
    __match_args__ = ("indent", "marker", "eol", "box")
    indent: str
    marker: str
    eol: str
    box: str

    def __init__(self, indent: str = "", marker: str = "-", eol: str = "\n", box: str = "[ ]") -> None:
        self.indent = indent
        self.marker = marker
        self.eol = eol
        self.box = box


class OtherContent(Record):
    """A run of the file outside retros and the template: where it is and its Markdown.

    ``index`` and ``count`` locate its blocks in ``doc.blocks``; ``line`` is
    the 1-based line it starts on (in the file as read, or as it would be
    saved now).
    """

    index: int
    count: int
    line: int
    text: str
