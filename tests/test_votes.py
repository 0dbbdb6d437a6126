"""Dot votes on bullets: the marks read and written, a section ordered by votes as a minimal edit."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrotui import dumps, loads
from retrotui.markdown import bullets as bullet_text
from retrotui.markdown.lines import content_of, ending_of, split_lines
from retrotui.votes import (
    Votes,
    format_votes,
    read_votes,
    section_with_results,
    split_votes,
    vote_order,
    with_votes,
    without_votes,
)


@pytest.mark.parametrize(
    ("text", "own", "total", "named"),
    [
        ("Fix the pager (+3)", "Fix the pager", 3, {}),
        ("Fix the pager (+1 Ana)(+2 Ben)", "Fix the pager", 3, {"Ana": 1, "Ben": 2}),
        ("Fix the pager (+1 Ana) (+2 Ben)", "Fix the pager", 3, {"Ana": 1, "Ben": 2}),
        ("Fix the pager(+1 Ana)  (+2)", "Fix the pager", 3, {"Ana": 1}),
        ("Pair more (+2 Ana María)", "Pair more", 2, {"Ana María": 2}),
        ("(+4)", "", 4, {}),
        ("f(x) is slow (+1)", "f(x) is slow", 1, {}),
        ("Nothing voted", "Nothing voted", 0, {}),
        ("A mark (+1) in the middle", "A mark (+1) in the middle", 0, {}),
        ("Latency went up (+22%)", "Latency went up (+22%)", 0, {}),
        ("Unclosed (+1 Ana", "Unclosed (+1 Ana", 0, {}),
        ("Two for Ana (+1 Ana)(+1 Ana)", "Two for Ana", 2, {"Ana": 2}),
    ],
)
def test_marks_are_read_at_the_end(text: str, own: str, total: int, named: dict[str, int]) -> None:
    votes = read_votes(text)
    assert (without_votes(text), votes.total, votes.named) == (own, total, named)
    assert "".join(split_votes(text)) == text


def test_marks_are_replaced_where_they_stand() -> None:
    assert with_votes("Fix the pager", 2) == "Fix the pager (+2)"
    assert with_votes("Fix the pager  (+1 Ana)(+2 Ben)", 5) == "Fix the pager  (+5)"
    assert with_votes("Fix the pager(+1)", 2) == "Fix the pager(+2)"
    assert with_votes("Fix the pager (+3)", 0) == "Fix the pager"
    assert with_votes("Fix the pager", 0) == "Fix the pager"
    assert with_votes("", 1) == "(+1)"
    assert with_votes("Fix", Votes(1, {"Ana": 2})) == "Fix (+2 Ana)(+1)"
    assert format_votes(read_votes("x (+1 Ana)(+2 Ben)")) == "(+1 Ana)(+2 Ben)"


def test_a_long_line_of_marks_is_read_in_one_pass() -> None:
    text = "(+1)" * 20_000 + "x" + "(+1)" * 20_000
    assert read_votes(text).total == 20_000


words = st.text(alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=30)
names = st.text(alphabet=st.characters(whitelist_categories=("L",)), min_size=1, max_size=8)


@settings(max_examples=400)
@given(words, st.integers(min_value=0, max_value=999))
def test_set_then_read_gives_the_count_and_keeps_the_text(text: str, count: int) -> None:
    written = with_votes(text, count)
    assert read_votes(written).total == count
    own = split_votes(text)[0]
    assert written.startswith(own)
    assert without_votes(written) == own.strip()
    # Setting the same count again changes nothing.
    assert with_votes(written, count) == written


@settings(max_examples=300)
@given(words, st.dictionaries(names, st.integers(min_value=1, max_value=9), max_size=4), st.integers(0, 9))
def test_named_marks_round_trip(text: str, named: dict[str, int], unnamed: int) -> None:
    votes = Votes(unnamed, named)
    written = with_votes(text, votes)
    assert read_votes(written) == votes
    assert format_votes(read_votes(written)) == format_votes(votes)


def test_order_is_by_votes_and_stable() -> None:
    assert vote_order([1, 3, 0, 3, 1]) == [1, 3, 0, 4, 2]


SECTION = "Intro line\n- Alpha (+1 Ana)\n  nested under alpha\n* Beta\n\n- Gamma (+2)\r\n<!-- a comment -->\n- Delta"


def test_a_section_is_ordered_and_marked_with_every_other_line_in_place() -> None:
    out = section_with_results(SECTION, [1, 0, 3, 0])
    assert out == (
        "Intro line\n"
        "- Gamma (+3)\n"  # takes the ending of the place it moves to
        "- Alpha (+1)\n"
        "  nested under alpha\n"
        "\n"
        "* Beta\r\n"
        "<!-- a comment -->\n"
        "- Delta"  # the last line still has no ending
    )


def test_results_that_change_nothing_leave_the_text_as_it_is() -> None:
    text = "- A (+3)\r\n- B (+1)\r\n- C\r\n"
    assert section_with_results(text, [3, 1, 0]) == text


def test_counts_must_match_the_items() -> None:
    with pytest.raises(ValueError):
        section_with_results("- a\n- b\n", [1])


item_text = st.text(alphabet="abc (+1)Ana", min_size=1, max_size=12).map(str.strip).filter(bool)
line = st.one_of(
    item_text.map(lambda t: f"- {t}"),
    item_text.map(lambda t: f"* {t}"),
    item_text.map(lambda t: f"  nested {t}"),
    st.just(""),
    item_text.map(lambda t: f"Prose {t}"),
    st.just("<!-- c -->"),
)
ending = st.sampled_from(["\n", "\r\n", "\r"])
section = st.lists(st.tuples(line, ending), max_size=12).map(lambda pairs: "".join(a + b for a, b in pairs))


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(section, st.data())
def test_reordering_keeps_every_line_and_every_ending(text: str, data: st.DataObject) -> None:
    items = bullet_text.bullets(text)
    order = data.draw(st.permutations(range(len(items))))
    out = bullet_text.rewrite_bullets(text, order)
    lines, new_lines = split_lines(text), split_lines(out)
    assert Counter(content_of(x) for x in lines) == Counter(content_of(x) for x in new_lines)
    assert Counter(ending_of(x) for x in lines) == Counter(ending_of(x) for x in new_lines)
    assert lines[-1:] == [] or ending_of(lines[-1]) == ending_of(new_lines[-1])
    assert bullet_text.bullets(out) == [items[n] for n in order]
    assert bullet_text.rewrite_bullets(out, sorted(range(len(order)), key=order.__getitem__)).count("\n") == text.count(
        "\n"
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(section, st.data())
def test_results_order_by_votes_and_mark_each_item(text: str, data: st.DataObject) -> None:
    items = bullet_text.bullets(text)
    counts = data.draw(st.lists(st.integers(0, 5), min_size=len(items), max_size=len(items)))
    out = section_with_results(text, counts)
    after = bullet_text.bullets(out)
    assert [read_votes(x).total for x in after] == sorted(counts, reverse=True)
    assert sorted(without_votes(x) for x in after) == sorted(without_votes(x) for x in items)
    assert len(split_lines(out)) == len(split_lines(text))


def test_a_file_with_vote_marks_round_trips_byte_for_byte() -> None:
    text = "# Team\n\n## Retro 2025-11-20\n\n### What Went Well\n\n- Pairing (+1 Ana)(+2 Ben)\n- Deploys (+3)\r\n"
    assert dumps(loads(text)) == text
