"""The plain read's shortcuts for ``check`` and ``actions`` (issue #12) give what the general code gives.

Each shortcut is checked against the general rule it stands for, on the
shapes at its edge: escaped pipes, odd spacing, CRLF and lone CR, tabs,
missing cells, extra columns, wide characters.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from retrotui import loads
from retrotui.cli.actions import JsonRecords
from retrotui.cli.safe_output import exact_json
from retrotui.markdown import headings, tables
from retrotui.plain import as_document, read_plain
from retrotui.tracker import ActionCopy, TrackedAction, tracked_actions
from tests.cli_outputs import carried_document
from tests.conftest import TODAY
from tests.test_plain_read import _said


def general_row_values(line: str) -> list[str]:
    """``row_values`` as it was before its shortcut: the general rule for any row."""
    if line.endswith("\n"):
        content = line[:-2] if line.endswith("\r\n") else line[:-1]
    elif line.endswith("\r"):
        content = line[:-1]
    else:
        content = line
    if "\\|" in content:
        return [tables.cell_value(c.strip(" \t")) for c in tables.split_row(content)[0]]
    body = content.strip(" \t")
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip(" \t") for c in body.split("|")]


ANY_ROW = st.text(alphabet="|\\ \t\r\nab☐é漢\x0b", max_size=40)
CELL = st.sampled_from(
    ["", " ", "a", " a ", "\tb\t", "a \\| b", "\\", "x\\", "☐", "é漢🚀", "2025-01-02", "  two  words ", "\x0b"]
)
EDGE = st.sampled_from(["", " ", "  ", "\t", " \t", "a"])
EOL = st.sampled_from(["", "\n", "\r\n", "\r", " \n", "\t\r\n", "\n\n", "\r\r", " \n "])


@st.composite
def table_rows(draw: st.DrawFn) -> str:
    cells = draw(st.lists(CELL, min_size=0, max_size=6))
    lead = draw(EDGE) + ("|" if draw(st.booleans()) else "")
    trail = ("|" if draw(st.booleans()) else "") + draw(EDGE)
    return lead + "|".join(cells) + trail + draw(EOL)


@given(ANY_ROW)
def test_row_values_is_the_general_rule_on_any_text(line: str) -> None:
    assert tables.row_values(line) == general_row_values(line)


@given(table_rows())
def test_row_values_is_the_general_rule_on_rows_of_every_shape(line: str) -> None:
    assert tables.row_values(line) == general_row_values(line)


def test_row_values_on_the_edges_of_the_shortcut() -> None:
    cases = {
        "| a | b |\n": ["a", "b"],
        "| a | b |\r\n": ["a", "b"],
        "| a | b | \n": ["a", "b"],
        "| a | b |\n\n": ["a", "b", "\n"],
        "| a | b |\n ": ["a", "b", "\n"],
        "|a|b|": ["a", "b"],
        " \t| a | b |\t\r": ["a", "b"],
        "| a \\| b | c |\n": ["a | b", "c"],
        "a | b |\n": ["a", "b"],
        "| a | b\n": ["a", "b"],
        "| |\n": [""],
        "||\n": [""],
        "|\n": [""],
        "| é | 漢 |\n": ["é", "漢"],
    }
    for line, expected in cases.items():
        assert tables.row_values(line) == expected == general_row_values(line), line


# -- tables read plainly in one pass, as the model reads them row by row -----------------------------------

HEADERS = [
    ("Item", "Owner", "Due Date", "Status"),
    ("Action", "Who", "When"),
    ("Task", "Done"),
    ("Item", "Owner", "Due", "Status", "Source"),
    ("Owner", "Item", "Status", "Due"),
    ("Item", "Notes", "Owner", "Due", "Status"),
    ("Item", "Status"),
    ("Owner", "Due", "Status"),
]
ROW_CELLS = st.sampled_from(
    [
        "",
        "a",
        "fix \\| it",
        "  spaced  ",
        "\ttabbed\t",
        "2025-01-02",
        "2025-13-40",
        "TBD",
        "soon",
        "☐",
        "☑",
        "x",
        "yes",
        "done",
        "in progress",
        "é漢🚀",
        "a (from Sprint 1)",
        "Carry: a",
        "@ana b",
        "~~old~~",
        "c (due 2024-01-01)",
        "d (status: blocked)",
        "Sprint 1",
    ]
)


@st.composite
def action_tables(draw: st.DrawFn) -> str:
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    header = draw(st.sampled_from(HEADERS))
    outer = draw(st.booleans())
    lines = [
        ("| " + " | ".join(header) + " |") if outer else " | ".join(header),
        "|" + "|".join("---" for _ in header) + "|",
    ]
    for _ in range(draw(st.integers(0, 5))):
        count = len(header) + draw(st.sampled_from([0, 0, 0, -1, 1, -2]))
        cells = draw(st.lists(ROW_CELLS, min_size=max(count, 0), max_size=max(count, 0)))
        lead = draw(st.sampled_from(["| ", "|", " | ", "", "\t| "]))
        trail = draw(st.sampled_from([" |", "|", " | ", "", "|\t"]))
        lines.append(lead + draw(st.sampled_from([" | ", "|", "  |\t"])).join(cells) + trail)
    return eol.join(lines) + eol


@st.composite
def documents(draw: st.DrawFn) -> str:
    eol = "\n"
    parts = ["# Team" + eol + eol]
    template = draw(st.booleans())
    if template:
        parts.append("## Retro Template" + eol + eol + "### Action Items" + eol + eol + draw(action_tables()) + eol)
    for n in range(draw(st.integers(1, 3)), 0, -1):
        parts.append(f"## Sprint {n} (2025-01-0{n})" + eol + eol + "### Action Items" + eol + eol)
        parts.append(draw(action_tables()))
        parts.append(eol + "### Notes" + eol + eol + "text" + eol)
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_tables_read_plainly_in_one_pass_as_the_model_reads_them(text: str) -> None:
    model = loads(text, read_through=True)
    plain = read_plain(text)
    assert [(w.line, w.message) for w in plain.warnings] == [(w.line, w.message) for w in model.warnings]
    assert (plain.format.open_glyph, plain.format.done_glyph) == (model.format.open_glyph, model.format.done_glyph)
    assert _said(as_document(plain), TODAY) == _said(model, TODAY)
    for p_retro, m_retro in zip(plain.all_retros, model.all_retros, strict=True):
        assert [(a.item, a.owner, a.due, a.status, a.extra, a.line) for a in p_retro.action_items] == [
            (a.item, a.owner, a.due, a.status, a.extra, a.line) for a in m_retro.action_items
        ]


# -- actions --format json: records written from their values, as json writes the dicts ---------------------

JSON_TEXT = st.text(alphabet='a é"\\\t\x01\x7f\x85\x9b\u2028☐漢🚀', max_size=12)


def json_of(record: dict[str, object]) -> str:
    return exact_json(json.JSONEncoder(ensure_ascii=False, check_circular=False).encode(record))


def all_said_as_json(doc: object) -> None:
    records = JsonRecords(TODAY)
    for copies in (False, True):
        for tracked in tracked_actions(doc, TODAY, copies=copies):  # type: ignore[arg-type]
            assert records(tracked) == json_of(tracked.as_record(TODAY))


@settings(max_examples=100, deadline=None)
@given(documents())
def test_json_records_are_what_json_writes_of_the_dicts(text: str) -> None:
    all_said_as_json(as_document(read_plain(text)))
    all_said_as_json(loads(text, read_through=True))


def test_json_records_of_carried_items_are_what_json_writes() -> None:
    text = carried_document()
    all_said_as_json(as_document(read_plain(text)))
    all_said_as_json(loads(text, read_through=True))


class _Retro:
    def __init__(self, title: object, date: dt.date | None) -> None:
        self.title = title
        self.date = date


class _Action:
    def __init__(self, item: object, owner: object, due: object, status: object, line: object) -> None:
        self.item, self.owner, self.due, self.status, self.line = item, owner, due, status, line

    def is_overdue(self, today: dt.date) -> object:
        return self.line if isinstance(self.line, bool) else isinstance(self.due, dt.date) and self.due < today


VALUE = st.one_of(JSON_TEXT, st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True))


@settings(max_examples=300, deadline=None)
@given(
    title=st.one_of(JSON_TEXT, st.integers()),
    date=st.one_of(st.none(), st.dates()),
    item=VALUE,
    owner=VALUE,
    due=st.one_of(JSON_TEXT, st.dates(), st.none()),
    status=VALUE,
    line=VALUE,
    age=VALUE,
    copies=st.integers(0, 3),
    own=st.booleans(),
)
def test_json_records_of_any_values_are_what_json_writes(
    title: object,
    date: dt.date | None,
    item: object,
    owner: object,
    due: object,
    status: object,
    line: object,
    age: object,
    copies: int,
    own: bool,
) -> None:
    retro = _Retro(title, date)
    other = _Retro("Sprint 0\x9b", None)
    action = _Action(item, owner, due, status, line)
    rows = [ActionCopy(other, _Action(f"old {n}", "", "", "open", n), n) for n in range(copies)]  # type: ignore[arg-type]
    if own:
        rows.append(ActionCopy(retro, action, copies))  # type: ignore[arg-type]
    tracked = TrackedAction(retro, action, age, other if copies else None, copies, tuple(rows))  # type: ignore[arg-type]
    assert JsonRecords(TODAY)(tracked) == json_of(tracked.as_record(TODAY))


# -- a retro heading's "(2025-10-17)": one ISO date, found at once ---------------------------------------------

ISO_LIKE = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.from_regex(r"\A[0-9٣]{4}-[0-9]{2}-[0-9١]{2}\Z"),
    st.text(alphabet="0123456789-/. a١", min_size=8, max_size=12),
)


@given(ISO_LIKE, st.sampled_from([None, True, False]))
def test_find_dates_of_a_bare_iso_date_is_the_general_rule(text: str, day_first: bool | None) -> None:
    assert headings.find_dates(text, day_first) == headings._find_dates(text, day_first)


def test_find_dates_of_bare_iso_dates() -> None:
    for text in ("2025-10-17", "2025-02-30", "0000-01-01", "9999-12-31", "2025-1-017", "2025-10-1٣"):
        assert headings.find_dates(text) == headings._find_dates(text, None), text


# -- slotted classes: what a dataclass of the same fields would be --------------------------------------------------


def test_records_compare_print_hash_and_copy_as_dataclasses_do() -> None:
    import copy
    import dataclasses
    import pickle

    from retrotui.markdown.headings import DateMatch, RetroSense
    from retrotui.markdown.lines import Heading

    @dataclasses.dataclass(slots=True)
    class Heading2:
        index: int
        level: int
        text: str
        prefix: str
        suffix: str
        end: int = -1

    heading = Heading(3, 2, "Sprint 1", "## ", "\n")
    assert heading.end == 4 and Heading(3, 2, "Sprint 1", "## ", "\n", 5).end == 5
    assert repr(heading) == repr(Heading2(3, 2, "Sprint 1", "## ", "\n", 4)).split(".")[-1].replace(
        "Heading2", "Heading"
    )
    assert heading == Heading(3, 2, "Sprint 1", "## ", "\n", end=4)
    assert heading != Heading(3, 2, "Sprint 2", "## ", "\n", end=4)
    assert heading != Heading2(3, 2, "Sprint 1", "## ", "\n", 4)
    heading.end = 9  # mutable, and unhashable as a dataclass with eq is
    assert heading.end == 9
    try:
        hash(heading)
    except TypeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a mutable record is unhashable")
    assert copy.deepcopy(heading) == heading and pickle.loads(pickle.dumps(heading)) == heading

    sense = RetroSense(1, template=True)
    assert sense == RetroSense(1, False, True) and hash(sense) == hash(RetroSense(1, False, True))
    assert repr(sense) == "RetroSense(strength=1, collection=False, template=True)"
    found = DateMatch(0, 10, dt.date(2025, 1, 2), "ymd")
    assert {found, DateMatch(0, 10, dt.date(2025, 1, 2), "ymd")} == {found}
    assert copy.copy(found) == found and pickle.loads(pickle.dumps(found)) == found
    for frozen in (sense, found):
        try:
            frozen.strength = 2  # type: ignore[misc, union-attr]
        except AttributeError:
            pass
        else:  # pragma: no cover
            raise AssertionError("a frozen record refuses assignment")


# -- names_actions: a text without any action stem is no action section -------------------------------------


def test_every_action_name_holds_an_action_stem() -> None:
    action_names = [name for name, kind in headings._SECTION_NAMES.items() if kind == headings._ACTION_ITEMS]
    phrases = ["action item", "action items", "action-items", "action point", "action plan", "next steps"]
    phrases += ["next actions", "アクション", "액션", "다음 단계", "실행 항목", "行动项", "待办", "下一步"]
    leads = ["actions", "acciones", "ações", "acoes", "maßnahmen", "massnahmen", "todo", "todos", "to-do", "to-dos"]
    leads += ["plans", "commitments", "improvement goals"]
    for name in [*action_names, *phrases, *leads]:
        assert any(stem in headings.squeezed(name) for stem in headings.ACTION_STEMS) or "ß" in name, name
        assert headings.section_kind.__wrapped__(name) == headings._ACTION_ITEMS or "ß" in name, name


NAME_PIECES = st.sampled_from(
    [
        "action",
        "Actıon",
        "ACTİON",
        "Action",
        "ac*tion",
        "act_ion",
        "items",
        "item",
        "next",
        "steps",
        "step",
        "to",
        "do",
        "-",
        "to-do",
        "todos",
        "plans",
        "Maßnahmen",
        "MASSNAHMEN",
        "ẞ",
        "próximos",
        "pasos",
        "nächste",
        "Schritte",
        "prochaines",
        "étapes",
        "아",
        "액션",
        "다음",
        "단계",
        "commitments",
        "open",
        "improvement",
        "goals",
        "try",
        "ſ",
        "K",
        "Sprint",
        "Retro",
        "(2025-01-02)",
        " ",
        "\t",
        "2",
        "**",
        "`",
        "~",
        ":",
        "!",
        "🚀",
        "for",
        "acciones",
        "ações",
        "acoes",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(NAME_PIECES, max_size=6).map("".join) | st.lists(NAME_PIECES, max_size=5).map(" ".join))
def test_names_actions_is_section_kind_on_any_name(text: str) -> None:
    slow = headings.section_kind.__wrapped__(text) == headings._ACTION_ITEMS
    assert headings.names_actions(text) == slow


# -- tables whose every row is "| a | b | … |", read a column at a time ------------------------------------

FULL_HEADERS = [h for h in HEADERS if {"Status", "Done"} & set(h) and ("Owner" in h or "Who" in h)]
FULL_HEADERS += [("Item", "Owner", "Due Date", "Status", "Notes"), ("Status", "Due", "Owner", "Item")]


@st.composite
def canonical_documents(draw: st.DrawFn) -> str:
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    header = draw(st.sampled_from(FULL_HEADERS))
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        count = len(header) + draw(st.sampled_from([0, 0, 0, 0, 0, 1, -1]))
        cells = draw(st.lists(ROW_CELLS | st.sampled_from([" é ", "\t☐\t", "done ", "2024-02-30"]), min_size=count))
        head = draw(st.sampled_from(["", "", " ", "\t", "  ", "   "]))
        tail = draw(st.sampled_from(["", "", " ", "\t", "  "]))
        joint = draw(st.sampled_from([" | ", " | ", "|", " |\t"]))
        rows.append(head + "|" + joint.join(cells[:count]) + "|" + tail)
    table = eol.join(["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|", *rows])
    ending = draw(st.sampled_from([eol, eol, ""]))
    after = draw(st.sampled_from(["", eol + "text" + eol]))
    return eol.join(["# Team", "", "## Sprint 1 (2025-01-02)", "", "### Action Items", "", table]) + ending + after


@settings(max_examples=400, deadline=None)
@given(canonical_documents())
def test_canonical_tables_read_a_column_at_a_time_as_the_model_reads_them(text: str) -> None:
    model = loads(text, read_through=True)
    plain = read_plain(text)
    assert [(w.line, w.message) for w in plain.warnings] == [(w.line, w.message) for w in model.warnings]
    assert (plain.format.open_glyph, plain.format.done_glyph) == (model.format.open_glyph, model.format.done_glyph)
    for p_retro, m_retro in zip(plain.all_retros, model.all_retros, strict=True):
        assert [(a.item, a.owner, a.due, a.status, a.extra, a.line) for a in p_retro.action_items] == [
            (a.item, a.owner, a.due, a.status, a.extra, a.line) for a in m_retro.action_items
        ]
    assert _said(as_document(plain), TODAY) == _said(model, TODAY)


# -- check counts items without making the tracker's list ---------------------------------------------------


def counts_agree(doc: object) -> None:
    from retrotui.tracker import item_counts, tracker_stats

    for today in (TODAY, dt.date(2000, 1, 1), dt.date(2100, 1, 1)):
        stats = tracker_stats(doc, today)  # type: ignore[arg-type]
        assert item_counts(doc, today) == (stats.open, stats.done, stats.overdue)  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(documents())
def test_item_counts_are_tracker_stats_counts(text: str) -> None:
    counts_agree(as_document(read_plain(text)))
    counts_agree(loads(text, read_through=True))


def test_item_counts_of_the_corpus_are_tracker_stats_counts() -> None:
    from tests.conftest import SAMPLES, corpus_files, read_exact, real_files

    for path in [*corpus_files(), *sorted(SAMPLES.glob("*.md")), *real_files()]:
        counts_agree(as_document(read_plain(read_exact(path))))
    counts_agree(as_document(read_plain(carried_document())))
