"""A new retro is written in the file's line ending, blank lines included: LF, CRLF or a lone CR."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from retrotui import dumps, loads
from retrotui.builder import add_retro
from retrotui.cli import main
from tests.conftest import SAMPLES, corpus_files, read_exact, real_files

TODAY = dt.date(2026, 1, 12)
LOG = (
    "# R\n\n## Sprint 1 (2025-01-01)\n\n### What went well\n\n- a\n\n### Action Items\n\n"
    "| Item | Owner | Due Date | Status |\n|---|---|---|---|\n| x | Bo | 2025-01-02 | Open |\n"
)
ENDINGS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}


@pytest.mark.parametrize("eol", ENDINGS.values(), ids=list(ENDINGS))
def test_retrotui_new_writes_the_same_lines_in_any_line_ending(
    eol: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(LOG.replace("\n", eol).encode())
    assert main(["new", str(path), "--title", "Sprint 2", "--date", "2026-01-12"], today=TODAY) == 0
    capsys.readouterr()
    expected = LOG + (
        "\n## Sprint 2 (2026-01-12)\n\n### What went well\n\n### Action Items\n\n"
        "| Item | Owner | Due Date | Status |\n|---|---|---|---|\n| x (from Sprint 1) | Bo | 2025-01-02 | ☐ |\n"
    )
    assert path.read_bytes() == expected.replace("\n", eol).encode()


def lf_files_with_retros() -> list[Path]:
    """The sample, corpus and real files written with LF alone that hold a retro to add after."""
    found = []
    for path in [SAMPLES / "volcano-retrospective.md", *corpus_files(), *real_files()]:
        text = read_exact(path)
        if "\r" not in text and loads(text).retros:
            found.append(path)
    return found


@pytest.mark.parametrize("path", lf_files_with_retros(), ids=lambda p: p.name)
def test_a_new_retro_in_a_lone_cr_file_is_the_lf_one_with_cr_endings(path: Path) -> None:
    text = read_exact(path)
    written = {}
    for name, eol in ENDINGS.items():
        doc = loads(text.replace("\n", eol))
        add_retro(doc, "Zeta 99", dt.date(2030, 1, 2), carry_over=True, today=dt.date(2030, 1, 2))
        written[name] = dumps(doc).replace(eol, "\n")
    assert written["CR"] == written["LF"]
    assert written["CRLF"] == written["LF"]


def test_a_line_ending_in_a_lone_cr_keeps_it_when_new_text_follows() -> None:
    """A file of LF lines whose last line ends in a lone CR: the new retro's blank line is not written as an LF
    right after that CR, where the two would make one CRLF (the line's ending changed, the blank line gone)."""
    text = "# Sprint 1 (2024-01-01)\n\n## Action Items\n\n- [ ] a\r"
    doc = loads(text)
    add_retro(doc, "Sprint 2", dt.date(2024, 2, 1), carry_over=False)
    written = dumps(doc)
    assert written.startswith(text)
    assert written[len(text)] != "\n"
    assert [r.title for r in loads(written).retros] == ["Sprint 1", "Sprint 2"]


@pytest.mark.parametrize("stray", ["\r", "\r\n"], ids=["CR", "CRLF"])
def test_new_lines_take_the_files_usual_ending_not_its_first_lines(stray: str) -> None:
    """A file of LF lines whose first line alone ends otherwise (pasted from elsewhere): new lines used to get
    that line's ending, so every line the editor added was the odd one out in ``git diff``."""
    text = LOG.replace("\n", stray, 1)
    doc = loads(text)
    add_retro(doc, "Sprint 2", dt.date(2026, 1, 12), carry_over=False)
    written = dumps(doc)
    assert written.startswith(text)
    assert written[len(text) :].count("\n") > 5 and "\r" not in written[len(text) :]
    assert [r.title for r in loads(written).retros] == ["Sprint 1", "Sprint 2"]


def test_a_tie_between_endings_keeps_the_first_lines() -> None:
    text = "# R\r\n\n## Sprint 1 (2025-01-01)\r\n- a\n"  # two CRLF, two LF
    doc = loads(text)
    add_retro(doc, "Sprint 2", dt.date(2026, 1, 12), carry_over=False)
    assert "\r\n## Sprint 2 (2026-01-12)\r\n" in dumps(doc)
