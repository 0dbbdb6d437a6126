"""The tracker's core and its command-line face: ages, filters, stats, new, --strict."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from retrotui import dumps, loads
from retrotui.cli import main
from retrotui.meeting import Timebox, timebox_minutes
from retrotui.model import SectionKind
from retrotui.tracker import (
    ActionFilter,
    ActionSort,
    all_actions,
    all_copies,
    base_text,
    tracked_actions,
    tracker_stats,
)
from tests.conftest import SAMPLES, TODAY, changed_lines, read_exact

MULTI = read_exact(SAMPLES / "volcano-multi-sprint.md")


def ages_of(text: str) -> dict[tuple[str, str], int]:
    return {(t.retro.short_title, t.action.item): t.age for t in all_copies(loads(text))}


def test_age_follows_carried_copies() -> None:
    ages = ages_of(MULTI)
    assert ages[("Sprint 1", "Stabilise preemption tests")] == 0
    assert ages[("Sprint 2", "Carry: stabilise preemption tests")] == 1
    assert ages[("Sprint 3", "Carry: stabilise preemption tests (from Sprint 2)")] == 2
    assert ages[("Sprint 4", "Carry: stabilise preemption tests (from Sprint 2)")] == 3
    assert ages[("Sprint 1", "Export baseline Prometheus + Temporal metrics per plan")] == 1
    assert ages[("Sprint 4", "Write an on-call handover template")] == 0


def test_age_uses_a_source_column_and_newest_first_files() -> None:
    text = (
        "## Sprint 3 (2025-03-01)\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status | Source |\n|-|-|-|-|-|\n"
        "| Fix it | Ana | 2025-03-08 | ☐ | Sprint 1 |\n\n"
        "## Sprint 2 (2025-02-01)\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status | Source |\n|-|-|-|-|-|\n"
        "| Other | Bo | 2025-02-08 | ☐ |  |\n\n"
        "## Sprint 1 (2025-01-01)\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status | Source |\n|-|-|-|-|-|\n"
        "| Fix it | Ana | 2025-01-08 | ☐ |  |\n"
    )
    tracked = {t.retro.short_title: t for t in all_copies(loads(text)) if t.action.item == "Fix it"}
    assert tracked["Sprint 3"].age == 2 and tracked["Sprint 3"].first_retro is tracked["Sprint 1"].retro
    (item,) = [t for t in all_actions(loads(text)) if t.action.item == "Fix it"]
    assert item.retro.short_title == "Sprint 3" and [c.retro.short_title for c in item.copies] == [
        "Sprint 1",
        "Sprint 3",
    ]


def test_base_text_ignores_carry_marks() -> None:
    assert base_text("Carry: Stabilise  tests (from Sprint 2)") == "stabilise tests"
    assert base_text("CARRIED: Stabilise tests") == "stabilise tests"
    assert base_text("carried over:  Stabilise tests") == "stabilise tests"


def test_filters_owner_search_and_sorts() -> None:
    doc = loads(MULTI)
    today = dt.date(2025, 12, 10)
    overdue = tracked_actions(doc, today, ActionFilter.OVERDUE)
    assert [t.action.item for t in overdue] == []
    overdue_rows = tracked_actions(doc, dt.date(2025, 12, 1), ActionFilter.OVERDUE, copies=True)
    assert {t.action.item for t in overdue_rows} == {
        "Export baseline Prometheus + Temporal metrics per plan",
        "Review queue hierarchy with platform leadership",
        "Stabilise preemption tests",
        "Fix rollback runbook step 4",
        "Carry: stabilise preemption tests",
    }
    assert [t.action.owner for t in tracked_actions(doc, today, owner="ops")] == ["Ops"]
    assert [t.action.owner for t in tracked_actions(doc, today, owner="ops", copies=True)] == ["Ops", "Ops"]
    assert [t.action.item for t in tracked_actions(doc, today, search="CRON")] == ["Retire the legacy cron scheduler"]
    by_due = tracked_actions(doc, today, ActionFilter.OPEN, sort=ActionSort.DUE)
    dues = [t.action.due for t in by_due]
    assert dues == sorted(dues) and len(dues) == 4
    by_age = tracked_actions(doc, today, sort=ActionSort.AGE)
    assert by_age[0].age == 3 and by_age[0].action.item == "Carry: stabilise preemption tests (from Sprint 2)"
    newest = tracked_actions(doc, today, sort=ActionSort.RETRO)
    assert newest[0].retro.short_title == "Sprint 4" and newest[-1].retro.short_title == "Sprint 1"


def test_stats_count_items_not_copies() -> None:
    stats = tracker_stats(loads(MULTI), dt.date(2025, 12, 1))
    # Per retro: the items first raised there, and how many of them are done now.
    assert [(p.retro.short_title, p.done, p.total) for p in stats.per_retro] == [
        ("Sprint 4", 0, 3),
        ("Sprint 3", 1, 2),
        ("Sprint 2", 1, 1),
        ("Sprint 1", 1, 1),
        ("Sprint 0", 2, 2),
    ]
    assert (stats.open, stats.overdue, stats.done) == (4, 0, 5)
    assert stats.top_owners == [("Platform Eng", 2), ("@sre-oncall", 1), ("Platform Lead", 1)]
    later = tracker_stats(loads(MULTI), dt.date(2026, 1, 20))
    assert (later.open, later.overdue, later.done) == (4, 3, 5)


def test_timebox() -> None:
    assert timebox_minutes(SectionKind.WENT_WELL) == 5
    assert timebox_minutes(SectionKind.ACTION_ITEMS, {SectionKind.ACTION_ITEMS: 15}) == 15
    box = Timebox("What Went Well", 300, started_at=100.0)
    assert box.display(100.0) == "⏱ 5:00 What Went Well"
    assert box.display(141.5) == "⏱ 4:19 What Went Well"
    assert not box.is_over(399.9) and box.is_over(400.0)
    assert box.display(400.0) == "⏱ time's up: What Went Well"


# -- command line ------------------------------------------------------------------------


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv, today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def test_new_on_the_seed_adds_one_block_carrying_its_open_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "seed.md"
    shutil.copyfile(SAMPLES / "volcano-retrospective.md", path)
    before = read_exact(path)
    code, out, err = run(["new", str(path), "--title", "Sprint 1 – Queue Hierarchy", "--date", "2025-10-31"], capsys)
    assert code == 0 and err == ""
    after = read_exact(path)
    removed, added = changed_lines(before, after)
    assert removed == []
    assert after.startswith(before)
    assert "## Sprint 1 – Queue Hierarchy (2025-10-31)" in added
    assert (
        "| Export baseline Prometheus + Temporal metrics per plan (from Sprint 0) | Platform Eng | 2025-10-24 | ☐ |"
        in added
    )
    assert (
        "| Review queue hierarchy with platform leadership (from Sprint 0) | Platform Lead | 2025-10-22 | ☐ |" in added
    )
    assert (
        out.splitlines()[0]
        == f"Added 'Sprint 1 – Queue Hierarchy' (2025-10-31) to {path} after 'Sprint 0 – Discovery & Alignment'."
    )
    assert "Carried over 2 open action items:" in out


def test_new_defaults_to_today_and_no_carry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "seed.md"
    shutil.copyfile(SAMPLES / "volcano-retrospective.md", path)
    code, out, _ = run(["new", str(path), "--title", "Sprint 1", "--no-carry"], capsys)
    assert code == 0 and "Carried" not in out
    retro = loads(read_exact(path)).retros[-1]
    assert retro.date == TODAY and retro.action_items == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--title", "sprint 0 – discovery & alignment"], "already has a retro called"),
        (["--title", "Sprint 1", "--date", "2025-02-30"], "not a real date"),
        (["--title", "Sprint 1", "--date", "TBD"], "is not a date"),
    ],
)
def test_new_refuses_and_writes_nothing(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "seed.md"
    shutil.copyfile(SAMPLES / "volcano-retrospective.md", path)
    before = path.read_bytes()
    code, out, err = run(["new", str(path), *args], capsys)
    assert code == 1 and out == "" and message in err and len(err.splitlines()) == 1
    assert path.read_bytes() == before


def test_actions_json_lists_what_the_tracker_lists(capsys: pytest.CaptureFixture[str]) -> None:
    for extra in ([], ["--copies"]):
        _, out, _ = run(
            [
                "actions",
                str(SAMPLES / "volcano-multi-sprint.md"),
                "--done",
                "--format",
                "json",
                "--sort",
                "age",
                *extra,
            ],
            capsys,
        )
        records = json.loads(out)
        expected = tracked_actions(loads(MULTI), TODAY, ActionFilter.DONE, sort=ActionSort.AGE, copies=bool(extra))
        assert [(r["retro"], r["item"], r["age"]) for r in records] == [
            (t.retro.title, t.action.item, t.age) for t in expected
        ]
        assert records[0]["age"] == 3 and records[0]["first_retro"] == "Sprint 1 – Queue Hierarchy"


def test_check_strict_reports_each_overdue_item_once_at_its_newest_copy(capsys: pytest.CaptureFixture[str]) -> None:
    path = SAMPLES / "volcano-multi-sprint.md"
    assert run(["check", str(path)], capsys)[0] == 0
    assert main(["check", str(path), "--strict"], today=dt.date(2025, 12, 1)) == 0
    assert capsys.readouterr().out == f"{path}: 5 retros, 9 action items (4 open, 0 overdue)\n"
    code = main(["check", str(path), "--strict"], today=dt.date(2026, 1, 20))
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        f"{path}:146: overdue: 'Move alert thresholds into one shared config' (Platform Eng) was due 2025-12-12",
        f"{path}:175: overdue: 'Write an on-call handover template' (@sre-oncall) was due 2026-01-09",
        f"{path}:176: overdue: 'Q1 capacity review with finance' (Platform Lead) was due 2026-01-16",
        f"{path}: 5 retros, 9 action items (4 open, 3 overdue)",
    ]


def test_a_carry_written_into_a_retro_column_is_followed_for_age() -> None:
    text = (
        "## Sprint 1 (2025-01-01)\n\n### 4. Action Items\n\n| Item | Owner | Due Date | Status | Retro |\n|-|-|-|-|-|\n"
        "| Fix it | Ana | 2025-01-08 | ☐ |  |\n"
    )
    doc = loads(text)
    doc.add_retro("Sprint 2", dt.date(2025, 1, 15), carry_over=True)
    carried = [t for t in all_actions(loads(dumps(doc))) if t.retro.short_title == "Sprint 2"]
    assert [(t.action.extra, t.age) for t in carried] == [(["Sprint 1"], 1)]
