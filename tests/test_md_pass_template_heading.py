"""A template headed plainly ``## Template`` is the template, as ``## Retro Template`` is: not a retro whose
example row is an open action item."""

from __future__ import annotations

import datetime as dt

import pytest

from retrotui import dumps, loads
from retrotui.editing import Editor
from retrotui.plain import read_plain

TABLE = "| Item | Owner | Due Date | Status |\n|---|---|---|---|\n"
SPRINT = f"## Sprint 1 (2025-10-01)\n\n### Went well\n- x\n\n### Action Items\n{TABLE}| a | b | 2025-10-02 | ☐ |\n"


@pytest.mark.parametrize("heading", ["## Template", "## TEMPLATE (copy me)", "## _Template_"])
def test_a_plain_template_heading_over_retro_sections_is_the_template(heading: str) -> None:
    text = f"# Retros\n\n{heading}\n\n### Went well\n- \n\n### Action Items\n{TABLE}| Example | @owner | YYYY-MM-DD | ☐ |\n\n{SPRINT}"
    doc = loads(text)
    assert doc.template is not None and doc.template.title == heading.removeprefix("## ")
    assert [(r.title, [a.item for a in r.action_items]) for r in doc.retros] == [("Sprint 1", ["a"])]
    assert [a.item for r in read_plain(text).retros for a in r.action_items] == ["a"]
    assert dumps(doc) == text
    Editor(doc).add_retro("Sprint 2", dt.date(2025, 10, 15), carry_over=True)
    out = dumps(doc)
    assert (
        out
        == f"{text}\n## Sprint 2 (2025-10-15)\n\n### Went well\n\n### Action Items\n{TABLE}| a (from Sprint 1) | b | 2025-10-02 | ☐ |\n"
    )


def test_a_heading_named_template_without_retro_sections_is_not_taken_for_one() -> None:
    text = f"# Retros\n\n## Template\n\nCopy the last retro.\n\n{SPRINT}"
    doc = loads(text)
    assert doc.template is None
    assert [r.title for r in doc.retros] == ["Sprint 1"]
