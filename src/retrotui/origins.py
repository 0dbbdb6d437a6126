"""What the parser records of a file besides its values: the exact source of a line or row, a table's or
list's layout, the runs of text outside the retros.

Plain data, shared by the document model (pydantic) and the plain read of
``retrotui.plain`` that ``check`` and ``actions`` use; importing it loads no
pydantic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from retrotui.values import DEFAULT_GLYPHS


@dataclass(slots=True)
class RowOrigin:
    """An action row as read: its exact source line and the values read from it.

    A list item's ``tail`` holds the lines under its first line (a wrapped
    sentence, a nested list), kept verbatim; ``status_text`` is the status
    as the file wrote it where it is a word (``Completed``, ``TODO``), so the
    list or column keeps its own words when a status is toggled.
    """

    source: str
    line: int
    snapshot: tuple[Any, ...]
    tail: str = ""
    status_text: str = ""


@dataclass(slots=True)
class LineOrigin:
    """A one-line construct (heading, header field) as read.

    The line is ``prefix + value + suffix`` (``"## "``, the text, ``" ##\n"``),
    with ``aux`` holding a verbatim piece beside the value (a retro's
    ``" (2025-10-17)"`` tail, a section's ``"4. "`` numbering).  An unedited
    line is rebuilt from these parts exactly; an edited one keeps its style.
    """

    line: int
    snapshot: Any
    prefix: str
    suffix: str
    aux: str = ""


@dataclass(slots=True)
class DocFormat:
    """The conventions of one file, followed when rendering new or edited lines."""

    eol: str = "\n"
    bom: bool = False
    final_eol: bool = True
    open_glyph: str = DEFAULT_GLYPHS[0]
    done_glyph: str = DEFAULT_GLYPHS[1]
    bullet: str = "-"


@dataclass(slots=True)
class TableLayout:
    """How an action table is written: its header lines and column roles."""

    header_source: str
    roles: dict[str, int]
    width: int
    indent: str = ""
    leading_pipe: bool = True
    trailing_pipe: bool = True
    padded: bool = True
    column_widths: list[int] | None = None
    eol: str = "\n"
    yes_no_status: bool = False  # a "Done" column of x / yes and blanks, not words or glyphs


def extra_columns(columns: list[str], layout: TableLayout | None) -> list[str]:
    """The names of a table's columns beyond Item, Owner, Due and Status: ``extra[n]`` is under the n-th."""
    roles = set(layout.roles.values()) if layout else {0, 1, 2, 3}
    return [name for index, name in enumerate(columns) if index not in roles]


@dataclass(slots=True)
class PendingRows:
    """Rows not read yet: their source lines and how to read them.

    A file's action rows are only turned into objects (``ActionItem`` in the model) when a
    retro's items are first asked for, so opening a large file is cheap and
    an untouched table is written back straight from its lines.
    """

    source: str
    first_line: int
    read: Callable[[str, int], list[Any]]

    def materialize(self) -> list[Any]:
        return self.read(self.source, self.first_line)


@dataclass(slots=True)
class TaskLayout:
    """How a list of action items is written: its indent, marker and line ending, and its box ("[ ]", "( )" or "")."""

    indent: str = ""
    marker: str = "-"
    eol: str = "\n"
    box: str = "[ ]"


@dataclass(frozen=True, slots=True)
class OtherContent:
    """A run of the file outside retros and the template: where it is and its Markdown.

    ``index`` and ``count`` locate its blocks in ``doc.blocks``; ``line`` is
    the 1-based line it starts on (in the file as read, or as it would be
    saved now).
    """

    index: int
    count: int
    line: int
    text: str
