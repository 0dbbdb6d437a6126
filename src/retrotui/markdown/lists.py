"""Action items written as list items, read and rewritten in the list's own style.

A row is one list item: its first line (the *head*) says what the item is,
who owns it, when it is due and whether it is done; the lines after it (a
wrapped sentence, a nested list, a picture) are its *tail*, kept verbatim.

The head is split into parts (the marker, a ``[ ]`` box, a ``DONE:`` word,
``~~strikethrough~~``, the text, a trailing ``@owner``, ``(Ana)``,
``(due 2025-01-31)``, ``(Done)`` …).  An edit changes only the parts of the
edited field, so toggling an item changes its mark and nothing else.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from retrotui.markdown.lines import CONTINUED, ITEM, Lines, content_of, indent_width, is_blank, is_thematic_break
from retrotui.record import Slotted
from retrotui.values import DONE, OPEN, format_due, is_status_word, parse_status

_WORDS = (
    r"done|completed?|closed|finished|resolved|fixed|shipped|todo|to ?do|open|pending|in[ -]progress|wip|doing"
    r"|ongoing|blocked|started|not started|hecho|terminado|completado|pendiente|en progreso|feito|concluído"
    r"|pendente|erledigt|offen|fertig|fait|terminé|en cours|完了|未着手|対応中|완료|진행 ?중|已完成|进行中"
)
# A list whose first item has a box: its new items get one (``- [ ] ``, ``1. ( ) ``).
BOX_AFTER_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+([\[(])[ xX]([\])])(?:[ \t]|$)")
_BOX = re.compile(r"(?P<before>[\[(])(?P<value>[ xX])(?P<after>[\])](?:[ \t]+|$))")
_GLYPH = re.compile(r"(?P<value>☐|☑️?|✅|✔️?|✓|☒)(?P<after>[ \t]+)")


@cache
def _item_patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """The patterns of an item's status, owner and due marks, compiled when an item is first read
    (several milliseconds: a file of action tables alone, and the merge driver, never need them).

    ``(prefix word, prefix in emphasis, suffixes)``.
    """
    prefix_word = re.compile(
        rf"(?P<before>\[|(?P<em>\*\*|__)?)(?P<value>{_WORDS})"
        rf"(?P<after>\](?:[ \t]+)|(?P=em)?[ \t]*[:\-–—|][ \t]+)",
        re.IGNORECASE,
    )
    prefix_emphasis = re.compile(rf"(?P<before>\*\*|__)(?P<value>{_WORDS})(?P<after>(?P=before)[ \t]+)", re.IGNORECASE)
    suffixes: tuple[tuple[str, re.Pattern[str]], ...] = (
        ("note_status", re.compile(r"(?P<before>(?:^|[ \t]+)\(status:[ \t]*)(?P<value>[^()]*?)(?P<after>\))$", re.I)),
        (
            "note_due",
            re.compile(
                r"(?P<before>(?:^|[ \t]+)\((?:due|deadline|by|until|eta)(?::[ \t]*|[ \t]+))"
                r"(?P<value>[^()]*?[^()\s])(?P<after>\))$",
                re.I,
            ),
        ),
        # "… by 2025-03-01", "… due: 2025-3-1": a date, not just any word, after a plain due word.
        (
            "note_due",
            re.compile(
                r"(?P<before>[ \t]+(?:due|by|until|deadline):?[ \t]+)(?P<value>\d{4}-\d{1,2}-\d{1,2})(?P<after>)$", re.I
            ),
        ),
        (
            "note_owner",
            re.compile(
                r"(?P<before>(?:^|[ \t]+)\((?:owner|owners|assignee|assigned to|responsible|who):[ \t]*)"
                r"(?P<value>[^()]*?)(?P<after>\))$",
                re.I,
            ),
        ),
        ("mention", re.compile(r"(?P<before>[ \t]+)(?P<value>@[\w.\-/]+(?:[ \t]*,?[ \t]+@[\w.\-/]+)*)(?P<after>)$")),
        ("word", re.compile(rf"(?P<before>[ \t]+[\[(])(?P<value>{_WORDS})(?P<after>[\])])$", re.IGNORECASE)),
        ("word", re.compile(rf"(?P<before>[ \t]+[-–—:][ \t]*)(?P<value>{_WORDS})(?P<after>)$", re.IGNORECASE)),
        ("word", re.compile(rf"(?P<before>[ \t]+(?P<em>\*\*|__|\*|_))(?P<value>{_WORDS})(?P<after>(?P=em))$", re.I)),
        ("glyph", re.compile(r"(?P<before>[ \t]+)(?P<value>✅|✔️?|☑️?|✓)(?P<after>)$")),
        ("paren_owner", re.compile(r"(?P<before>[ \t]+\()(?P<value>[^()]{1,40}?)(?P<after>\))$")),
        ("paren_owner", re.compile(r"(?P<before>[ \t]+\[)(?P<value>[^\[\]()]{1,40}?)(?P<after>\])$")),
        ("dash_owner", re.compile(r"(?P<before>[ \t]+[-–—][ \t]+)(?P<value>[^-–—()]{1,40}?)(?P<after>)$")),
    )
    return prefix_word, prefix_emphasis, suffixes


_OWNER_PREFIX = re.compile(r"(?P<value>@?[^\W\d_][\w.'\-]*(?:[ \t]+@?[^\W\d_][\w.'\-]*){0,2})(?P<after>:[ \t]+)")
_NAME = re.compile(r"@?[^\W\d_][\w.'\-]*")
# Words that start a "Word: text" item without naming a person.
_NOT_OWNERS = frozenset(
    [
        "note",
        "notes",
        "nb",
        "ps",
        "fyi",
        "todo",
        "done",
        "action",
        "actions",
        "update",
        "edit",
        "idea",
        "question",
        "goal",
        "fix",
        "bug",
        "why",
        "how",
        "what",
        "problem",
        "solution",
        "result",
        "status",
        "owner",
        "due",
        "tbd",
        "wip",
        "next",
        "later",
        "important",
        "update",
        "context",
        "example",
        "update",
        "propuesta",
        "nota",
        "idea",
        "objetivo",
        "ziel",
        "hinweis",
        "remarque",
    ]
)
_ALL_FIELDS = frozenset({"owner", "due", "status"})
_STATUS_ROLES = frozenset({"box", "glyph", "word", "strike", "note_status"})
_OWNER_ROLES = frozenset({"note_owner", "mention", "paren_owner", "dash_owner", "owner_prefix"})


class Part(Slotted):
    """A piece of a head line: ``before + value + after`` is its text."""

    __slots__ = ("after", "before", "role", "value")
    __match_args__ = ("role", "before", "value", "after")  # the fields, in order
    role: str
    before: str
    value: str
    after: str

    def __init__(self, role: str, before: str, value: str, after: str = "") -> None:
        self.role = role
        self.before = before
        self.value = value
        self.after = after

    def text(self) -> str:
        return self.before + self.value + self.after


class Row(Slotted):
    """A head line read into parts, and the values they give."""

    __slots__ = ("due", "item", "owner", "parts", "status", "status_text")
    __match_args__ = ("parts", "item", "owner", "due", "status", "status_text")  # the fields, in order
    parts: list[Part]
    item: str
    owner: str
    due: str
    status: str
    status_text: str  # the status as written where it is a word ("Done", "TODO"), else ""

    def __init__(self, parts: list[Part], item: str, owner: str, due: str, status: str, status_text: str) -> None:
        self.parts = parts
        self.item = item
        self.owner = owner
        self.due = due
        self.status = status
        self.status_text = status_text

    def render(self) -> str:
        return "".join(part.text() for part in self.parts)

    def find(self, roles: frozenset[str] | str) -> Part | None:
        wanted = frozenset({roles}) if isinstance(roles, str) else roles
        return next((p for p in self.parts if p.role in wanted), None)


def read_head(content: str, fields: frozenset[str] = frozenset({"owner", "due", "status"})) -> Row:
    """A head line (or a table's item cell) read into parts.

    ``fields`` says which fields the text may carry besides the item: a list
    item carries all, a table's item cell only those the table has no column
    for (and then only in the unambiguous forms: notes, mentions, strikethrough).
    """
    parts: list[Part] = []
    match = ITEM.match(content)
    rest = content
    if match is not None and fields == _ALL_FIELDS:
        parts.append(Part("lead", "", content[: match.end()]))
        rest = content[match.end() :]
    core_end = len(rest.rstrip(" \t"))
    trail = Part("trail", "", rest[core_end:])
    rest = rest[:core_end]
    list_item = fields == _ALL_FIELDS
    front: list[Part] = []
    if "status" in fields and list_item:
        prefix_word, prefix_emphasis, _ = _item_patterns()
        for pattern, role in ((_BOX, "box"), (_GLYPH, "glyph"), (prefix_emphasis, "word"), (prefix_word, "word")):
            found = pattern.match(rest)
            if found is not None and (role != "word" or rest[found.end() :].strip()):
                groups = found.groupdict()
                front.append(Part(role, groups.get("before") or "", groups["value"], groups.get("after") or ""))
                rest = rest[found.end() :]
                break
    back: list[Part] = []
    while True:
        taken = {field_of(p.role) for p in front + back}
        noted = {p.role for p in back}
        for role, pattern in _item_patterns()[2]:
            if field_of(role) not in fields or role in noted:
                continue
            if field_of(role) in taken and not (role == "note_status" and "word" not in noted):
                continue
            if not list_item and role in ("word", "glyph", "paren_owner", "dash_owner"):
                continue
            found = _search_end(pattern, rest)
            if found is None or not (rest[: found.start()].strip() or role.startswith("note_")):
                continue
            value = found.group("value")
            if role in ("paren_owner", "dash_owner") and not _is_names(value):
                continue
            if role == "note_due" and not _looks_like_due(value):
                continue
            back.insert(0, Part(role, found.group("before"), value, found.group("after")))
            rest = rest[: found.start()]
            break
        else:
            break
    if "owner" in fields and list_item and not any(field_of(p.role) == "owner" for p in back):
        found = _OWNER_PREFIX.match(rest)
        if found is not None and rest[found.end() :].strip() and _fits("owner_prefix", found.group("value")):
            front.append(Part("owner_prefix", "", found.group("value"), found.group("after")))
            rest = rest[found.end() :]
    middle: list[Part]
    if (
        "status" in fields
        and rest.startswith("~~")
        and rest.endswith("~~")
        and len(rest) > 4
        and not any(p.role in _STATUS_ROLES for p in front + back)
    ):
        middle = [Part("strike", "~~", ""), Part("item", "", rest[2:-2]), Part("strike_end", "", "", "~~")]
    else:
        middle = [Part("item", "", rest)]
    parts += front + middle + back + [trail]
    return _row(parts)


_TAIL = 400  # marks and notes are short: look for them in the end of a line only


def _search_end(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern`` (anchored at ``$``) searched in the last ``_TAIL`` characters: linear on any line."""
    return pattern.search(text, max(0, len(text) - _TAIL))


def field_of(role: str) -> str:
    """Which field a part holds: owner, due, status, or its own role."""
    if role in _OWNER_ROLES:
        return "owner"
    if role == "note_due":
        return "due"
    if role in _STATUS_ROLES or role == "strike":
        return "status"
    return role


def _is_names(text: str) -> bool:
    """``Ana``, ``Ana Lima``, ``Ana, Bo``, ``@ana``: one to three names, each capitalised."""
    names = [n.strip() for n in re.split(r",|&|/|\band\b|\by\b|\be\b|\bund\b", text)]
    if not names or len(names) > 4 or any(not n for n in names):
        return False
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= 3:
            return False
        for word in words:
            if not _NAME.fullmatch(word):
                return False
            letter = word.lstrip("@")[:1]
            if not word.startswith("@") and not letter.isupper():
                return False
    return not is_status_word(text)


def _looks_like_due(text: str) -> bool:
    return any(c.isdigit() for c in text) or text.strip().casefold() in ("tbd", "today", "tomorrow", "next week")


def _row(parts: list[Part]) -> Row:
    item = owner = due = ""
    status = OPEN
    status_text = ""
    by_role = {p.role: p for p in parts}
    item = by_role["item"].value.strip(" \t")
    for role in ("note_owner", "mention", "owner_prefix", "paren_owner", "dash_owner"):
        if role in by_role:
            owner = by_role[role].value
            break
    if "note_due" in by_role:
        due = by_role["note_due"].value
    if "note_status" in by_role:
        status = by_role["note_status"].value
    elif "word" in by_role:
        status_text = by_role["word"].value
        status = parse_status(status_text)
    elif "box" in by_role:
        status = DONE if by_role["box"].value in "xX" else OPEN
        status_text = "[x]" if status == DONE else "[ ]"
    elif "glyph" in by_role:
        status = parse_status(by_role["glyph"].value)
    elif "strike" in by_role:
        status = DONE
    return Row(parts, item, owner, due, status, status_text)


# -- the style of a list -------------------------------------------------------------


class ListStyle(Slotted):
    """How a list marks what its rows say, learnt from its rows: used for new and edited marks."""

    __slots__ = ("box", "done_mark", "done_word", "markers", "open_word", "owner")
    __match_args__ = ("box", "done_mark", "done_word", "open_word", "owner", "markers")  # the fields, in order
    box: tuple[str, str] | None  # ("[", "] ") when items carry boxes
    done_mark: Part | None  # how a done item without a box is marked (a word, a glyph, strikethrough)
    done_word: str
    open_word: str
    owner: str
    markers: list[str]

    def __init__(
        self,
        box: tuple[str, str] | None = None,
        done_mark: Part | None = None,
        done_word: str = "",
        open_word: str = "",
        owner: str = "note_owner",
        markers: list[str] | None = None,
    ) -> None:
        self.box = box
        self.done_mark = done_mark
        self.done_word = done_word
        self.open_word = open_word
        self.owner = owner
        self.markers = list() if markers is None else markers


def list_style(rows: list[Row]) -> ListStyle:
    style = ListStyle()
    boxes: Counter[tuple[str, str]] = Counter()
    marks: Counter[tuple[str, str, str, str]] = Counter()
    done_words: Counter[str] = Counter()
    open_words: Counter[str] = Counter()
    owners: Counter[str] = Counter()
    for row in rows:
        for part in row.parts:
            if part.role == "box":
                boxes[(part.before, "] " if part.before == "[" else ") ")] += 1
            elif part.role in ("word", "glyph", "strike") and row.status == DONE:
                marks[(part.role, part.before, part.value if part.role == "glyph" else "", part.after)] += 1
                if part.role == "word":
                    done_words[part.value] += 1
            elif part.role == "word" and (row.status == OPEN or part.value.casefold() in _OPEN_WORDS):
                open_words[part.value] += 1
            elif part.role in _OWNER_ROLES:
                owners[part.role] += 1
            elif part.role == "lead":
                style.markers.append(part.value)
    if boxes:
        style.box = boxes.most_common(1)[0][0]
    if marks:
        role, before, value, after = marks.most_common(1)[0][0]
        style.done_mark = Part(role, before, value, after)
    if done_words:
        style.done_word = done_words.most_common(1)[0][0]
    if open_words:
        style.open_word = open_words.most_common(1)[0][0]
    if owners:
        style.owner = owners.most_common(1)[0][0]
    return style


_OPEN_WORDS = frozenset({"todo", "to do", "open", "pending", "not started", "pendiente", "pendente", "offen", "未着手"})


# -- writing -----------------------------------------------------------------------------


def write_head(
    row: Row,
    values: tuple[str, str, str, str],
    style: ListStyle,
    fields: frozenset[str] = _ALL_FIELDS,
) -> str:
    """The head with ``values`` (item, owner, due text, status) in place of the row's, only changed parts touched.

    If the result would read back as something else (a text that itself
    ends like a mark, say ``Call (Ana Lima)`` once its ``(owner: …)`` note
    is gone), the head is written in the explicit form instead:
    ``[ ] text (owner: …) (due …) (status: …)``.
    """
    parts = [Part(p.role, p.before, p.value, p.after) for p in row.parts]
    item, owner, due, status = values
    wanted = (_one_line(item), _one_line(owner), _one_line(due), _one_line(status))
    if item != row.item:
        _part(parts, "item").value = wanted[0]
    if "owner" in fields and owner != row.owner:
        _set_owner(parts, wanted[1], style, fields)
    if "due" in fields and due != row.due:
        _set_note(parts, "note_due", " (due ", wanted[2], ")")
    if "status" in fields and status != row.status:
        _set_status(parts, wanted[3], style, fields)
    text = "".join(p.text() for p in parts)
    if _reads_as(text, wanted, row, fields):
        return text
    return _explicit(parts, wanted, fields)


def _reads_as(text: str, wanted: tuple[str, str, str, str], row: Row, fields: frozenset[str]) -> bool:
    back = read_head(text, fields)
    found = (back.item, back.owner, back.due, back.status)
    expected = tuple(
        w if f == "item" or f in fields else old
        for f, w, old in zip(
            ("item", "owner", "due", "status"), wanted, (row.item, row.owner, row.due, row.status), strict=True
        )
    )
    return found == expected


def _explicit(parts: list[Part], wanted: tuple[str, str, str, str], fields: frozenset[str]) -> str:
    """The head in a form that cannot be read two ways: a box, the text, then notes for the rest."""
    item, owner, due, status = wanted
    lead = next((p.text() for p in parts if p.role == "lead"), "")
    trail = next((p.text() for p in parts if p.role == "trail"), "")
    text = item
    if fields == _ALL_FIELDS:
        text = ("[x] " if status == DONE else "[ ] ") + text
    elif "status" in fields and status == DONE:
        text = f"~~{text}~~"
    if "owner" in fields:
        text += f" (owner: {owner.replace('(', '[').replace(')', ']')})"
    if "due" in fields and due:
        text += f" (due {due})"
    if "status" in fields:
        # Always said, so a text ending in "(status: …)" stays text.
        text += f" (status: {status})"
    return lead + text + trail


def new_head(values: tuple[str, str, str, str], lead: str, style: ListStyle) -> str:
    """A head for a new row, in the list's style (``- [ ] text @owner (due 2025-01-31)``)."""
    parts = [Part("lead", "", lead), Part("item", "", ""), Part("trail", "", "")]
    blank = Row(parts, "", "", "", OPEN, "")
    if style.box is not None:
        parts.insert(1, Part("box", style.box[0], " ", style.box[1]))
    return write_head(blank, values, style)


def _part(parts: list[Part], role: str) -> Part:
    return next(p for p in parts if p.role == role)


def _insert_before_trail(parts: list[Part], part: Part) -> None:
    parts.insert(len(parts) - 1, part)


def _set_owner(parts: list[Part], owner: str, style: ListStyle, fields: frozenset[str]) -> None:
    current = next((i for i, p in enumerate(parts) if p.role in _OWNER_ROLES), None)
    if current is not None and owner and _fits(parts[current].role, owner):
        parts[current].value = owner
        return
    if current is not None:
        del parts[current]
    if not owner:
        return
    simple_mention = owner.startswith("@") and not any(c.isspace() or c in "()" for c in owner)
    role = style.owner if fields == _ALL_FIELDS else "note_owner"
    if simple_mention:
        new = Part("mention", " ", owner)
    elif role == "owner_prefix" and _fits("owner_prefix", owner):
        new = Part("owner_prefix", "", owner, ": ")
    elif role == "paren_owner" and _fits("paren_owner", owner):
        new = Part("paren_owner", " (", owner, ")")
    else:
        new = Part("note_owner", " (owner: ", owner, ")")
    if new.role == "owner_prefix":
        item = next(i for i, p in enumerate(parts) if p.role in ("item", "strike"))
        parts.insert(item, new)
    elif current is not None and current < len(parts) and parts[current].role not in ("item", "strike", "lead"):
        parts.insert(current, new)
    else:
        _insert_before_trail(parts, new)


def _fits(role: str, owner: str) -> bool:
    if role == "mention":
        return bool(re.fullmatch(r"@[\w.\-/]+(?:[ \t]*,?[ \t]+@[\w.\-/]+)*", owner))
    if role in ("paren_owner", "dash_owner", "owner_prefix"):
        return _is_names(owner) and owner.split()[0].casefold() not in _NOT_OWNERS
    return "(" not in owner and ")" not in owner


def _set_note(parts: list[Part], role: str, before: str, value: str, after: str) -> None:
    current = next((i for i, p in enumerate(parts) if p.role == role), None)
    if current is not None:
        if value:
            parts[current].value = value
        else:
            del parts[current]
        return
    if value:
        _insert_before_trail(parts, Part(role, before, value, after))


def _set_status(parts: list[Part], status: str, style: ListStyle, fields: frozenset[str]) -> None:
    list_item = fields == _ALL_FIELDS
    note = next((p for p in parts if p.role == "note_status"), None)
    if note is not None:
        parts.remove(note)
    word = next((p for p in parts if p.role == "word"), None)
    box = next((p for p in parts if p.role == "box"), None)
    if status not in (OPEN, DONE):
        if word is not None and is_status_word(status):
            word.value = status
            return
        _clear_marks(parts, keep_box=True)
        if box is not None:
            box.value = " "
        _insert_before_trail(parts, Part("note_status", " (status: ", status, ")"))
        return
    done = status == DONE
    if box is not None:
        _clear_marks(parts, keep_box=True)
        box.value = "x" if done else " "
        return
    ballot = next((p for p in parts if p.role == "glyph" and not p.before and p.value in _BALLOT_BOXES), None)
    if ballot is not None and list_item:
        # "☐ text" / "☑ text": a box drawn as a glyph, toggled as "[ ]" / "[x]" are.
        parts[:] = [p for p in parts if p is ballot or p.role not in _MARK_ROLES]
        ballot.value = "☑" if done else "☐"
        return
    if word is not None:
        if done:
            word.value = style.done_word or _cased("Done", word.value)
            return
        if style.open_word:
            word.value = style.open_word
            return
    _clear_marks(parts, keep_box=False)
    if not done:
        return
    mark = style.done_mark if list_item else None
    if mark is None and list_item:
        bracket = style.box or ("[", "] ")
        parts.insert(_after_lead(parts), Part("box", bracket[0], "x", bracket[1]))
        return
    if mark is None or mark.role == "strike":
        item = next(i for i, p in enumerate(parts) if p.role == "item")
        parts.insert(item, Part("strike", "~~", ""))
        parts.insert(item + 2, Part("strike_end", "", "", "~~"))
        return
    value = style.done_word if mark.role == "word" and style.done_word else mark.value
    new = Part(mark.role, mark.before, value, mark.after)
    if mark.before[:1] in (" ", "\t"):
        _insert_before_trail(parts, new)  # a suffix mark: " (Done)", " ✅"
    else:
        parts.insert(_after_lead(parts), new)  # a prefix mark: "DONE: ", "✅ "


_BALLOT_BOXES = frozenset({"☐", "☑", "☑\ufe0f", "☒"})
_MARK_ROLES = frozenset({"word", "glyph", "strike", "strike_end"})


def _after_lead(parts: list[Part]) -> int:
    lead = next((i for i, p in enumerate(parts) if p.role == "lead"), -1)
    return lead + 1


def _clear_marks(parts: list[Part], keep_box: bool) -> None:
    for part in list(parts):
        if part.role in _MARK_ROLES or (part.role == "box" and not keep_box):
            parts.remove(part)


def _cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like.islower():
        return word.lower()
    return word


def _one_line(value: str) -> str:
    return " ".join(value.replace("\r", "\n").split("\n")).strip()


# -- finding list runs --------------------------------------------------------------------


class ListRun(Slotted):
    """List items at one indent, one after another: where each row starts and where the run stops."""

    __slots__ = ("heads", "indent", "marker", "stop")
    __match_args__ = ("heads", "stop", "indent", "marker")  # the fields, in order
    heads: list[int]
    stop: int
    indent: str
    marker: str

    def __init__(self, heads: list[int], stop: int, indent: str, marker: str) -> None:
        self.heads = heads
        self.stop = stop
        self.indent = indent
        self.marker = marker


def read_run(lines: Lines, opaque: bytearray, start: int, end: int) -> ListRun:
    """The run of items starting at line ``start`` (an item), up to ``end``.

    Blank lines and lines indented under an item belong to it; a line that is
    not indented and does not start an item ends the run, unless it directly
    continues an item's sentence (a lazy continuation line).  An HTML comment
    or a code fence opened under an item belongs to it up to its closing
    line, however those lines are indented.
    """
    first = content_of(lines[start])
    match = ITEM.match(first)
    assert match is not None
    indent = indent_width(match.group("indent"))
    ordered = match.group("marker")[0].isdigit()
    content_column = len(first[: match.end()].expandtabs(4)) if match.group("gap") else indent + 2
    if content_column - indent > 5:
        content_column = indent + len(match.group("marker")) + 1
    heads = [start]
    last = start
    previous_blank = False
    i = start + 1
    while i < end:
        if opaque[i] == CONTINUED and opaque[last] and last == i - 1:
            # The rest of a comment or fence the run holds the start of (blank lines and "- x -->" included).
            last = i
            previous_blank = False
            i += 1
            continue
        line = lines[i]
        if is_blank(line):
            previous_blank = True
            i += 1
            continue
        content = content_of(line)
        width = indent_width(content)
        if opaque[i]:
            if width >= content_column or (not previous_blank and _lazy(content)):
                last = i
                previous_blank = False
                i += 1
                continue
            break
        item = ITEM.match(content)
        if item is not None and not is_thematic_break(content) and indent <= width < content_column:
            if item.group("marker")[0].isdigit() != ordered:
                break
            heads.append(i)
            last = i
        elif (width >= content_column and width > indent) or (not previous_blank and item is None and _lazy(content)):
            last = i
        else:
            break
        previous_blank = False
        i += 1
    return ListRun(heads, last + 1, match.group("indent"), match.group("marker"))


def _lazy(content: str) -> bool:
    """A line that continues the sentence above it rather than starting something (a label, a heading)."""
    stripped = content.strip()
    if stripped[:1] in "#>|`~<" or is_thematic_break(content):
        return False
    words = stripped.split()
    return len(words) > 3 or stripped.endswith((".", ",", ";", ")"))


def next_marker(marker: str, count: int) -> str:
    """The marker of a new row after ``count`` rows: bullets repeat, numbers go on."""
    found = re.fullmatch(r"(\d{1,9})([.)])", marker)
    if found is None:
        return marker
    return f"{count + 1}{found.group(2)}"


def due_text(due: object) -> str:
    from datetime import date

    return format_due(due) if isinstance(due, (date, str)) else ""
