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


DRIVER_NAME = "retrotui"


def driver_command() -> str:
    """The command git runs to merge; this Python, so it works without retrotui on PATH."""
    import shlex
    import sys

    return f"{shlex.quote(sys.executable)} -m retrotui merge-driver %O %A %B"


def setup_merge_driver(path: Path) -> list[str]:
    """Make git merge ``path`` with retrotui: a .gitattributes line and the driver config.

    Idempotent; returns what it changed, one line each.
    """
    top = repository_root(path)
    if top is None:
        raise GitError(f"{path.parent} is not in a git repository")
    changes: list[str] = []
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    attributes = top / ".gitattributes"
    line = f"{relative} merge={DRIVER_NAME}"
    existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    if line not in existing.splitlines():
        prefix = "" if not existing or existing.endswith("\n") else "\n"
        with attributes.open("a", encoding="utf-8") as handle:
            handle.write(f"{prefix}{line}\n")
        changes.append(f"{attributes}: added '{line}'")
    wanted = {
        f"merge.{DRIVER_NAME}.name": "retrotui structural merge of retrospective files",
        f"merge.{DRIVER_NAME}.driver": driver_command(),
    }
    for key, value in wanted.items():
        current = _run(["config", "--local", "--get", key], top)
        if current.returncode == 0 and current.stdout.strip() == value:
            continue
        result = _run(["config", "--local", key, value], top)
        if result.returncode != 0:
            raise GitError(f"git config {key} failed: {_first_line(result.stderr)}")
        changes.append(f"git config {key} = {value}")
    return changes


def has_remote(path: Path) -> bool:
    result = _run(["remote"], path.parent)
    return result.returncode == 0 and bool(result.stdout.strip())


def pull_rebase(path: Path) -> str:
    """``git pull --rebase`` (the merge driver merges the retro file); a short summary."""
    folder = path.parent
    if not has_remote(path):
        raise GitError("no remote to pull from; the commit stays local")
    result = _run(["pull", "--rebase", "--quiet"], folder)
    if result.returncode != 0:
        _run(["rebase", "--abort"], folder)
        raise GitError(f"git pull failed: {_first_line(result.stderr or result.stdout)}; your commit is kept")
    return "pulled"


def push(path: Path) -> str:
    folder = path.parent
    if not has_remote(path):
        raise GitError("no remote to push to; the commit stays local")
    result = _run(["push", "--quiet"], folder)
    if result.returncode != 0:
        raise GitError(f"git push failed: {_first_line(result.stderr or result.stdout)}; your commit is kept")
    return "pushed"
