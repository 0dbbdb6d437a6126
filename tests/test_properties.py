"""Property tests: ``dumps(loads(t)) == t`` for every string, and ``loads`` never raises."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrotui import ActionItem, dumps, loads
from retrotui.markdown.lines import split_lines

PIECES = [
    "#",
    "# ",
    "## ",
    "### ",
    "#### ",
    "## Sprint 1 – T (2025-10-17)",
    "### 4. Action Items",
    "### 1. Summary",
    "## Retro Template",
    "**Last Updated:** 2025-01-01",
    "**Purpose:** x",
    "|",
    "| ",
    " | ",
    "\\|",
    "|---|---|",
    "|-|-|-|-|",
    "| Item | Owner | Due Date | Status |",
    "| a | b | 2025-01-01 | ☐ |",
    "☐",
    "☑",
    "✅",
    "[ ]",
    "[x]",
    "- [ ] ",
    "- [x] ",
    "-",
    "- ",
    "* ",
    "+ ",
    "`",
    "```",
    "~~~",
    "<!--",
    "-->",
    "---",
    "===",
    ">",
    "    ",
    "\n",
    "\r\n",
    "\r",
    "\x85",
    "\u2028",
    "\u2029",
    "\x0c",
    "\x0b",
    "\t",
    "\ufeff",
    " ",
    "a",
    "é",
    "山",
    "🚀",
    "(2025-10-17)",
    "@owner",
    "(due 2025-10-24)",
    "text",
]

markdownish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_text = st.text(max_size=400)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_any_text_round_trips(text: str) -> None:
    assert dumps(loads(text)) == text


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=200))
def test_text_with_lone_surrogates_round_trips(text: str) -> None:
    assert dumps(loads(text)) == text


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_markdownish_text_round_trips(text: str) -> None:
    assert dumps(loads(text)) == text


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_split_lines_loses_nothing_and_only_splits_on_newline(text: str) -> None:
    lines = split_lines(text)
    assert "".join(lines) == text
    assert all("\n" not in line[:-1] for line in lines)


TABLE_DOC = "## S (2025-01-01)\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status |\n|---|---|---|---|\n"
cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30).map(
    lambda s: " ".join(s.split())
)


@settings(max_examples=300)
@given(item=cell_text, owner=cell_text, status=st.sampled_from(["open", "done", "blocked", "in progress"]))
def test_any_cell_value_reads_back_as_written(item: str, owner: str, status: str) -> None:
    doc = loads(TABLE_DOC)
    doc.retros[0].action_items.append(ActionItem(item=item, owner=owner, due=dt.date(2025, 2, 3), status=status))
    out = dumps(doc)
    reread = loads(out).retros[0].action_items
    assert len(reread) == 1
    assert reread[0].values() == (item, owner, dt.date(2025, 2, 3), status, ())


@settings(max_examples=200)
@given(prefix=markdownish, suffix=markdownish)
def test_edits_inside_arbitrary_surroundings_touch_one_line(prefix: str, suffix: str) -> None:
    """A retro with a table, wrapped in noise: toggling a status changes one line at most."""
    body = "\n## Sprint 9 (2025-01-01)\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status |\n|---|---|---|---|\n| a | b | 2025-01-01 | ☐ |\n\n"
    text = prefix + body + suffix
    doc = loads(text)
    for retro in doc.retros:
        for action in retro.action_items:
            original = action.status
            action.status = action.toggled()
            out = dumps(doc)
            assert len(out.split("\n")) == len(text.split("\n"))
            differing = [1 for x, y in zip(out.split("\n"), text.split("\n"), strict=True) if x != y]
            assert len(differing) <= 1
            action.status = original
            assert dumps(doc) == text
