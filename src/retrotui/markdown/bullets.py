"""Editing a section's bullet list item by item, touching only the edited lines.

A body is read as chunks: a bullet item (its marker line plus any indented
continuation lines) or anything else (prose, blank lines, code), kept as is.
An HTML comment (from a line starting with ``<!--``, after up to three
spaces, to the line holding ``-->``) is never an item: it goes with the item
it is indented under, or stands on its own, whatever its lines look like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retrotui.markdown.lines import content_of, ending_of, ends_line, is_thematic_break, split_lines

_BULLET = re.compile(r"( {0,3}[-*+])(?:([ \t]++)(.*[^ \t])?)?([ \t]*)$")


@dataclass(slots=True)
class _Item:
    lead: str  # "- " (indent, marker and the space after it)
    text: str
    trail: str  # trailing spaces and the line ending
    rest: str  # continuation lines, verbatim


def _chunks(text: str) -> list[_Item | str]:
    chunks: list[_Item | str] = []
    in_fence = False
    in_comment = False
    comment_holder: _Item | None = None  # the item a comment is indented under
    for line in split_lines(text):
        content = content_of(line)
        stripped = content.lstrip(" ")
        previous = chunks[-1] if chunks else None
        if not in_fence and not in_comment and stripped.startswith("<!--") and len(content) - len(stripped) <= 3:
            in_comment = True
            comment_holder = previous if isinstance(previous, _Item) and content.startswith(" ") else None
        if in_comment:
            if "-->" in stripped:  # on its first line too: "<!-- note -->", "<!-->"
                in_comment = False
            if comment_holder is not None:
                comment_holder.rest += line
            else:
                chunks.append(line)
            continue
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
        # Indented lines and lazy continuation text belong to the item above.
        continues = content.startswith((" ", "\t")) or not (_BULLET.match(content) or stripped[:1] in "#>`~|")
        if isinstance(previous, _Item) and content.strip() and not in_fence and continues:
            previous.rest += line
            continue
        match = None if in_fence or stripped.startswith(("---", "***")) else _BULLET.match(content)
        if match is not None:
            spaces, words = match.group(2) or "", match.group(3) or ""
            lead = match.group(1) + (spaces or " " if words else spaces)
            chunks.append(_Item(lead, words, match.group(4) + line[len(content) :], ""))
        else:
            chunks.append(line)
    return chunks


def _render(chunks: list[_Item | str]) -> str:
    parts: list[str] = []
    for chunk in chunks:
        if isinstance(chunk, str):
            parts.append(chunk)
        else:
            parts.append(chunk.lead + chunk.text + chunk.trail + chunk.rest)
    return "".join(parts)


def _items(chunks: list[_Item | str]) -> list[_Item]:
    return [c for c in chunks if isinstance(c, _Item)]


def bullets(text: str) -> list[str]:
    """The text of each top-level bullet item, in order."""
    return [item.text for item in _items(_chunks(text))]


def has_only_bullets(text: str) -> bool:
    """True when everything but blank lines is bullet items (list editing loses nothing)."""
    return all(isinstance(c, _Item) or not c.strip() for c in _chunks(text))


def nested_lines(text: str, index: int) -> int:
    """How many lines besides its own go with item ``index`` (continuation lines, a nested list, a comment)."""
    return count_lines(_items(_chunks(text))[index].rest)


def count_lines(text: str) -> int:
    """The lines of ``text`` that are not blank."""
    return sum(1 for line in split_lines(text) if line.strip(" \t\r\n"))


def edit_bullet(text: str, index: int, value: str) -> str:
    chunks = _chunks(text)
    item = _items(chunks)[index]
    item.text = _one_line(value)
    if not item.lead.endswith((" ", "\t")):
        item.lead += " "
    return _render(chunks)


def insert_bullet(text: str, index: int, value: str, marker: str = "-", eol: str = "\n") -> str:
    """Insert before item ``index`` (``len`` appends after the last item)."""
    chunks = _chunks(text)
    items = _items(chunks)
    if items:
        like = items[min(index, len(items) - 1)]
        lead = like.lead if like.lead.endswith((" ", "\t")) else like.lead + " "
        ending = ending_of(like.trail) or eol
    else:
        lead, ending = f"{marker} ", eol
    new = _Item(lead, _one_line(value), ending, "")
    if index < len(items):
        position = chunks.index(items[index])
    elif items:
        position = chunks.index(items[-1]) + 1
        last = items[-1]
        if not ends_line(last.rest or last.trail):
            last.trail += eol
    else:
        position = _after_last_content(chunks)
        previous = chunks[position - 1] if position else None
        if isinstance(previous, str) and not ends_line(previous):
            chunks[position - 1] = previous + eol
    chunks.insert(position, new)
    return _render(chunks)


def delete_bullet(text: str, index: int) -> str:
    chunks = _chunks(text)
    item = _items(chunks)[index]
    position = chunks.index(item)
    chunks.remove(item)
    if position == len(chunks) and position > 0:
        # The last line of the body had no ending; keep it that way.
        previous = chunks[position - 1]
        if isinstance(previous, _Item) and not ends_line(item.rest or item.trail):
            if previous.rest:
                previous.rest = previous.rest.rstrip("\r\n")
            else:
                previous.trail = previous.trail.rstrip("\r\n")
    return _render(chunks)


def move_bullet(text: str, index: int, delta: int) -> str:
    """Swap item ``index`` with its neighbour ``delta`` (-1 or +1) away."""
    chunks = _chunks(text)
    items = _items(chunks)
    other = index + delta
    if not 0 <= other < len(items):
        return text
    a, b = chunks.index(items[index]), chunks.index(items[other])
    first, second = chunks[a], chunks[b]
    assert isinstance(first, _Item) and isinstance(second, _Item)
    # Each line keeps the ending of the place it moves to (a last line may have none).
    first_end, second_end = _ending_part(first), _ending_part(second)
    _set_ending(first, second_end)
    _set_ending(second, first_end)
    chunks[a], chunks[b] = second, first
    return _render(chunks)


def rewrite_bullets(text: str, order: Sequence[int], values: Sequence[str] | None = None) -> str:
    """The items in a new order (``order[k]`` is the old index of the item that goes k-th), each with
    its new text from ``values`` (by old index) if given.

    Everything that is not an item stays where it was; an item moves with its
    marker and the lines under it, and each line keeps the ending of the place
    it moves to (a last line may have none).  Items that keep their place and
    text keep their lines byte for byte.
    """
    chunks = _chunks(text)
    places = [n for n, chunk in enumerate(chunks) if isinstance(chunk, _Item)]
    items = [chunks[n] for n in places]
    if sorted(order) != list(range(len(items))) or (values is not None and len(values) != len(items)):
        raise ValueError("order must list every item once, and values give one text per item")
    endings = [_ending_part(item) for item in items]  # type: ignore[arg-type]
    for old, item in enumerate(items):
        assert isinstance(item, _Item)
        if values is not None and values[old] != item.text:
            item.text = _one_line(values[old])
            if item.text and not item.lead.endswith((" ", "\t")):
                item.lead += " "
    for place, old, ending in zip(places, order, endings, strict=True):
        moved = items[old]
        assert isinstance(moved, _Item)
        _set_ending(moved, ending)
        chunks[place] = moved
    return _render(chunks)


def _ending_part(item: _Item) -> str:
    tail = item.rest or item.trail
    return ending_of(tail)


def _set_ending(item: _Item, ending: str) -> None:
    if item.rest:
        item.rest = item.rest[: len(item.rest) - len(ending_of(item.rest))] + ending
    else:
        item.trail = item.trail[: len(item.trail) - len(ending_of(item.trail))] + ending


def _after_last_content(chunks: list[_Item | str]) -> int:
    """Where a first bullet goes in a body with none: before the trailing blank lines and the
    ``-----`` rule that closes the retro (after it, the bullet would swallow the next retro's title line)."""
    position = len(chunks)
    while position > 0:
        chunk = chunks[position - 1]
        if not isinstance(chunk, str) or (chunk.strip() and not is_thematic_break(content_of(chunk))):
            break
        position -= 1
    return position


def _one_line(value: str) -> str:
    return " ".join(value.replace("\r", "\n").split("\n")).strip()


def split_trailing_blank_lines(text: str) -> tuple[str, str]:
    """``(body, tail)``: the blank lines that separate a section from the next heading."""
    lines = split_lines(text)
    cut = len(lines)
    while cut and not lines[cut - 1].strip(" \t\r\n"):
        cut -= 1
    return "".join(lines[:cut]), "".join(lines[cut:])
