"""Reading meaning out of heading and label text: retros, dates, section kinds.

Teams write retros in many languages and shapes; the words below are what
tells a retro heading (``## Sprint 3``, ``# Retro 12/01/2022``,
``## 회고``) from a section heading (``### Action Items``, ``## 🔧 改善アクション``)
and from everything else (``### 15:08`` in a post-mortem's timeline).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache

from retrotui.record import FrozenSlotted
from retrotui.sections import SectionKind

_PAREN_TAIL = re.compile(r"\(([^()]*)\)[ \t]*+$")
_NUMBERED = re.compile(r"(\d{1,2})([.)])[ \t]+(.*)$")
_LEADING_SYMBOLS = re.compile(r"^[\W_]+")
_EMPHASIS = re.compile(r"[*_`~]+")

# -- retro headings ------------------------------------------------------------

_RETRO_STEMS = (
    r"retro\w*|rétro\w*|ретро\w*|sprint\w*|itera(?:tion|ción|ção|zione|tie|sjon)\w*|post[- ]?mortem\w*"
    r"|振り返り|ふりかえり|レトロ|スプリント|회고|스프린트|回顾|复盘|冲刺|迭代"
)
_RETRO_WORD = re.compile(rf"(?<![^\W\d_])(?:{_RETRO_STEMS})", re.IGNORECASE)
_COLLECTIONS = frozenset(
    {
        "retros",
        "retrospectives",
        "retrospectivas",
        "retrospectivos",
        "rétrospectives",
        "retrospektiven",
        "sprints",
        "iterations",
        "postmortems",
        "post-mortems",
    }
)
# Possessive runs of blanks (*+): a heading of 100,000 spaces must not backtrack.


@cache
def _numbered_retro() -> re.Pattern[str]:
    """A numbered sprint or retro word (``Sprint 3``, ``Retro #4``, ``3rd sprint``): compiled on first use (a
    few ms; a dated heading never needs it)."""
    return re.compile(
        rf"(?:{_RETRO_STEMS})[ \t]*+(?:(?:#|no\.?|nr\.?|n[º°])[ \t]*+)?(?:[-–—:][ \t]*+)?(?:\d+|[ivxlc]+(?![^\W\d_]))"
        rf"|(?<!\d)\d{{1,4}}(?:st|nd|rd|th|\.|º|°)?[ \t]*+(?:{_RETRO_STEMS})",
        re.IGNORECASE,
    )


_DIGIT = re.compile(r"\d")
_TIME_OF_DAY = re.compile(r"(?<![\d:])(?:\d{1,2}|\dx):(?:\d{2}|xx)(?![\d:])", re.IGNORECASE)


class RetroSense(FrozenSlotted):
    """What a heading's text says about it being a retro.

    ``strength`` is 2 for a date or a numbered sprint/retro word (``Sprint 3``),
    1 for a retro word alone (``Retrospective``), 0 otherwise.  A collection
    (``Historical Retrospectives``) and a timeline entry (``15:08``) are never
    retros; a template (``Retro Template``) is kept apart.
    """

    __slots__ = ("collection", "strength", "template")
    __match_args__ = ("strength", "collection", "template")  # the fields, in order
    strength: int
    collection: bool
    template: bool

    def __init__(self, strength: int, collection: bool = False, template: bool = False) -> None:
        _set = object.__setattr__
        _set(self, "strength", strength)
        _set(self, "collection", collection)
        _set(self, "template", template)


NOT_A_RETRO = RetroSense(0)


def retro_sense(text: str) -> RetroSense:
    has_digit = _DIGIT.search(text) is not None
    word = _RETRO_WORD.search(text)
    if word is None and not has_digit:
        return NOT_A_RETRO
    if not has_digit and "template" in text.casefold():
        return RetroSense(1, template=True)
    dated = has_digit and has_date(text)
    if word is None:
        if dated and not _TIME_OF_DAY.search(text):
            return RetroSense(2)
        return NOT_A_RETRO
    if dated:
        return RetroSense(2)
    if any(m.group(0).casefold() in _COLLECTIONS for m in _RETRO_WORD.finditer(text)):
        return RetroSense(0, collection=True)
    if _numbered_retro().search(text):
        return RetroSense(2)
    return RetroSense(1)


def has_retro_word(text: str) -> bool:
    return _RETRO_WORD.search(text) is not None


def is_template_title(title: str) -> bool:
    return "template" in title.casefold() and not any(c.isdigit() for c in title)


# -- dates ----------------------------------------------------------------------

# English, Spanish, Portuguese, German, French: full names, then the usual abbreviations.
_MONTH_NAMES: tuple[list[str], ...] = tuple(
    names.split()
    for names in (
        "january february march april may june july august september october november december",
        "jan feb mar apr may jun jul aug sep oct nov dec",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "ene feb mar abr may jun jul ago sep oct nov dic",
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
        "januar februar märz april mai juni juli august september oktober november dezember",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    )
)
_MONTHS: dict[str, int] = {}
for _names in _MONTH_NAMES:
    for _number, _name in enumerate(_names, 1):
        _MONTHS.setdefault(_name, _number)
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))

_ISO = re.compile(r"(?<![\w.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\w])")
_PLAIN_ISO = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # ASCII digits only, as a whole text
_NUMERIC = re.compile(r"(?<![\w.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w])")


@cache
def _month_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Month-and-day, day-month-year and month-year dates: compiled when a text first names a month
    (most files never do, and the merge driver and ``check`` start faster without them)."""
    month_day = rf"(?<![^\W\d_])({_MONTH})\.?[ \t]+(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:,?[ \t]+(\d{{4}})(?!\d))?"
    day_month = (
        rf"(?<![\w])(\d{{1,2}})(?:st|nd|rd|th|\.)?[ \t]+(?:de[ \t]+)?({_MONTH})\.?,?[ \t]+(?:de[ \t]+)?(\d{{4}})(?!\d)"
    )
    month_year = rf"(?<![^\W\d_])({_MONTH})\.?,?[ \t]+(?:de[ \t]+)?(\d{{4}})(?!\d)"
    flags = re.IGNORECASE
    return re.compile(month_day, flags), re.compile(day_month, flags), re.compile(month_year, flags)


@cache
def _cjk_pattern() -> re.Pattern[str]:
    return re.compile(r"(\d{4})[ \t]*[年년][ \t]*(\d{1,2})[ \t]*[月월](?:[ \t]*(\d{1,2})[ \t]*[日일])?")


# Any letter: a month name needs some, and this finds out much faster than the hint below, which tries
# every case of every name at every position (a retro heading's "(2025-10-17)" has none).
_LETTER = re.compile(r"[^\W\d_]")
# The first three letters of every month name above: a cheap test before the slower patterns.
_MONTH_HINT = re.compile(
    r"(?<![^\W\d_])(?:jan|feb|fev|fév|mar|mär|apr|abr|avr|may|mai|jun|jui|jul|aug|ago|aoû|sep|set|oct|okt|out|nov"
    r"|dec|dic|dez|déc|ene)",
    re.IGNORECASE,
)


class DateMatch(FrozenSlotted):
    """A date written in a heading: where it is, what it says, and how it is written.

    ``date`` is None for a date without a year (``Feb 21``).  ``style`` lets
    a new date be written the same way (see ``format_date_like``).
    """

    __slots__ = ("date", "end", "start", "style")
    __match_args__ = ("start", "end", "date", "style")  # the fields, in order
    start: int
    end: int
    date: dt.date | None
    style: str

    def __init__(self, start: int, end: int, date: dt.date | None, style: str) -> None:
        _set = object.__setattr__
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "date", date)
        _set(self, "style", style)


def has_date(text: str) -> bool:
    """True when ``text`` holds a date (a quicker ``bool(find_dates(text))``)."""
    if _ISO.search(text):
        return True
    return bool(find_dates(text))


def find_dates(text: str, day_first: bool | None = None) -> list[DateMatch]:
    """Every date in ``text``, left to right.

    ``day_first`` decides ``03/04/2024`` (a file's other dates usually do, see
    ``slash_order``); without it, a slash date is month first unless that
    cannot be.  Dots (``3.12.2024``) are day first.
    """
    if len(text) == 10 and _PLAIN_ISO.fullmatch(text) is not None:
        # The usual "(2025-10-17)" of a retro heading: one ISO date and nothing else to find.
        match = _ISO.match(text)
        assert match is not None
        made = _make(match, int(text[:4]), int(text[5:7]), int(text[8:]), "ymd")
        return [] if made.style == "invalid" else [made]
    return _find_dates(text, day_first)


def _find_dates(text: str, day_first: bool | None) -> list[DateMatch]:
    """``find_dates`` by the general rule, for any text."""
    if not any(c.isdigit() for c in text):
        return []
    found: list[DateMatch] = []
    for match in _ISO.finditer(text):
        found.append(_make(match, int(match.group(1)), int(match.group(3)), int(match.group(4)), "ymd"))
    for match in _NUMERIC.finditer(text):
        a, b, year = int(match.group(1)), int(match.group(3)), _year(match.group(4))
        first_is_day = match.group(2) == "." or (day_first if day_first is not None else a > 12)
        if (first_is_day and a <= 12 < b) or (not first_is_day and b <= 12 < a):
            first_is_day = not first_is_day  # the other order is the only possible one
        day, month = (a, b) if first_is_day else (b, a)
        found.append(_make(match, year, month, day, "dmy" if first_is_day else "mdy"))
    if _LETTER.search(text) is not None and _MONTH_HINT.search(text):
        month_day, day_month, month_year = _month_patterns()
        for match in month_day.finditer(text):
            month = _MONTHS[match.group(1).casefold()]
            written_year = int(match.group(3)) if match.group(3) else None
            found.append(_make(match, written_year, month, int(match.group(2)), "Mdy" if written_year else "Md"))
        for match in day_month.finditer(text):
            month = _MONTHS[match.group(2).casefold()]
            found.append(_make(match, int(match.group(3)), month, int(match.group(1)), "dMy"))
        for match in month_year.finditer(text):
            found.append(_make(match, int(match.group(2)), _MONTHS[match.group(1).casefold()], 1, "My"))
    if "年" in text or "년" in text:
        for match in _cjk_pattern().finditer(text):
            day = int(match.group(3)) if match.group(3) else 1
            found.append(_make(match, int(match.group(1)), int(match.group(2)), day, "cjk"))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMatch] = []
    for candidate in found:
        if candidate.style == "invalid":
            continue
        if kept and candidate.start < kept[-1].end:
            continue
        kept.append(candidate)
    return kept


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        value += 2000 if value < 70 else 1900
    return value


def _make(match: re.Match[str], year: int | None, month: int, day: int, style: str) -> DateMatch:
    try:
        date = dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return DateMatch(match.start(), match.end(), None, "invalid")
    return DateMatch(match.start(), match.end(), date if year is not None else None, style)


def slash_order(texts: list[str]) -> bool | None:
    """Whether a file's ``a/b/year`` dates are day first: True, False, or None when nothing tells."""
    for text in texts:
        for match in _NUMERIC.finditer(text):
            if match.group(2) == ".":
                continue
            a, b = int(match.group(1)), int(match.group(3))
            if a > 12 >= b:
                return True
            if b > 12 >= a:
                return False
    return None


def format_date_like(date: dt.date, sample: str, day_first: bool | None = None) -> str:
    """``date`` written the way ``sample`` writes its date (``12/01/2022``, ``3.12.2024``,
    ``Oct 17, 2025``); ISO when ``sample`` holds no date."""
    found = find_dates(sample, day_first)
    if not found:
        return date.isoformat()
    written = sample[found[-1].start : found[-1].end]
    style = found[-1].style
    numbers = re.findall(r"\d+", written)
    if style in ("ymd", "dmy", "mdy"):
        separator = re.search(r"\d([-/.])\d", written)
        sep = separator.group(1) if separator else "-"
        if style == "ymd":
            day_text, month_text = numbers[2], numbers[1]
            parts = [str(date.year), _pad(date.month, month_text), _pad(date.day, day_text)]
        else:
            first, second, year_text = numbers
            day_text, month_text = (first, second) if style == "dmy" else (second, first)
            day, month = _pad(date.day, day_text), _pad(date.month, month_text)
            year = str(date.year)[-2:] if len(year_text) == 2 else str(date.year)
            parts = [day, month, year] if style == "dmy" else [month, day, year]
        return sep.join(parts)
    if style == "cjk":
        return _replace_numbers(written, [date.year, date.month, date.day])
    name = re.search(rf"{_MONTH}", written, re.IGNORECASE)
    if name is None:  # pragma: no cover - every named style has a month name
        return date.isoformat()
    month_name = _month_name_like(date.month, name.group(0))
    rebuilt = written[: name.start()] + month_name + written[name.end() :]
    values = {"Mdy": [date.day, date.year], "Md": [date.day], "dMy": [date.day, date.year], "My": [date.year]}
    return _replace_numbers(rebuilt, values.get(style, []))


def _pad(value: int, like: str) -> str:
    return f"{value:02d}" if len(like) == 2 else str(value)


def _replace_numbers(text: str, values: list[int]) -> str:
    numbers = iter(values)

    def swap(match: re.Match[str]) -> str:
        value = next(numbers, None)
        return match.group(0) if value is None else str(value)

    return re.sub(r"\d+", swap, text)


def _month_name_like(month: int, like: str) -> str:
    """The name of ``month`` in the language, length and case of ``like``."""
    folded = like.casefold()
    for listed in _MONTH_NAMES:
        if folded in listed:
            name = listed[month - 1]
            if like.isupper():
                return name.upper()
            return name.capitalize() if like[:1].isupper() else name
    return like


def split_retro_heading(text: str, day_first: bool | None = None) -> tuple[str, dt.date | None, str]:
    """``(title, date, date_text)`` of a retro heading.

    ``date_text`` is the verbatim `` (2025-10-17)`` tail the date was read
    from, or ``""`` when the date is part of the title or absent.  Of several
    dates (a sprint's ``02/12/19 - 06/12/19``), the last one is the retro's.
    """
    tail = _PAREN_TAIL.search(text) if text.rstrip(" \t").endswith(")") else None
    if tail is not None:
        inside = find_dates(tail.group(1), day_first)
        start = len(text[: tail.start()].rstrip(" \t"))
        if (
            len(inside) == 1
            and inside[0].date is not None
            and not tail.group(1)[: inside[0].start].strip()
            and not tail.group(1)[inside[0].end :].strip()
            and text[:start].strip()
        ):
            return text[:start], inside[0].date, text[start:]
    dated = [d for d in find_dates(text, day_first) if d.date is not None]
    return text, (dated[-1].date if dated else None), ""


@lru_cache(maxsize=1024)  # every retro repeats its sections' headings
def split_section_heading(text: str) -> tuple[str | None, str, str]:
    """``(number, title, number_text)``: ``("4", "Action Items", "4. ")``."""
    match = _NUMBERED.match(text)
    if match is None:
        return None, text, ""
    return match.group(1), match.group(3), text[: match.start(3)]


# -- sections ---------------------------------------------------------------------

_SECTION_NAMES: dict[str, SectionKind] = {}
for _kind, _kind_names in {
    SectionKind.SUMMARY: (
        "summary",
        "overview",
        "context",
        "zusammenfassung",
        "résumé",
        "resumen",
        "resumo",
        "概要",
        "요약",
    ),
    SectionKind.WENT_WELL: (
        "what went well",
        "went well",
        "what worked",
        "what worked well",
        "what we did well",
        "wins",
        "glad",
        "keep",
        "continue",
        "keep doing",
        "continue doing",
        "positives",
        "positive",
        "highlights",
        "happy",
        "liked",
        "the good",
        "qué salió bien",
        "que salió bien",
        "lo que salió bien",
        "o que correu bem",
        "o que foi bem",
        "was lief gut",
        "was gut lief",
        "ce qui a bien marché",
        "ce qui a marché",
        "points positifs",
        "良かったこと",
        "よかったこと",
        "잘한 점",
        "좋았던 점",
    ),
    SectionKind.COULD_IMPROVE: (
        "what could improve",
        "what could be improved",
        "what could go better",
        "what could be better",
        "to improve",
        "improvements",
        "what didn't go well",
        "what did not go well",
        "what went wrong",
        "what went badly",
        "challenges",
        "negatives",
        "negative",
        "lowlights",
        "sad",
        "problems",
        "problem",
        "the bad",
        "qué podemos mejorar",
        "a mejorar",
        "o que pode melhorar",
        "a melhorar",
        "was lief nicht gut",
        "verbesserungspotenzial",
        "points à améliorer",
        "ce qui n'a pas marché",
        "改善点",
        "課題",
        "아쉬운 점",
        "개선할 점",
    ),
    SectionKind.ACTION_ITEMS: (
        "action items",
        "action item",
        "actions",
        "action",
        "next actions",
        "action plan",
        "action points",
        "actionables",
        "next steps",
        "commitments",
        "open items",
        "improvement goals",
        "try",
        "todo",
        "todos",
        "to do",
        "to-do",
        "to-dos",
        "plans",
        "acciones",
        "ações",
        "acoes",
        "maßnahmen",
        "massnahmen",
        "actions à mener",
        "plan d'action",
        "próximos pasos",
        "próximos passos",
        "nächste schritte",
        "prochaines étapes",
    ),
    SectionKind.METRICS: ("metrics & evidence", "metrics and evidence", "metrics", "evidence"),
    SectionKind.FOLLOW_UP: ("follow-up", "follow up", "followup", "follow-ups"),
}.items():
    for _name in _kind_names:
        _SECTION_NAMES[_name] = _kind

# Headings that name the actions where they appear inside other words.
_ACTION_PHRASES = re.compile(
    r"(?<![^\W\d_])(?:action[ -]items?|action points?|action plan|next steps|next actions)(?![^\W\d_])"
    r"|アクション|액션|다음 단계|실행 항목|行动项|待办|下一步",
    re.IGNORECASE,
)
# One-word names that head an action section when they start it ("Actions for Sprint 4").
_ACTION_LEADS = re.compile(
    r"(?:actions|acciones|ações|acoes|maßnahmen|massnahmen|todos?|to-dos?|plans|commitments|improvement goals)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)

# Well-known retro formats whose sections have no kind of their own (Start/Stop/Continue,
# 4Ls, Mad/Sad/Glad, Sailboat, KPT, ...): still sections, never retros.
_SECTION_WORDS = frozenset(
    {
        "kudos",
        "shoutouts",
        "shout-outs",
        "shout outs",
        "appreciations",
        "thanks",
        "start",
        "stop",
        "start doing",
        "stop doing",
        "more of",
        "less of",
        "mad",
        "learned",
        "learnt",
        "lacked",
        "longed for",
        "lessons learned",
        "lessons learnt",
        "what we learned",
        "what we learnt",
        "what i learned",
        "insights",
        "learnings",
        "wind",
        "anchors",
        "anchor",
        "rocks",
        "island",
        "ideas",
        "questions",
        "puzzles",
        "discussion",
        "notes",
        "comenzar a hacer",
        "empezar a hacer",
        "dejar de hacer",
        "seguir haciendo",
        "continuar haciendo",
        "hacer más",
        "hacer mas",
        "hacer menos",
        "hacer",
        "começar a fazer",
        "parar de fazer",
        "continuar fazendo",
        "commencer",
        "arrêter",
        "continuer",
        "anfangen",
        "aufhören",
        "weitermachen",
        "erkenntnisse",
    }
)


def normalize_label(text: str) -> str:
    """A heading or label as compared: lower case, no emphasis, emoji, numbering or trailing colon."""
    folded = _EMPHASIS.sub("", text.casefold())
    folded = _LEADING_SYMBOLS.sub("", folded)
    folded = folded.rstrip(" \t:：.!?。").strip()
    return " ".join(folded.split())


@lru_cache(maxsize=4096)
def section_kind(title: str) -> SectionKind | None:
    folded = normalize_label(title)
    kind = _SECTION_NAMES.get(folded)
    if kind is not None:
        return kind
    if _ACTION_PHRASES.search(folded):
        return SectionKind.ACTION_ITEMS
    # "2019 plans", "Actions for next sprint": numbers aside, an action word leads.
    plain = " ".join(re.sub(r"\d+", " ", folded).split())
    kind = _SECTION_NAMES.get(plain)
    if kind is not None:
        return kind
    if _ACTION_LEADS.match(plain):
        return SectionKind.ACTION_ITEMS
    return None


@lru_cache(maxsize=4096)
def is_section_name(title: str) -> bool:
    """A known section of some retro format (with a kind or not)."""
    return section_kind(title) is not None or normalize_label(title) in _SECTION_WORDS


# Substrings of anything that could introduce action items (a word above, or a table):
# a quick look before the line-by-line one.
_ACTION_HINTS = (
    "|",
    "action",
    "acci",
    "açõ",
    "ação",
    "maßnahm",
    "massnahm",
    "todo",
    "to-do",
    "to do",
    "next step",
    "commitment",
    "plans",
    "improvement goal",
    "open item",
    "try",
    "próximos",
    "nächste",
    "prochaines",
    "アクション",
    "액션",
    "다음 단계",
    "行动",
    "待办",
    "下一步",
)


def may_hold_actions(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _ACTION_HINTS)


_ACTION_ITEMS = SectionKind.ACTION_ITEMS  # (an enum member looked up on its class takes a microsecond)


# Every name, phrase and lead word above that makes an action section holds one of these once its text is
# case folded and its blanks, digits and emphasis are taken out (as ``section_kind`` reads it: digits may
# stand between the words of a name, emphasis inside one).  A text holding none names no action section:
# ``names_actions`` says so without reading it (every retro's title is asked, each once).
ACTION_STEMS = (
    "action",
    "nextstep",
    "commitment",
    "openitem",
    "improvementgoal",
    "try",
    "todo",
    "to-do",
    "plan",
    "accion",
    "ações",
    "acoes",
    "massnahm",
    "próximo",
    "nächste",
    "prochaine",
    "アクション",
    "액션",
    "다음단계",
    "실행항목",
    "行动项",
    "待办",
    "下一步",
)
_NOT_IN_STEMS = re.compile(r"[\s\d*_`~]+")
_ACTION_STEM = re.compile("|".join(map(re.escape, ACTION_STEMS)))


def squeezed(text: str) -> str:
    """``text`` as ``ACTION_STEMS`` are looked for in it: case folded, without blanks, digits and emphasis, a
    dotless i read as i (case-blind matching takes one for the other)."""
    return _NOT_IN_STEMS.sub("", text.casefold()).replace("ı", "i")


def names_actions(text: str) -> bool:
    """True when ``text`` (a heading, a label or a list item) introduces action items."""
    if _ACTION_STEM.search(squeezed(text)) is None:
        return False
    return section_kind(text) == _ACTION_ITEMS


# -- labels: plain lines standing in for headings ----------------------------------


@cache
def _label_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A label with or without emphasis: compiled when a file is first read (the merge driver never needs it)."""
    emphasis = re.compile(
        r"(?P<lead>[ \t]{0,3}(?P<open>\*\*|__)?[ \t]*)"
        r"(?P<text>[^\s*_#>|<`!\[\-+][^:：]*?)"
        r"(?P<tail>[ \t]*(?:(?P=open)[ \t]*[:：]|[:：][ \t]*(?P=open)|(?P=open))?[ \t]*)$"
    )
    plain = re.compile(r"(?P<lead>[ \t]{0,3})(?P<text>[^\s*_#>|<`!\[\-+][^:：]*?)(?P<tail>[ \t]*[:：]?[ \t]*)$")
    return emphasis, plain


class Label(FrozenSlotted):
    """A line such as ``Action items:`` or ``**Went well**``: ``lead + text + tail`` is the line."""

    __slots__ = ("lead", "tail", "text")
    __match_args__ = ("lead", "text", "tail")  # the fields, in order
    lead: str
    text: str
    tail: str

    def __init__(self, lead: str, text: str, tail: str) -> None:
        _set = object.__setattr__
        _set(self, "lead", lead)
        _set(self, "text", text)
        _set(self, "tail", tail)


def read_label(content: str) -> Label | None:
    """The label a line stands for, if it is a short line that names something (no sentence)."""
    if not content.strip() or len(content) > 80:
        return None
    emphasis, plain = _label_patterns()
    match = emphasis.fullmatch(content) or plain.fullmatch(content)
    if match is None:
        return None
    text = match.group("text")
    if len(text.split()) > 6 or text.rstrip()[-1:] in ".?!,;)]":
        return None
    if "**" in text or "__" in text or "](" in text:
        return None
    return Label(match.group("lead"), text, match.group("tail"))
