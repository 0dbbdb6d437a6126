"""The read path's shortcuts (issue #12) give what the general code gives, on any line."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from retrotui.markdown import tables
from retrotui.markdown.lines import Lines, content_of
from retrotui.values import parse_due, parse_status
from tests.cli_outputs import carried_document, output
from tests.conftest import CORPUS, SAMPLES

# Lines made of what matters to a table row: pipes, escapes, blanks, tabs, line endings, wide characters.
ROW_TEXT = st.text(alphabet="|\\ \t\r\nab☐é漢\x01", max_size=40)


def one_line(text: str) -> str:
    """The first line of ``text`` as ``Lines`` cuts it (a row the parser reads)."""
    lines = Lines(text)
    return lines[0] if len(lines) else ""


@given(ROW_TEXT)
def test_row_values_is_split_row_then_cell_value(text: str) -> None:
    line = one_line(text)
    expected = [tables.cell_value(c.strip(" \t")) for c in tables.split_row(content_of(line))[0]]
    assert tables.row_values(line) == expected


@given(ROW_TEXT)
def test_is_row_is_a_pipe_indented_under_four(text: str) -> None:
    line = one_line(text)
    content = content_of(line)
    assert tables.is_row(line) == ("|" in content and tables.indent_of(content) <= 3 and bool(content.strip(" \t")))


@given(ROW_TEXT)
def test_raw_widths_are_cell_lengths(text: str) -> None:
    content = content_of(one_line(text))
    assert tables._raw_widths(content) == [cell_len(c) for c in tables.raw_cells(content)]


@given(st.text(max_size=12))
def test_cached_status_and_due_read_as_before(text: str) -> None:
    assert parse_status(text) == parse_status.__wrapped__(text)
    assert parse_due(text) == parse_due.__wrapped__(text)


def test_the_program_prints_what_main_prints(tmp_path: Path) -> None:
    """``python -m retrotui`` ends check and actions without the interpreter's teardown: nothing is lost."""
    carried = tmp_path / "carried.md"
    carried.write_text(carried_document(), encoding="utf-8")
    for path in (SAMPLES / "volcano-multi-sprint.md", CORPUS / "07-table-quirks.md", carried):
        for command in (("check",), ("actions", "--format", "json"), ("actions",)):
            done = subprocess.run(
                [sys.executable, "-m", "retrotui", command[0], str(path), *command[1:]],
                capture_output=True,
                check=False,
            )
            ran = f"{done.stdout.decode()}\n--- stderr ---\n{done.stderr.decode()}\n--- exit {done.returncode}\n"
            assert ran.replace(str(path), "FILE").encode() == output(path, command, dt.date.today())
