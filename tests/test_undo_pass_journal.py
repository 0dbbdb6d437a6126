"""The crash journal's own files: set-aside copies are never written over."""

from __future__ import annotations

from pathlib import Path

from retrotui.journal import Journal, set_aside


def test_two_files_of_one_name_set_aside_in_the_same_second_keep_both(tmp_path: Path) -> None:
    """Every repository's RETRO.md, both editors killed at once (a tmux server): the second copy wrote over the first."""
    state = tmp_path / "state"
    first = Journal(str(tmp_path / "a" / "RETRO.md"), "base a", "edits of a", 1_700_000_000.0)
    second = Journal(str(tmp_path / "b" / "RETRO.md"), "base b", "edits of b", 1_700_000_000.0)
    kept = [set_aside(first, state), set_aside(second, state), set_aside(first, state)]
    assert len(set(kept)) == 3
    assert [path.read_text(encoding="utf-8") for path in kept] == ["edits of a", "edits of b", "edits of a"]
    assert kept[1].name == kept[0].stem + "-2.md" and kept[2].name == kept[0].stem + "-3.md"
