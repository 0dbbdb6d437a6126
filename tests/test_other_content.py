"""Content outside the retros is reachable (``doc.other_content()``) and editable as Markdown."""

from __future__ import annotations

import datetime as dt

import pytest

from retrotui import dumps, loads
from tests.conftest import SAMPLES, changed_lines, read_exact

LOG = "# Team\n\nIntro.\n\n## Timeline\n\n- 10:00 start\n\n## Sprint 1 (2025-01-01)\n\n- a\n\n## Attendees\n\nAna\n"


def test_the_seed_has_its_header_and_the_history_heading_outside_the_retros() -> None:
    text = read_exact(SAMPLES / "volcano-retrospective.md")
    parts = loads(text).other_content()
    assert [(p.line, p.text.splitlines()[0]) for p in parts] == [
        (1, "# Volcano Integration Retrospective"),
        (43, "## Historical Retrospectives"),
    ]
    assert all(p.text in text for p in parts)


def test_every_line_outside_the_retros_is_in_some_part() -> None:
    doc = loads(LOG)
    parts = doc.other_content()
    assert [(p.line, p.text) for p in parts] == [
        (1, "# Team\n\nIntro.\n\n## Timeline\n\n- 10:00 start\n\n"),
        (13, "## Attendees\n\nAna\n"),
    ]
    lines = LOG.splitlines(keepends=True)
    for part in parts:
        assert "".join(lines[part.line - 1 : part.line - 1 + len(part.text.splitlines())]) == part.text


def test_replacing_a_part_changes_only_its_lines() -> None:
    doc = loads(LOG)
    attendees = doc.other_content()[1]
    doc.replace_other_content(attendees, "## Attendees\n\nAna, Bo\n")
    assert changed_lines(LOG, dumps(doc)) == (["Ana"], ["Ana, Bo"])
    assert [r.title for r in loads(dumps(doc)).retros] == ["Sprint 1"]


def test_the_header_stays_a_header_after_an_edit() -> None:
    doc = loads(read_exact(SAMPLES / "volcano-retrospective.md"))
    header = doc.other_content()[0]
    doc.replace_other_content(header, header.text.replace("Platform team", "The platform team"))
    assert doc.title == "Volcano Integration Retrospective"
    doc.last_updated = dt.date(2025, 12, 1)
    out = dumps(doc)
    assert "**Audience:** The platform team" in out and "**Last Updated:** 2025-12-01" in out
    assert out.count("**Last Updated:**") == 1


def test_the_files_line_endings_are_kept() -> None:
    text = LOG.replace("\n", "\r\n")
    doc = loads(text)
    doc.replace_other_content(doc.other_content()[1], "## Attendees\n\nAna, Bo")
    assert dumps(doc) == text.replace("Ana\r\n", "Ana, Bo")
    doc = loads(text)
    doc.replace_other_content(doc.other_content()[0], "# Team\n\nNo timeline.")
    assert dumps(doc).startswith("# Team\r\n\r\nNo timeline.\r\n## Sprint 1")


def test_a_part_taken_before_another_edit_is_refused() -> None:
    doc = loads(LOG)
    first, second = doc.other_content()
    doc.replace_other_content(first, "")
    with pytest.raises(ValueError, match="changed"):
        doc.replace_other_content(second, "x\n")
    assert doc.other_content()[0].text == "## Attendees\n\nAna\n"
