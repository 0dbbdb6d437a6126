"""git steps with a real git in temporary repositories; no mocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrotui.git import GitError, commit_file, current_branch, repository_root
from tests.conftest import git


def test_commit_only_that_file(repo: Path) -> None:
    retro = repo / "RETRO.md"
    other = repo / "other.txt"
    retro.write_text("# R\n", encoding="utf-8")
    other.write_text("x\n", encoding="utf-8")
    git(repo, "add", "other.txt")
    result = commit_file(retro, "retro: first")
    assert result.summary == "retro: first"
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["RETRO.md"]
    assert "other.txt" in git(repo, "diff", "--cached", "--name-only")


def test_branch_and_root(repo: Path) -> None:
    path = repo / "RETRO.md"
    assert current_branch(path) == "main"
    assert repository_root(path) == repo.resolve()


def test_nothing_to_commit(repo: Path) -> None:
    retro = repo / "RETRO.md"
    retro.write_text("# R\n", encoding="utf-8")
    commit_file(retro, "one")
    with pytest.raises(GitError, match="nothing to commit"):
        commit_file(retro, "two")


def test_not_a_repository(tmp_path: Path) -> None:
    path = tmp_path / "RETRO.md"
    path.write_text("# R\n", encoding="utf-8")
    assert current_branch(path) is None
    with pytest.raises(GitError, match="not in a git repository"):
        commit_file(path, "msg")


def test_failing_hook_is_reported(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'retro lint: missing owner' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    retro = repo / "RETRO.md"
    retro.write_text("# R\n", encoding="utf-8")
    with pytest.raises(GitError, match="git commit failed: retro lint: missing owner"):
        commit_file(retro, "msg")


def test_git_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "RETRO.md"
    path.write_text("# R\n", encoding="utf-8")
    with pytest.raises(GitError, match="git is not installed"):
        commit_file(path, "msg")


def test_message_with_shell_characters_is_taken_literally(repo: Path) -> None:
    retro = repo / "RETRO.md"
    retro.write_text("# R\n", encoding="utf-8")
    message = "retro: $(touch pwned) `id` ; rm -rf / && echo 'x'"
    commit_file(retro, message)
    assert git(repo, "log", "-1", "--format=%B").strip() == message
    assert not (repo / "pwned").exists()


def test_outside_a_repository_the_message_names_the_folder_not_a_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrotui.git import GitError, changes_to_commit

    (tmp_path / "RETRO.md").write_text("# R\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GitError) as raised:
        changes_to_commit(Path("RETRO.md"))
    assert str(raised.value).startswith(f"{tmp_path.resolve()} is not in a git repository")
