"""An edit changes exactly the lines it must; every other line stays byte-identical."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from retrotui import ActionItem, RetroDocument, dumps, loads
from retrotui.markdown.lines import split_lines
from retrotui.model import DocTitle, HeaderField
from tests.conftest import changed_lines, corpus_files, read_exact, real_files

FILES = [p for p in corpus_files() + real_files() if any(r.action_items for r in loads(read_exact(p)).retros)]
Edit = Callable[[ActionItem], None]

EDITS: dict[str, Edit] = {
    "status": lambda a: setattr(a, "status", a.toggled()),
    "owner": lambda a: setattr(a, "owner", f"{a.owner} Jr".strip()),
    "due": lambda a: setattr(a, "due", dt.date(2030, 1, 2)),
    "item": lambda a: setattr(a, "item", "Renamed | with a pipe"),
    "raw status": lambda a: setattr(a, "status", "blocked"),
}


def _actions(doc: RetroDocument) -> list[ActionItem]:
    return [a for r in doc.retros for a in r.action_items]


@pytest.mark.parametrize("edit", EDITS, ids=str)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_editing_one_field_changes_exactly_one_line(path: Path, edit: str) -> None:
    text = read_exact(path)
    count = len(_actions(loads(text)))
    for index in range(count):
        doc = loads(text)
        target = _actions(doc)[index]
        EDITS[edit](target)
        out = dumps(doc)
        removed, added = changed_lines(text, out)
        assert len(removed) == 1 and len(added) == 1, (index, removed, added)
        reread = _actions(loads(out))[index]
        assert reread.values() == target.values()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_appending_an_item_adds_exactly_one_line(path: Path) -> None:
    text = read_exact(path)
    doc = loads(text)
    retro = next(r for r in doc.retros if r.action_items)
    new = ActionItem(item="Added | item", owner="Zed", due=dt.date(2030, 5, 6), status="open")
    retro.action_items.append(new)
    out = dumps(doc)
    removed, added = changed_lines(text, out)
    assert removed == [] or (removed == [""] and not text.endswith("\n"))
    assert len(added) == 1 + (removed == [""])
    reread = next(r for r in loads(out).retros if r.title == retro.title)
    assert reread.action_items[-1].values()[:4] == new.values()[:4]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_removing_an_item_removes_exactly_its_own_lines(path: Path) -> None:
    """One line for a one-line item; a list item with lines under it (a nested list) takes them along."""
    text = read_exact(path)
    count = len(_actions(loads(text)))
    lines = split_lines(text)
    for index in range(count):
        doc = loads(text)
        retro = next(r for r in doc.retros if any(a is _actions(doc)[index] for a in r.action_items))
        target = _actions(doc)[index]
        assert target.line is not None
        retro.action_items.remove(target)
        out = dumps(doc)
        first = target.line - 1
        removals = ["".join(lines[:first] + lines[first + size :]) for size in range(1, len(lines) - first + 1)]
        assert any(_same_but_last_ending(out, candidate) for candidate in removals), (index, changed_lines(text, out))
        one_line = changed_lines(text, out)[0]
        assert len(one_line) == 1 or "\n" in render_action_row_source(text, target.line), (index, one_line)
        assert len(_actions(loads(out))) == count - 1


def _same_but_last_ending(out: str, expected: str) -> bool:
    """Equal, allowing the last line to lose its ending when the removed item was the file's last line."""
    return out == expected or out == expected.rstrip("\r\n") or out.rstrip("\r\n") == expected.rstrip("\r\n")


def render_action_row_source(text: str, line: int) -> str:
    """The item's first line and the next one when it is indented under it (a sign of a multi-line item)."""
    lines = split_lines(text)
    head = lines[line - 1]
    following = lines[line] if line < len(lines) else ""
    indent = len(head) - len(head.lstrip())
    under = following.strip() and len(following) - len(following.lstrip()) > indent
    return head + following if under else head


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_reordering_moves_only_the_moved_lines(path: Path) -> None:
    text = read_exact(path)
    doc = loads(text)
    retro = max(doc.retros, key=lambda r: len(r.action_items))
    if len(retro.action_items) < 2:
        return
    items = retro.action_items
    items[0], items[1] = items[1], items[0]
    out = dumps(doc)
    assert sorted(out.split("\n")) == sorted(text.split("\n")) or not text.endswith("\n")
    reread = next(r for r in loads(out).retros if r.title == retro.title)
    assert [a.values() for a in reread.action_items] == [a.values() for a in items]


def test_header_retro_and_section_titles_change_one_line_each() -> None:
    text = read_exact(Path(__file__).parent / "corpus" / "05-three-retros-chronological.md")
    doc = loads(text)
    doc.last_updated = dt.date(2025, 12, 1)
    doc.retros[1].title = "Sprint 1 – Queue Hierarchy v2"
    doc.retros[2].sections[0].title = "Overview"
    out = dumps(doc)
    removed, added = changed_lines(text, out)
    assert added == [
        "**Last Updated:** 2025-12-01",
        "## Sprint 1 – Queue Hierarchy v2 (2025-10-31)",
        "### 1. Overview",
    ]
    assert len(removed) == 3


def test_retro_date_edit_rewrites_only_the_date() -> None:
    text = read_exact(Path(__file__).parent / "corpus" / "12-heading-variants.md")
    doc = loads(text)
    doc.retros[0].date = dt.date(2025, 10, 18)
    _removed, added = changed_lines(text, dumps(doc))
    assert added == ["## Sprint 5 - Hyphen instead of en dash (2025-10-18) ##"]


def test_glyph_pair_follows_the_file() -> None:
    bracket = "## S (2025-01-01)\n\n### Action Items\n\n| Item | Owner | Due | Status |\n|--|--|--|--|\n| a | b | 2025-01-02 | [ ] |\n"
    doc = loads(bracket)
    doc.retros[0].action_items[0].status = "done"
    doc.retros[0].action_items.append(ActionItem(item="c"))
    out = dumps(doc)
    assert "| a | b | 2025-01-02 | [x] |" in out and out.endswith("| c |  |  | [ ] |\n")


def test_aligned_tables_stay_aligned_where_the_text_fits() -> None:
    text = (
        "## S (2025-01-01)\n\n### Action Items\n\n"
        "| Item      | Owner | Due Date   | Status |\n"
        "|-----------|-------|------------|--------|\n"
        "| Write doc | Ana   | 2025-01-09 | ☐      |\n"
    )
    doc = loads(text)
    doc.retros[0].action_items[0].owner = "Bo"
    doc.retros[0].action_items[0].status = "done"
    doc.retros[0].action_items.append(ActionItem(item="Ship", owner="Cy", due="2025-02-01"))
    lines = dumps(doc).splitlines()
    assert lines[-2:] == [
        "| Write doc | Bo    | 2025-01-09 | ☑      |",
        "| Ship      | Cy    | 2025-02-01 | ☐      |",
    ]


def test_tight_and_pipe_less_tables_keep_their_style() -> None:
    tight = "## S (2025-01-01)\n### Action Items\n|Item|Owner|Due Date|Status|\n|-|-|-|-|\n|a|b|2025-01-02|☐|\n"
    doc = loads(tight)
    doc.retros[0].action_items.append(ActionItem(item="c", owner="d", due="2025-01-03"))
    assert dumps(doc).endswith("|a|b|2025-01-02|☐|\n|c|d|2025-01-03|☐|\n")
    bare = "## S (2025-01-01)\n### Action Items\nItem | Owner | Due Date | Status\n--- | --- | --- | ---\na | b | 2025-01-02 | ☐\n"
    doc = loads(bare)
    doc.retros[0].action_items[0].status = "done"
    doc.retros[0].action_items.append(ActionItem(item="c"))
    assert dumps(doc).endswith("a | b | 2025-01-02 | ☑\nc |  |  | ☐\n")


def test_pipes_and_newlines_in_values() -> None:
    doc = loads("## S (2025-01-01)\n### Action Items\n| Item | Owner | Due Date | Status |\n|-|-|-|-|\n")
    value = "a | b \\| c\\"
    doc.retros[0].action_items.append(ActionItem(item=value, owner="two\nlines"))
    out = dumps(doc)
    assert out.splitlines()[-1] == "| a \\| b \\\\| c\\ | two lines |  | ☐ |"
    reread = loads(out).retros[0].action_items[0]
    assert (reread.item, reread.owner) == (value, "two lines")


INJECTED = "\n# Injected\r\n### Action Items\r- [ ] planted"


@pytest.mark.parametrize("field", ["retro title", "section title", "document title", "header field"])
def test_a_title_set_with_line_breaks_stays_one_heading_line(field: str) -> None:
    """Item and owner cells already took a line break as a space; a title was written as it was set, the rest
    of it on lines of their own: a new retro, a new section, an action item nobody wrote."""
    text = "# Retros\n\n**Facilitator:** Ana\n\n## Sprint 1 (2024-01-01)\n\n### Went well\n\n- a\n"
    doc = loads(text)
    if field == "retro title":
        doc.retros[0].title = "Sprint 1" + INJECTED
    elif field == "section title":
        doc.retros[0].sections[0].title = "Went well" + INJECTED
    elif field == "document title":
        next(b for b in doc.blocks if isinstance(b, DocTitle)).text = "Retros" + INJECTED
    else:
        next(b for b in doc.blocks if isinstance(b, HeaderField)).value = "Ana" + INJECTED
    written = dumps(doc)
    assert len(split_lines(written)) == len(split_lines(text))
    assert " # Injected ### Action Items - [ ] planted" in written
    again = loads(written)
    assert len(again.retros) == 1 and len(again.retros[0].sections) == 1
    assert "planted" not in [a.item for a in again.retros[0].action_items]


@pytest.mark.parametrize("title", ["Ideas #", "Retro ##", "#"])
def test_a_heading_title_ending_in_hashes_keeps_them(title: str) -> None:
    """``### Ideas #`` reads as "Ideas": a trailing run of ``#`` after a blank is a closing sequence (CommonMark).
    A title that ends so is written with a closing ``#`` of its own, so it reads back whole."""
    text = "# Retros\n\n## Sprint 1 (2024-01-01)\n\n### Went well\n\n- a\n\n## Sprint 2\n\n- b\n"
    doc = loads(text)
    doc.retros[0].sections[0].title = title
    doc.retros[1].title = "Sprint 2 " + title
    doc.retros[0].sections.append(doc.retros[0].sections[0].model_copy(update={"title": "New " + title}))
    again = loads(dumps(doc))
    assert [s.title for s in again.retros[0].sections] == [title, "New " + title]
    assert again.retros[1].title == "Sprint 2 " + title
