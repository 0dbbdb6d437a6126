"""Every reader counts the same action items when a section has several list groups.

A bulleted list followed by a numbered one (or a numbered one by a bulleted
one) is two lists in Markdown: the parser reads two groups, and ``check``,
``actions``, the tracker and its stats must count the items of both, as the
grid and ``retro.action_items`` do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrotui import loads
from retrotui.cli import main
from retrotui.tracker import all_actions, all_copies, tracker_stats
from tests.conftest import TODAY

HEAD = "# Retros\n\n## Sprint 1 (2025-01-01)\n\n### Action Items\n"
GROUPS = {
    "bullets then 1)": "- [ ] alpha task\n1) [ ] beta task\n",
    "bullets, a blank, then 1.": "- [ ] alpha task\n\n1. [ ] beta task\n",
    "numbers then bullets": "1. [ ] alpha task\n- [ ] beta task\n",
    "a comment between": "- [ ] alpha task\n<!-- split -->\n- [ ] beta task\n",
}


@pytest.mark.parametrize("body", GROUPS.values(), ids=list(GROUPS))
def test_check_actions_and_the_tracker_count_every_group(
    body: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEAD + body
    doc = loads(text)
    retro = doc.retros[0]
    assert len(retro.action_lists) == 2
    assert [a.item for a in retro.action_items] == ["alpha task", "beta task"]
    assert [t.action.item for t in all_actions(doc)] == ["alpha task", "beta task"]
    assert [t.action.item for t in all_copies(doc)] == ["alpha task", "beta task"]
    assert tracker_stats(doc, TODAY).open == 2

    path = tmp_path / "RETRO.md"
    path.write_bytes(text.encode())
    assert main(["check", str(path)], today=TODAY) == 0
    assert capsys.readouterr().out == f"{path}: 1 retro, 2 action items (2 open, 0 overdue)\n"
    assert main(["actions", str(path), "--format", "json"], today=TODAY) == 0
    assert [r["item"] for r in json.loads(capsys.readouterr().out)] == ["alpha task", "beta task"]
    assert main(["actions", str(path)], today=TODAY) == 0
    assert [line.split("│")[1].strip() for line in capsys.readouterr().out.splitlines()[2:]] == [
        "alpha task",
        "beta task",
    ]


def test_an_item_of_a_second_group_carried_to_the_next_retro_is_one_item() -> None:
    text = (
        "## Sprint 2 (2025-02-01)\n### Action Items\n- [x] beta task (from Sprint 1)\n\n"
        "## Sprint 1 (2025-01-01)\n### Action Items\n- [ ] alpha task\n1) [ ] beta task\n"
    )
    tracked = all_actions(loads(text))
    assert [(t.action.item, t.action.status, len(t.copies)) for t in tracked] == [
        ("beta task (from Sprint 1)", "done", 2),
        ("alpha task", "open", 1),
    ]
