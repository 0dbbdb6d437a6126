"""Each merge case of issue 10 through a plain `git merge` with the merge driver set up by `retrotui git-setup`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from retrotui import RetroDocument, loads
from tests.conftest import SAMPLES, git, init_repo, read_exact
from tests.test_merge import commit_edit, retrotui
from tests.test_merge_identity import EXPORT, REVIEW, SPRINT_0, Change, marked_text, set_item


def merge_branches(
    folder: Path, sample: str, theirs: Change, ours: Change
) -> tuple[subprocess.CompletedProcess[str], str]:
    """A repository with ``sample`` as RETRO.md and the driver; branch team-a commits ``theirs``, main
    commits ``ours``, then main runs ``git merge team-a``.  The merge's output and the file after it."""
    init_repo(folder)
    path = folder / "RETRO.md"
    shutil.copyfile(SAMPLES / sample, path)
    assert retrotui("git-setup", "RETRO.md", cwd=folder).returncode == 0
    git(folder, "add", "RETRO.md", ".gitattributes")
    git(folder, "commit", "-qm", "base")
    git(folder, "checkout", "-qb", "team-a")
    commit_edit(folder, path, "team a", theirs)
    git(folder, "checkout", "-q", "main")
    commit_edit(folder, path, "main", ours)
    merged = subprocess.run(
        ["git", "merge", "--no-edit", "team-a"], cwd=folder, capture_output=True, text=True, check=False
    )
    return merged, read_exact(path)


def test_the_same_row_changed_two_ways_stops_git_with_one_conflict_on_that_row(tmp_path: Path) -> None:
    merged, text = merge_branches(
        tmp_path,
        "volcano-retrospective.md",
        theirs=set_item(0, 0, "item", "Export Temporal queue stats first"),
        ours=set_item(0, 0, "item", "Export baseline metrics (Prometheus only)"),
    )
    assert merged.returncode != 0 and "CONFLICT (content): Merge conflict in RETRO.md" in merged.stdout
    where = f"{SPRINT_0}: action {EXPORT!r}, Item changed on both sides"
    assert f"retrotui: conflict: {where}" in merged.stderr
    assert marked_text(text) == [
        [
            f"<<<<<<< ours ({where})",
            "| Export baseline metrics (Prometheus only) | Platform Eng | 2025-10-24 | ☐ |",
            "=======",
            "| Export Temporal queue stats first | Platform Eng | 2025-10-24 | ☐ |",
            ">>>>>>> theirs",
        ]
    ]
    assert text.count(REVIEW) == 1


def test_an_edit_against_a_delete_stops_git_with_a_conflict(tmp_path: Path) -> None:
    def delete_first(doc: RetroDocument) -> None:
        doc.retros[0].action_items.pop(0)

    merged, text = merge_branches(
        tmp_path,
        "volcano-retrospective.md",
        theirs=delete_first,
        ours=set_item(0, 0, "item", "Export baseline metrics (Prometheus only)"),
    )
    assert merged.returncode != 0
    assert f"retrotui: conflict: {SPRINT_0}: action {EXPORT!r}, changed here, deleted there" in merged.stderr
    assert marked_text(text)[0][1:] == [
        "| Export baseline metrics (Prometheus only) | Platform Eng | 2025-10-24 | ☐ |",
        "=======",
        ">>>>>>> theirs",
    ]


def test_a_retro_renamed_two_ways_stops_git_with_one_retro_and_a_conflict_on_its_heading(tmp_path: Path) -> None:
    merged, text = merge_branches(
        tmp_path,
        "volcano-multi-sprint.md",
        theirs=lambda d: setattr(d.retros[2], "title", "Sprint 2 – First Wave"),
        ours=lambda d: setattr(d.retros[2], "title", "Sprint 2 – Wave One"),
    )
    assert merged.returncode != 0
    assert "retrotui: conflict: Sprint 2 – Rollout Wave 1, heading changed on both sides" in merged.stderr
    assert marked_text(text)[0][1:] == [
        "## Sprint 2 – Wave One (2025-11-14)",
        "=======",
        "## Sprint 2 – First Wave (2025-11-14)",
        ">>>>>>> theirs",
    ]
    assert text.count("| Fix rollback runbook step 4 | Ops |") == 1
    assert text.count("### 4. Action Items") == read_exact(SAMPLES / "volcano-multi-sprint.md").count(
        "### 4. Action Items"
    )


def test_a_rename_on_one_branch_and_row_edits_on_the_other_merge_cleanly(tmp_path: Path) -> None:
    merged, text = merge_branches(
        tmp_path,
        "volcano-multi-sprint.md",
        theirs=lambda d: setattr(d.retros[2], "title", "Sprint 2 – First Wave"),
        ours=set_item(2, 0, "status", "done"),
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    doc = loads(text)
    titles = [r.title for r in doc.retros]
    assert "Sprint 2 – First Wave" in titles and "Sprint 2 – Rollout Wave 1" not in titles
    assert doc.retros[2].action_items[0].status == "done"
    assert git(tmp_path, "status", "--porcelain") == ""


def test_an_item_edit_on_one_branch_and_a_toggle_of_that_row_on_the_other_merge_cleanly(tmp_path: Path) -> None:
    merged, text = merge_branches(
        tmp_path,
        "volcano-retrospective.md",
        theirs=set_item(0, 1, "item", "Review the queue tree with platform leadership"),
        ours=set_item(0, 1, "status", "done"),
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "| Review the queue tree with platform leadership | Platform Lead | 2025-10-22 | ☑ |\n" in text
    assert text.count("Platform Lead") == 1
