"""The vocabulary of action-item cells: statuses and due dates.

Pure functions with no dependencies, shared by the model (validation), the
serializer (reading and writing cells), the editor, the tracker and the CLI.
How a status is written and what a toggle gives is decided here, once:
``status_text`` and ``toggled``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from retrotui.record import FrozenSlotted

OPEN = "open"
DONE = "done"

OPEN_GLYPHS = ("☐", "[ ]", "( )", "⬜")
DONE_GLYPHS = ("☑", "☑️", "✅", "✔", "✔️", "✓", "☒", "[x]", "[X]", "(x)", "(X)")
DEFAULT_GLYPHS = ("☐", "☑")

# Words teams write for a finished item, and for one not started (case aside).
DONE_WORDS = frozenset(
    [
        "done",
        "completed",
        "complete",
        "closed",
        "finished",
        "resolved",
        "fixed",
        "shipped",
        "merged",
        "hecho",
        "terminado",
        "completado",
        "finalizado",
        "feito",
        "concluído",
        "concluido",
        "erledigt",
        "fertig",
        "abgeschlossen",
        "fait",
        "terminé",
        "finie",
        "完了",
        "済",
        "完成",
        "已完成",
        "완료",
        "valmis",
        "klar",
        "gedaan",
        "fatto",
        "completato",
    ]
)
OPEN_WORDS = frozenset(
    {"open", "todo", "to do", "to-do", "pending", "not started", "new", "pendiente", "pendente", "offen", "à faire"}
    | {"未着手", "미완료", "未完成"}
)
PROGRESS_WORDS = frozenset(
    {"in progress", "in-progress", "wip", "doing", "ongoing", "started", "blocked", "on hold", "en progreso"}
    | {"en curso", "em andamento", "in arbeit", "en cours", "対応中", "進行中", "진행중", "진행 중", "进行中"}
)
# What a yes/no "Done" column says (the parser reads these as done and open there).
YES_WORDS = frozenset({"x", "yes", "y", "true", "✓", "sí", "si", "sim", "ja", "oui"})
NO_WORDS = frozenset({"", "no", "n", "false", "nein", "non", "não", "nao"})
_GLYPH_CHARS = re.compile("[☐☑✅✔✓☒⬜\ufe0f\ufe0e]")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Placeholders people write instead of a date; not worth a warning.
DUE_PLACEHOLDERS = frozenset({"", "-", "—", "–", "?", "tbd", "tba", "n/a", "na", "none", "yyyy-mm-dd"})


@lru_cache(maxsize=4096)  # a file writes a few statuses thousands of times
def parse_status(text: str) -> str:
    """Map a status cell to "open", "done" or the raw text (kept verbatim).

    Glyphs (``☐ ☑ ✅ [x]``), done words in several languages (``Done``,
    ``Completed``, ``Closed``, ``erledigt`` …, also beside a glyph: ``✅ Done``)
    and open words (``TODO``, ``Pending``, ``Open``) are read; other words
    (``In Progress``, ``Blocked``) stay as written: they are not done, and
    toggling one writes the file's done word.
    """
    value = text.strip()
    if value in OPEN_GLYPHS:
        return OPEN
    if value in DONE_GLYPHS:
        return DONE
    folded = " ".join(value.split()).casefold()
    if folded in OPEN_WORDS:
        return OPEN
    if folded in DONE_WORDS:
        return DONE
    if value and _GLYPH_CHARS.search(value):
        rest = _GLYPH_CHARS.sub("", value).strip().casefold()
        if not rest or rest in DONE_WORDS:
            return OPEN if value[0] in "☐⬜" and not rest else DONE
    return text


def is_status_word(text: str) -> bool:
    """A word that says where an item stands (``Done``, ``TODO``, ``In Progress``), in any case."""
    folded = " ".join(text.split()).casefold()
    return folded in DONE_WORDS or folded in OPEN_WORDS or folded in PROGRESS_WORDS


def toggled(status: str) -> str:
    """What a toggle gives: done becomes open, anything else (open, In Progress, …) done."""
    return OPEN if status == DONE else DONE


class StatusWords(FrozenSlotted):
    """How one status column or list writes an open and a done item (``☐``/``☑``, ``TODO``/``Done``)."""

    __slots__ = ("done", "open")
    __match_args__ = ("open", "done")  # the fields, in order
    open: str
    done: str

    def __init__(self, open: str, done: str) -> None:
        _set = object.__setattr__
        _set(self, "open", open)
        _set(self, "done", done)


def status_text(status: str, words: StatusWords) -> str:
    """A status as the file writes it there: open and done in that column's words, other text as is."""
    if status == OPEN:
        return words.open
    if status == DONE:
        return words.done
    return status


def status_words(written: Iterable[str], glyphs: StatusWords, yes_no: bool = False) -> StatusWords:
    """The words a column or list uses, from the statuses written in it.

    A column of glyphs (or of nothing yet) uses ``glyphs``, the file's pair.
    A column of words keeps its own: its most used done word (``Done``,
    ``Completed``, ``DONE``) and open word (``TODO``, ``Open``), else ``Done``
    and ``Open`` in the column's case, so a toggle never writes a glyph there.
    """
    done: Counter[str] = Counter()
    opened: Counter[str] = Counter()
    wordy: Counter[str] = Counter()
    for text in written:
        value = text.strip()
        if yes_no and value.casefold() in YES_WORDS:
            done[value] += 1
            wordy[value] += 1
            continue
        if yes_no and value.casefold() in NO_WORDS:
            opened[value] += 1
            wordy[value] += 1
            continue
        if not value:
            continue
        if value not in OPEN_GLYPHS and value not in DONE_GLYPHS and any(c.isalpha() for c in value):
            wordy[value] += 1
        state = parse_status(value)
        if state == DONE:
            done[value] += 1
        elif state == OPEN or value.casefold() in OPEN_WORDS:
            opened[value] += 1
    if not wordy:
        return glyphs
    sample = wordy.most_common(1)[0][0]
    done_word = done.most_common(1)[0][0] if done else _cased("Done", sample)
    open_word = opened.most_common(1)[0][0] if opened else _cased("Open", sample)
    return StatusWords(open_word, done_word)


def _cased(word: str, like: str) -> str:
    letters = [c for c in like if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return word.upper()
    if letters and all(c.islower() for c in letters):
        return word.lower()
    return word


def is_overdue(status: str, due: dt.date | str, today: dt.date) -> bool:
    """An open item whose due date is before ``today``."""
    return status != DONE and isinstance(due, dt.date) and due < today


def short_title(title: str) -> str:
    """A retro's short title: ``Sprint 0`` for ``Sprint 0 – Discovery & Alignment``."""
    for separator in (" – ", " — ", " - ", ": "):
        head, found, _ = title.partition(separator)
        if found and head.strip():
            return head.strip()
    return title


@lru_cache(maxsize=16384)  # and its due dates several times each (read when checked, and again when used)
def parse_due(text: str) -> dt.date | str:
    """An ISO ``YYYY-MM-DD`` date becomes a ``date``; anything else stays raw text."""
    value = text.strip()
    if len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return text
    return text


def format_due(due: dt.date | str) -> str:
    return due.isoformat() if isinstance(due, dt.date) else due


def is_readable_due(due: dt.date | str) -> bool:
    """True for real dates and for the usual "not decided yet" placeholders."""
    return isinstance(due, dt.date) or due.strip().casefold() in DUE_PLACEHOLDERS


_RELATIVE = re.compile(r"\+(\d{1,4})\s*([dw])")


def parse_due_input(text: str, today: dt.date) -> dt.date | str:
    """What a person types as a due date: ``YYYY-MM-DD``, ``today``, ``+3d``, ``+1w``.

    Placeholders such as ``TBD`` and an empty value are kept as text; anything
    else raises ``ValueError`` with a message fit to show next to the field.
    """
    value = text.strip()
    folded = value.casefold()
    if folded == "today":
        return today
    if folded == "tomorrow":
        return today + dt.timedelta(days=1)
    relative = _RELATIVE.fullmatch(folded)
    if relative:
        amount = int(relative.group(1))
        return today + dt.timedelta(days=amount * (7 if relative.group(2) == "w" else 1))
    if _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a real date") from None
    if folded in DUE_PLACEHOLDERS:
        return value
    raise ValueError(f"{value!r}: use YYYY-MM-DD, today, +3d or +1w")
