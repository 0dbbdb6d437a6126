"""Three-way structural merge: unit cases, real git with the merge driver, and a property."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from retrotui import ActionItem, dumps, loads
from retrotui.merge import merge
from tests.conftest import SAMPLES, git, init_repo, read_exact

SEED = read_exact(SAMPLES / "volcano-retrospective.md")
MULTI = read_exact(SAMPLES / "volcano-multi-sprint.md")


def edit(text: str, change) -> str:  # type: ignore[no-untyped-def]
    doc = loads(text)
    change(doc)
    return dumps(doc)


def items(text: str, retro: int = 0) -> list[tuple[str, str, object, str]]:
    return [a.values()[:4] for a in loads(text).retros[retro].action_items]


def test_edits_to_different_rows_and_added_rows_combine() -> None:
    def ours(doc):  # type: ignore[no-untyped-def]
        doc.retros[0].action_items[0].status = "done"
        doc.retros[0].action_items.append(ActionItem(item="From A", owner="Ana", due="2025-11-01"))

    def theirs(doc):  # type: ignore[no-untyped-def]
        doc.retros[0].action_items[1].owner = "Platform Director"
        doc.retros[0].action_items.append(ActionItem(item="From B", owner="Bo", due="2025-11-02"))

    result = merge(SEED, edit(SEED, ours), edit(SEED, theirs))
    assert result.clean
    assert [(i[0], i[1], i[3]) for i in items(result.text())] == [
        ("Export baseline Prometheus + Temporal metrics per plan", "Platform Eng", "done"),
        ("Review queue hierarchy with platform leadership", "Platform Director", "open"),
        ("From A", "Ana", "open"),
        ("From B", "Bo", "open"),
    ]


def test_different_cells_of_one_row_both_win() -> None:
    ours = edit(SEED, lambda d: setattr(d.retros[0].action_items[0], "status", "done"))
    theirs = edit(SEED, lambda d: setattr(d.retros[0].action_items[0], "owner", "Ana"))
    result = merge(SEED, ours, theirs)
    assert result.clean
    assert "| Export baseline Prometheus + Temporal metrics per plan | Ana | 2025-10-24 | ☑ |" in result.text()


def test_the_same_cell_two_ways_is_a_conflict_naming_retro_row_and_column() -> None:
    ours = edit(SEED, lambda d: setattr(d.retros[0].action_items[1], "owner", "Carol"))
    theirs = edit(SEED, lambda d: setattr(d.retros[0].action_items[1], "owner", "Dan"))
    result = merge(SEED, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.retro == "Sprint 0 – Discovery & Alignment"
    assert conflict.row == "Review queue hierarchy with platform leadership"
    assert conflict.columns == ("Owner",)
    text = result.text()
    marked = text[text.index("<<<<<<<") : text.index(">>>>>>> theirs")].splitlines()
    assert marked[1:] == [
        "| Review queue hierarchy with platform leadership | Carol | 2025-10-22 | ☐ |",
        "=======",
        "| Review queue hierarchy with platform leadership | Dan | 2025-10-22 | ☐ |",
    ]
    conflict.resolve("theirs")
    assert result.unresolved == [] and "| Dan |" in result.text() and "<<<<" not in result.text()


def test_lines_neither_side_touched_stay_byte_identical() -> None:
    ours = edit(MULTI, lambda d: setattr(d.retros[4].action_items[1], "status", "done"))
    theirs = edit(MULTI, lambda d: setattr(d.retros[1].action_items[2], "owner", "Ana"))
    merged = merge(MULTI, ours, theirs).text()
    changed = [(a, b) for a, b in zip(MULTI.split("\n"), merged.split("\n"), strict=True) if a != b]
    assert len(changed) == 2


def test_a_retro_added_on_both_sides_keeps_both_and_last_updated_takes_the_later() -> None:
    ours = edit(
        MULTI,
        lambda d: (
            d.add_retro("Sprint 5 – Ours", dt.date(2025, 12, 26)),
            setattr(d, "last_updated", dt.date(2025, 12, 26)),
        ),
    )
    theirs = edit(
        MULTI,
        lambda d: (
            d.add_retro("Sprint 5 – Theirs", dt.date(2025, 12, 27)),
            setattr(d, "last_updated", dt.date(2025, 12, 27)),
        ),
    )
    result = merge(MULTI, ours, theirs)
    assert result.clean
    doc = loads(result.text())
    assert [r.title for r in doc.retros][-2:] == ["Sprint 5 – Ours", "Sprint 5 – Theirs"]
    assert doc.last_updated == dt.date(2025, 12, 27)


def test_bullets_added_and_edited_on_both_sides() -> None:
    def ours(doc):  # type: ignore[no-untyped-def]
        section = doc.retros[0].sections[1]
        section.blocks[0].text = section.blocks[0].text.replace("- Rapidly", "- Quickly") + "- Ours added this\n"

    def theirs(doc):  # type: ignore[no-untyped-def]
        section = doc.retros[0].sections[1]
        section.blocks[0].text = section.blocks[0].text + "- Theirs added this\n"

    result = merge(SEED, edit(SEED, ours), edit(SEED, theirs))
    assert result.clean
    text = result.text()
    assert "- Quickly mapped" in text and "- Ours added this\n- Theirs added this\n" in text


def test_deleted_here_changed_there_is_a_conflict() -> None:
    ours = edit(SEED, lambda d: d.retros[0].action_items.pop(0))
    theirs = edit(SEED, lambda d: setattr(d.retros[0].action_items[0], "status", "done"))
    result = merge(SEED, ours, theirs)
    assert [c.where for c in result.conflicts] == [
        "Sprint 0 – Discovery & Alignment: action 'Export baseline Prometheus + Temporal metrics per plan',"
        " deleted here, changed there"
    ]


# -- real git, through the merge driver ----------------------------------------------------------


def retrotui(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retrotui", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def repo_with_seed(folder: Path) -> Path:
    init_repo(folder)
    shutil.copyfile(SAMPLES / "volcano-retrospective.md", folder / "RETRO.md")
    setup = retrotui("git-setup", "RETRO.md", cwd=folder)
    assert setup.returncode == 0, setup.stderr
    assert "RETRO.md merge=retrotui" in setup.stdout
    git(folder, "add", "RETRO.md", ".gitattributes")
    git(folder, "commit", "-qm", "seed")
    return folder / "RETRO.md"


def commit_edit(repo: Path, path: Path, message: str, change) -> None:  # type: ignore[no-untyped-def]
    path.write_bytes(edit(read_exact(path), change).encode("utf-8"))
    git(repo, "commit", "-qam", message)


def test_git_setup_is_idempotent(tmp_path: Path) -> None:
    repo_with_seed(tmp_path)
    again = retrotui("git-setup", "RETRO.md", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout.strip() == "nothing to change: the merge driver is already set up"
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8").count("merge=retrotui") == 1


def test_git_setup_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "RETRO.md").write_text("# R\n", encoding="utf-8")
    result = retrotui("git-setup", "RETRO.md", cwd=tmp_path)
    assert result.returncode == 2 and "not in a git repository" in result.stderr


def test_two_branches_add_and_toggle_merge_with_plain_git_merge(tmp_path: Path) -> None:
    path = repo_with_seed(tmp_path)
    git(tmp_path, "checkout", "-qb", "team-a")

    def change_a(doc):  # type: ignore[no-untyped-def]
        doc.retros[0].action_items.append(ActionItem(item="Team A's action", owner="Ana", due="2025-11-01"))
        doc.retros[0].action_items[0].status = "done"

    commit_edit(tmp_path, path, "team a", change_a)
    git(tmp_path, "checkout", "-q", "main")

    def change_b(doc):  # type: ignore[no-untyped-def]
        doc.retros[0].action_items.append(ActionItem(item="Team B's action", owner="Bo", due="2025-11-02"))
        doc.retros[0].action_items[1].status = "done"

    commit_edit(tmp_path, path, "team b", change_b)
    merged = subprocess.run(
        ["git", "merge", "--no-edit", "team-a"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert [(i[0], i[3]) for i in items(read_exact(path))] == [
        ("Export baseline Prometheus + Temporal metrics per plan", "done"),
        ("Review queue hierarchy with platform leadership", "done"),
        ("Team B's action", "open"),
        ("Team A's action", "open"),
    ]
    assert git(tmp_path, "status", "--porcelain") == ""


def test_two_clones_same_row_conflicts_only_around_that_row(tmp_path: Path) -> None:
    alice, bob = two_clones(tmp_path)
    commit_edit(alice, alice / "RETRO.md", "alice", lambda d: setattr(d.retros[0].action_items[1], "owner", "Alice"))
    git(alice, "push", "-q", "origin", "main")
    commit_edit(
        bob,
        bob / "RETRO.md",
        "bob",
        lambda d: (
            setattr(d.retros[0].action_items[1], "owner", "Bob"),
            d.add_retro("Sprint 1", dt.date(2025, 10, 31)),
        ),
    )
    pulled = subprocess.run(
        ["git", "pull", "--no-rebase", "-q", "origin", "main"], cwd=bob, capture_output=True, text=True, check=False
    )
    assert pulled.returncode != 0
    text = read_exact(bob / "RETRO.md")
    assert text.count("<<<<<<<") == 1
    conflict = text[text.index("<<<<<<<") : text.index(">>>>>>> theirs")]
    assert "| Review queue hierarchy with platform leadership | Bob | 2025-10-22 | ☐ |" in conflict
    assert "| Review queue hierarchy with platform leadership | Alice | 2025-10-22 | ☐ |" in conflict
    assert "## Sprint 1 (2025-10-31)" in text  # bob's new retro merged outside the markers


def two_clones(tmp_path: Path) -> tuple[Path, Path]:
    """A repository with the seed and the merge driver, cloned twice, each clone set up too."""
    origin = tmp_path / "origin"
    origin.mkdir()
    repo_with_seed(origin)
    git(origin, "config", "receive.denyCurrentBranch", "ignore")
    clones = []
    for name in ("alice", "bob"):
        subprocess.run(["git", "clone", "-q", str(origin), name], cwd=tmp_path, check=True)
        clone = tmp_path / name
        init_repo_identity(clone)
        assert retrotui("git-setup", "RETRO.md", cwd=clone).returncode == 0
        clones.append(clone)
    return clones[0], clones[1]


def init_repo_identity(clone: Path) -> None:
    git(clone, "config", "user.email", "retro@example.com")
    git(clone, "config", "user.name", "Retro Tester")
    git(clone, "config", "commit.gpgsign", "false")


# -- property: both sides' edits survive a clean merge -----------------------------------------


ROWS = len(loads(MULTI).retros[2].action_items) + len(loads(MULTI).retros[3].action_items)


@settings(max_examples=60, deadline=None)
@given(
    toggles=st.sets(st.integers(min_value=0, max_value=ROWS - 1), max_size=ROWS),
    split=st.integers(min_value=0, max_value=ROWS),
    adds_ours=st.integers(min_value=0, max_value=3),
    adds_theirs=st.integers(min_value=0, max_value=3),
    new_owner=st.sampled_from(["Ana", "Bo", "Cy"]),
)
def test_random_edits_on_both_sides_merge_with_both_kept(
    toggles: set[int], split: int, adds_ours: int, adds_theirs: int, new_owner: str
) -> None:
    """Each side edits its own rows (toggles, an owner) and adds rows; the merge has all of it."""
    mine = {i for i in toggles if i < split}
    yours = {i for i in toggles if i >= split}

    def rows_of(doc):  # type: ignore[no-untyped-def]
        return doc.retros[2].action_items + doc.retros[3].action_items

    def side(indexes: set[int], adds: int, tag: str):  # type: ignore[no-untyped-def]
        def change(doc):  # type: ignore[no-untyped-def]
            rows = rows_of(doc)
            for i in indexes:
                rows[i].status = rows[i].toggled()
                rows[i].owner = f"{new_owner} {tag}"
            for n in range(adds):
                doc.retros[3].action_items.append(ActionItem(item=f"{tag} new {n}", owner=tag, due="2026-02-01"))

        return change

    ours = edit(MULTI, side(mine, adds_ours, "ours"))
    theirs = edit(MULTI, side(yours, adds_theirs, "theirs"))
    result = merge(MULTI, ours, theirs)
    assert result.clean
    merged = loads(result.text())
    expected = loads(MULTI)
    side(mine, adds_ours, "ours")(expected)
    side(yours, adds_theirs, "theirs")(expected)
    assert sorted(a.values() for a in rows_of(merged)) == sorted(a.values() for a in rows_of(expected))


def test_two_clones_different_rows_and_new_retros_on_both_sides_merge_cleanly(tmp_path: Path) -> None:
    alice, bob = two_clones(tmp_path)

    def alice_edits(doc):  # type: ignore[no-untyped-def]
        doc.retros[0].action_items[0].owner = "Alice"
        doc.add_retro("Sprint 1 – Alice's", dt.date(2025, 10, 31))

    def bob_edits(doc):  # type: ignore[no-untyped-def]
        doc.retros[0].action_items[1].status = "done"
        doc.add_retro("Sprint 1 – Bob's", dt.date(2025, 11, 1))

    commit_edit(alice, alice / "RETRO.md", "alice", alice_edits)
    git(alice, "push", "-q", "origin", "main")
    commit_edit(bob, bob / "RETRO.md", "bob", bob_edits)
    pulled = subprocess.run(
        ["git", "pull", "--no-rebase", "--no-edit", "-q", "origin", "main"],
        cwd=bob,
        capture_output=True,
        text=True,
        check=False,
    )
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    doc = loads(read_exact(bob / "RETRO.md"))
    assert [r.title for r in doc.retros] == [
        "Sprint 0 – Discovery & Alignment",
        "Sprint 1 – Bob's",
        "Sprint 1 – Alice's",
    ]
    assert [(a.owner, a.status) for a in doc.retros[0].action_items] == [("Alice", "open"), ("Platform Lead", "done")]


def test_merge_takes_documents_too() -> None:
    ours = loads(SEED)
    ours.retros[0].action_items[0].status = "done"
    theirs = loads(SEED)
    theirs.retros[0].action_items[1].status = "done"
    result = merge(loads(SEED), ours, theirs)
    assert result.clean and [i[3] for i in items(result.text())] == ["done", "done"]


LAST_UPDATED_BASE = (
    "# Team retros\n\n**Last Updated:** 2025-01-01 · Facilitator: Ana\n\n## Sprint 1 (2025-01-01)\n- a\n"
)


def test_last_updated_keeps_what_else_each_side_wrote_on_its_line() -> None:
    """The later date wins the Last Updated line, but not the rest of the line: one side's other edit there
    (a new facilitator) is kept with the other's later date, and two other edits are a conflict."""
    ours = LAST_UPDATED_BASE.replace("2025-01-01 ·", "2025-01-03 ·")
    theirs = LAST_UPDATED_BASE.replace("2025-01-01 · Facilitator: Ana", "2025-01-02 · Facilitator: Ben")
    result = merge(LAST_UPDATED_BASE, ours, theirs)
    assert result.clean
    assert "**Last Updated:** 2025-01-03 · Facilitator: Ben\n" in result.text()
    assert merge(LAST_UPDATED_BASE, theirs, ours).text() == result.text()
    both = ours.replace("Ana", "Cy")
    conflicted = merge(LAST_UPDATED_BASE, both, theirs)
    assert [(c.ours, c.theirs) for c in conflicted.conflicts] == [
        ("**Last Updated:** 2025-01-03 · Facilitator: Cy\n", "**Last Updated:** 2025-01-02 · Facilitator: Ben\n")
    ]
