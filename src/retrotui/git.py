"""The few git operations retrotui needs, run as argument lists (never a shell)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """A git step failed; the message is short enough for a notification."""


@dataclass(frozen=True, slots=True)
class CommitResult:
    commit: str
    summary: str


def _run(args: list[str], cwd: Path, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=input_text,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (no 'git' command on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took too long and was stopped") from None


def repository_root(path: Path) -> Path | None:
    """The top folder of the repository holding ``path``, or None."""
    try:
        result = _run(["rev-parse", "--show-toplevel"], path.parent)
    except GitError:
        return None
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def current_branch(path: Path) -> str | None:
    try:
        result = _run(["rev-parse", "--abbrev-ref", "HEAD"], path.parent)
    except GitError:
        return None
    if result.returncode != 0:
        # A repository with no commit yet has a branch but no HEAD to resolve.
        fallback = _run(["symbolic-ref", "--short", "HEAD"], path.parent)
        return fallback.stdout.strip() or None if fallback.returncode == 0 else None
    return result.stdout.strip() or None


def commit_file(path: Path, message: str) -> CommitResult:
    """``git add`` this one file and commit only it, with ``message``."""
    if not message.strip():
        raise GitError("the commit message is empty")
    folder = path.parent
    probe = _run(["rev-parse", "--show-toplevel"], folder)
    if probe.returncode != 0:
        raise GitError(f"{folder} is not in a git repository; the file is saved but not committed")
    name = path.name
    added = _run(["add", "--", name], folder)
    if added.returncode != 0:
        raise GitError(f"git add failed: {_first_line(added.stderr)}")
    staged = _run(["diff", "--cached", "--quiet", "--", name], folder)
    if staged.returncode == 0:
        raise GitError(f"nothing to commit: {name} is the same as in the last commit")
    committed = _run(["commit", "--quiet", "--file", "-", "--", name], folder, input_text=message)
    if committed.returncode != 0:
        raise GitError(f"git commit failed: {_first_line(committed.stderr or committed.stdout)}")
    head = _run(["log", "-1", "--format=%h%x00%s"], folder)
    commit, _, summary = head.stdout.strip().partition("\x00")
    return CommitResult(commit, summary)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "no message from git"
    return lines[0] if len(lines) == 1 else f"{lines[0]} (+{len(lines) - 1} more lines)"
