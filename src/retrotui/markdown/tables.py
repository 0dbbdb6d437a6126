"""GFM tables: splitting rows into cells, reading the table's style, writing rows.

A cell's value is its Markdown text with ``\\|`` read as ``|``; writing
escapes every ``|`` again, so ``read(write(v)) == v`` for any one-line value.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrotui.markdown.lines import content_of, ending_of, is_item
from retrotui.origins import TableLayout
from retrotui.record import FrozenSlotted


def cell_len(text: str) -> int:
    """Terminal columns of ``text`` (rich's measure, loaded on first use: ASCII tables never need it)."""
    from rich.cells import cell_len as measure

    return measure(text)


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_DELIMITER_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*")

# Column names teams use, in several languages; any order of columns works.
ROLE_NAMES: dict[str, frozenset[str]] = {
    "item": frozenset(
        [
            "item",
            "items",
            "action",
            "actions",
            "task",
            "tasks",
            "what",
            "todo",
            "to-do",
            "description",
            "acción",
            "acciones",
            "accion",
            "tarea",
            "ação",
            "ações",
            "acao",
            "tarefa",
            "maßnahme",
            "massnahme",
            "aufgabe",
            "tâche",
            "アクション",
            "項目",
            "내용",
            "액션",
            "항목",
            "action item",
            "action items",
            "next step",
            "next steps",
            "todo item",
            "action point",
        ]
    ),
    "owner": frozenset(
        [
            "owner",
            "owners",
            "who",
            "assignee",
            "assignees",
            "responsible",
            "responsable",
            "responsables",
            "responsável",
            "responsavel",
            "responsáveis",
            "dueño",
            "encargado",
            "verantwortlich",
            "zuständig",
            "wer",
            "propriétaire",
            "porteur",
            "担当",
            "担当者",
            "담당",
            "담당자",
            "负责人",
            "dri",
            "driver",
            "assigned to",
            "owned by",
            "quién",
            "quien",
            "quem",
        ]
    ),
    "due": frozenset(
        [
            "due",
            "deadline",
            "when",
            "by",
            "date",
            "fecha",
            "plazo",
            "prazo",
            "data",
            "frist",
            "termin",
            "fällig",
            "target",
            "eta",
            "until",
            "échéance",
            "期限",
            "期日",
            "기한",
            "마감",
            "截止",
            "due date",
            "target date",
            "due by",
            "fecha límite",
            "data limite",
            "date limite",
        ]
    ),
    "status": frozenset(
        [
            "status",
            "state",
            "done",
            "done?",
            "progress",
            "estado",
            "situação",
            "situacao",
            "stand",
            "statut",
            "状態",
            "状況",
            "ステータス",
            "상태",
            "状态",
            "completed",
            "complete",
        ]
    ),
}
_ACTION_COLUMN_NAMES = ROLE_NAMES["item"] - {"item", "items", "what", "description"}


def split_row(content: str) -> tuple[list[str], bool, bool]:
    """Raw cells (unstripped) of a row, and whether it had leading/trailing pipes."""
    body = content.strip(" \t")
    leading = body.startswith("|")
    if leading:
        body = body[1:]
    trailing = body.endswith("|") and not body.endswith("\\|")
    if trailing:
        body = body[:-1]
    cells = _UNESCAPED_PIPE.split(body) if "\\|" in body else body.split("|")
    return cells, leading, trailing


def row_values(line: str) -> list[str]:
    """A body row's cell values (its line ending, the cells' blanks and the outer pipes aside, ``\\|`` read as ``|``).

    What ``split_row`` and ``cell_value`` give, in one call: it runs for every
    row of a file.  The usual row, ``| a | b |`` with both outer pipes and no
    ``\\|``, is split in one go; any other shape is read by the general rule.
    """
    cells = line.split("|")
    if len(cells) > 2 and not cells[0].strip(" \t") and "\\|" not in line:
        tail = cells[-1]
        if tail in _BLANK_TAILS or not content_of(tail).strip(" \t"):
            # Both outer pipes: the blanks before the first and after the last (with the line ending) go.
            return [cell.strip(" \t") for cell in cells[1:-1]]
    return _row_values(line)


# What follows a row's last pipe, most often: nothing but its line ending, maybe after a blank.
_BLANK_TAILS = frozenset({"", "\n", "\r\n", "\r", " ", " \n", " \r\n", " \r"})


def _row_values(line: str) -> list[str]:
    """``row_values`` by the general rule, for any shape of row."""
    if line.endswith("\n"):
        content = line[:-2] if line.endswith("\r\n") else line[:-1]
    elif line.endswith("\r"):
        content = line[:-1]
    else:
        content = line
    if "\\|" in content:
        return [cell_value(c.strip(" \t")) for c in split_row(content)[0]]
    body = content.strip(" \t")
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip(" \t") for c in body.split("|")]


def raw_cells(content: str) -> list[str]:
    """The cells between the pipes, spaces included (for measuring alignment)."""
    body = content.lstrip(" ")
    if body.startswith("|"):
        body = body[1:]
    stripped = body.rstrip(" \t")
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        body = stripped[:-1]
    return _UNESCAPED_PIPE.split(body) if "\\|" in body else body.split("|")


def cell_value(raw: str) -> str:
    return raw.replace("\\|", "|")


def escape_cell(value: str) -> str:
    text = value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").strip()
    return text.replace("|", "\\|")


def is_delimiter_row(content: str) -> bool:
    if "|" not in content or "-" not in content:
        return False
    cells, _, _ = split_row(content)
    return all(_DELIMITER_CELL.fullmatch(cell) for cell in cells)


def indent_of(content: str) -> int:
    return len(content) - len(content.lstrip(" "))


@lru_cache(maxsize=1024)  # a file repeats its tables' headers
def starts_table(header: str, delimiter: str) -> bool:
    """A header line followed by a delimiter row with as many cells.

    A list item is never a table's header (GFM reads the line under it as the
    item's text): an action item typed with a ``|`` above a ``--|--`` line
    turned the list into an empty table on the next read.
    """
    head = content_of(header)
    delim = content_of(delimiter)
    if "|" not in head or indent_of(head) > 3 or indent_of(delim) > 3 or is_item(head):
        return False
    if not is_delimiter_row(delim):
        return False
    return len(split_row(head)[0]) == len(split_row(delim)[0])


def is_row(line: str) -> bool:
    """A line with a pipe, indented less than four spaces (the line ending holds no pipe)."""
    return "|" in line and not line.startswith("    ")


def column_roles(columns: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, name in enumerate(columns):
        folded = name.strip().strip("*_").casefold()
        for role, names in ROLE_NAMES.items():
            if role not in roles and folded in names:
                roles[role] = index
                break
    if "item" not in roles:
        taken = set(roles.values())
        free = [i for i in range(len(columns)) if i not in taken]
        if free:
            roles["item"] = free[0]
    return roles


def read_layout(lines: list[str], eol: str, widths: bool = True) -> TableLayout:
    """The style of a table from its header, delimiter and body lines.

    ``widths=False``: for a reader that never writes the table, whether its
    columns are aligned is not worked out (``column_widths`` is None).
    """
    header = _read_header(lines[0], lines[1] if len(lines) > 1 else None, eol)
    column_widths = list(header.widths)
    # Aligned columns (every row as wide as the header's) matter only to a padded table with both pipes.
    aligned = (
        widths
        and header.padded
        and header.leading_pipe
        and header.trailing_pipe
        and header.delimiter_aligned
        and all(_raw_widths(content_of(line)) == column_widths for line in lines[2:])
    )
    return TableLayout(
        header_source="".join(lines[:2]),
        roles=dict(header.roles),
        width=len(header.columns),
        indent=header.indent,
        leading_pipe=header.leading_pipe,
        trailing_pipe=header.trailing_pipe,
        padded=header.padded,
        column_widths=column_widths if aligned else None,
        eol=header.eol,
    )


class _Header(FrozenSlotted):
    """What a header line says of its table; a file repeats the same header in every retro."""

    __slots__ = (
        "columns",
        "delimiter_aligned",
        "eol",
        "indent",
        "leading_pipe",
        "padded",
        "roles",
        "trailing_pipe",
        "widths",
    )
    __match_args__ = (
        "columns",
        "roles",
        "widths",
        "indent",
        "leading_pipe",
        "trailing_pipe",
        "padded",
        "eol",
        "delimiter_aligned",
    )  # the fields, in order
    columns: tuple[str, ...]
    roles: tuple[tuple[str, int], ...]
    widths: tuple[int, ...]
    indent: str
    leading_pipe: bool
    trailing_pipe: bool
    padded: bool
    eol: str
    delimiter_aligned: bool

    def __init__(
        self,
        columns: tuple[str, ...],
        roles: tuple[tuple[str, int], ...],
        widths: tuple[int, ...],
        indent: str,
        leading_pipe: bool,
        trailing_pipe: bool,
        padded: bool,
        eol: str,
        delimiter_aligned: bool,
    ) -> None:
        _set = object.__setattr__
        _set(self, "columns", columns)
        _set(self, "roles", roles)
        _set(self, "widths", widths)
        _set(self, "indent", indent)
        _set(self, "leading_pipe", leading_pipe)
        _set(self, "trailing_pipe", trailing_pipe)
        _set(self, "padded", padded)
        _set(self, "eol", eol)
        _set(self, "delimiter_aligned", delimiter_aligned)


@lru_cache(maxsize=256)
def _read_header(line: str, delimiter: str | None, eol: str) -> _Header:
    header = content_of(line)
    widths = _raw_widths(header)
    cells, leading, trailing = split_row(header)
    padded = any(c.startswith(" ") for c in cells[1:]) or (leading and cells[0].startswith(" "))
    columns = [cell_value(c.strip()) for c in cells]
    return _Header(
        columns=tuple(columns),
        roles=tuple(column_roles(columns).items()),
        widths=tuple(widths),
        indent=header[: indent_of(header)],
        leading_pipe=leading,
        trailing_pipe=trailing,
        padded=padded,
        eol=ending_of(line) or eol,
        delimiter_aligned=delimiter is None or _raw_widths(content_of(delimiter)) == widths,
    )


def columns_of(line: str) -> list[str]:
    """A header line's column names (a new list; the names are read once per distinct header)."""
    return list(_columns_of(line))


@lru_cache(maxsize=256)
def _columns_of(line: str) -> tuple[str, ...]:
    return tuple(cell_value(c.strip()) for c in split_row(content_of(line))[0])


def _raw_widths(content: str) -> list[int]:
    return [len(c) if c.isascii() and c.isprintable() else cell_len(c) for c in raw_cells(content)]


def render_row(layout: TableLayout, cells: list[str]) -> str:
    """One row in the table's own style (without the line ending)."""
    texts = cells if layout.padded else [c + " " if c.endswith("\\") else c for c in cells]
    if layout.column_widths:
        widths = layout.column_widths
        texts = [t + " " * (widths[i] - 2 - cell_len(t)) if i < len(widths) else t for i, t in enumerate(texts)]
    leading, trailing = layout.leading_pipe, layout.trailing_pipe
    if not (leading and trailing) and texts and needs_outer_pipes(texts):
        leading = trailing = True
    if layout.padded:
        inner = " | ".join(texts)
        left = "| " if leading else ""
        right = " |" if trailing else ""
    else:
        inner = "|".join(texts)
        left = "|" if leading else ""
        right = "|" if trailing else ""
    return f"{layout.indent}{left}{inner}{right}"


# What a line may start with to be read as something other than a table row: a heading, a code fence, an
# HTML block (a comment hides the rest of the file), a block quote, a list item or a thematic break.
_BLOCK_START = re.compile(
    r"#{1,6}(?:[ \t]|$)|`{3}|~{3}|<|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|(?:[-*_][ \t]*){3,}$"
)


def needs_outer_pipes(cells: list[str]) -> bool:
    """Whether a row of these cells without outer pipes would not read back as them.

    An empty first or last cell is taken for an outer pipe's blank, and a first
    cell that starts another kind of block ends the table there: such a row is
    written with both outer pipes (GFM reads each row's own).
    """
    first, last = cells[0].strip(" \t"), cells[-1].strip(" \t")
    return not first or not last or _BLOCK_START.match(first) is not None


def default_layout(eol: str) -> TableLayout:
    header = "| Item | Owner | Due Date | Status |"
    delimiter = "|------|-------|----------|--------|"
    return TableLayout(
        header_source=header + eol + delimiter + eol,
        roles={"item": 0, "owner": 1, "due": 2, "status": 3},
        width=4,
        eol=eol,
    )


def header_cells(content: str) -> list[str]:
    """A header row's column names."""
    return [cell_value(c.strip()) for c in split_row(content)[0]]


def names_action_columns(columns: list[str]) -> bool:
    """A table whose columns say it lists actions: an Action/Task column and an Owner, Due or Status one."""
    folded = [c.strip().strip("*_").casefold() for c in columns]
    has_item = any(name in _ACTION_COLUMN_NAMES for name in folded)
    others = sum(1 for role in ("owner", "due", "status") if any(name in ROLE_NAMES[role] for name in folded))
    return has_item and others >= 1
