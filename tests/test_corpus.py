"""Every corpus file round-trips byte for byte and is read as EXPECTED.md says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import retrotui
from retrotui import ActionItem, SectionKind, dumps, loads
from tests.conftest import CORPUS, changed_lines, corpus_files, expected_counts, read_exact, real_files

EXPECTED = expected_counts()


def test_expected_table_covers_every_corpus_file() -> None:
    assert sorted(EXPECTED) == [p.name for p in corpus_files()]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_round_trips_byte_for_byte(path: Path) -> None:
    text = read_exact(path)
    assert dumps(loads(text)) == text


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_round_trips_through_files(path: Path, tmp_path: Path) -> None:
    target = tmp_path / path.name
    retrotui.dump(retrotui.load(path), target)
    assert target.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_is_recognised_as_expected(path: Path) -> None:
    doc = loads(read_exact(path))
    actions = [a for r in doc.retros for a in r.action_items]
    assert (len(doc.retros), len(actions), sum(a.is_done for a in actions)) == EXPECTED[path.name]


def test_seed_template_is_the_template_not_a_retro() -> None:
    doc = loads(read_exact(CORPUS / "01-seed.md"))
    assert doc.template is not None and doc.template.title == "Retro Template"
    assert [r.title for r in doc.retros] == ["Sprint 0 – Discovery & Alignment"]
    assert doc.retros[0].date == dt.date(2025, 10, 17)
    assert [s.kind for s in doc.template.sections] == list(SectionKind)


def test_crlf_is_kept_for_edited_and_inserted_lines() -> None:
    text = read_exact(CORPUS / "02-seed-crlf.md")
    doc = loads(text)
    doc.retros[0].action_items[0].status = "done"
    doc.retros[0].action_items.append(ActionItem(item="New", owner="Ana", due="2025-11-01"))
    doc.add_retro("Sprint 1", dt.date(2025, 10, 31), carry_over=True)
    out = dumps(doc)
    assert out.count("\n") == out.count("\r\n") > text.count("\r\n")


def test_bom_is_kept_and_not_part_of_the_title() -> None:
    text = read_exact(CORPUS / "03-seed-bom.md")
    doc = loads(text)
    assert doc.title == "Volcano Integration Retrospective"
    doc.retros[0].action_items[0].owner = "Ana"
    assert dumps(doc).startswith("\ufeff# Volcano")


def test_no_final_newline_is_not_added_by_an_edit() -> None:
    text = read_exact(CORPUS / "04-seed-no-final-newline.md")
    doc = loads(text)
    doc.add_retro("Sprint 1", dt.date(2025, 10, 31))
    out = dumps(doc)
    assert not out.endswith("\n")
    assert out.startswith(text + "\n\n## Sprint 1 (2025-10-31)\n")


def test_new_retro_goes_after_the_last_in_an_oldest_first_file() -> None:
    doc = loads(read_exact(CORPUS / "05-three-retros-chronological.md"))
    new = doc.add_retro("Sprint 3 – Wave 2", dt.date(2025, 11, 28))
    assert doc.retros[-1] is new
    assert [r.title.split(" –")[0] for r in doc.retros] == ["Sprint 0", "Sprint 1", "Sprint 2", "Sprint 3"]


def test_new_retro_goes_first_in_a_newest_first_file() -> None:
    text = read_exact(CORPUS / "06-newest-first.md")
    doc = loads(text)
    assert doc.newest_first
    new = doc.add_retro("Sprint 3 – Wave 2", dt.date(2025, 11, 28))
    assert doc.retros[0] is new
    out = dumps(doc)
    assert out.index("## Sprint 3 – Wave 2 (2025-11-28)") < out.index("## Sprint 2 – Rollout Wave 1")
    removed, _added = changed_lines(text, out)
    assert removed == []
    reread = loads(out)
    assert next(r.title for r in reread.retros) == "Sprint 3 – Wave 2"


def test_table_quirks_escaped_pipes_short_long_rows_and_unknown_status() -> None:
    text = read_exact(CORPUS / "07-table-quirks.md")
    doc = loads(text)
    items = doc.retros[0].action_items
    assert items[0].item == "Escape a pipe: `a | b` and plain a | b"
    assert (items[3].item, items[3].owner, items[3].due, items[3].status) == (
        "Missing trailing cells",
        "Cy",
        "",
        "",
    )
    assert items[4].extra == ["surplus"]
    assert items[5].due == "TBD"
    assert items[7].status == "in progress"
    items[0].owner = "Ana Maria"
    items[4].status = "done"
    out = dumps(doc)
    _removed, added = changed_lines(text, out)
    assert added == [
        "| Escape a pipe: `a \\| b` and plain a \\| b | Ana Maria | 2024-03-08 | ☐ |",
        "| Extra cell | Di | 2024-03-11 | ☑ | surplus |",
    ]
    assert "in progress" in out


def test_table_quirks_warnings_name_their_lines() -> None:
    doc = loads(read_exact(CORPUS / "07-table-quirks.md"))
    assert [(w.line, w.message) for w in doc.warnings] == [
        (12, "action row has 2 cells; the table has 4 columns"),
        (13, "action row has 5 cells; the table has 4 columns"),
        (15, "due date '03/12/2024' is not a YYYY-MM-DD date"),
    ]


def test_code_fence_is_opaque_and_extra_section_and_column_survive_edits() -> None:
    text = read_exact(CORPUS / "08-extra-sections-and-code.md")
    doc = loads(text)
    retro = doc.retros[0]
    assert [s.title for s in retro.sections] == [
        "Summary",
        "What Went Well",
        "What Could Improve",
        "Kudos",
        "Action Items",
        "Metrics & Evidence",
        "Follow-Up",
    ]
    assert retro.section("Kudos") is not None and retro.section("Kudos").kind is None
    assert len(doc.retros) == 1
    action = retro.action_items[0]
    assert action.extra == ["teams add columns"]
    action.status = "done"
    retro.action_items.append(ActionItem(item="Another", owner="Hal", due="2025-01-20", extra=["note"]))
    out = dumps(doc)
    removed, added = changed_lines(text, out)
    assert removed == ["| Add a Notes column | Gil | 2025-01-17 | ☐ | teams add columns |"]
    assert added == [
        "| Add a Notes column | Gil | 2025-01-17 | ☑ | teams add columns |",
        "| Another | Hal | 2025-01-20 | ☐ | note |",
    ]
    assert "### 7. Kudos" in out and "## Sprint 99" in out


def test_empty_and_title_only_documents() -> None:
    empty = loads("")
    assert (empty.retros, empty.template, empty.title, empty.warnings) == ([], None, None, [])
    title_only = loads(read_exact(CORPUS / "10-title-only.md"))
    assert title_only.title == "Retro" and title_only.retros == []


def test_heading_variants() -> None:
    doc = loads(read_exact(CORPUS / "12-heading-variants.md"))
    assert doc.title == "Sprint Retros"
    first, second = doc.retros
    assert first.title == "Sprint 5 - Hyphen instead of en dash"
    assert first.date == dt.date(2025, 10, 17)
    assert [s.kind for s in first.sections] == [
        SectionKind.SUMMARY,
        SectionKind.WENT_WELL,
        SectionKind.ACTION_ITEMS,
    ]
    task = first.action_items[0]
    assert (task.item, task.owner, task.due, task.status) == (
        "Task list instead of a table",
        "@owner",
        dt.date(2025, 10, 24),
        "open",
    )
    assert second.sections[0].level == 4 and second.action_items[0].owner == "Hal"


def test_task_list_toggle_changes_only_the_check_mark() -> None:
    text = read_exact(CORPUS / "12-heading-variants.md")
    doc = loads(text)
    doc.retros[0].action_items[0].status = "done"
    doc.retros[0].action_items[1].status = "open"
    _removed, added = changed_lines(text, dumps(doc))
    assert added == [
        "- [x] Task list instead of a table @owner (due 2025-10-24)",
        "- [ ] A finished task",
    ]


def test_unicode_cells_are_read_exactly() -> None:
    doc = loads(read_exact(CORPUS / "11-unicode.md"))
    items = doc.retros[0].action_items
    assert items[0].owner == "山田" and items[1].item == "Zero\u200bwidth space"


if real_files():
    # Other teams' files (shared/corpus/real) are tested in place, where they exist.

    @pytest.mark.parametrize("path", real_files(), ids=lambda p: p.name)
    def test_real_retrospectives_round_trip(path: Path) -> None:
        text = read_exact(path)
        assert dumps(loads(text)) == text
