"""How a file writes its retro headings, learnt from the file, to write the next one alike.

A team's file says ``## Retro Action Items - 12/01/2022`` or
``# Sprint 3 (3.12.2024)`` or ``## Sprint 0 – Discovery (2025-10-17)``; a new
retro should read the same.  This module finds the dates in heading texts
(ISO, ``dd/mm/yyyy`` or ``mm/dd/yyyy``, ``dd/mm/yy``, ``d.m.yyyy``,
``Oct 17, 2025``, ``17 October 2025``, ranges such as
``02/12/19 - 06/12/19``), works out the file's date format, and writes a new
heading with the same words, date format, separators and sprint numbering.

Day or month first is read from the file's own dates: a first number over 12
means day first, a second one over 12 means month first.  When no date
decides, the reading under which the retros' dates run in order wins, then
the one that puts the latest retro closest before today; when even that does
not decide, day first (as most of the world writes it).

It also tells the order of a file whose retros the model has no dates for
(``newest_first``), from the dates or sprint numbers in the headings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from retrotui.record import FrozenSlotted
from retrotui.safe_text import without_controls

if TYPE_CHECKING:
    from retrotui.model import Retro, RetroDocument


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_JOINT_CHARACTERS = " \t-–—:|,·/"  # what stands between a title and its date


@cache
def _patterns() -> _Patterns:
    """This module's expressions, compiled on first use: ``check`` and ``actions`` (which only ask
    ``chronological``) seldom need them, and compiling them took a few ms of every start."""
    return _Patterns(
        ymd=re.compile(r"(?<![\d./-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d]|[./-]\d)"),
        xyz=re.compile(
            r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d]|[./-]\d)"
        ),
        named_mdy=re.compile(
            rf"(?<![\w])(?P<month>{_MONTH})(?P<dot>\.?)(?P<g1>[ \t]+)(?P<d>\d{{1,2}})(?P<ord>st|nd|rd|th)?"
            rf"(?P<comma>,?)(?P<g2>[ \t]+)(?P<y>\d{{4}})(?!\d)",
            re.IGNORECASE,
        ),
        named_dmy=re.compile(
            rf"(?<![\w])(?P<d>\d{{1,2}})(?P<ord>st|nd|rd|th)?(?P<dot0>\.?)(?P<g1>[ \t]+)(?P<month>{_MONTH})(?P<dot>\.?)"
            rf"(?P<comma>,?)(?P<g2>[ \t]+)(?P<y>\d{{4}})(?!\d)",
            re.IGNORECASE,
        ),
        range_gap=re.compile(r"[ \t]*(?:-|–|—|~|→|to|bis|au|al|a)?[ \t]*", re.IGNORECASE),
        numbered=re.compile(
            r"(?i)(?<![\w])(?P<word>sprint|iteration|iter|retro(?:spective)?|week|cycle|milestone|release|phase"
            r"|increment|session|meeting)(?P<gap>[ \t]*#?[ \t]*)(?P<n>\d{1,4})(?!\d)"
        ),
        subtitle=re.compile(r"^(?:[ \t]+[–—-][ \t]+|:[ \t]+)\S"),
    )


class _Patterns(NamedTuple):
    ymd: re.Pattern[str]
    xyz: re.Pattern[str]
    named_mdy: re.Pattern[str]
    named_dmy: re.Pattern[str]
    range_gap: re.Pattern[str]
    numbered: re.Pattern[str]
    subtitle: re.Pattern[str]


# English names (not the locale's: the file's words are matched as written), index = month number.
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NAMES = [name.casefold() for name in MONTH_NAMES]
_MONTH_ABBRS = [name[:3] for name in _MONTH_NAMES]


class RawDate(FrozenSlotted):
    """A date written in a heading, before day and month are told apart."""

    __slots__ = ("end", "kind", "parts", "start")
    __match_args__ = ("start", "end", "kind", "parts")  # the fields, in order
    start: int
    end: int
    kind: str  # "ymd", "xyz" (day and month still to tell), "named-mdy", "named-dmy"
    parts: dict[str, str]

    def __init__(self, start: int, end: int, kind: str, parts: dict[str, str]) -> None:
        _set = object.__setattr__
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "kind", kind)
        _set(self, "parts", parts)

    def read(self, day_first: bool) -> dt.date | None:
        parts = self.parts
        try:
            if self.kind == "ymd":
                return dt.date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
            year = int(parts["y"])
            if len(parts["y"]) == 2:
                year += 2000
            if self.kind == "xyz":
                a, b = int(parts["a"]), int(parts["b"])
                day, month = (a, b) if day_first else (b, a)
                return dt.date(year, month, day)
            return dt.date(year, _month_number(parts["month"]), int(parts["d"]))
        except ValueError:
            return None


def _month_number(text: str) -> int:
    folded = text.casefold().rstrip(".")
    if folded in _MONTH_NAMES:
        return _MONTH_NAMES.index(folded)
    if folded == "sept":
        return 9
    return _MONTH_ABBRS.index(folded[:3])


def find_dates(text: str) -> list[RawDate]:
    """The dates written in ``text``, left to right."""
    found: list[RawDate] = []
    taken: list[tuple[int, int]] = []
    patterns = _patterns()
    for kind, pattern in (
        ("ymd", patterns.ymd),
        ("xyz", patterns.xyz),
        ("named-mdy", patterns.named_mdy),
        ("named-dmy", patterns.named_dmy),
    ):
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            parts = {k: v for k, v in match.groupdict().items() if v is not None}
            found.append(RawDate(span[0], span[1], kind, parts))
            taken.append(span)
    return sorted(found, key=lambda raw: raw.start)


class DateStyle(FrozenSlotted):
    """How one file writes a date, to write another the same way."""

    __slots__ = ("day_first", "pad", "sample")
    __match_args__ = ("sample", "day_first", "pad")  # the fields, in order
    sample: RawDate
    day_first: bool
    pad: bool

    def __init__(self, sample: RawDate, day_first: bool, pad: bool) -> None:
        _set = object.__setattr__
        _set(self, "sample", sample)
        _set(self, "day_first", day_first)
        _set(self, "pad", pad)

    def format(self, date: dt.date) -> str:
        parts = self.sample.parts
        kind = self.sample.kind
        day = f"{date.day:02d}" if self.pad else str(date.day)
        month = f"{date.month:02d}" if self.pad else str(date.month)
        if kind == "ymd":
            sep = parts["sep"]
            return f"{date.year:04d}{sep}{month}{sep}{day}"
        if kind == "xyz":
            sep = parts["sep"]
            year = f"{date.year % 100:02d}" if len(parts["y"]) == 2 else f"{date.year:04d}"
            first, second = (day, month) if self.day_first else (month, day)
            return f"{first}{sep}{second}{sep}{year}"
        name = _month_text(parts["month"], date.month)
        ordinal = _ordinal(date.day) if parts.get("ord") else ""
        if kind == "named-mdy":
            return f"{name}{parts['dot']}{parts['g1']}{day}{ordinal}{parts['comma']}{parts['g2']}{date.year}"
        return (
            f"{day}{ordinal}{parts.get('dot0', '')}{parts['g1']}{name}{parts['dot']}{parts['comma']}"
            f"{parts['g2']}{date.year}"
        )


def _month_text(sample: str, month: int) -> str:
    full = sample.casefold() in _MONTH_NAMES
    name = MONTH_NAMES[month] if full else MONTH_NAMES[month][:3]
    if sample.isupper() and len(sample) > 1:
        return name.upper()
    if sample.islower():
        return name.lower()
    return name


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _same_shape(a: RawDate, b: RawDate) -> bool:
    return a.kind == b.kind and a.parts.get("sep") == b.parts.get("sep")


def learn_style(sample: RawDate, others: Sequence[RawDate], today: dt.date | None = None) -> DateStyle:
    """The style of ``sample``, with day/month order and padding decided by the file's other dates."""
    alike = [raw for raw in others if _same_shape(raw, sample)] or [sample]
    return DateStyle(sample, _day_first(sample, alike, today), _padded(sample, alike))


def _padded(sample: RawDate, alike: Sequence[RawDate]) -> bool:
    numbers = [raw.parts[key] for raw in alike for key in ("a", "b", "d", "m") if key in raw.parts]
    if any(len(n) == 2 and n.startswith("0") for n in numbers):
        return True
    return not any(len(n) == 1 for n in numbers)


def _day_first(sample: RawDate, alike: Sequence[RawDate], today: dt.date | None) -> bool:
    if sample.kind != "xyz":
        return sample.kind != "named-mdy"
    day_first_votes = sum(int(raw.parts["a"]) > 12 for raw in alike)
    month_first_votes = sum(int(raw.parts["b"]) > 12 for raw in alike)
    if day_first_votes != month_first_votes:
        return day_first_votes > month_first_votes
    if sample.parts["sep"] == ".":
        return True  # nobody writes month.day.year
    in_order = {first: _runs_in_order([raw.read(first) for raw in alike]) for first in (True, False)}
    if in_order[True] != in_order[False]:
        return in_order[True]
    if today is not None:
        readings = {first: sample.read(first) for first in (True, False)}
        gaps = {first: (today - date).days for first, date in readings.items() if date is not None and date <= today}
        if len(gaps) == 2 and gaps[True] != gaps[False]:
            return gaps[True] < gaps[False]
        if len(gaps) == 1:
            return next(iter(gaps))
    return True


def _runs_in_order(dates: Sequence[dt.date | None]) -> bool:
    known = [d for d in dates if d is not None]
    if len(known) < 2 or len(known) < len(dates):
        return False
    pairs = list(pairwise(known))
    return all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs)


# -- the file's order ------------------------------------------------------------------------


def heading_dates(titles: Iterable[str], today: dt.date | None = None) -> list[dt.date | None]:
    """The first date of each title, read in the file's own day/month order."""
    firsts = [next(iter(find_dates(title)), None) for title in titles]
    known = [raw for raw in firsts if raw is not None]
    dates: list[dt.date | None] = []
    for raw in firsts:
        if raw is None:
            dates.append(None)
            continue
        style = learn_style(raw, known, today)
        dates.append(raw.read(style.day_first))
    return dates


def newest_first(doc: RetroDocument) -> bool:
    """True when the retros run newest to oldest in the file.

    The model's dates decide when it has two; otherwise dates or sprint
    numbers written in the headings do.
    """
    retros = doc.retros
    if sum(r.date is not None for r in retros) >= 2:
        return doc.newest_first
    titles = [r.title for r in retros]
    dates = [d for d in heading_dates(titles) if d is not None]
    if len(dates) >= 2 and dates[0] != dates[-1]:
        return dates[0] > dates[-1]
    numbers = [n for n in (_sprint_number(t) for t in titles) if n is not None]
    return len(numbers) >= 2 and numbers[0] > numbers[-1]


def chronological(doc: RetroDocument) -> list[Retro]:
    """The retros oldest first, whatever the file's order."""
    retros = doc.retros
    return list(reversed(retros)) if newest_first(doc) else retros


def latest_retro(doc: RetroDocument) -> Retro | None:
    """The newest retro: the first of a newest-first file, else the last."""
    retros = doc.retros
    if not retros:
        return None
    return retros[0] if newest_first(doc) else retros[-1]


def _sprint_number(title: str) -> int | None:
    match = _patterns().numbered.search(title)
    return int(match.group("n")) if match else None


# -- the next heading ------------------------------------------------------------------------


class HeadingPattern(FrozenSlotted):
    """A heading taken apart: the title around its date slot.

    ``lead`` + title + ``joint`` + date slot + ``trail`` when ``date_last``;
    ``lead`` + date slot + ``joint`` + title + ``trail`` otherwise.  ``slot``
    rebuilds the date slot (brackets and ranges included) for a new date.
    """

    __slots__ = ("close_bracket", "date_last", "gap", "joint", "open_bracket", "span", "styles", "title")
    __match_args__ = (
        "title",
        "joint",
        "date_last",
        "open_bracket",
        "close_bracket",
        "styles",
        "span",
        "gap",
    )  # the fields, in order
    title: str
    joint: str
    date_last: bool
    open_bracket: str
    close_bracket: str
    styles: tuple[DateStyle, ...]
    span: int | None  # days from the first date of a range to its second
    gap: str  # between the two dates of a range

    def __init__(
        self,
        title: str,
        joint: str,
        date_last: bool,
        open_bracket: str,
        close_bracket: str,
        styles: tuple[DateStyle, ...],
        span: int | None,
        gap: str = " - ",
    ) -> None:
        _set = object.__setattr__
        _set(self, "title", title)
        _set(self, "joint", joint)
        _set(self, "date_last", date_last)
        _set(self, "open_bracket", open_bracket)
        _set(self, "close_bracket", close_bracket)
        _set(self, "styles", styles)
        _set(self, "span", span)
        _set(self, "gap", gap)

    def slot(self, date: dt.date) -> str:
        first = self.styles[0].format(date)
        if len(self.styles) == 2 and self.span is not None:
            first += self.gap + self.styles[1].format(date + dt.timedelta(days=self.span))
        return f"{self.open_bracket}{first}{self.close_bracket}"

    def heading(self, title: str, date: dt.date | None) -> str:
        if date is None:
            return title
        slot = self.slot(date)
        if not title:
            return slot
        if self.date_last:
            return f"{title}{self.joint or ' '}{slot}"
        return f"{slot}{self.joint or ' '}{title}"


def read_pattern(text: str, others: Sequence[str] = (), today: dt.date | None = None) -> HeadingPattern | None:
    """The heading ``text`` as title and date slot; ``None`` when it has no date.

    ``others`` are the file's other retro headings, whose dates decide day or
    month first and padding.
    """
    dates = find_dates(text)
    if not dates:
        return None
    first, last = dates[0], dates[-1]
    if len(dates) >= 2 and _patterns().range_gap.fullmatch(text[dates[0].end : dates[1].start]) and len(dates) == 2:
        chosen = [first, last]
        gap = text[first.end : last.start]
    else:
        chosen = [last]
        gap = " - "
    start, end = chosen[0].start, chosen[-1].end
    open_bracket = close_bracket = ""
    if start > 0 and end < len(text) and text[start - 1] + text[end] in ("()", "[]"):
        open_bracket, close_bracket = text[start - 1], text[end]
        start, end = start - 1, end + 1
    known = [raw for other in others for raw in find_dates(other)]
    styles = tuple(learn_style(raw, known or chosen, today) for raw in chosen)
    span = None
    if len(chosen) == 2:
        a, b = (raw.read(style.day_first) for raw, style in zip(chosen, styles, strict=True))
        span = (b - a).days if a is not None and b is not None else None
        if span is None:
            styles = styles[:1]
    before, after = text[:start], text[end:]
    if before.strip() or not after.strip():
        title = before.rstrip(_JOINT_CHARACTERS)
        joint_text = before[len(title) :] if title.strip() else " - "
        return HeadingPattern(title.strip(), joint_text, True, open_bracket, close_bracket, styles, span, gap)
    title = after.lstrip(_JOINT_CHARACTERS)
    joint_text = after[: len(after) - len(title)]
    return HeadingPattern(title.strip(), joint_text, False, open_bracket, close_bracket, styles, span, gap)


def next_title(title: str) -> str:
    """The title a following retro would have: its sprint number one up, the subtitle left out.

    ``Sprint 4 – Hardening`` gives ``Sprint 5``; a title with no number is
    kept as it is.
    """
    title = without_controls(title)  # a suggestion never carries a control character the file held (ESC, BEL)
    match = _patterns().numbered.search(title)
    if match is None:
        return title
    number = match.group("n")
    bumped = str(int(number) + 1).zfill(len(number))
    rest = title[match.end() :]
    if _patterns().subtitle.match(rest):
        rest = ""
    return title[: match.start("n")] + bumped + rest
