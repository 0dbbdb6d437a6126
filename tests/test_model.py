"""The public API: what a script can read, set and build."""

from __future__ import annotations

import datetime as dt

import pytest

import retrotui
from retrotui import ActionItem, SectionKind, dumps, loads
from tests.conftest import CORPUS, SAMPLES, changed_lines, read_exact

SEED = read_exact(SAMPLES / "volcano-retrospective.md")


def test_public_api_is_exported() -> None:
    for name in ("loads", "dumps", "load", "dump", "RetroDocument", "Retro", "ActionItem", "__version__"):
        assert hasattr(retrotui, name)


def test_header_fields_read_and_set() -> None:
    doc = loads(SEED)
    assert doc.title == "Volcano Integration Retrospective"
    assert doc.purpose is not None and doc.purpose.startswith("Capture learnings")
    assert doc.audience is not None and doc.audience.startswith("Platform team")
    assert doc.last_updated == dt.date(2025, 10, 17)
    doc.purpose = "New purpose."
    doc.last_updated = dt.date(2026, 1, 5)
    _removed, added = changed_lines(SEED, dumps(doc))
    assert added == ["**Purpose:** New purpose.", "**Last Updated:** 2026-01-05"]


def test_missing_header_field_is_added_after_the_title() -> None:
    doc = loads("# Team retros\n\n## Sprint 1 (2025-01-01)\n\n### 1. Summary\n- x\n")
    assert doc.last_updated is None
    doc.last_updated = dt.date(2025, 2, 1)
    assert (
        dumps(doc)
        == "# Team retros\n\n**Last Updated:** 2025-02-01\n\n## Sprint 1 (2025-01-01)\n\n### 1. Summary\n- x\n"
    )


def test_sections_are_ordered_and_addressable() -> None:
    retro = loads(SEED).retros[0]
    assert [s.label for s in retro.sections] == [
        "1 Summary",
        "2 What Went Well",
        "3 What Could Improve",
        "4 Action Items",
        "5 Metrics & Evidence",
        "6 Follow-Up",
    ]
    section = retro.section(SectionKind.METRICS)
    assert section is not None and section.number == "5"
    assert retro.section("what went well") is retro.sections[1]
    assert retro.section("Kudos") is None


def test_action_item_values() -> None:
    items = loads(SEED).retros[0].action_items
    assert items[0].values() == (
        "Export baseline Prometheus + Temporal metrics per plan",
        "Platform Eng",
        dt.date(2025, 10, 24),
        "open",
        (),
    )
    assert items[0].line == 63


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("☐", "open"),
        ("[ ]", "open"),
        ("☑", "done"),
        ("✅", "done"),
        ("✔", "done"),
        ("[x]", "done"),
        ("[X]", "done"),
        ("Done", "done"),
        ("DONE", "done"),
        ("in progress", "in progress"),
        ("open", "open"),
    ],
)
def test_status_recognition(status: str, expected: str) -> None:
    assert ActionItem(item="x", status=status).status == expected
    doc = loads(
        f"## S (2025-01-01)\n### Action Items\n| Item | Owner | Due Date | Status |\n|-|-|-|-|\n| x | y | 2025-01-01 | {status} |\n"
    )
    assert doc.retros[0].action_items[0].status == expected


def test_due_is_a_date_only_for_iso_dates() -> None:
    assert ActionItem(due="2025-10-24").due == dt.date(2025, 10, 24)
    assert ActionItem(due="next week").due == "next week"
    assert ActionItem(due="2025-02-30").due == "2025-02-30"


def test_action_items_is_a_plain_list() -> None:
    doc = loads(read_exact(CORPUS / "05-three-retros-chronological.md"))
    items = doc.retros[1].action_items
    first = items.pop(0)
    items.insert(2, first)
    items.append(ActionItem(item="Last", owner="Ana", due="2025-12-01"))
    reread = loads(dumps(doc)).retros[1].action_items
    assert [a.item for a in reread] == [
        "Review queue hierarchy with platform leadership",
        "Stabilise preemption tests",
        "Export baseline Prometheus + Temporal metrics per plan",
        "Last",
    ]


def test_retro_without_action_list_gets_one_when_items_are_added() -> None:
    text = "# R\n\n## Sprint 1 (2025-01-01)\n\n### 1. Summary\n- done things\n"
    doc = loads(text)
    doc.retros[0].action_items.append(ActionItem(item="Follow up", owner="Ana", due="2025-01-08"))
    out = dumps(doc)
    assert out.startswith(text)
    reread = loads(out).retros[0]
    assert reread.action_items[0].values() == ("Follow up", "Ana", dt.date(2025, 1, 8), "open", ())
    assert reread.section(SectionKind.ACTION_ITEMS) is not None


def test_duplicate_section_is_a_warning_with_its_line() -> None:
    doc = loads("## Sprint 1 (2025-01-01)\n\n### Summary\n- a\n\n### Summary\n- b\n")
    assert [(w.line, w.message) for w in doc.warnings] == [
        (6, "duplicate section 'Summary' in 'Sprint 1' (first at line 3)")
    ]


def test_unclosed_fence_is_a_warning() -> None:
    doc = loads("# T\n\n```\n## Sprint 1 (2025-01-01)\n")
    assert doc.retros == [] and doc.warnings[0].line == 3


def test_add_retro_from_the_files_template_with_carry_over() -> None:
    doc = loads(SEED)
    new = doc.add_retro("Sprint 1 – Queue Hierarchy", dt.date(2025, 10, 31), carry_over=True)
    out = dumps(doc)
    removed, _added = changed_lines(SEED, out)
    assert removed == []
    assert out.endswith(
        "## Sprint 1 – Queue Hierarchy (2025-10-31)\n\n"
        "### 1. Summary\n\n"
        "### 2. What Went Well\n\n"
        "### 3. What Could Improve\n\n"
        "### 4. Action Items\n\n"
        "| Item | Owner | Due Date | Status |\n|------|-------|----------|--------|\n"
        "| Export baseline Prometheus + Temporal metrics per plan (from Sprint 0) | Platform Eng | 2025-10-24 | ☐ |\n"
        "| Review queue hierarchy with platform leadership (from Sprint 0) | Platform Lead | 2025-10-22 | ☐ |\n\n"
        "### 5. Metrics & Evidence\n\n"
        "### 6. Follow-Up\n"
    )
    reread = loads(out)
    assert reread.retros[-1].title == new.title and len(reread.retros[-1].action_items) == 2


def test_add_retro_without_carry_over_has_an_empty_table() -> None:
    doc = loads(SEED)
    retro = doc.add_retro("Sprint 1", dt.date(2025, 10, 31))
    assert retro.action_items == []
    assert loads(dumps(doc)).retros[-1].action_items == []


def test_carry_over_only_copies_open_items_and_uses_a_source_column() -> None:
    text = (
        "## Sprint 1 (2025-01-01)\n\n### 4. Action Items\n\n"
        "| Item | Owner | Due Date | Status | Source |\n|---|---|---|---|---|\n"
        "| Open one | Ana | 2025-01-08 | ☐ |  |\n| Closed | Bo | 2025-01-08 | ☑ |  |\n| Waiting | Cy | TBD | blocked |  |\n"
    )
    doc = loads(text)
    new = doc.add_retro("Sprint 2", dt.date(2025, 1, 15), carry_over=True)
    assert [(a.item, a.status, a.extra) for a in new.action_items] == [
        ("Open one", "open", ["Sprint 1"]),
        ("Waiting", "blocked", ["Sprint 1"]),
    ]


def test_add_retro_to_a_file_without_template_uses_the_builtin_one() -> None:
    doc = loads("")
    doc.add_retro("Sprint 1", dt.date(2025, 1, 1))
    out = dumps(doc)
    reread = loads(out)
    assert [s.kind for s in reread.retros[0].sections] == list(SectionKind)
    assert out.startswith("## Sprint 1 (2025-01-01)\n\n### 1. Summary\n\n### 2. What Went Well\n\n")


def test_add_retro_needs_a_title() -> None:
    with pytest.raises(ValueError, match="title"):
        loads(SEED).add_retro("   ")


def test_owners_are_collected_most_used_first() -> None:
    doc = loads(read_exact(SAMPLES / "volcano-multi-sprint.md"))
    assert doc.owners()[0] == "@sre-oncall"
    assert set(doc.owners()) >= {"Platform Eng", "Platform Lead", "Ops"}
