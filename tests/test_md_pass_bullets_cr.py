"""Bullet edits in a file with classic Mac line endings (a lone CR) change only the lines they must."""

from __future__ import annotations

from retrotui import dumps, loads
from retrotui.editing import Editor

CR_FILE = "## Sprint 1 (2025-01-01)\r\r### Went well\r- good\r- fast  \r\r### Action Items\r- [ ] a\r"


def test_appending_a_bullet_adds_one_line_and_no_blank_line() -> None:
    doc = loads(CR_FILE)
    editor = Editor(doc)
    retro = doc.retros[0]
    section = retro.sections[0]
    editor.insert_bullet(retro, section, len(editor.bullets(section)), "new")
    assert dumps(doc) == CR_FILE.replace("- fast  \r", "- fast  \r- new\r")


def test_deleting_the_last_bullet_keeps_the_file_ending() -> None:
    text = "## Sprint 1 (2025-01-01)\r\r### Went well\r- good\r- fast\r"
    doc = loads(text)
    editor = Editor(doc)
    retro = doc.retros[0]
    editor.delete_bullet(retro, retro.sections[0], 1)
    assert dumps(doc) == "## Sprint 1 (2025-01-01)\r\r### Went well\r- good\r"


def test_a_first_bullet_after_prose_at_the_end_of_the_file_starts_its_own_line() -> None:
    text = "## Sprint 1 (2025-01-01)\r\r### Went well\rAll fine"
    doc = loads(text)
    editor = Editor(doc)
    retro = doc.retros[0]
    editor.insert_bullet(retro, retro.sections[0], 0, "new")
    assert dumps(doc) == text + "\r- new"  # the file still has no final line ending
