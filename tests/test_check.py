"""``retrotui check`` says what it understood: one summary line, always last; ``--explain`` per part."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrotui.cli import main
from retrotui.reading import HINT
from tests.conftest import CORPUS, SAMPLES, TODAY, real_files


def check(path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[str], str]:
    code = main(["check", str(path), *options], today=TODAY)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def write(tmp_path: Path, text: str, name: str = "RETRO.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


TEAM_LOG = (
    "# Team log\n\n## Attendees\n\nAna, Bo\n\n## Timeline\n\n### 15:08\n\nLimit hit.\n\n"
    "## Sprint 3 (2025-11-14)\n\n### Went well\n\n- Fast reviews\n\n### Action Items\n\n"
    "| Status | Action | Owner | Due |\n|---|---|---|---|\n| ☐ | Fix CI | Ana | 2025-11-20 |\n"
    "| ✅ | Docs | Bo | 2025-11-21 |\n| ☐ | Kettle | Cy | 2025-12-24 |\n\n"
    "## Sprint 2 (2025-10-31)\n\nAction items:\n- [x] Old thing\n"
)


def test_a_clean_file_prints_its_summary_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, TEAM_LOG)
    code, lines, err = check(path, capsys)
    assert (code, err) == (0, "")
    assert lines == [
        f'{path}: 2 retros, 4 action items (2 open, 1 overdue); 2 top-level sections not read as retros: "Attendees", "Timeline"'
    ]


def test_explain_lists_how_each_part_was_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, TEAM_LOG)
    code, lines, _ = check(path, capsys, "--explain")
    assert code == 0
    assert lines == [
        '1-2    header: title "Team log", 0 fields',
        '3-5    not read: top-level section "Attendees"',
        '7-11   not read: top-level section "Timeline"',
        '13-26  retro "Sprint 3" (heading, level 2, date 2025-11-14)',
        '15-18    section "Went well"',
        '19-26    section "Action Items" → action table, 3 rows (Status=col 1, Item=col 2, Owner=col 3, Due=col 4)',
        '27-30  retro "Sprint 2" (heading, level 2, date 2025-10-31)',
        '29-30    section "Action items" (label line) → action list, 1 item, 1 done',
        lines[-1],
    ]
    assert lines[-1].startswith(f"{path}: 2 retros, ")


def test_nothing_recognised_is_exit_1_with_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "# Notes\n\n## What happened\n\nThings.\n\n## References\n\n- a link\n")
    code, lines, err = check(path, capsys)
    assert (code, err) == (1, "")
    assert lines == [
        f'{path}: no retro recognised; 2 top-level sections not read as retros: "What happened", "References" ({HINT})'
    ]


def test_an_empty_file_is_nothing_recognised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "")
    assert check(path, capsys) == (1, [f"{path}: no retro recognised ({HINT})"], "")


def test_warnings_come_first_and_the_summary_last(capsys: pytest.CaptureFixture[str]) -> None:
    path = CORPUS / "07-table-quirks.md"
    code, lines, _ = check(path, capsys)
    assert code == 1 and len(lines) == 4
    assert lines[0].startswith(f"{path}:12: ") and lines[-1] == f"{path}: 1 retro, 8 action items (6 open, 4 overdue)"


def test_strict_adds_overdue_items_before_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    path = SAMPLES / "volcano-retrospective.md"
    code, lines, _ = check(path, capsys, "--strict")
    assert code == 1
    assert [line.split(": ", 1)[1].split(" ")[0] for line in lines[:-1]] == ["overdue:", "overdue:"]
    assert lines[-1] == f"{path}: 1 retro, 2 action items (2 open, 2 overdue)"


def test_file_text_reaches_the_terminal_only_as_visible_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "## Sprint 1\x1b]0;pwned\x07 (2025-01-01)\n\n- a\n\n## Log\x1b[2J\n\ntext\n")
    code, lines, _ = check(path, capsys, "--explain")
    assert code == 0
    assert all("\x1b" not in line and "\x07" not in line for line in lines)
    assert '"Log␛[2J"' in lines[-1] and "Sprint 1␛]0;pwned␇" in lines[0]


@pytest.mark.parametrize("path", real_files(), ids=lambda p: p.name)
def test_every_real_file_ends_with_a_summary_line(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = check(path, capsys, "--explain")
    assert err == "" and lines[-1].startswith(f"{path}: ")
    assert code in (0, 1)


def test_an_unclosed_comment_is_a_warning_like_an_unclosed_fence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Everything after ``<!--`` with no ``-->`` is hidden (CommonMark), a later retro included: it is said."""
    path = write(tmp_path, "# Retros\n\n## Sprint 1 (2024-01-01)\n- a\n<!-- draft\n\n## Sprint 2 (2024-02-01)\n- b\n")
    code, lines, _ = check(path, capsys)
    assert code == 1
    assert lines[:-1] == [f"{path}:5: HTML comment is never closed; the rest is hidden in it"]
