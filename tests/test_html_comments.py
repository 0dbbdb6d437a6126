"""An HTML comment is one opaque block: never a heading, an item, a table row or a label.

CommonMark's HTML block type 2: from a line starting (after up to three
spaces) with ``<!--`` up to and including the line holding ``-->``.  Whatever
its lines look like, they come back as written and stay with the text around
them, in the parser, the section editor's bullets, the outline and the merge.
"""

from __future__ import annotations

import pytest

from retrotui import ActionItem, dumps, loads
from retrotui.editing import Editor
from retrotui.markdown import bullets
from retrotui.markdown.lines import Lines, scan
from retrotui.merging.split import split_units
from retrotui.outline import outline
from tests.test_merge_fast import parser_cut

WENT_WELL = (
    "# Retros\n\n## Sprint 1 (2025-01-01)\n\n"
    "### What went well\n- a\n<!-- note\n- old idea -->\n- c\n\n"
    "### Action Items\n- [ ] x\n"
)

HIDDEN_STRUCTURE = (
    "# Retros\n\n## Sprint 1 (2025-01-01)\n\n### What went well\n- a\n"
    "<!--\n## Sprint 8 (2025-08-08)\n### Action Items\n- [ ] hidden task\n"
    "| Action | Owner |\n|---|---|\n| hidden row | Bo |\nAction items:\n\n- [ ] hidden after a blank\n-->\n"
    "- c\n\n### Action Items\n- [ ] x\n"
)


def test_a_comment_holds_no_bullet_and_deleting_next_to_it_keeps_it_whole() -> None:
    editor = Editor(loads(WENT_WELL))
    retro = editor.doc.retros[0]
    went_well = retro.sections[0]
    assert editor.bullets(went_well) == ["a", "c"]
    editor.delete_bullet(retro, went_well, 1)  # "c"
    assert dumps(editor.doc).encode() == WENT_WELL.replace("- c\n", "").encode()
    editor.undo()
    editor.delete_bullet(retro, went_well, 0)  # "a": the comment after it stays
    assert dumps(editor.doc).encode() == WENT_WELL.replace("- a\n", "").encode()
    assert [r.action_items[0].item for r in loads(dumps(editor.doc)).retros] == ["x"]


def test_the_bullets_of_a_body_skip_comments_of_any_shape() -> None:
    body = "- a\n<!-- one line -->\n- b\n<!--\n- hidden\n\n* hidden too -->\n<!-->\n- c\n"
    assert bullets.bullets(body) == ["a", "b", "c"]
    assert bullets.delete_bullet(body, 1) == body.replace("- b\n", "")
    assert bullets.move_bullet(body, 1, 1) == body.replace("- b\n", "- @\n").replace("- c\n", "- b\n").replace(
        "- @\n", "- c\n"
    )


def test_a_comment_indented_under_an_item_goes_with_it() -> None:
    body = "- a\n  <!-- about a\n- not an item -->\n- b\n"
    assert bullets.bullets(body) == ["a", "b"]
    assert bullets.delete_bullet(body, 0) == "- b\n"


def test_headings_items_tables_and_labels_in_a_comment_are_not_read() -> None:
    doc = loads(HIDDEN_STRUCTURE)
    assert [r.title for r in doc.retros] == ["Sprint 1"]
    assert [s.title for s in doc.retros[0].sections] == ["What went well", "Action Items"]
    assert [a.item for a in doc.retros[0].action_items] == ["x"]
    assert dumps(doc) == HIDDEN_STRUCTURE
    first_look = outline(HIDDEN_STRUCTURE)
    assert first_look.titles == ("Sprint 1",)
    assert [(s.title, s.items) for s in first_look.sections] == [
        ("What went well", ("a", "c")),
        ("Action Items", ("[ ] x",)),
    ]
    assert [(u.kind, u.text) for u in split_units(HIDDEN_STRUCTURE)] == parser_cut(HIDDEN_STRUCTURE)


def test_an_action_item_keeps_the_comment_it_opens_whole() -> None:
    text = "## Sprint 1 (2025-01-01)\n### Action Items\n- [ ] x\n  <!-- why\n- [ ] not an item\n\n-->\n- [ ] y\n"
    doc = loads(text)
    retro = doc.retros[0]
    assert [a.item for a in retro.action_items] == ["x", "y"]
    Editor(doc).delete_action(retro, retro.action_items[0])
    assert dumps(doc) == "## Sprint 1 (2025-01-01)\n### Action Items\n- [ ] y\n"


@pytest.mark.parametrize("opener", ["<!-->", "<!--->", "<!-- a --> <!-- b"])
def test_a_comment_closed_on_its_first_line_hides_nothing_after_it(opener: str) -> None:
    """``<!-->`` is a whole comment (CommonMark, as GitHub shows it): the retro after it is one."""
    text = (
        f"## Sprint 1 (2025-01-01)\n### Went well\n- a\n{opener}\n## Sprint 2 (2025-02-01)\n### Action Items\n- [ ] b\n"
    )
    doc = loads(text)
    assert [r.title for r in doc.retros] == ["Sprint 1", "Sprint 2"]
    assert [a.item for a in doc.retros[1].action_items] == ["b"]
    assert bullets.bullets(f"- a\n{opener}\n- b\n") == ["a", "b"]
    assert [(u.kind, u.text) for u in split_units(text)] == parser_cut(text)


def test_a_comment_ends_a_block_quote() -> None:
    text = "## Sprint 1 (2025-01-01)\n### Went well\n> quoted\n<!-- x -->\n## Sprint 2 (2025-02-01)\n"
    found = scan(Lines(text))
    assert [h.text for h in found.headings][-1] == "Sprint 2 (2025-02-01)"
    text = "> quoted\n<!-- x -->\nplain\n"
    assert list(scan(Lines(text)).opaque) == [1, 1, 0]


def test_a_templates_comment_gives_no_prompt() -> None:
    from retrotui.templates import prompts_for

    text = (
        "# R\n\n## Retro Template\n\n### What went well\n<!-- Fill in:\n- e.g. deploys -->\n- What helped?\n\n"
        "## Sprint 1 (2025-01-01)\n\n### What went well\n\n"
    )
    doc = loads(text)
    assert prompts_for(doc, doc.retros[-1].sections[0]) == ["What helped?"]


@pytest.mark.parametrize("opener", ["<!-- notes for later\n", "```\n"])
def test_an_item_appended_to_a_retro_ending_in_an_unclosed_comment_or_fence_is_not_swallowed(opener: str) -> None:
    """The new Action Items section (or table) goes above the comment or fence never closed, not into it."""
    body = "# Sprint 1 (2024-01-01)\n\n## Went well\n\n- a\n\n"
    for text, expected in (
        (body + opener + "half a thought\n", body + "## Action Items\n\n{table}\n" + opener + "half a thought\n"),
        (
            body + "## Action Items\n\nNone yet.\n" + opener + "half a thought\n",
            body + "## Action Items\n\nNone yet.\n\n{table}\n" + opener + "half a thought\n",
        ),
    ):
        doc = loads(text)
        doc.retros[0].action_items.append(ActionItem(item="Write runbook", owner="Ana"))
        written = dumps(doc)
        table = "| Item | Owner | Due Date | Status |\n|------|-------|----------|--------|\n| Write runbook | Ana |  | ☐ |\n"
        assert written == expected.format(table=table)
        assert [a.values()[:2] for a in loads(written).retros[0].action_items] == [("Write runbook", "Ana")]
