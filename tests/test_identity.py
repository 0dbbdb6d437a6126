"""One action item is one thing, however often it is carried: identity, counts, history, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from retrotui import dumps, loads
from retrotui.cli import main
from retrotui.tracker import ActionFilter, all_actions, all_copies, tracked_actions, tracker_stats
from tests.conftest import SAMPLES, read_exact

MULTI = read_exact(SAMPLES / "volcano-multi-sprint.md")


def table_retro(title: str, *rows: str, columns: str = "| Item | Owner | Due Date | Status |") -> str:
    dashes = "|" + "-|" * (columns.count("|") - 1)
    return f"## {title}\n\n### Action Items\n\n{columns}\n{dashes}\n" + "".join(f"{row}\n" for row in rows) + "\n"


def items(text: str) -> list[tuple[str, str, int, list[str]]]:
    """(newest retro, item text, age, retros of the copies) for each item of ``text``."""
    return [
        (t.retro.short_title, t.action.item, t.age, [c.retro.short_title for c in t.copies])
        for t in all_actions(loads(text))
    ]


def test_the_multi_sprint_sample_has_nine_items_four_open() -> None:
    doc = loads(MULTI)
    found = all_actions(doc)
    assert len(found) == 9
    assert [t.action.item for t in found if not t.action.is_done] == [
        "Move alert thresholds into one shared config",
        "Write an on-call handover template",
        "Q1 capacity review with finance",
        "Retire the legacy cron scheduler",
    ]
    assert sum(t.action.is_done for t in found) == 5
    assert len(all_copies(doc)) == 15
    stats = tracker_stats(doc, dt.date(2025, 12, 1))
    assert (stats.open, stats.done) == (4, 5)


def test_an_item_carried_through_four_retros_is_one_item_with_its_history() -> None:
    (stabilise,) = [t for t in all_actions(loads(MULTI)) if "stabilise" in t.action.item.casefold()]
    assert [(c.retro.short_title, c.action.item, c.status) for c in stabilise.history] == [
        ("Sprint 1", "Stabilise preemption tests", "open"),
        ("Sprint 2", "Carry: stabilise preemption tests", "open"),
        ("Sprint 3", "Carry: stabilise preemption tests (from Sprint 2)", "open"),
        ("Sprint 4", "Carry: stabilise preemption tests (from Sprint 2)", "done"),
    ]
    # The newest copy decides status and due date, and is what a toggle changes.
    assert stabilise.action is stabilise.newest.action is stabilise.history[-1].action
    assert stabilise.action.is_done and stabilise.action.due == dt.date(2025, 12, 5)
    assert (
        stabilise.age == 3 and stabilise.first_retro is not None and stabilise.first_retro.title.startswith("Sprint 1")
    )


def test_the_newest_copy_decides_owner_due_and_status() -> None:
    text = table_retro("Sprint 1 (2025-01-01)", "| Fix it | Ana | 2025-01-08 | ☐ |") + table_retro(
        "Sprint 2 (2025-01-15)", "| Fix it (from Sprint 1) | Bo | 2025-01-22 | ☑ |"
    )
    (item,) = all_actions(loads(text))
    assert (item.action.owner, item.action.due, item.action.status) == ("Bo", dt.date(2025, 1, 22), "done")
    assert item.retro.short_title == "Sprint 2" and item.age == 1
    assert tracked_actions(loads(text), dt.date(2025, 3, 1), ActionFilter.OVERDUE) == []


@pytest.mark.parametrize(
    "later",
    [
        "| Carry: Update the changelog | Ana | 2025-02-08 | ☐ |",
        "| CARRIED: update the changelog | Ana | 2025-02-08 | ☐ |",
        "| Carried over: Update the changelog | Ana | 2025-02-08 | ☐ |",
        "| Update the changelog (from Sprint 1) | Ana | 2025-02-08 | ☐ |",
    ],
)
def test_a_carry_mark_links_copies_in_retros_that_are_not_next_to_each_other(later: str) -> None:
    text = (
        table_retro("Sprint 1 (2025-01-01)", "| Update the changelog | Ana | 2025-01-08 | ☐ |")
        + table_retro("Sprint 2 (2025-01-15)", "| Something else | Bo | 2025-01-22 | ☐ |")
        + table_retro("Sprint 3 (2025-02-01)", later)
    )
    found = items(text)
    assert len(found) == 2
    assert found[1][3] == ["Sprint 1", "Sprint 3"] and found[1][2] == 2


def test_the_same_text_in_retros_apart_with_no_carry_mark_is_two_items() -> None:
    text = (
        table_retro("Sprint 1 (2025-01-01)", "| Update the changelog | Ana | 2025-01-08 | ☑ |")
        + table_retro("Sprint 2 (2025-01-15)", "| Something else | Bo | 2025-01-22 | ☐ |")
        + table_retro("Sprint 3 (2025-02-01)", "| Update the changelog | Ana | 2025-02-08 | ☐ |")
    )
    assert items(text) == [
        ("Sprint 1", "Update the changelog", 0, ["Sprint 1"]),
        ("Sprint 2", "Something else", 0, ["Sprint 2"]),
        ("Sprint 3", "Update the changelog", 0, ["Sprint 3"]),
    ]
    stats = tracker_stats(loads(text), dt.date(2025, 3, 1))
    assert (stats.open, stats.done, stats.overdue) == (2, 1, 2)


def test_the_same_text_in_the_retro_just_before_is_the_same_item() -> None:
    text = table_retro("Sprint 1 (2025-01-01)", "| Fix it | Ana | 2025-01-08 | ☐ |") + table_retro(
        "Sprint 2 (2025-01-15)", "| fix  IT | Ana | 2025-01-08 | ☐ |"
    )
    assert items(text) == [("Sprint 2", "fix  IT", 1, ["Sprint 1", "Sprint 2"])]


def test_a_source_column_points_back_over_retros() -> None:
    columns = "| Item | Owner | Due Date | Status | Source |"
    text = (
        table_retro("Sprint 1 (2025-01-01)", "| Fix it | Ana | 2025-01-08 | ☐ |  |", columns=columns)
        + table_retro("Sprint 2 (2025-01-15)", "| Other | Bo | 2025-01-22 | ☐ |  |", columns=columns)
        + table_retro("Sprint 3 (2025-02-01)", "| Fix it | Ana | 2025-02-08 | ☐ | Sprint 1 |", columns=columns)
    )
    assert [t[3] for t in items(text)] == [["Sprint 2"], ["Sprint 1", "Sprint 3"]]


def test_two_rows_with_one_text_in_a_retro_stay_two_items() -> None:
    text = table_retro(
        "Sprint 1 (2025-01-01)",
        "| Call the vendor | Ana | 2025-01-08 | ☐ |",
        "| Call the vendor | Bo | 2025-01-08 | ☐ |",
    ) + table_retro("Sprint 2 (2025-01-15)", "| Call the vendor (from Sprint 1) | Ana | 2025-01-22 | ☐ |")
    found = all_actions(loads(text))
    assert [(t.action.owner, len(t.copies)) for t in found] == [("Bo", 1), ("Ana", 2)]


def test_a_newest_first_file_links_the_same_way() -> None:
    text = table_retro("Sprint 2 (2025-01-15)", "| Fix it (from Sprint 1) | Ana | 2025-01-22 | ☑ |") + table_retro(
        "Sprint 1 (2025-01-01)", "| Fix it | Ana | 2025-01-08 | ☐ |"
    )
    assert items(text) == [("Sprint 2", "Fix it (from Sprint 1)", 1, ["Sprint 1", "Sprint 2"])]


def test_task_lists_carry_the_same_way() -> None:
    text = (
        "## Sprint 1 (2025-01-01)\n\n### Action Items\n\n- [ ] Fix it @ana\n- [x] Done thing\n\n"
        "## Sprint 2 (2025-01-15)\n\n### Action Items\n\n- [x] Fix it (from Sprint 1) @ana\n"
    )
    found = all_actions(loads(text))
    assert [(t.action.item, t.action.is_done, len(t.copies)) for t in found] == [
        ("Done thing", True, 1),
        ("Fix it (from Sprint 1)", True, 2),
    ]


def test_carried_copies_of_retros_that_share_a_short_title_name_the_full_title() -> None:
    text = table_retro("Retro Action Items - 12/01/2022", "| Fix it | Ana | 2022-01-19 | ☐ |") + table_retro(
        "Retro Action Items - 26/01/2022", "| Fix it | Ana | 2022-02-02 | ☐ |"
    )
    doc = loads(text)
    retro = doc.add_retro("Retro Action Items - 09/02/2022", None, carry_over=True)
    assert [a.item for a in retro.action_items] == ["Fix it (from Retro Action Items - 26/01/2022)"]
    (item,) = all_actions(loads(dumps(doc)))
    assert len(item.copies) == 3 and item.age == 2


# -- the carry-then-done scenario, end to end through the command line -----------------------

TODAY = dt.date(2025, 11, 27)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv, today=TODAY)
    return code, capsys.readouterr().out


def test_an_item_done_in_its_carried_copy_is_done_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "retro.md"
    shutil.copyfile(SAMPLES / "volcano-retrospective.md", path)
    code, _ = run(["new", str(path), "--title", "Sprint 1 – Queue Hierarchy", "--date", "2025-10-31"], capsys)
    assert code == 0
    text = read_exact(path)
    open_row = "| Review queue hierarchy with platform leadership (from Sprint 0) | Platform Lead | 2025-10-22 | ☐ |"
    assert text.count(open_row) == 1
    path.write_text(text.replace(open_row, open_row.replace("☐", "☑")), encoding="utf-8")
    done_line = read_exact(path).splitlines().index(open_row.replace("☐", "☑")) + 1
    export_line = done_line - 1

    code, out = run(["actions", str(path), "--format", "json"], capsys)
    records = json.loads(out)
    assert code == 0
    assert [(r["item"], r["status"], r["overdue"], r["copies"], r["line"]) for r in records] == [
        ("Export baseline Prometheus + Temporal metrics per plan (from Sprint 0)", "open", True, 2, export_line),
        ("Review queue hierarchy with platform leadership (from Sprint 0)", "done", False, 2, done_line),
    ]
    assert [(h["retro"], h["status"]) for h in records[1]["history"]] == [
        ("Sprint 0 – Discovery & Alignment", "open"),
        ("Sprint 1 – Queue Hierarchy", "done"),
    ]
    assert json.loads(run(["actions", str(path), "--format", "json", "--done"], capsys)[1])[0]["item"].startswith(
        "Review queue"
    )

    code, out = run(["check", str(path), "--strict"], capsys)
    overdue = [line for line in out.splitlines() if ": overdue: " in line]
    assert code == 1
    assert overdue == [
        f"{path}:{export_line}: overdue: 'Export baseline Prometheus + Temporal metrics per plan (from Sprint 0)'"
        " (Platform Eng) was due 2025-10-24"
    ]
