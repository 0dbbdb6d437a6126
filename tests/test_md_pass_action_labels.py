"""Action items under a label or sub-heading inside another section: read, edited in place, carried whole."""

from __future__ import annotations

import datetime as dt

import pytest

from retrotui import dumps, loads
from retrotui.editing import Editor
from retrotui.plain import read_plain
from tests.conftest import changed_lines

NESTED = (
    "# Retros\n\n## Retro 2025-10-01\n\n### Went well\n- fast deploys\n\n"
    "### Topic: Deploys\nWe talked.\n\n#### Action items\n- [ ] Ana to fix the pipeline\n- [x] Bo to write docs\n"
)


def test_a_sub_heading_naming_actions_inside_a_topic_is_read_as_its_action_list() -> None:
    doc = loads(NESTED)
    assert [(a.item, a.status) for a in doc.retros[0].action_items] == [
        ("Ana to fix the pipeline", "open"),
        ("Bo to write docs", "done"),
    ]
    assert [a.item for r in read_plain(NESTED).retros for a in r.action_items] == [
        "Ana to fix the pipeline",
        "Bo to write docs",
    ]
    assert dumps(doc) == NESTED


def test_a_skipped_heading_level_still_names_the_action_list() -> None:
    text = "## Sprint 1 (2025-10-01)\n\n### Went well\n- x\n\n##### Action Items\n- [ ] a\n"
    assert [a.item for a in loads(text).retros[0].action_items] == ["a"]


def test_toggling_an_item_under_the_sub_heading_changes_its_line_only() -> None:
    doc = loads(NESTED)
    retro = doc.retros[0]
    Editor(doc).toggle_status(retro, retro.action_items[0])
    assert changed_lines(NESTED, dumps(doc)) == (["- [ ] Ana to fix the pipeline"], ["- [x] Ana to fix the pipeline"])


@pytest.mark.parametrize(
    ("body", "label"),
    [
        ("### Notes\nAction items:\n- [ ] a\n", "Action items:\n"),
        ("### Notes\n**Next steps**\n\n- [ ] a\n", "**Next steps**\n\n"),
        ("### Topic\ntalk\n\n#### Action items\n- [ ] a\n", "#### Action items\n"),
    ],
    ids=["label", "bold label and a blank", "sub-heading"],
)
def test_carried_items_of_a_labelled_list_keep_their_label_and_read_back(body: str, label: str) -> None:
    text = f"## Sprint 1 (2025-10-01)\n\n{body}"
    doc = loads(text)
    assert [a.item for a in doc.retros[0].action_items] == ["a"]
    Editor(doc).add_retro("Sprint 2", dt.date(2025, 10, 8), carry_over=True)
    out = dumps(doc)
    heading = body.split("\n", 1)[0]
    assert out == f"{text}\n## Sprint 2 (2025-10-08)\n\n{heading}\n{label}- [ ] a (from Sprint 1)\n"
    assert [[a.item for a in r.action_items] for r in loads(out).retros] == [["a"], ["a (from Sprint 1)"]]
