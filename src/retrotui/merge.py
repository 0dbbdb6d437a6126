"""Three-way structural merge: retros, sections, action rows and lines each merge on their own.

``merge(base, ours, theirs)`` works on texts and gives back text: whatever
neither side touched comes out byte-identical (ours' bytes), a part changed
on one side comes out as that side wrote it, and only a part changed on both
sides in different ways becomes a ``Conflict`` naming where it is.

- Retros are matched by title, sections by heading, action rows by their
  item text (carry marks aside), everything else line by line.
- Two sides changing different cells of one action row both win.
- Lines inserted at the same place on both sides are both kept, ours first
  (two people adding bullets to one list is not a conflict).
- Both sides bumping **Last Updated** keeps the later date.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from retrotui.markdown import loads
from retrotui.markdown.lines import split_lines
from retrotui.markdown.serializer import (
    render_action_row,
    render_blocks,
    render_retro,
    render_retro_head,
    render_section,
    render_top_block,
)
from retrotui.model import ActionItem, ActionTable, DocFormat, Retro, RetroDocument, Section, TaskList
from retrotui.tracker import base_text
from retrotui.values import format_due, parse_due

FIELDS = ("item", "owner", "due", "status")
COLUMN_NAMES = {"item": "Item", "owner": "Owner", "due": "Due Date", "status": "Status", "extra": "extra columns"}


@dataclass
class Conflict:
    """One place both sides changed differently; ``choice`` settles it."""

    where: str
    ours: str
    theirs: str
    base: str = ""
    retro: str | None = None
    row: str | None = None
    columns: tuple[str, ...] = ()
    choice: str | None = None  # "ours", "theirs", or the text to use

    def resolve(self, choice: str) -> None:
        self.choice = choice

    @property
    def resolution(self) -> str | None:
        if self.choice == "ours":
            return self.ours
        if self.choice == "theirs":
            return self.theirs
        return self.choice

    def with_markers(self, eol: str = "\n") -> str:
        ours = self.ours if not self.ours or self.ours.endswith("\n") else self.ours + eol
        theirs = self.theirs if not self.theirs or self.theirs.endswith("\n") else self.theirs + eol
        return f"<<<<<<< ours ({self.where}){eol}{ours}======={eol}{theirs}>>>>>>> theirs{eol}"


Piece = str | Conflict


@dataclass
class MergeResult:
    pieces: list[Piece] = field(default_factory=list)
    eol: str = "\n"

    @property
    def conflicts(self) -> list[Conflict]:
        return [p for p in self.pieces if isinstance(p, Conflict)]

    @property
    def clean(self) -> bool:
        return not self.conflicts

    @property
    def unresolved(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.resolution is None]

    def text(self) -> str:
        """The merged text; unresolved conflicts appear between conflict markers."""
        parts: list[str] = []
        for piece in self.pieces:
            if isinstance(piece, str):
                parts.append(piece)
            else:
                resolution = piece.resolution
                parts.append(resolution if resolution is not None else piece.with_markers(self.eol))
        return "".join(parts)


def merge(base: str | RetroDocument, ours: str | RetroDocument, theirs: str | RetroDocument) -> MergeResult:
    """Merge two edited versions of a retrospective file against their common base.

    Each version is a text or a document (taken as the text it saves to).
    """
    base, ours, theirs = (_text(v) for v in (base, ours, theirs))
    if ours == theirs or base == theirs:
        return MergeResult([ours])
    if base == ours:
        return MergeResult([theirs])
    docs = loads(base), loads(ours), loads(theirs)
    fmt = docs[1].format
    merger = _Merger(docs[0].format, fmt, docs[2].format)
    pieces = merger.document(*docs)
    text_bom = "\ufeff" if fmt.bom else ""
    if text_bom:
        pieces.insert(0, text_bom)
    return MergeResult(pieces, fmt.eol)


def _text(version: str | RetroDocument) -> str:
    from retrotui.markdown import dumps

    return version if isinstance(version, str) else dumps(version)


U = TypeVar("U")


@dataclass
class _Keyed(Generic[U]):
    key: str
    unit: U


def _keyed_merge(
    base: Sequence[_Keyed[U]],
    ours: Sequence[_Keyed[U]],
    theirs: Sequence[_Keyed[U]],
    text: Callable[[U, int], str],
    merge_unit: Callable[[U | None, U, U], list[Piece]],
    describe: Callable[[str], str],
) -> list[Piece]:
    """Merge keyed units: ours' order, with theirs' new units after their predecessor.

    ``text(unit, side)`` renders a unit from side 0 (base), 1 (ours) or 2 (theirs).
    """
    base_by = {k.key: k.unit for k in base}
    ours_by = {k.key: k.unit for k in ours}
    theirs_by = {k.key: k.unit for k in theirs}
    order = [k.key for k in ours]
    for position, keyed in enumerate(theirs):
        if keyed.key in ours_by:
            continue
        if keyed.key in base_by and text(keyed.unit, 2) == text(base_by[keyed.key], 0):
            continue  # ours deleted it and theirs did not touch it: stays deleted
        anchor = next((t.key for t in reversed(theirs[:position]) if t.key in order), None)
        at = order.index(anchor) + 1 if anchor is not None else 0
        # Ours' own additions right after the anchor come first: ours, then theirs.
        while at < len(order) and order[at] not in base_by and order[at] not in theirs_by:
            at += 1
        order.insert(at, keyed.key)
    pieces: list[Piece] = []
    for key in order:
        in_base, in_ours, in_theirs = key in base_by, key in ours_by, key in theirs_by
        if in_ours and in_theirs:
            if in_base:
                pieces += merge_unit(base_by[key], ours_by[key], theirs_by[key])
            else:
                pieces += merge_unit(None, ours_by[key], theirs_by[key])
        elif in_ours:
            if in_base and text(ours_by[key], 1) != text(base_by[key], 0):
                pieces.append(
                    Conflict(
                        f"{describe(key)}: changed here, deleted there",
                        text(ours_by[key], 1),
                        "",
                        text(base_by[key], 0),
                    )
                )
            elif not in_base:
                pieces.append(text(ours_by[key], 1))
        elif in_theirs:
            if not in_base:
                pieces.append(text(theirs_by[key], 2))
            elif text(theirs_by[key], 2) != text(base_by[key], 0):
                pieces.append(
                    Conflict(
                        f"{describe(key)}: deleted here, changed there",
                        "",
                        text(theirs_by[key], 2),
                        text(base_by[key], 0),
                    )
                )
    return pieces


def _unique_keys(keys: Iterator[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        count = seen.get(key, 0)
        seen[key] = count + 1
        out.append(key if count == 0 else f"{key}#{count}")
    return out


class _Merger:
    def __init__(self, *formats: DocFormat) -> None:
        self.formats = formats

    # -- document ---------------------------------------------------------------------

    def document(self, base: RetroDocument, ours: RetroDocument, theirs: RetroDocument) -> list[Piece]:
        units = [self.top_units(doc) for doc in (base, ours, theirs)]

        def text(unit: object, side: int) -> str:
            if isinstance(unit, Retro):
                return render_retro(unit, self.formats[side])
            assert isinstance(unit, str)
            return unit

        def merge_unit(b: object, o: object, t: object) -> list[Piece]:
            if isinstance(o, Retro) and isinstance(t, Retro):
                return self.retro(b if isinstance(b, Retro) else None, o, t)
            return merge_lines(text(b, 0) if b is not None else "", text(o, 1), text(t, 2), "the header")

        return _keyed_merge(units[0], units[1], units[2], text, merge_unit, lambda key: key.split(":", 1)[-1])

    def top_units(self, doc: RetroDocument) -> list[_Keyed[object]]:
        """The preamble, each retro (by title), and the text after each retro."""
        units: list[_Keyed[object]] = []
        pending: list[str] = []
        owner = "preamble"
        fmt = doc.format
        for block in doc.blocks:
            if isinstance(block, Retro):
                if pending:
                    units.append(_Keyed(f"text:{owner}", "".join(pending)))
                    pending = []
                owner = f"retro:{' '.join(block.title.split()).casefold()}"
                units.append(_Keyed(owner, block))
                owner = f"after {owner}"
            else:
                pending.append(render_top_block(block, fmt))
        if pending:
            units.append(_Keyed(f"text:{owner}", "".join(pending)))
        keys = _unique_keys(u.key for u in units)
        return [_Keyed(k, u.unit) for k, u in zip(keys, units, strict=True)]

    # -- retros and sections ------------------------------------------------------------------

    def retro(self, base: Retro | None, ours: Retro, theirs: Retro) -> list[Piece]:
        texts = [
            render_retro(r, f) if r is not None else "" for r, f in zip((base, ours, theirs), self.formats, strict=True)
        ]
        if texts[1] == texts[2] or texts[0] == texts[2]:
            return [texts[1]]
        if texts[0] == texts[1]:
            return [texts[2]]
        name = ours.title
        heads = [
            render_retro_head(r, f) if r is not None else ""
            for r, f in zip((base, ours, theirs), self.formats, strict=True)
        ]
        pieces = merge_lines(heads[0], heads[1], heads[2], f"{name}: heading", retro=name)
        sections = [self.section_units(r) if r is not None else [] for r in (base, ours, theirs)]

        def text(unit: Section, side: int) -> str:
            return render_section(unit, self.formats[side])

        def merge_unit(b: Section | None, o: Section, t: Section) -> list[Piece]:
            return self.section(name, b, o, t)

        pieces += _keyed_merge(sections[0], sections[1], sections[2], text, merge_unit, lambda key: f"{name}: {key}")
        return pieces

    @staticmethod
    def section_units(retro: Retro) -> list[_Keyed[Section]]:
        keys = _unique_keys(" ".join(s.title.split()).casefold() for s in retro.sections)
        return [_Keyed(k, s) for k, s in zip(keys, retro.sections, strict=True)]

    def section(self, retro: str, base: Section | None, ours: Section, theirs: Section) -> list[Piece]:
        texts = [
            render_section(s, f) if s is not None else ""
            for s, f in zip((base, ours, theirs), self.formats, strict=True)
        ]
        if texts[1] == texts[2] or texts[0] == texts[2]:
            return [texts[1]]
        if texts[0] == texts[1]:
            return [texts[2]]
        lists = [s.action_list if s is not None else None for s in (base, ours, theirs)]
        if lists[1] is not None and lists[2] is not None and type(lists[1]) is type(lists[2]):
            return self.action_section(retro, base, ours, theirs)
        return merge_lines(texts[0], texts[1], texts[2], f"{retro}: {ours.title}", retro=retro)

    def action_section(self, retro: str, base: Section | None, ours: Section, theirs: Section) -> list[Piece]:
        """The text around the table merges by lines; the rows merge row by row, cell by cell."""
        around = [self.around_table(s, side) for side, s in enumerate((base, ours, theirs))]
        before = merge_lines(around[0][0], around[1][0], around[2][0], f"{retro}: {ours.title}", retro=retro)
        after = merge_lines(around[0][1], around[1][1], around[2][1], f"{retro}: {ours.title}", retro=retro)
        table = ours.action_list
        assert table is not None
        rows = [self.row_units(s.action_list if s is not None else None) for s in (base, ours, theirs)]
        fmt = self.formats[1]
        theirs_table = theirs.action_list
        assert theirs_table is not None

        def text(unit: ActionItem, side: int) -> str:
            owner = table if side != 2 else theirs_table
            return render_action_row(unit, owner, self.formats[side])

        def merge_unit(b: ActionItem | None, o: ActionItem, t: ActionItem) -> list[Piece]:
            return self.row(retro, b, o, t, table, fmt)

        header = table._layout.header_source if isinstance(table, ActionTable) and table._layout else ""
        body = _keyed_merge(rows[0], rows[1], rows[2], text, merge_unit, lambda key: f"{retro}: row {key!r}")
        return [*before, header, *body, *after]

    def around_table(self, section: Section | None, side: int) -> tuple[str, str]:
        """The section's heading and text before its action list, and the text after it."""
        if section is None:
            return "", ""
        fmt = self.formats[side]
        before: list[str] = [render_section(section.model_copy(update={"blocks": []}), fmt)]
        after: list[str] = []
        seen_list = False
        primary = section.action_list
        for block in section.blocks:
            if block is primary:
                seen_list = True
                continue
            # Further action lists (sub-groups) merge as text with what surrounds them.
            (after if seen_list else before).append(render_blocks([block], fmt))
        return "".join(before), "".join(after)

    @staticmethod
    def row_units(table: ActionTable | TaskList | None) -> list[_Keyed[ActionItem]]:
        if table is None:
            return []
        keys = _unique_keys(base_text(row.item) for row in table.rows)
        return [_Keyed(k, row) for k, row in zip(keys, table.rows, strict=True)]

    def row(
        self,
        retro: str,
        base: ActionItem | None,
        ours: ActionItem,
        theirs: ActionItem,
        table: ActionTable | TaskList,
        fmt: DocFormat,
    ) -> list[Piece]:
        base_values = base.values() if base is not None else ("", "", "", "", ())
        merged = list(ours.values())
        clashes: list[str] = []
        for index, name in enumerate((*FIELDS, "extra")):
            b, o, t = base_values[index], merged[index], theirs.values()[index]
            if o == t or t == b:
                continue
            if o == b:
                merged[index] = t
            else:
                clashes.append(COLUMN_NAMES[name])
        ours_text = render_action_row(ours, table, fmt)
        if clashes:
            theirs_row = ours.model_copy()
            theirs_row.item, theirs_row.owner = theirs.item, theirs.owner
            theirs_row.due, theirs_row.status, theirs_row.extra = theirs.due, theirs.status, list(theirs.extra)
            theirs_text = render_action_row(theirs_row, table, fmt)
            return [
                Conflict(
                    f"{retro}: action {ours.item!r}, {', '.join(clashes)}",
                    ours_text,
                    theirs_text,
                    render_action_row(base, table, fmt) if base is not None else "",
                    retro=retro,
                    row=ours.item,
                    columns=tuple(clashes),
                )
            ]
        if tuple(merged) == ours.values():
            return [ours_text]
        result = ours.model_copy()
        result.item, result.owner, result.due, result.status = merged[0], merged[1], merged[2], merged[3]  # type: ignore[assignment]
        result.extra = list(merged[4])  # type: ignore[arg-type]
        return [render_action_row(result, table, fmt)]


def merge_lines(base: str, ours: str, theirs: str, where: str, retro: str | None = None) -> list[Piece]:
    """A line-by-line three-way merge; insertions at one place on both sides keep both."""
    if ours == theirs or base == theirs:
        return [ours]
    if base == ours:
        return [theirs]
    b, o, t = split_lines(base), split_lines(ours), split_lines(theirs)
    to_ours = _matches(b, o)
    to_theirs = _matches(b, t)
    anchors = [(i, to_ours[i], to_theirs[i]) for i in range(len(b)) if i in to_ours and i in to_theirs]
    anchors.append((len(b), len(o), len(t)))
    pieces: list[Piece] = []
    previous = (-1, -1, -1)
    for anchor in anchors:
        chunk_b = b[previous[0] + 1 : anchor[0]]
        chunk_o = o[previous[1] + 1 : anchor[1]]
        chunk_t = t[previous[2] + 1 : anchor[2]]
        if chunk_o == chunk_b:
            pieces.append("".join(chunk_t))
        elif chunk_t == chunk_b or chunk_o == chunk_t:
            pieces.append("".join(chunk_o))
        elif not chunk_b:
            pieces.append("".join(chunk_o) + "".join(chunk_t))
        elif (later := _later_last_updated(chunk_o, chunk_t)) is not None:
            pieces.append(later)
        else:
            pieces.append(Conflict(where, "".join(chunk_o), "".join(chunk_t), "".join(chunk_b), retro=retro))
        if anchor[1] < len(o):
            pieces.append(o[anchor[1]])
        previous = anchor
    return pieces


def _matches(a: list[str], b: list[str]) -> dict[int, int]:
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    pairs: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
    return pairs


def _later_last_updated(ours: list[str], theirs: list[str]) -> str | None:
    """Both sides bumped the Last Updated line: the later date wins, not a conflict."""
    if len(ours) != 1 or len(theirs) != 1:
        return None
    line_o, line_t = ours[0], theirs[0]
    if "last updated" not in line_o.casefold() or "last updated" not in line_t.casefold():
        return None
    date_o, date_t = _date_in(line_o), _date_in(line_t)
    if date_o is None or date_t is None:
        return None
    return line_o if date_o >= date_t else line_t


def _date_in(line: str) -> str | None:
    for word in line.replace("*", " ").split():
        value = parse_due(word)
        if not isinstance(value, str):
            return format_due(value)
    return None
