"""Front matter at the top of the file is not Markdown: its ``#`` comments are no title, no retro."""

from __future__ import annotations

import pytest

from retrotui import dumps, loads
from retrotui.plain import read_plain

BODY = "## Sprint 1 (2025-10-01)\n\n### Action Items\n- [ ] a\n"


@pytest.mark.parametrize(
    "front",
    [
        "+++\ntitle = 'Retros'\n# a TOML comment\n## Sprint 0 (2025-01-01)\n+++\n",
        "---\ntitle: Retros\n# a YAML comment\n## Sprint 0 (2025-01-01)\n---\n",
    ],
    ids=["toml", "yaml"],
)
def test_comments_in_front_matter_are_neither_title_nor_retro(front: str) -> None:
    text = front + BODY
    doc = loads(text)
    assert doc.title is None
    assert [(r.title, [a.item for a in r.action_items]) for r in doc.retros] == [("Sprint 1", ["a"])]
    assert [r.title for r in read_plain(text).retros] == ["Sprint 1"]
    doc.title = "Team retros"
    out = dumps(doc)
    assert out.startswith(front) and loads(out).title == "Team retros"


def test_a_new_header_field_goes_after_the_front_matter() -> None:
    text = "---\ntitle: Retros\n---\n\nNotes of the team.\n\n" + BODY
    doc = loads(text)
    doc.purpose = "Learn"
    out = dumps(doc)
    assert out == "---\ntitle: Retros\n---\n**Purpose:** Learn\n\nNotes of the team.\n\n" + BODY
    again = loads(out)
    assert again.purpose == "Learn" and [r.title for r in again.retros] == ["Sprint 1"]


def test_a_title_given_to_a_file_of_front_matter_only_follows_it() -> None:
    doc = loads("---\ntitle: Retros\n---\n")
    doc.title = "Team retros"
    assert dumps(doc) == "---\ntitle: Retros\n---\n# Team retros\n"
