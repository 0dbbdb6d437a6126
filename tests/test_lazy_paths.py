"""What a large file costs only when it is asked for (issue 12): rows split into cells on first
read, an untouched table written back from its lines, the tracker's figures worked out once per
version of the document."""

from __future__ import annotations

import datetime as dt

import pytest

from retrotui import dumps, loads
from retrotui.editing import Editor
from retrotui.model import ActionItem, PendingRows
from retrotui.tracker import TrackedAction, all_actions


def many_retros(count: int) -> str:
    parts = ["# Team retros\n\n---\n"]
    for n in range(count):
        day = dt.date(2020, 1, 6) + dt.timedelta(days=14 * n)
        parts.append(
            f"\n## Sprint {n} ({day.isoformat()})\n\n### 1. Summary\n- Shipped {n}.\n\n### 4. Action Items\n\n"
            "| Item | Owner | Due Date | Status |\n|------|-------|----------|--------|\n"
            f"| Fix thing {n} | Ana | {day.isoformat()} | ☐ |\n| Check thing {n} | Bo | {day.isoformat()} | ☑ |\n"
        )
    return "".join(parts)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The first line of every table whose rows were split into cells."""
    seen: list[int] = []
    materialize = PendingRows.materialize

    def counted(self: PendingRows) -> list[ActionItem]:
        seen.append(self.first_line)
        return materialize(self)

    monkeypatch.setattr(PendingRows, "materialize", counted)
    return seen


def test_opening_a_large_file_splits_no_row_into_cells(reads: list[int]) -> None:
    text = many_retros(1000)
    doc = loads(text)
    assert len(doc.retros) == 1000
    assert reads == []
    assert dumps(doc) == text  # an untouched table goes back from its lines
    assert reads == []


def test_reading_one_retros_items_splits_only_its_table(reads: list[int]) -> None:
    doc = loads(many_retros(1000))
    newest = doc.retros[-1]
    assert [item.item for item in newest.action_items] == ["Fix thing 999", "Check thing 999"]
    assert len(reads) == 1
    assert [item.item for item in newest.action_items] == ["Fix thing 999", "Check thing 999"]
    assert len(reads) == 1  # read once, then kept


def test_the_trackers_items_are_worked_out_once_per_version_of_the_document() -> None:
    editor = Editor(loads(many_retros(50)))
    calls: list[int] = []

    def items() -> list[TrackedAction]:
        calls.append(1)
        return all_actions(editor.doc)

    first = editor.derived("tracked", items)
    assert editor.derived("tracked", items) is first and len(calls) == 1
    newest = editor.doc.retros[-1]
    editor.toggle_status(newest, newest.action_items[0])
    again = editor.derived("tracked", items)
    assert again is not first and len(calls) == 2
    editor.undo()
    assert editor.derived("tracked", items) is not again and len(calls) == 3


def test_only_a_read_through_keeps_the_cells_split_while_parsing() -> None:
    """check and actions read every row once and reuse the parser's split; an editor keeps nothing extra."""
    text = many_retros(20)
    for read_through in (False, True):
        doc = loads(text, read_through=read_through)
        tables = [block for retro in doc.retros for section in retro.sections for block in section.blocks]
        pending = [getattr(table, "_pending", None) for table in tables]
        readers = [rows.read.__self__ for rows in pending if rows is not None]
        assert len(readers) == 20
        assert all((reader.cells is not None) == read_through for reader in readers)


def test_a_read_through_reads_the_same_rows(corpus_and_samples: list[str]) -> None:
    for text in corpus_and_samples:
        plain, through = loads(text), loads(text, read_through=True)
        assert [[(i.item, i.owner, i.due, i.status, i.line) for i in retro.action_items] for retro in plain.retros] == [
            [(i.item, i.owner, i.due, i.status, i.line) for i in retro.action_items] for retro in through.retros
        ]
        assert dumps(through) == text


@pytest.fixture
def corpus_and_samples() -> list[str]:
    from tests.conftest import CORPUS, SAMPLES

    paths = [*sorted(CORPUS.glob("*.md")), *sorted(SAMPLES.glob("*.md"))]
    return [path.read_bytes().decode("utf-8") for path in paths]
