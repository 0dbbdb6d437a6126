"""The command line behaves like git and ruff: full help, every option explained, quiet in a pipe."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from retrotui.cli import COMMANDS, build_editor_parser, build_parser, main


def all_parsers(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(parser.prog, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += all_parsers(sub)
    return found


def test_top_level_help_shows_the_editor_and_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert out.startswith("usage: retrotui [-h] [--version] [--demo]")
    assert "retrotui COMMAND [ARGS...]" in out and "--sync" in out
    listed = out.split("commands (retrotui COMMAND --help for their options):\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == list(COMMANDS)
    assert all(len(line.split(None, 1)) == 2 for line in listed)  # each has its one line
    assert "merge %A with %B against %O" in out


def test_every_argument_of_every_command_has_help() -> None:
    missing = [
        f"{prog}: {action.option_strings or action.dest}"
        for parser in (build_parser(), build_editor_parser())
        for prog, sub in all_parsers(parser)
        for action in sub._actions
        if not action.help and not isinstance(action, argparse._SubParsersAction)
    ]
    assert missing == []


def test_every_command_is_dispatched() -> None:
    (_prog, top), *_ = all_parsers(build_parser())
    subparsers = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(subparsers.choices) == sorted(COMMANDS)


def big_file(path: Path, retros: int = 600) -> Path:
    """Far more output than a pipe's buffer holds, so the writer is still writing when the reader leaves."""
    parts = ["# Retros\n\n"]
    for n in range(retros):
        parts.append(
            f"## Sprint {n} (2020-01-01)\n\n### Action Items\n\n| Item | Owner | Due Date | Status |\n|-|-|-|-|\n"
        )
        parts.extend(f"| Item {n}.{k} | Ana | 2020-02-01 | ☐ |\n" for k in range(5))
        parts.append("\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_output_into_a_closed_pipe_ends_quietly(fmt: str, tmp_path: Path) -> None:
    path = big_file(tmp_path / "big.md")
    reader_fd, writer_fd = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "retrotui", "actions", str(path), "--format", fmt],
        stdout=writer_fd,
        stderr=subprocess.PIPE,
    )
    os.close(writer_fd)
    with os.fdopen(reader_fd, "rb") as reader:
        first = reader.readline()  # what `head -1` reads before it closes the pipe
    assert process.stderr is not None
    err = process.stderr.read().decode()
    code = process.wait()
    assert first
    assert err == ""
    assert code == 141


def test_head_in_a_shell_pipeline_sees_no_traceback(tmp_path: Path) -> None:
    path = big_file(tmp_path / "big.md")
    result = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m retrotui actions "{path}" --format json | head -3'],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "[" and len(lines) == 3
    assert [json.loads(line.rstrip(","))["item"] for line in lines[1:]] == ["Item 0.0", "Item 0.1"]
    assert result.stderr == ""
    assert result.returncode == 0


MULTI = Path(__file__).parent.parent / "sample_data" / "volcano-multi-sprint.md"


def test_json_is_an_array_with_one_record_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    from retrotui import loads
    from retrotui.tracker import all_actions

    assert main(["actions", str(MULTI), "--format", "json"], today=dt.date(2025, 12, 20)) == 0
    out = capsys.readouterr().out
    today = dt.date(2025, 12, 20)
    records = [t.as_record(today) for t in all_actions(loads(MULTI.read_text(encoding="utf-8")))]
    assert json.loads(out) == records
    lines = out.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(records) + 2


def test_a_piped_table_is_one_plain_line_an_item(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actions", str(MULTI), "--open"], today=dt.date(2025, 12, 20)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == "Retro                     │ Item                                         │ Owner         │ Due        │ Status │ Age"
    )
    assert len(lines) == 2 + 4
    assert lines[2] == (
        "Sprint 3 – Rollout Wave 2 │ Move alert thresholds into one shared config │ Platform Eng  │ 2025-12-12 │ open   │ 0"
    )
    assert all("\x1b" not in line and line == line.rstrip() for line in lines)


def test_a_terminal_table_wraps_to_the_width_and_colours_overdue_and_done() -> None:
    from retrotui import loads
    from retrotui.cli.actions import cell_width, write_table
    from retrotui.tracker import all_actions

    found = all_actions(loads(MULTI.read_text(encoding="utf-8")))
    out = io.StringIO()
    write_table(out, found, dt.date(2025, 12, 20), width=72, colour=True)
    lines = out.getvalue().splitlines()
    plain = [
        line.replace("\x1b[31m", "").replace("\x1b[32m", "").replace("\x1b[1m", "").replace("\x1b[0m", "")
        for line in lines
    ]
    assert max(cell_width(line) for line in plain) <= 72
    assert lines[2].startswith("\x1b[32mSprint 1 –")  # done: green
    assert any(line.startswith("\x1b[31mSprint 3 –") for line in lines)  # overdue: red
    assert "Move alert" in "".join(plain) and "thresholds into" in "".join(plain)


def test_cell_width_counts_wide_and_combining_characters() -> None:
    from retrotui.cli.actions import cell_width, wrap

    assert [cell_width(t) for t in ("abc", "Sprint 0 – x", "日本語", "e\u0301", "👍", "✅ done")] == [3, 12, 6, 1, 2, 7]
    assert wrap("日本語のテキスト", 6) == ["日本語", "のテキ", "スト"]
    assert wrap("one two three", 7) == ["one two", "three"]
