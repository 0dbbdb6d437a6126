"""The few git operations retrotui needs, run as argument lists (never a shell)."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from retrotui.safe_text import visible


class GitError(Exception):
    """A git step failed; the message is short enough for a notification."""


@dataclass(frozen=True, slots=True)
class CommitResult:
    commit: str
    summary: str
    detached: bool = False  # made on no branch: lost from sight once another is checked out


GIT_TIMEOUT = 120  # seconds: a pull or push over a slow network, a slow hook


def _run(args: list[str], cwd: Path, input_text: str = "") -> subprocess.CompletedProcess[str]:
    """git with ``args`` in ``cwd``; a ``GitError`` when it cannot start or takes too long.

    git and its hooks run in a session of their own, without the editor's
    terminal: a hook or an ssh prompt that reads or writes ``/dev/tty``
    would take the keys typed into the editor and draw over its screen, and
    one waiting on its input would hang until the timeout.  Without the
    terminal (and with stdin empty) it fails at once and says why.
    """
    env = dict(os.environ, LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    try:
        process = subprocess.Popen(
            ["git", *args],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            errors="surrogateescape",  # a path's or a hook's bytes that are not UTF-8 kept, as os.fsdecode does
            env=env,
            start_new_session=True,
        )
    except FileNotFoundError:
        if not cwd.is_dir():
            raise GitError(f"{cwd}: no such folder") from None
        raise GitError("git is not installed (no 'git' command on PATH)") from None
    except NotADirectoryError:
        raise GitError(f"{cwd}: not a folder") from None
    except OSError as error:
        raise GitError(f"git cannot be run in {cwd}: {error.strerror or error}") from None
    with process:
        try:
            stdout, stderr = process.communicate(input_text, timeout=GIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise GitError(f"git {args[0]} took too long and was stopped") from None
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _stop(process: subprocess.Popen[str]) -> None:
    """End git and everything it started (a hook, ssh): asked first, so git removes its lock files
    (killed outright, it left ``index.lock`` behind and every later commit failed on it)."""
    import signal

    for sign in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sign)
        except ProcessLookupError:
            return
        try:
            process.communicate(timeout=5)
            return
        except subprocess.TimeoutExpired:
            continue  # a hook that left the group may hold the pipes: closing them is left to Popen


def _literal(name: str) -> str:
    """A pathspec that means the file ``name`` and nothing else: ``*``, ``?``, ``[`` and a leading
    ``:(…)`` in a file name are globs and magic to git otherwise (``:(exclude)x.md`` committed every
    other staged file, ``r*.md`` staged the user's edits of ``rx.md``)."""
    return f":(literal){name}"


def repository_root(path: Path) -> Path | None:
    """The top folder of the repository holding ``path``, or None."""
    try:
        result = _run(["rev-parse", "--show-toplevel"], _work_folder(path))
    except GitError:
        return None
    return Path(result.stdout.strip()) if result.returncode == 0 else None


_NOT_COMMITTED = "the file is saved but not committed"

# What a half-done operation leaves in the git folder, and how the user finishes or undoes it.
_UNFINISHED = (
    ("MERGE_HEAD", "a merge", "git commit", "git merge --abort"),
    ("rebase-merge", "a rebase", "git rebase --continue", "git rebase --abort"),
    ("rebase-apply", "a rebase or git am", "git rebase/am --continue", "git rebase/am --abort"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --continue", "git cherry-pick --abort"),
    ("REVERT_HEAD", "a revert", "git revert --continue", "git revert --abort"),
)


def _work_folder(path: Path) -> Path:
    """The folder git runs in for ``path``: the real one, so a file opened through a symbolic link is
    the file it names (git would otherwise see the link, or no repository at all)."""
    return Path(os.path.realpath(path)).parent


def _top_folder(folder: Path) -> Path:
    """The repository's top folder, or a ``GitError``: no repository, or one git cannot read (and why)."""
    probe = _run(["rev-parse", "--show-toplevel"], folder)
    if probe.returncode == 0:
        return Path(probe.stdout.strip())
    if "not a git repository" in probe.stderr.lower():
        raise GitError(f"{folder} is not in a git repository")
    raise GitError(f"git cannot read the repository at {folder}: {_first_line(probe.stderr)}")


def unfinished_operation(folder: Path) -> str | None:
    """What half-done merge, rebase, cherry-pick or revert the repository holds, as advice; or None.

    A commit made then would land in it (a merge refuses it, a rebase takes it
    into the commits it replays), and a sync's ``rebase --abort`` would undo
    the user's own rebase, their saved text with it.
    """
    result = _run(["rev-parse", *(arg for entry in _UNFINISHED for arg in ("--git-path", entry[0]))], folder)
    if result.returncode != 0:
        return None
    for (_, what, finish, undo), found in zip(_UNFINISHED, result.stdout.splitlines(), strict=False):
        if (folder / found).exists():
            return f"{what} is in progress in this repository: finish it ({finish}) or undo it ({undo}) first"
    return None


def _ready_to_commit(path: Path) -> Path:
    """The folder to run git in for ``path``, once it is in a repository with nothing half done,
    and git does not ignore the file."""
    folder = _work_folder(path)
    try:
        _top_folder(folder)
    except GitError as error:
        raise GitError(f"{error}; {_NOT_COMMITTED}") from None
    unfinished = unfinished_operation(folder)
    if unfinished is not None:
        raise GitError(f"{unfinished}; {_NOT_COMMITTED}")
    rule = _ignoring_rule(folder, Path(os.path.realpath(path)).name)
    if rule is not None:
        raise GitError(f"{path.name} is ignored by git ({rule}); {_NOT_COMMITTED}")
    return folder


def _ignoring_rule(folder: Path, name: str) -> str | None:
    """The .gitignore rule that keeps the untracked file ``name`` out of git (``source:line:pattern``).

    ``git status`` shows nothing for such a file, so it read as "the same as in the last commit".
    """
    result = _run(["check-ignore", "--verbose", "--", name], folder)
    if result.returncode != 0:
        return None
    return result.stdout.partition("\t")[0]


def current_branch(path: Path) -> str | None:
    """The branch checked out where ``path`` is (``detached at <commit>`` on no branch), or None."""
    folder = _work_folder(path)
    try:
        result = _run(["rev-parse", "--abbrev-ref", "HEAD"], folder)
        if result.returncode != 0:
            # A repository with no commit yet has a branch but no HEAD to resolve.
            fallback = _run(["symbolic-ref", "--short", "HEAD"], folder)
            return fallback.stdout.strip() or None if fallback.returncode == 0 else None
        branch = result.stdout.strip()
        if branch == "HEAD":
            commit = _run(["rev-parse", "--short", "HEAD"], folder).stdout.strip()
            return f"detached at {commit}"
    except GitError:
        return None
    return branch or None


def commit_file(path: Path, message: str) -> CommitResult:
    """``git add`` this one file and commit only it, with ``message``.

    Whatever else the user staged stays staged and out of the commit.
    """
    if not message.strip():
        raise GitError("the commit message is empty")
    folder = _ready_to_commit(path)
    name = _literal(Path(os.path.realpath(path)).name)
    added = _run(["add", "--", name], folder)
    if added.returncode != 0:
        raise GitError(f"git add failed: {_commit_reason(added.stderr)}")
    staged = _run(["diff", "--cached", "--quiet", "--", name], folder)
    if staged.returncode == 0:
        raise GitError(f"nothing to commit: {path.name} is the same as in the last commit")
    # The message may quote the file (a retro's title): ``git log`` would print its control characters raw.
    message = visible(message, keep_newlines=True)
    committed = _run(["commit", "--quiet", "--file", "-", "--", name], folder, input_text=message)
    if committed.returncode != 0:
        raise GitError(f"git commit failed: {_commit_reason(committed.stderr or committed.stdout)}")
    head = _run(["log", "-1", "--format=%h%x00%s"], folder)
    commit, _, summary = head.stdout.strip().partition("\x00")
    on_branch = _run(["symbolic-ref", "--quiet", "HEAD"], folder).returncode == 0
    return CommitResult(commit, summary, detached=not on_branch)


def _commit_reason(text: str) -> str:
    """Why git did not add or commit; for a held lock or a missing identity, what to do (git's own
    advice takes six to eight lines)."""
    held = re.search(r"Unable to create '(.+?\.lock)': File exists", text)
    if held is not None:
        return (
            f"another git is using this repository ({held.group(1)} exists): try again when it is done,"
            " or delete that file if no git is running"
        )
    if "Please tell me who you are" in text:
        return (
            'git does not know who you are: run git config --global user.name "Your Name"'
            " and git config --global user.email you@example.com"
        )
    return _first_line(text)


def changes_to_commit(path: Path) -> bool:
    """True when ``path`` differs from the last commit (or is not committed yet)."""
    folder = _ready_to_commit(path)
    status = _run(["status", "--porcelain", "--", _literal(Path(os.path.realpath(path)).name)], folder)
    if status.returncode != 0:
        raise GitError(f"git status failed: {_first_line(status.stderr)}")
    return bool(status.stdout.strip())


_MERGE_FILE_LABELS = ("-L", "ours", "-L", "base", "-L", "theirs")  # the driver's fallback marks them alike


def merge_file(ours: Path, base: Path, theirs: Path) -> int:
    """``git merge-file``: a line merge into ``ours``, conflicts marked ``ours``/``theirs``; how many."""
    files = [os.path.abspath(path) for path in (ours, base, theirs)]
    result = _run(["merge-file", *_MERGE_FILE_LABELS, "--", *files], Path(files[0]).parent)
    if result.returncode < 0 or result.returncode > 127:
        raise GitError(f"git merge-file failed: {_first_line(result.stderr)}")
    return result.returncode


def _first_line(text: str) -> str:
    """git's first line that says something (its ``hint:`` lines never say what went wrong), cut to
    a notification's length: a hook may print anything, a 100 kB line filled the screen."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("hint:")]
    if not lines:
        return "no message from git"
    first = lines[0] if len(lines[0]) <= _LONGEST_LINE else f"{lines[0][: _LONGEST_LINE - 1]}…"
    return first if len(lines) == 1 else f"{first} (+{len(lines) - 1} more lines)"


_LONGEST_LINE = 200


DRIVER_NAME = "retrotui"
DRIVER_ARGS = "merge-driver %O %A %B"
# git runs the driver through the shell, and takes any exit but 0 for a conflict, leaving in the file what
# the driver left there.  A driver that did not merge at all (retrotui uninstalled, its environment moved or
# deleted, or it failed before writing) left ours alone, with no markers: theirs' edits out of sight, one
# ``git add`` away from lost.  So when it fails and ours is as it was, git's own line merge runs instead,
# with markers where the two sides meet.
DRIVER_BEFORE = "a=$(cksum < %A);"
DRIVER_FALLBACK = (
    '|| { s=$?; [ "$(cksum < %A)" = "$a" ] || exit "$s"; '
    'echo "retrotui: the merge driver did not merge (exit $s); merged line by line instead (git merge-file)" >&2; '
    f"git merge-file {' '.join(_MERGE_FILE_LABELS)} %A %O %B; }}"
)


def _driver_for(runner: str) -> str:
    """The driver command git runs, ``runner`` being how retrotui is started."""
    return f"{DRIVER_BEFORE} {runner} {DRIVER_ARGS} {DRIVER_FALLBACK}"


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
        return DriverCommand(_driver_for("retrotui"), None)
    return DriverCommand(
        _driver_for(f"{shlex.quote(sys.executable)} -m retrotui"),
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
    top = _top_folder(_work_folder(path))
    changes: list[str] = []
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    if merge_attribute(path, top) != DRIVER_NAME:
        attributes = top / ".gitattributes"
        line = f"{attribute_pattern(relative)} merge={DRIVER_NAME}"
        _append_line(attributes, line)
        changes.append(f"{attributes}: added '{line}'")
        given = merge_attribute(path, top)
        if given != DRIVER_NAME:
            found = "no merge attribute" if given is None else f"merge={given}"
            raise GitError(
                f"git still gives {relative} {found} after '{line}' was added to {attributes}: a .gitattributes"
                " in a folder nearer the file, or .git/info/attributes, says otherwise"
            )
    driver = driver_command()
    wanted = {
        f"merge.{DRIVER_NAME}.name": "retrotui structural merge of retrospective files",
        f"merge.{DRIVER_NAME}.driver": driver.command,
    }
    for key, value in wanted.items():
        current = _run(["config", "--local", "--get-all", key], top)
        if current.returncode == 0 and current.stdout.splitlines() == [value]:
            continue
        # --replace-all: a key set twice (by hand, or --add) made a plain set fail on "multiple values".
        result = _run(["config", "--local", "--replace-all", key, value], top)
        if result.returncode != 0:
            raise GitError(f"git config {key} failed: {_first_line(result.stderr)}")
        changes.append(f"git config {key} = {value}")
    return changes, driver.warning


def _append_line(attributes: Path, line: str) -> None:
    """``line`` at the end of ``attributes`` (made if missing), on a line of its own.

    Only bytes are handled: the file may hold any (a comment in Latin-1), and
    so may the line (a file name that is not UTF-8, kept as its own bytes).
    A link is refused, never followed: git reads no .gitattributes that is
    one, and a cloned repository's could name any file of the user's.
    """
    try:
        fd = os.open(attributes, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        if attributes.is_symlink():
            raise GitError(
                f"{attributes} is a symbolic link, which git does not read: replace it with a file,"
                " then run git-setup again"
            ) from None
        raise GitError(f"{attributes}: cannot add '{line}' ({error.strerror or error})") from None
    with os.fdopen(fd, "rb+") as handle:
        try:
            size = handle.seek(0, os.SEEK_END)
            last = b"\n"  # an empty file needs no line break first
            if size > 0:
                handle.seek(size - 1)
                last = handle.read(1)
            handle.write((b"" if last == b"\n" else b"\n") + os.fsencode(line) + b"\n")
        except OSError as error:
            raise GitError(f"{attributes}: cannot add '{line}' ({error.strerror or error})") from None


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
    try:
        top = _top_folder(_work_folder(path))
    except GitError as error:
        return DriverCheck(False, [str(error)])
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
    if DRIVER_FALLBACK not in command:
        lines.append(
            "note: the driver has no line merge to fall back on: should it ever fail to run (retrotui uninstalled,"
            " its environment moved), git would keep your side alone, with no markers; run git-setup again"
        )
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
    # The command that runs the driver: the words before ``merge-driver``, after the shell command before it.
    runner = words[: words.index("merge-driver")] if "merge-driver" in words else words[:1]
    after = [n for n, word in enumerate(runner) if word.endswith((";", "&&", "||"))]
    probe = runner[after[-1] + 1 :] if after else runner
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
    """A remote to pull from: one configured, or an upstream branch of this repository's own (remote ``.``)."""
    folder = _work_folder(path)
    result = _run(["remote"], folder)
    if result.returncode == 0 and result.stdout.strip():
        return True
    return _run(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"], folder).returncode == 0


def pull_rebase(path: Path) -> str:
    """``git pull --rebase`` (the merge driver merges the retro file); a short summary.

    A pull that fails half way is undone (``rebase --abort``), which puts back
    the commit and the file as they were; a rebase the user had begun is never
    touched: the pull is not started then.
    """
    folder = _work_folder(path)
    if not has_remote(path):
        raise GitError("no remote to pull from; the commit stays local")
    unfinished = unfinished_operation(folder)
    if unfinished is not None:
        raise GitError(f"not pulled: {unfinished}; your commit is kept")
    result = _run(["pull", "--rebase", "--quiet"], folder)
    if result.returncode == 0:
        return "pulled"
    if unfinished_operation(folder) is None:
        raise GitError(f"git pull failed: {_first_line(result.stderr or result.stdout)}; your commit is kept")
    # The rebase stopped on a conflict: what the merge driver or git said of it, then the rebase undone.
    lines = f"{result.stderr}\n{result.stdout}".splitlines()
    driver_said = [
        line.removeprefix("retrotui: conflict: ") for line in lines if line.startswith("retrotui: conflict:")
    ]
    conflicts = driver_said or [line for line in lines if line.startswith("CONFLICT")]
    said = "\n".join(conflicts or lines)
    reason = (
        f"git pull stopped on a conflict: {_first_line(said)}"
        if conflicts
        else f"git pull stopped: {_first_line(said)}"
    )
    undone = _run(["rebase", "--abort"], folder)
    if undone.returncode != 0:
        raise GitError(f"{reason}; undoing it failed too ({_first_line(undone.stderr)}): run git status")
    raise GitError(f"{reason}; the pull was undone and your commit is kept: pull by hand to resolve it")


def push(path: Path) -> str:
    folder = _work_folder(path)
    if not has_remote(path):
        raise GitError("no remote to push to; the commit stays local")
    result = _run(["push", "--quiet"], folder)
    if result.returncode != 0:
        raise GitError(f"git push failed: {_push_reason(result.stderr or result.stdout)}; your commit is kept")
    return "pushed"


def _push_reason(text: str) -> str:
    """Why a push was refused: not the ``To <remote>`` line git prints first for a rejected ref."""
    return _first_line("\n".join(line for line in text.splitlines() if not line.startswith("To ")))
