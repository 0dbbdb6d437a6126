"""The fast path: the file is cut by its heading lines as the parser cuts it, and only retros both sides changed are parsed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrotui import dumps, loads
from retrotui.markdown.lines import Lines, scan, split_lines
from retrotui.markdown.serializer import render_retro, render_top_block
from retrotui.merge import merge
from retrotui.merging import retros
from retrotui.merging.split import split, split_units
from retrotui.model import Retro
from tests.conftest import SAMPLES, corpus_files, read_exact, real_files
from tests.test_merge_identity import MULTI, SEED, edit, set_item

ALL_FILES = [*sorted(SAMPLES.glob("*.md")), *corpus_files(), *real_files()]

TRICKY = {
    "fence hides headings": "# T\n\n## Sprint 1\n### 1. Summary\n```\n## Not a retro\n### nor a section\n```\n- x\n",
    "tilde fence, unclosed": "## Sprint 1\n### A\n~~~\n## Sprint 2\n### B\n",
    "comment hides a retro": "## Sprint 1\n### A\n<!--\n## Sprint 2\n### B\n-->\n## Sprint 3\n### C\n",
    "one-line comment": "## Sprint 1\n### A\n<!-- note -->\n## Sprint 2\n### B\n",
    "comment closed on its first line": "## Sprint 1\n### A\n<!-->\n## Sprint 2\n### B\n<!--->\n## Sprint 3\n",
    "comment in a list item": "## Sprint 1\n### Action Items\n- [ ] a\n  <!--\n## Sprint 2\n- [ ] b -->\n- [ ] c\n",
    "front matter": "---\ntitle: x\n## not a heading\n---\n## Sprint 1\n### A\n",
    "dated without sections": "# T\n\n## Sprint 1 (2025-10-17)\n- done\n\n## History\n\n## 2024\ntext\n",
    "date in the title": "## Sprint 1 – 2025-10-17\ntext\n## Oct 17, 2025 review\n## Retro (Oct 17, 2025)\nbody\n",
    "indented and odd headings": "   ## Sprint 1\n### A\n    ## code\n##\tTabbed\n####### seven\n##\n### B\n#no space\n",
    "crlf": "# T\r\n\r\n## Sprint 1\r\n### A\r\n- x\r\n## Sprint 2 (2025-01-01)\r\n",
    "bom and a retro first": "\ufeff## Sprint 1\n### A\n- x\n",
    "no final newline": "# T\n\n## Sprint 1\n### A\n- x",
    "setext title": "Retros\n======\n\n## Sprint 1\n### A\n",
    "level-1 heading ends a retro": "## Sprint 1\n### A\n# Appendix\n## Sprint 2\n### B\n",
    "closing hashes and lone CR": "## Sprint 1 ##\n### A\n##\r\r\n### B\n## x\r",
    "empty": "",
    # The shapes the parser reads besides the seed's (issue 11).
    "setext retro": "Sprint 1 (2025-01-06)\n=====================\n\nAction items:\n- [ ] Pin it\n",
    "title lines": "SPRINT 1\n\nWent well:\n- a\n\n-----\nSPRINT 2\nHACER\n- b\n",
    "title lines after a title": "Retros of the team\n\nSPRINT 1\n- a\n\n## Sprint 2 (2025-01-01)\n- b\n",
    "one hash per retro": "# Sprint 2\n## Action Items\n- x\n# Sprint 1\n## Went well\n- y\n",
    "retros at level three": "# Team\n## History\n### Sprint 1 (2025-01-01)\n- a\n### Sprint 2 (2025-02-01)\n- b\n## Notes\n",
    "sections beside the retro": "## 2020-03-19\n\n## Actions\n- a\n\n## Went well\n- b\n\n## 2020-04-02\n- c\n## Misc\n",
    "weak retros with and without a body": "## Retrospective\n\n## Retrospective\n- notes\n## Retro\n### Went well\n",
    "a collection over retros": "## Historical Retrospectives\n### Sprint 1 (2025-01-01)\n- a\n### Sprint 2\n- b\n",
    "times of day are no retros": "## Incident 2024-03-05\n### 15:08\nx\n### 16:00\ny\n## Incident 2024-04-01\n",
    "sections make a retro": "## Kickoff\n### What went well\n- a\n### Action items\n- b\n## Other\n### Notes\n",
    "a quote hides a retro": "> ## Sprint 9 (2024-09-09)\n> - [ ] x\nlazy line\n## Sprint 1 (2025-01-01)\n- a\n",
    "a tag over an underline": "#tag\n---\n## Sprint 1 (2025-01-01)\ntext\n===\n",
    "two lines over an underline": "Sprint 1 (2025-01-06)\nmore text\n=====\n\nSprint 2 (2025-01-20)\n---\n- a\n",
    "indented and tabbed hashes": "    # not a heading\n\t## not either\n## Sprint 1 (2025-01-01)\n    ```\n## Sprint 2 (2025-02-01)\n",
    "lone CR title lines": "SPRINT 1\r\rWent well:\r- a\r\rSPRINT 2\r- b\r",
    "mixed line endings": "# T\r\n## Sprint 1 (2025-01-01)\r- a\n## Sprint 2 (2025-02-01)\r\n",
}


def parser_cut(text: str) -> list[tuple[str, str]]:
    """The file's top-level units as the parser reads them: the text before, each retro, the text between."""
    doc = loads(text)
    fmt = doc.format
    units = [("text", "\ufeff" if fmt.bom else "")]
    for block in doc.blocks:
        if isinstance(block, Retro):
            units.append(("retro", render_retro(block, fmt)))
        elif units[-1][0] == "text":
            units[-1] = ("text", units[-1][1] + render_top_block(block, fmt))
        else:
            units.append(("text", render_top_block(block, fmt)))
    return units


def cut(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in split_units(text)]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_the_heading_scan_cuts_every_file_as_the_parser_does(path: Path) -> None:
    text = read_exact(path)
    assert cut(text) == parser_cut(text)
    assert "".join(t for _, t in cut(text)) == text


@pytest.mark.parametrize("name", TRICKY)
def test_the_heading_scan_cuts_tricky_files_as_the_parser_does(name: str) -> None:
    assert cut(TRICKY[name]) == parser_cut(TRICKY[name])


INSERTS = [
    "## New retro\n",
    "SPRINT 12\n",
    "\n",
    "=====\n",
    "Action items:\n",
    "# Sprint 4 (2025-04-04)\n",
    "### Retro 2025-03-03\n",
    "## Historical Retrospectives\n",
    "> quoted\n",
    "#tag\n",
    "    ## indented\n",
    "- [ ] A task @ana\n",
    "| Item | Owner |\n",
    "### New section\n",
    "```\n",
    "~~~\n",
    "<!--\n",
    "-->\n",
    "# Title\n",
    "## Sprint 9 (2025-01-01)\n",
    "   ## Indented\n",
    "plain text\n",
    "---\n",
    "## Dated 2025-02-02",
]


@settings(max_examples=300, deadline=None)
@given(
    source=st.sampled_from(ALL_FILES),
    edits=st.lists(
        st.tuples(st.floats(min_value=0, max_value=1), st.sampled_from([None, *INSERTS])), min_size=1, max_size=3
    ),
)
def test_cutting_an_edit_from_its_base_equals_cutting_it_afresh(
    source: Path, edits: list[tuple[float, str | None]]
) -> None:
    """Line inserts and deletes anywhere, fences and comments included: the shortcut is exact or steps aside."""
    base = read_exact(source)
    lines = split_lines(base)
    for where, line in edits:
        at = int(where * len(lines))
        if line is None:
            del lines[at : at + 1]
        else:
            lines.insert(at, line)
    edited = "".join(lines)
    from_base = split(edited, like=split(base))
    fresh = split(edited)
    assert [(u.kind, u.key, u.text) for u in from_base.units] == [(u.kind, u.key, u.text) for u in fresh.units]
    assert from_base.starts == fresh.starts


# -- only retros changed on both sides are parsed ---------------------------------------------------


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The retro texts the structural merge parses, in order."""
    seen: list[str] = []
    real = retros.parse_retro

    def counting(text: str) -> tuple[Retro, object] | None:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(retros, "parse_retro", counting)
    return seen


def test_retros_changed_on_one_side_only_are_not_parsed(parsed: list[str]) -> None:
    ours = edit(MULTI, set_item(1, 0, "owner", "Ana"))
    theirs = edit(MULTI, set_item(3, 1, "status", "done"), lambda d: setattr(d.retros[4], "title", "Sprint 4 – Done"))
    result = merge(MULTI, ours, theirs)
    assert result.clean and parsed == []
    assert result.text() == edit(
        MULTI,
        set_item(1, 0, "owner", "Ana"),
        set_item(3, 1, "status", "done"),
        lambda d: setattr(d.retros[4], "title", "Sprint 4 – Done"),
    )


def test_a_retro_changed_on_both_sides_is_the_only_one_parsed(parsed: list[str]) -> None:
    ours = edit(MULTI, set_item(2, 0, "owner", "Ana"), set_item(4, 0, "status", "done"))
    theirs = edit(MULTI, set_item(2, 1, "status", "done"))
    result = merge(MULTI, ours, theirs)
    assert result.clean and len(parsed) == 3
    assert all(text.startswith("## Sprint 2 – Rollout Wave 1 (2025-11-14)\n") for text in parsed)


def test_a_retro_only_one_side_touched_comes_back_as_that_side_wrote_it() -> None:
    """Odd spacing, a short row, trailing blanks: theirs' bytes for that retro, exactly, not a re-rendering."""
    odd = "|Stabilise   preemption tests|@sre-oncall|2025-11-07|☐\n- trailing  \t\n"
    theirs = MULTI.replace("| Stabilise preemption tests | @sre-oncall | 2025-11-07 | ☐ |\n", odd)
    ours = MULTI.replace("- Zero paging incidents.\n", "- Zero paging incidents (ours).\n")
    assert theirs != MULTI and ours != MULTI
    expected = MULTI.replace("| Stabilise preemption tests | @sre-oncall | 2025-11-07 | ☐ |\n", odd).replace(
        "- Zero paging incidents.\n", "- Zero paging incidents (ours).\n"
    )
    assert merge(MULTI, ours, theirs).text() == expected


def test_merging_changes_to_different_retros_does_not_import_the_model() -> None:
    code = (
        "import sys\n"
        "from retrotui.merge import merge\n"
        "base = open(sys.argv[1], encoding='utf-8', newline='').read()\n"
        "ours = base.replace('| Platform Eng | 2025-10-24 | ☐ |', '| Ana | 2025-10-24 | ☐ |', 1)\n"
        "theirs = base.replace('- Zero paging incidents.', '- No pages at all.')\n"
        "assert merge(base, ours, theirs).clean\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'retrotui.model', 'retrotui.markdown.parser'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(SAMPLES / "volcano-multi-sprint.md")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_the_merge_driver_command_does_not_import_the_model_or_the_settings(tmp_path: Path) -> None:
    (tmp_path / "base.md").write_text(MULTI, encoding="utf-8", newline="")
    (tmp_path / "ours.md").write_text(edit(MULTI, set_item(1, 0, "owner", "Ana")), encoding="utf-8", newline="")
    (tmp_path / "theirs.md").write_text(edit(MULTI, set_item(3, 0, "owner", "Bo")), encoding="utf-8", newline="")
    code = (
        "import sys\n"
        "from retrotui.cli import main\n"
        "code = main(['merge-driver', 'base.md', 'ours.md', 'theirs.md'])\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(('pydantic', 'retrotui.model', 'retrotui.config'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0 []"
    merged = loads(read_exact(tmp_path / "ours.md"))
    assert (merged.retros[1].action_items[0].owner, merged.retros[3].action_items[0].owner) == ("Ana", "Bo")


def test_the_full_structural_merge_gives_the_same_text() -> None:
    cases = [
        (SEED, edit(SEED, set_item(0, 0, "status", "done")), edit(SEED, set_item(0, 1, "owner", "Ana"))),
        (MULTI, edit(MULTI, set_item(1, 0, "owner", "Ana")), edit(MULTI, set_item(3, 1, "status", "done"))),
        (MULTI, MULTI, edit(MULTI, lambda d: setattr(d.retros[2], "title", "Sprint 2 – Renamed"))),
        (SEED, edit(SEED, lambda d: d.retros[0].action_items.pop(0)), dumps(loads(SEED))),
    ]
    for base, ours, theirs in cases:
        fast, full = merge(base, ours, theirs), merge(base, ours, theirs, full=True)
        assert full.text() == fast.text()
        assert [c.where for c in full.conflicts] == [c.where for c in fast.conflicts]


# -- any file the parser reads: generated from the lines retro files are made of ------------------------

LINES = [
    "",
    "# Team retros",
    "## Sprint 3",
    "## Sprint 3 – Rollout (2025-10-17)",
    "# Sprint 4 (2025-11-01)",
    "### Retro 12/01/2022",
    "#### 2024-05-02",
    "## Retrospective",
    "## Historical Retrospectives",
    "## Retro Template",
    "### 15:08",
    "### 1. Summary",
    "### What went well",
    "## Action Items",
    "## Notes",
    "SPRINT 5",
    "14/10/2021 - Retrospective",
    "Sprint 6 (2025-01-06)",
    "Went well:",
    "Action items:",
    "**Action items**",
    "- Improvement goals for the next sprint",
    "    1. Page the on-call sooner",
    "- [ ] Pin the CI image @ana (due 2022-12-09)",
    "- [x] Rotate the keys",
    "- Clean up dashboards - In Progress",
    "1) Numbered **completed**",
    "  wrapped line of an item",
    "| Item | Owner | Due Date | Status |",
    "|---|---|---|---|",
    "| Fix it | Ana | 2025-10-24 | ☐ |",
    "=====",
    "-----",
    "---",
    "***",
    "```",
    "~~~",
    "<!--",
    "-->",
    "<!-- one line -->",
    "<!-->",
    "  <!-- indented",
    "- [ ] hidden -->",
    "> ## Sprint 9 (2024-09-09)",
    "> quoted",
    "#tag",
    "    # indented code",
    "\t## tabbed",
    "text of a paragraph",
]
ENDINGS = ["\n", "\r\n", "\r"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.sampled_from(LINES), max_size=40))
    ending = draw(st.sampled_from(ENDINGS))
    endings = draw(
        st.lists(st.sampled_from([ending, ending, ending, *ENDINGS]), min_size=len(lines), max_size=len(lines))
    )
    text = "".join(line + eol for line, eol in zip(lines, endings, strict=True))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return ("\ufeff" if draw(st.booleans()) else "") + text


@settings(max_examples=400, deadline=None)
@given(text=documents())
def test_any_file_is_cut_as_the_parser_reads_it(text: str) -> None:
    assert cut(text) == parser_cut(text)


@settings(max_examples=400, deadline=None)
@given(text=documents())
def test_skipping_the_lines_that_cannot_matter_reads_the_same(text: str) -> None:
    lines = Lines(text.removeprefix("\ufeff"))
    quick, every = scan(lines), scan(lines, skips=False)
    assert quick.opaque == every.opaque and quick.unclosed_fence == every.unclosed_fence
    assert [(h.index, h.level, h.text, h.prefix, h.suffix, h.end) for h in quick.headings] == [
        (h.index, h.level, h.text, h.prefix, h.suffix, h.end) for h in every.headings
    ]


@settings(max_examples=400, deadline=None)
@given(
    text=documents(),
    edits=st.lists(st.tuples(st.floats(0, 1), st.sampled_from([None, *LINES]), st.sampled_from(ENDINGS)), max_size=3),
)
def test_any_edit_is_cut_from_its_base_as_afresh(text: str, edits: list[tuple[float, str | None, str]]) -> None:
    lines = split_lines(text)
    for where, line, eol in edits:
        at = int(where * len(lines))
        if line is None:
            del lines[at : at + 1]
        else:
            lines.insert(at, line + eol)
    edited = "".join(lines)
    from_base, fresh = split(edited, like=split(text)), split(edited)
    assert [(u.kind, u.key, u.text) for u in from_base.units] == [(u.kind, u.key, u.text) for u in fresh.units]
    assert from_base.starts == fresh.starts
