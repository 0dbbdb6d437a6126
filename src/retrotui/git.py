"""The few git operations retrotui needs, run as argument lists (never a shell)."""

from __future__ import annotations

import os
import re
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
        raise GitError(f"{folder.resolve()} is not in a git repository; the file is saved but not committed")
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


def changes_to_commit(path: Path) -> bool:
    """True when ``path`` differs from the last commit (or is not committed yet)."""
    folder = path.parent
    probe = _run(["rev-parse", "--show-toplevel"], folder)
    if probe.returncode != 0:
        raise GitError(f"{folder.resolve()} is not in a git repository; the file is saved but not committed")
    status = _run(["status", "--porcelain", "--", path.name], folder)
    if status.returncode != 0:
        raise GitError(f"git status failed: {_first_line(status.stderr)}")
    return bool(status.stdout.strip())


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "no message from git"
    return lines[0] if len(lines) == 1 else f"{lines[0]} (+{len(lines) - 1} more lines)"


DRIVER_NAME = "retrotui"
DRIVER_ARGS = "merge-driver %O %A %B"


@dataclass(frozen=True, slots=True)
class DriverCommand:
    command: str
    warning: str | None  # set when the command only works on this machine


def driver_command() -> DriverCommand:
    """What git runs to merge: ``retrotui`` from PATH, the same on every teammate's machine.

    Without ``retrotui`` on PATH, this Python's absolute path, with a warning:
    it breaks when this environment moves and means nothing on another machine.
    """
    import shlex
    import shutil
    import sys

    if shutil.which("retrotui") is not None:
        return DriverCommand(f"retrotui {DRIVER_ARGS}", None)
    command = f"{shlex.quote(sys.executable)} -m retrotui {DRIVER_ARGS}"
    return DriverCommand(
        command,
        f"no 'retrotui' command on PATH, so git will run {sys.executable} -m retrotui: that works only on this"
        " machine, while this environment stays where it is; put retrotui on PATH and run git-setup again",
    )


_GLOB_SPECIAL = re.compile(r"([\\*?\[])")
_NEEDS_QUOTES = re.compile(r'[\s"\x00-\x1f\x7f]')


def attribute_pattern(relative: str) -> str:
    r"""A path as a .gitattributes pattern that matches exactly that path.

    Patterns follow .gitignore's rules: ``\``, ``*``, ``?`` and ``[`` are
    escaped with a backslash, and a leading ``#`` (a comment) or ``!`` (a
    negative pattern, which .gitattributes ignores) too.  A pattern with a
    space, a quote or a control character is written in C-style quotes,
    which git (2.x) unquotes before matching.
    """
    pattern = _GLOB_SPECIAL.sub(r"\\\1", relative)
    if pattern.startswith(("#", "!")):
        pattern = "\\" + pattern
    if not _NEEDS_QUOTES.search(pattern):
        return pattern
    escapes = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
    quoted = "".join(
        escapes.get(char, f"\\{ord(char):03o}" if ord(char) < 0x20 or ord(char) == 0x7F else char) for char in pattern
    )
    return f'"{quoted}"'


def merge_attribute(path: Path, top: Path) -> str | None:
    """The ``merge`` attribute git gives ``path`` (None when unspecified)."""
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    result = _run(["check-attr", "-z", "merge", "--", relative], top)
    if result.returncode != 0:
        raise GitError(f"git check-attr failed: {_first_line(result.stderr)}")
    fields = result.stdout.split("\0")
    value = fields[2] if len(fields) >= 3 else "unspecified"
    return None if value in ("unspecified", "unset") else value


def setup_merge_driver(path: Path) -> tuple[list[str], str | None]:
    """Make git merge ``path`` with retrotui: a .gitattributes line and the driver config.

    Idempotent; returns what it changed, one line each, and a warning when
    the driver command only works on this machine.
    """
    top = repository_root(path)
    if top is None:
        raise GitError(f"{path.parent.resolve()} is not in a git repository")
    changes: list[str] = []
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    if merge_attribute(path, top) != DRIVER_NAME:
        attributes = top / ".gitattributes"
        line = f"{attribute_pattern(relative)} merge={DRIVER_NAME}"
        existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
        prefix = "" if not existing or existing.endswith("\n") else "\n"
        with attributes.open("a", encoding="utf-8") as handle:
            handle.write(f"{prefix}{line}\n")
        changes.append(f"{attributes}: added '{line}'")
        if merge_attribute(path, top) != DRIVER_NAME:
            raise GitError(f"git still does not give {relative} merge={DRIVER_NAME}; check {attributes}")
    driver = driver_command()
    wanted = {
        f"merge.{DRIVER_NAME}.name": "retrotui structural merge of retrospective files",
        f"merge.{DRIVER_NAME}.driver": driver.command,
    }
    for key, value in wanted.items():
        current = _run(["config", "--local", "--get", key], top)
        if current.returncode == 0 and current.stdout.strip() == value:
            continue
        result = _run(["config", "--local", key, value], top)
        if result.returncode != 0:
            raise GitError(f"git config {key} failed: {_first_line(result.stderr)}")
        changes.append(f"git config {key} = {value}")
    return changes, driver.warning


@dataclass(frozen=True, slots=True)
class DriverCheck:
    ok: bool
    lines: list[str]  # what was found, then what to do


def check_merge_driver(path: Path) -> DriverCheck:
    """Will a ``git merge`` in this clone merge ``path`` through retrotui?

    Three things must hold: the attributes give the path ``merge=retrotui``,
    ``merge.retrotui.driver`` is configured (git config is not cloned: every
    teammate runs git-setup once), and the command it names runs.
    """
    top = repository_root(path)
    if top is None:
        return DriverCheck(False, [f"{path.parent.resolve()} is not in a git repository"])
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    fix = f"run: retrotui git-setup {relative}"
    attribute = merge_attribute(path, top)
    if attribute != DRIVER_NAME:
        found = "no merge attribute" if attribute is None else f"merge={attribute}"
        return DriverCheck(
            False, [f"{relative}: git gives it {found}, not merge={DRIVER_NAME}", f"{fix}, then commit .gitattributes"]
        )
    configured = _run(["config", "--get", f"merge.{DRIVER_NAME}.driver"], top)
    command = configured.stdout.strip()
    if configured.returncode != 0 or not command:
        return DriverCheck(
            False,
            [
                f"{relative}: merge={DRIVER_NAME} is set, but merge.{DRIVER_NAME}.driver is not configured"
                " in this clone (git config is not shared by cloning)",
                fix,
            ],
        )
    problem = _command_problem(command)
    if problem is not None:
        return DriverCheck(False, [f"{relative}: merge.{DRIVER_NAME}.driver is '{command}', but {problem}", fix])
    lines = [f"{relative}: merged by retrotui (merge={DRIVER_NAME}; driver: {command})"]
    pending = _run(["status", "--porcelain", "--", ".gitattributes"], top)
    if pending.returncode == 0 and pending.stdout.strip():
        lines.append("note: .gitattributes has changes not committed yet: teammates get them once you commit and push")
    return DriverCheck(True, lines)


def _command_problem(command: str) -> str | None:
    """Why the driver command cannot run here, or None: it is run with ``--version`` to find out."""
    import shlex

    try:
        words = shlex.split(command)
    except ValueError as error:
        return f"it cannot be read ({error})"
    if not words:
        return "it is empty"
    probe = words[: words.index("merge-driver")] if "merge-driver" in words else words[:1]
    if not probe:
        return "it names no command"
    try:
        result = subprocess.run(
            [*probe, "--version"], capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        return f"'{probe[0]}' is not found (not on PATH, or moved)"
    except PermissionError:
        return f"'{probe[0]}' cannot be run (permission denied)"
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"'{probe[0]}' cannot be run ({error})"
    if result.returncode != 0:
        return f"'{' '.join(probe)} --version' fails: {_first_line(result.stderr or result.stdout)}"
    return None


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
