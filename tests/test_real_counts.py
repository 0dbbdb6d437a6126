"""Other teams' files are read as a facilitator reads them (tests/real_expected.md), where they exist.

The files live in shared/corpus/real and are tested in place; without that
folder these tests have nothing to run over (the table itself is still checked).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrotui import dumps, loads
from tests.conftest import TESTS, read_exact, real_files

ROW = re.compile(r"\|\s*(\S+\.md)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(.+?)\s*\|\s*$")


def labelled() -> dict[str, tuple[int, int, int]]:
    rows: dict[str, tuple[int, int, int]] = {}
    for line in (TESTS / "real_expected.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows[match.group(1)] = (int(match.group(2)), int(match.group(3)), int(match.group(4)))
    return rows


LABELS = labelled()


def test_every_label_has_a_reason_and_the_table_is_complete() -> None:
    assert len(LABELS) == 23
    reasons = [m.group(5) for m in map(ROW.match, (TESTS / "real_expected.md").read_text().splitlines()) if m]
    assert all(len(reason) > 20 for reason in reasons)


def test_every_real_file_present_is_labelled() -> None:
    assert {p.name for p in real_files()} <= set(LABELS)


@pytest.mark.parametrize("path", real_files(), ids=lambda p: p.name)
def test_real_file_is_read_as_labelled(path: Path) -> None:
    text = read_exact(path)
    doc = loads(text)
    actions = [a for r in doc.retros for a in r.action_items]
    assert (len(doc.retros), len(actions), sum(a.is_done for a in actions)) == LABELS[path.name]
    assert dumps(doc) == text


@pytest.mark.parametrize("path", real_files(), ids=lambda p: p.name)
def test_real_file_read_with_lone_cr_endings_is_read_the_same(path: Path) -> None:
    """A classic-Mac copy (every line ending a lone CR) reads like the original and round-trips."""
    text = read_exact(path).replace("\r\n", "\n").replace("\n", "\r")
    doc = loads(text)
    actions = [a for r in doc.retros for a in r.action_items]
    assert (len(doc.retros), len(actions), sum(a.is_done for a in actions)) == LABELS[path.name]
    assert dumps(doc) == text
