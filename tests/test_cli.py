"""The non-interactive command line: exit codes, messages, formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from retrotui.cli import main
from tests.conftest import CORPUS, SAMPLES, TODAY

MULTI = SAMPLES / "volcano-multi-sprint.md"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv, today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_clean_file_exits_0_and_says_what_it_read(capsys: pytest.CaptureFixture[str]) -> None:
    path = SAMPLES / "volcano-retrospective.md"
    assert run(["check", str(path)], capsys) == (0, f"{path}: 1 retro, 2 action items (2 open, 2 overdue)\n", "")


def test_check_lists_warnings_as_file_line_message(capsys: pytest.CaptureFixture[str]) -> None:
    path = CORPUS / "07-table-quirks.md"
    code, out, err = run(["check", str(path)], capsys)
    assert code == 1 and err == ""
    assert out.splitlines() == [
        f"{path}:12: action row has 2 cells; the table has 4 columns",
        f"{path}:13: action row has 5 cells; the table has 4 columns",
        f"{path}:15: due date '03/12/2024' is not a YYYY-MM-DD date",
        f"{path}: 1 retro, 8 action items (6 open, 4 overdue)",
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.md", "no such file"),
        (lambda d: d / "no-folder" / "x.md", "does not exist"),
        (lambda d: d, "is a directory"),
    ],
    ids=["missing", "missing-folder", "directory"],
)
def test_check_unreadable_exits_2_with_one_line(
    make, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(["check", str(make(tmp_path))], capsys)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and message in err and err.startswith("retrotui: ")


def test_check_not_utf8_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("# Retro\n\n- caf\xe9\n".encode("latin-1"))
    code, _out, err = run(["check", str(path)], capsys)
    assert code == 2
    assert err == f"retrotui: {path}:3: not UTF-8 text (byte 0xe9 at offset 14); convert the file to UTF-8 first\n"


def test_actions_json_has_every_item_once_at_its_newest_copy(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["actions", str(MULTI), "--format", "json"], capsys)
    records = json.loads(out)
    assert code == 0 and len(records) == 9
    first = records[0]
    assert {k: v for k, v in first.items() if k != "history"} == {
        "retro": "Sprint 1 – Queue Hierarchy",
        "retro_date": "2025-10-31",
        "item": "Export baseline Prometheus + Temporal metrics per plan",
        "owner": "Platform Eng",
        "due": "2025-10-24",
        "status": "done",
        "overdue": False,
        "age": 1,
        "first_retro": "Sprint 0 – Discovery & Alignment",
        "line": 92,
        "first_retro_date": "2025-10-17",
        "copies": 2,
    }
    assert [(h["retro"], h["status"], h["line"]) for h in first["history"]] == [
        ("Sprint 0 – Discovery & Alignment", "open", 63),
        ("Sprint 1 – Queue Hierarchy", "done", 92),
    ]


def test_actions_copies_lists_every_row_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["actions", str(MULTI), "--format", "json", "--copies"], capsys)
    records = json.loads(out)
    assert code == 0 and len(records) == 15
    assert {k: records[0][k] for k in ("retro", "item", "status", "overdue", "age", "first_retro", "line")} == {
        "retro": "Sprint 0 – Discovery & Alignment",
        "item": "Export baseline Prometheus + Temporal metrics per plan",
        "status": "open",
        "overdue": True,
        "age": 0,
        "first_retro": "Sprint 0 – Discovery & Alignment",
        "line": 63,
    }
    assert records[0]["copies"] == 2


@pytest.mark.parametrize(
    ("flags", "count"),
    [
        (["--open"], 4),
        (["--done"], 5),
        (["--overdue"], 0),
        (["--open", "--copies"], 10),
        (["--done", "--copies"], 5),
        (["--overdue", "--copies"], 5),
    ],
)
def test_actions_filters(flags: list[str], count: int, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["actions", str(MULTI), *flags, "--format", "json"], capsys)
    records = json.loads(out)
    assert len(records) == count
    if "--overdue" in flags:
        assert all(r["overdue"] and r["status"] != "done" for r in records)


def test_actions_owner_filter_ignores_case_and_csv_parses(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["actions", str(MULTI), "--owner", "OPS", "--format", "csv"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["retro"], r["item"], r["overdue"], r["copies"]) for r in rows] == [
        ("Sprint 3 – Rollout Wave 2", "Fix rollback runbook step 4 (from Sprint 2)", "False", "2"),
    ]
    _, out, _ = run(["actions", str(MULTI), "--owner", "OPS", "--format", "csv", "--copies"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["retro"], r["item"], r["overdue"]) for r in rows] == [
        ("Sprint 2 – Rollout Wave 1", "Fix rollback runbook step 4", "True"),
        ("Sprint 3 – Rollout Wave 2", "Fix rollback runbook step 4 (from Sprint 2)", "False"),
    ]


def test_actions_table_shows_markup_literally(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "## S (2025-01-01)\n### Action Items\n| Item | Owner | Due Date | Status |\n|-|-|-|-|\n| [bold]x[/] | [red]me | 2025-01-01 | ☐ |\n",
        encoding="utf-8",
    )
    code, out, _ = run(["actions", str(path)], capsys)
    assert code == 0 and "[bold]x[/]" in out and "[red]me" in out


def test_installed_script_version_and_clean_errors(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "retrotui"
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert version.returncode == 0 and version.stdout.startswith("retrotui ")
    missing = subprocess.run(
        [str(script), "check", str(tmp_path / "nope.md")], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.strip() == f"retrotui: {tmp_path / 'nope.md'}: no such file"


def test_a_folder_that_is_a_file_or_a_link_loop_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``notes.txt/RETRO.md``: the folder exists, as a file; "does not exist" sent people looking for nothing."""
    (tmp_path / "notes.txt").write_text("x\n")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    for folder, why in (
        ("notes.txt", "is a file, not a folder"),
        ("loop", "cannot be reached (Too many levels of symbolic links)"),
    ):
        path = tmp_path / folder / "RETRO.md"
        for command in ("check", "actions", "new"):
            code, out, err = run([command, str(path)], capsys)
            assert (code, out) == (2, "")
            assert err == f"retrotui: {path}: folder {tmp_path / folder} {why}\n", command
