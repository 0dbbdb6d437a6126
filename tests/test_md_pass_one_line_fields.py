"""A header field or heading line set by an edit keeps what else the user wrote on it, and stays what it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from retrotui import dumps, loads
from retrotui.session import Session
from retrotui.workflow import SaveRequest, prepare_save

RETRO = "\n## Sprint 1 (2025-10-01)\n\n### Action Items\n- [ ] a\n"


@pytest.mark.parametrize(
    ("written", "bumped"),
    [
        ("2025-10-17 · **Owner:** Ana", "2026-01-02 · **Owner:** Ana"),
        ("2025-10-17 (by Ana)", "2026-01-02 (by Ana)"),
        ("`2025-10-17`", "`2026-01-02`"),
        ("October 17, 2025", "2026-01-02"),
        ("soon", "2026-01-02"),
    ],
)
def test_saving_bumps_only_the_date_of_last_updated(tmp_path: Path, written: str, bumped: str) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(f"# Retros\n\n**Last Updated:** {written}\n{RETRO}".encode())
    session = Session.open(path, today=lambda: dt.date(2026, 1, 2))
    session.doc.retros[0].action_items[0].status = "done"
    request = prepare_save(session)
    assert isinstance(request, SaveRequest)
    assert request.text == f"# Retros\n\n**Last Updated:** {bumped}\n{RETRO.replace('[ ]', '[x]')}"


def test_an_empty_field_given_a_value_keeps_a_blank_after_its_label() -> None:
    text = "# Retros\n\n**Purpose:**\n**Last Updated:**\n" + RETRO
    doc = loads(text)
    doc.purpose = "Learn"
    doc.last_updated = dt.date(2026, 1, 2)
    out = dumps(doc)
    assert out == "# Retros\n\n**Purpose:** Learn\n**Last Updated:** 2026-01-02\n" + RETRO
    assert (loads(out).purpose, loads(out).last_updated) == ("Learn", dt.date(2026, 1, 2))


def test_an_empty_title_heading_given_a_title_stays_a_heading() -> None:
    text = "#\n" + RETRO
    doc = loads(text)
    doc.title = "Retros"
    out = dumps(doc)
    assert out == "# Retros\n" + RETRO
    assert loads(out).title == "Retros"


def test_an_untitled_section_given_a_title_stays_a_section() -> None:
    text = "## Sprint 1 (2025-10-01)\n\n###\n- fast\n\n### Action Items\n- [ ] a\n"
    doc = loads(text)
    doc.retros[0].sections[0].title = "Went well"
    out = dumps(doc)
    assert out == text.replace("###\n", "### Went well\n")
    assert [s.title for s in loads(out).retros[0].sections] == ["Went well", "Action Items"]


def test_a_bold_label_section_renamed_keeps_its_bold_marks_tight() -> None:
    text = "## Sprint 1 (2025-10-01)\n\n**Went well**\n- fast\n\n**Action Items**\n- [ ] a\n"
    doc = loads(text)
    for section in doc.retros[0].sections:
        section.title += " now"
    assert dumps(doc) == text.replace("well**", "well now**").replace("Items**", "Items now**")
