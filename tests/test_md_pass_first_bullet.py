"""A first bullet added to a section with none goes before the rule that closes the retro, not after it."""

from __future__ import annotations

from retrotui import dumps, loads
from retrotui.editing import Editor


def _add_first_bullet(text: str) -> str:
    doc = loads(text)
    retro = doc.retros[0]
    Editor(doc).insert_bullet(retro, retro.sections[0], 0, "new")
    return dumps(doc)


def test_the_next_retro_on_a_plain_line_after_the_rule_is_kept() -> None:
    text = "Retro SPRINT 2\n\nStart doing:\n a) Meet every week.\n\n-----\nSPRINT 3\nDO\n-Make a group.\n"
    assert [r.title for r in loads(text).retros] == ["Retro SPRINT 2", "SPRINT 3"]
    out = _add_first_bullet(text)
    assert out == text.replace(" a) Meet every week.\n", " a) Meet every week.\n- new\n")
    assert [r.title for r in loads(out).retros] == ["Retro SPRINT 2", "SPRINT 3"]


def test_the_bullet_stays_in_its_own_retro_above_the_rule() -> None:
    text = (
        "## Sprint 2 (2025-01-01)\n\n### Went well\nAll fine.\n\n---\n## Sprint 3 (2025-01-08)\n\n### Went well\n- a\n"
    )
    out = _add_first_bullet(text)
    assert out == text.replace("All fine.\n", "All fine.\n- new\n")
    assert dumps(loads(out)) == out
