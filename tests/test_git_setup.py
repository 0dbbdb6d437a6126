"""git-setup for the whole team: any file name, no machine-specific path, and a check a teammate can run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import retrotui
from retrotui.git import DRIVER_BEFORE, DRIVER_FALLBACK, attribute_pattern
from tests.conftest import SAMPLES, git, init_repo

BIN = Path(sys.executable).parent
SCRIPT = BIN / "retrotui"
SCRIPT_PYTHON = SCRIPT.read_text(encoding="utf-8").splitlines()[0].removeprefix("#!")  # the Python the command runs
SAMPLE = (SAMPLES / "volcano-retrospective.md").read_bytes()
WITH_RETROTUI = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
WITHOUT_RETROTUI = {**os.environ, "PATH": os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir())}


def driver(runner: str) -> str:
    """The driver command git-setup configures for ``runner``: with git's line merge after it, for when it
    did not merge (``retrotui.git.DRIVER_FALLBACK``)."""
    return f"{DRIVER_BEFORE} {runner} merge-driver %O %A %B {DRIVER_FALLBACK}"


def retrotui_cli(*args: str, cwd: Path, env: dict[str, str] = WITH_RETROTUI) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def add_row(path: Path, text: str) -> None:
    """Append one action row to the first retro's table: both branches append at the same place."""
    doc = retrotui.load(path)
    doc.retros[0].action_items.append(retrotui.ActionItem(item=text, owner="Ana", due="2025-11-01"))
    retrotui.dump(doc, path)


def merge_two_appends(repo: Path, name: str) -> subprocess.CompletedProcess[str]:
    """Two branches each append a row to the same table; git's line merge conflicts, the structural one does not."""
    path = repo / name
    git(repo, "checkout", "-qb", "team-a")
    add_row(path, "Team A's action")
    git(repo, "commit", "-qam", "team a")
    git(repo, "checkout", "-q", "main")
    add_row(path, "Team B's action")
    git(repo, "commit", "-qam", "team b")
    return subprocess.run(
        ["git", "merge", "--no-edit", "team-a"], cwd=repo, env=WITH_RETROTUI, capture_output=True, text=True
    )


NAMES = [
    "my retro.md",
    "#retro.md",
    "!neg.md",
    "star[1].md",
    "what?.md",
    "a*b.md",
    "back\\slash.md",
    'say "hi".md',
    "tab\there.md",
    "  leading spaces.md",
    "sub dir/#[retro] !.md",
]


@pytest.mark.parametrize("name", NAMES)
def test_any_file_name_is_merged_through_the_driver(name: str, tmp_path: Path) -> None:
    repo = init_repo(tmp_path)
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SAMPLE)
    setup = retrotui_cli("git-setup", name, cwd=repo)
    assert setup.returncode == 0 and setup.stderr == "", setup.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "seed")

    attribute = git(repo, "check-attr", "-z", "merge", "--", name).split("\0")
    assert attribute[1:3] == ["merge", "retrotui"]
    merged = merge_two_appends(repo, name)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    items = [a.item for a in retrotui.load(path).retros[0].action_items]
    assert items[-2:] == ["Team B's action", "Team A's action"]
    assert git(repo, "status", "--porcelain") == ""


def test_without_the_driver_the_same_merge_conflicts(tmp_path: Path) -> None:
    """The control: git's own line merge cannot do what the driver did above."""
    repo = init_repo(tmp_path)
    (repo / "RETRO.md").write_bytes(SAMPLE)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "seed")
    assert merge_two_appends(repo, "RETRO.md").returncode == 1
    assert "<<<<<<<" in (repo / "RETRO.md").read_text(encoding="utf-8")


def test_an_escaped_pattern_matches_only_its_own_file(tmp_path: Path) -> None:
    repo = init_repo(tmp_path)
    for name in ("star[1].md", "star1.md", "a*b.md", "aXb.md", "what?.md", "whatX.md"):
        (repo / name).write_bytes(SAMPLE)
    for name in ("star[1].md", "a*b.md", "what?.md"):
        assert retrotui_cli("git-setup", name, cwd=repo).returncode == 0
    for name, wanted in (("star1.md", "unspecified"), ("aXb.md", "unspecified"), ("whatX.md", "unspecified")):
        assert git(repo, "check-attr", "-z", "merge", "--", name).split("\0")[2] == wanted
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == (
        "star\\[1].md merge=retrotui\na\\*b.md merge=retrotui\nwhat\\?.md merge=retrotui\n"
    )


def test_patterns_are_escaped_and_quoted_as_gitattributes_wants() -> None:
    assert attribute_pattern("RETRO.md") == "RETRO.md"
    assert attribute_pattern("docs/retro.md") == "docs/retro.md"
    assert attribute_pattern("#retro.md") == "\\#retro.md"
    assert attribute_pattern("!neg.md") == "\\!neg.md"
    assert attribute_pattern("sub/#x.md") == "sub/#x.md"
    assert attribute_pattern("my retro.md") == '"my retro.md"'
    assert attribute_pattern('my "[1]"\tretro\\.md') == '"my \\"\\\\[1]\\"\\tretro\\\\\\\\.md"'


def test_the_driver_is_the_retrotui_command_from_path(tmp_path: Path) -> None:
    repo = init_repo(tmp_path)
    (repo / "RETRO.md").write_bytes(SAMPLE)
    setup = retrotui_cli("git-setup", "RETRO.md", cwd=repo)
    assert setup.returncode == 0 and setup.stderr == ""
    assert git(repo, "config", "merge.retrotui.driver").strip() == driver("retrotui")
    assert str(BIN) not in (repo / ".git" / "config").read_text(encoding="utf-8")


def test_without_retrotui_on_path_it_falls_back_to_this_python_with_a_warning(tmp_path: Path) -> None:
    repo = init_repo(tmp_path)
    (repo / "RETRO.md").write_bytes(SAMPLE)
    setup = retrotui_cli("git-setup", "RETRO.md", cwd=repo, env=WITHOUT_RETROTUI)
    assert setup.returncode == 0
    assert git(repo, "config", "merge.retrotui.driver").strip() == driver(f"{SCRIPT_PYTHON} -m retrotui")
    assert setup.stderr == (
        f"retrotui: warning: no 'retrotui' command on PATH, so git will run {SCRIPT_PYTHON} -m retrotui: "
        "that works only on this machine, while this environment stays where it is; "
        "put retrotui on PATH and run git-setup again\n"
    )
    # Run again with retrotui on PATH: the driver becomes the portable command.
    again = retrotui_cli("git-setup", "RETRO.md", cwd=repo)
    assert again.stdout == f"git config merge.retrotui.driver = {driver('retrotui')}\n"


def shared_repo(tmp_path: Path) -> tuple[Path, Path]:
    """A repository whose .gitattributes is committed, and a teammate's fresh clone of it."""
    (tmp_path / "origin").mkdir()
    origin = init_repo(tmp_path / "origin")
    (origin / "RETRO.md").write_bytes(SAMPLE)
    assert retrotui_cli("git-setup", "RETRO.md", cwd=origin).returncode == 0
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "seed")
    git(tmp_path, "clone", "-q", str(origin), "teammate")
    return origin, tmp_path / "teammate"


def test_check_tells_a_teammate_what_to_do_then_says_yes(tmp_path: Path) -> None:
    _, clone = shared_repo(tmp_path)
    fresh = retrotui_cli("git-setup", "--check", "RETRO.md", cwd=clone)
    assert (fresh.returncode, fresh.stdout) == (1, "")
    assert fresh.stderr == (
        "RETRO.md: merge=retrotui is set, but merge.retrotui.driver is not configured in this clone"
        " (git config is not shared by cloning)\nrun: retrotui git-setup RETRO.md\n"
    )
    assert retrotui_cli("git-setup", "RETRO.md", cwd=clone).returncode == 0
    ready = retrotui_cli("git-setup", "--check", "RETRO.md", cwd=clone)
    assert (ready.returncode, ready.stderr) == (0, "")
    assert ready.stdout == f"RETRO.md: merged by retrotui (merge=retrotui; driver: {driver('retrotui')})\n"


def test_check_finds_a_missing_attribute_and_a_driver_that_cannot_run(tmp_path: Path) -> None:
    repo = init_repo(tmp_path)
    (repo / "RETRO.md").write_bytes(SAMPLE)
    (repo / "OTHER.md").write_bytes(SAMPLE)
    assert retrotui_cli("git-setup", "RETRO.md", cwd=repo).returncode == 0
    other = retrotui_cli("git-setup", "--check", "OTHER.md", cwd=repo)
    assert other.returncode == 1 and other.stderr == (
        "OTHER.md: git gives it no merge attribute, not merge=retrotui\n"
        "run: retrotui git-setup OTHER.md, then commit .gitattributes\n"
    )
    git(repo, "config", "merge.retrotui.driver", "/gone/venv/bin/python -m retrotui merge-driver %O %A %B")
    moved = retrotui_cli("git-setup", "--check", cwd=repo.joinpath("RETRO.md").parent)
    assert moved.returncode == 1 and moved.stderr == (
        "RETRO.md: merge.retrotui.driver is '/gone/venv/bin/python -m retrotui merge-driver %O %A %B',"
        " but '/gone/venv/bin/python' is not found (not on PATH, or moved)\nrun: retrotui git-setup RETRO.md\n"
    )
    git(repo, "config", "merge.retrotui.driver", "retrotui merge-driver %O %A %B")  # as git-setup had it before
    before = retrotui_cli("git-setup", "--check", "RETRO.md", cwd=repo)
    assert before.returncode == 0 and before.stdout.splitlines()[1:2] == [
        "note: the driver has no line merge to fall back on: should it ever fail to run (retrotui uninstalled,"
        " its environment moved), git would keep your side alone, with no markers; run git-setup again"
    ]
    git(repo, "config", "merge.retrotui.driver", driver("retrotui"))
    off_path = retrotui_cli("git-setup", "--check", "RETRO.md", cwd=repo, env=WITHOUT_RETROTUI)
    assert off_path.returncode == 1 and "'retrotui' is not found (not on PATH, or moved)" in off_path.stderr


@pytest.mark.parametrize(
    "gone",
    [
        "/gone/venv/bin/python -m retrotui",  # the environment it ran from is deleted or moved: the shell's 127
        f"{sys.executable} -m retrotui_uninstalled",  # the Python is there, retrotui no longer: exit 1
    ],
)
def test_a_driver_that_no_longer_runs_leaves_gits_line_merge_with_markers_not_ours_alone(
    gone: str, tmp_path: Path
) -> None:
    """git takes any exit of the driver but 0 for a conflict and keeps what the driver left in the file:
    a driver that could not run left ours alone, with no markers, and theirs' row out of sight."""
    repo = init_repo(tmp_path)
    (repo / "RETRO.md").write_bytes(SAMPLE)
    assert retrotui_cli("git-setup", "RETRO.md", cwd=repo).returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "seed")
    configured = git(repo, "config", "merge.retrotui.driver").strip()
    git(repo, "config", "merge.retrotui.driver", configured.replace(" retrotui merge-driver", f" {gone} merge-driver"))
    merged = merge_two_appends(repo, "RETRO.md")
    assert merged.returncode == 1
    text = (repo / "RETRO.md").read_text(encoding="utf-8")
    assert "<<<<<<< ours" in text and ">>>>>>> theirs" in text
    assert "Team A's action" in text and "Team B's action" in text
    assert "merged line by line instead (git merge-file)" in merged.stderr


def test_a_driver_that_merges_with_a_conflict_is_not_merged_again_by_lines(tmp_path: Path) -> None:
    """The line merge is only for a driver that did not merge: retrotui's own conflict stays as it wrote it."""
    repo = init_repo(tmp_path)
    (repo / "RETRO.md").write_bytes(SAMPLE)
    assert retrotui_cli("git-setup", "RETRO.md", cwd=repo).returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "seed")
    path = repo / "RETRO.md"
    for branch, owner in (("team-a", "Ana"), ("main", "Bo")):
        git(repo, "checkout", "-q", *(["-b"] if branch != "main" else []), branch)
        doc = retrotui.load(path)
        doc.retros[0].action_items[0].owner = owner
        retrotui.dump(doc, path)
        git(repo, "commit", "-qam", branch)
        if branch != "main":
            git(repo, "checkout", "-q", "main")
    merged = subprocess.run(
        ["git", "merge", "--no-edit", "team-a"], cwd=repo, env=WITH_RETROTUI, capture_output=True, text=True
    )
    assert merged.returncode == 1
    text = path.read_text(encoding="utf-8")
    assert text.count("<<<<<<<") == 1 and "line by line" not in merged.stderr
    assert "<<<<<<< ours (" in text  # retrotui's marker, naming the retro and the row


def test_check_notes_an_uncommitted_gitattributes(tmp_path: Path) -> None:
    repo = init_repo(tmp_path)
    (repo / "RETRO.md").write_bytes(SAMPLE)
    assert retrotui_cli("git-setup", "RETRO.md", cwd=repo).returncode == 0
    result = retrotui_cli("git-setup", "--check", "RETRO.md", cwd=repo)
    assert result.returncode == 0 and result.stdout.splitlines()[1] == (
        "note: .gitattributes has changes not committed yet: teammates get them once you commit and push"
    )


def test_check_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "RETRO.md").write_bytes(SAMPLE)
    result = retrotui_cli("git-setup", "--check", "RETRO.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, f"{tmp_path} is not in a git repository\n")
