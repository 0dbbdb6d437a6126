"""git under hostile conditions: half-done merges and rebases, odd names, links, hooks, remotes; real git, no mocks."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from retrotui.cli import main
from retrotui.git import GitError, changes_to_commit, commit_file
from retrotui.workflow import Notice, commit_and_sync
from tests.conftest import git, init_repo

RETRO = "# Retro\n\n## Sprint 1\n\n### Went well\n\n- a\n"


def committed(folder: Path, name: str = "R.md", text: str = RETRO) -> Path:
    """A new repository holding ``name`` with ``text``, committed as "start"."""
    folder.mkdir(exist_ok=True)
    init_repo(folder)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    git(folder, "add", "--", name)
    git(folder, "commit", "-qm", "start")
    return path


def install_hook(repo: Path, name: str, script: str | bytes) -> Path:
    """An executable git hook ``name`` in ``repo`` (bytes for a script that is not UTF-8); its path."""
    hook = repo / ".git" / "hooks" / name
    if isinstance(script, bytes):
        hook.write_bytes(script)
    else:
        hook.write_text(script, encoding="utf-8")
    hook.chmod(0o755)
    return hook


def rebase_in_progress(repo: Path) -> bool:
    return (repo / ".git" / "rebase-merge").exists() or (repo / ".git" / "rebase-apply").exists()


def diverged(repo: Path, branch: str) -> None:
    """``branch`` and main each changed ``o.txt`` their own way since they parted; main is checked out."""
    (repo / "o.txt").write_text("1\n", encoding="utf-8")
    git(repo, "add", "o.txt")
    git(repo, "commit", "-qm", "o")
    git(repo, "checkout", "-qb", branch)
    (repo / "o.txt").write_text(f"{branch}\n", encoding="utf-8")
    git(repo, "commit", "-qam", branch)
    git(repo, "checkout", "-q", "main")
    (repo / "o.txt").write_text("main\n", encoding="utf-8")
    git(repo, "commit", "-qam", "main")


def stopped_rebase(repo: Path) -> None:
    """A rebase of branch ``feat`` onto main, stopped on a conflict in ``o.txt``."""
    diverged(repo, "feat")
    git(repo, "checkout", "-q", "feat")
    subprocess.run(["git", "rebase", "main"], cwd=repo, capture_output=True, check=False)
    assert rebase_in_progress(repo)


# -- unfinished merges and rebases ------------------------------------------------------------------


def test_save_and_sync_during_the_users_own_rebase_leaves_the_rebase_and_the_saved_text(tmp_path: Path) -> None:
    upstream = committed(tmp_path / "up").parent
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    init_repo(clone)
    stopped_rebase(clone)
    before = git(clone, "rev-parse", "HEAD")
    path = clone / "R.md"
    path.write_text(RETRO + "- saved during the rebase\n", encoding="utf-8")
    notices: list[Notice] = []
    commit_and_sync(path, "retro", "pull", notices.append)
    assert path.read_text(encoding="utf-8") == RETRO + "- saved during the rebase\n"
    assert rebase_in_progress(clone)  # the user's rebase is theirs to finish, never aborted for them
    assert git(clone, "rev-parse", "HEAD") == before
    assert [notice.title for notice in notices] == ["Not committed"]
    assert "a rebase is in progress" in notices[0].message
    assert "git rebase --continue" in notices[0].message


def test_a_merge_in_progress_is_said_before_a_message_is_asked_for_and_nothing_is_staged(tmp_path: Path) -> None:
    path = committed(tmp_path)
    diverged(tmp_path, "side")
    subprocess.run(["git", "merge", "side"], cwd=tmp_path, capture_output=True, check=False)
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    with pytest.raises(GitError, match=r"a merge is in progress .*git merge --abort"):
        changes_to_commit(path)
    with pytest.raises(GitError, match="a merge is in progress"):
        commit_file(path, "retro")
    assert git(tmp_path, "status", "--porcelain", "--", "R.md") == " M R.md\n"  # not staged for the user's merge


# -- names --------------------------------------------------------------------------------------------


def test_a_file_name_that_reads_as_pathspec_magic_commits_only_that_file(tmp_path: Path) -> None:
    init_repo(tmp_path)
    path = tmp_path / ":(exclude)x.md"
    path.write_text(RETRO, encoding="utf-8")
    (tmp_path / "other.md").write_text("not mine\n", encoding="utf-8")
    git(tmp_path, "add", "other.md")
    commit_file(path, "retro")
    assert git(tmp_path, "show", "--name-only", "--format=", "HEAD").split("\n")[:-1] == [":(exclude)x.md"]
    assert git(tmp_path, "diff", "--cached", "--name-only") == "other.md\n"  # still staged, not committed


def test_a_glob_in_a_file_name_stages_no_other_file(tmp_path: Path) -> None:
    path = committed(tmp_path, "r*.md")
    (tmp_path / "rx.md").write_text("tracked\n", encoding="utf-8")
    git(tmp_path, "add", "rx.md")
    git(tmp_path, "commit", "-qm", "rx")
    (tmp_path / "rx.md").write_text("an edit of the user's, not staged\n", encoding="utf-8")
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    commit_file(path, "retro")
    assert git(tmp_path, "show", "--name-only", "--format=", "HEAD") == "r*.md\n"
    assert git(tmp_path, "status", "--porcelain") == " M rx.md\n"


# -- links ---------------------------------------------------------------------------------------------


def test_a_file_opened_through_a_link_from_outside_the_repository_commits_its_target(tmp_path: Path) -> None:
    target = committed(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "R.md"
    link.symlink_to(target)
    target.write_text(RETRO + "- b\n", encoding="utf-8")
    assert changes_to_commit(link)
    commit_file(link, "retro")
    assert git(target.parent, "show", "HEAD:R.md") == RETRO + "- b\n"


def test_a_link_inside_the_repository_commits_the_file_it_names_not_the_link(tmp_path: Path) -> None:
    target = committed(tmp_path, "docs-R.md")
    link = tmp_path / "RETRO.md"
    link.symlink_to("docs-R.md")
    git(tmp_path, "add", "RETRO.md")
    git(tmp_path, "commit", "-qm", "link")
    target.write_text(RETRO + "- b\n", encoding="utf-8")
    assert changes_to_commit(link)
    commit_file(link, "retro")
    assert git(tmp_path, "show", "HEAD:docs-R.md") == RETRO + "- b\n"


# -- where git cannot even start ----------------------------------------------------------------------------


def test_a_folder_that_is_gone_is_named_not_taken_for_a_missing_git(tmp_path: Path) -> None:
    path = tmp_path / "gone" / "R.md"
    with pytest.raises(GitError) as raised:
        changes_to_commit(path)
    assert "git is not installed" not in str(raised.value)
    assert f"{tmp_path / 'gone'}: no such folder" in str(raised.value)


def test_a_broken_git_config_is_said_not_called_no_repository(tmp_path: Path) -> None:
    path = committed(tmp_path)
    with (tmp_path / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write('[merge "retrotui"\n')
    with pytest.raises(GitError) as raised:
        changes_to_commit(path)
    assert "not in a git repository" not in str(raised.value)
    assert "bad config line" in str(raised.value)


# -- sync --------------------------------------------------------------------------------------------------


def clone_of(upstream: Path, folder: Path) -> Path:
    git(upstream.parent, "clone", "-q", str(upstream), str(folder))
    git(folder, "config", "user.email", "retro@example.com")
    git(folder, "config", "user.name", "Retro Tester")
    return folder


def test_a_pull_that_conflicts_is_undone_and_the_saved_text_and_commit_stay(tmp_path: Path) -> None:
    upstream = committed(tmp_path / "up").parent
    mine = clone_of(upstream, tmp_path / "mine")
    (upstream / "R.md").write_text("theirs, not a retro\n", encoding="utf-8")
    git(upstream, "commit", "-qam", "theirs")
    path = mine / "R.md"
    path.write_text("mine, not a retro either\n", encoding="utf-8")
    notices: list[Notice] = []
    commit_and_sync(path, "mine", "pull", notices.append)
    assert path.read_text(encoding="utf-8") == "mine, not a retro either\n"
    assert not rebase_in_progress(mine)
    assert git(mine, "log", "-1", "--format=%s") == "mine\n"
    assert [notice.title for notice in notices] == ["Committed", "Sync stopped"]
    assert notices[1].message == (
        "git pull stopped on a conflict: CONFLICT (content): Merge conflict in R.md; the pull was undone and your commit is kept:"
        " pull by hand to resolve it"
    )


def test_a_branch_whose_upstream_is_a_local_branch_is_pulled_from_it(tmp_path: Path) -> None:
    """An upstream on remote ``.`` (``git branch --set-upstream-to=main``) is somewhere to pull from:
    sync said "no remote to pull from", because ``git remote`` lists no remote for it."""
    path = committed(tmp_path)
    git(tmp_path, "checkout", "-qb", "work")
    git(tmp_path, "branch", "-q", "--set-upstream-to=main")
    git(tmp_path, "checkout", "-q", "main")
    (tmp_path / "other.txt").write_text("on main\n", encoding="utf-8")
    git(tmp_path, "add", "other.txt")
    git(tmp_path, "commit", "-qm", "main moves on")
    git(tmp_path, "checkout", "-q", "work")
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    notices: list[Notice] = []
    commit_and_sync(path, "mine", "pull", notices.append)
    assert [notice.title for notice in notices] == ["Committed", "Synced"], notices
    assert git(tmp_path, "log", "--format=%s").split("\n")[:3] == ["mine", "main moves on", "start"]


def test_a_rejected_push_says_why_not_where_it_went(tmp_path: Path) -> None:
    upstream = committed(tmp_path / "up").parent
    mine = clone_of(upstream, tmp_path / "mine")
    git(upstream, "config", "receive.denyCurrentBranch", "updateInstead")
    hook = install_hook(upstream, "pre-receive", "#!/bin/sh\necho 'main is protected' >&2\nexit 1\n")
    path = mine / "R.md"
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    notices: list[Notice] = []
    commit_and_sync(path, "mine", "pull-push", notices.append)
    assert notices[-1].message == "git push failed: remote: main is protected (+2 more lines); your commit is kept"
    os.remove(hook)
    other = clone_of(upstream, tmp_path / "other")
    (other / "R.md").write_text(RETRO + "- theirs\n", encoding="utf-8")
    git(other, "commit", "-qam", "theirs")
    git(other, "push", "-q")
    git(mine, "config", "remote.origin.url", str(tmp_path / "elsewhere"))
    git(mine, "config", "remote.origin.pushurl", str(upstream))
    from retrotui.git import push

    with pytest.raises(GitError) as raised:
        push(path)
    assert str(raised.value).startswith("git push failed: ! [rejected]")


def test_git_and_its_hooks_never_get_the_editors_terminal(tmp_path: Path) -> None:
    """A hook that asks on /dev/tty would read the keys typed into the editor and draw over it."""
    import pty

    path = committed(tmp_path)
    install_hook(
        tmp_path,
        "pre-commit",
        "#!/bin/sh\nif true 2>/dev/null </dev/tty; then echo 'had the terminal' >&2; exit 1; fi\nexit 0\n",
    )
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    child, terminal = pty.fork()  # the child runs the commit with a terminal of its own, as the editor has
    if child == 0:
        try:
            commit_file(path, "retro")
            os._exit(0)
        except GitError as error:
            os.write(1, str(error).encode())
            os._exit(3)
    said = b""
    while True:
        try:
            chunk = os.read(terminal, 1024)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
    _, status = os.waitpid(child, 0)
    assert said == b""
    assert os.waitstatus_to_exitcode(status) == 0
    assert git(tmp_path, "log", "-1", "--format=%s") == "retro\n"


# -- git-setup -------------------------------------------------------------------------------------------


def test_git_setup_appends_to_a_gitattributes_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = committed(tmp_path)
    (tmp_path / ".gitattributes").write_bytes(b"# caf\xe9: Latin-1\n*.txt text")
    assert main(["git-setup", str(path)]) == 0
    assert (tmp_path / ".gitattributes").read_bytes() == b"# caf\xe9: Latin-1\n*.txt text\nR.md merge=retrotui\n"
    assert main(["git-setup", "--check", str(path)]) == 0
    capsys.readouterr()


def test_git_setup_where_gitattributes_is_a_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = committed(tmp_path)
    (tmp_path / ".gitattributes").mkdir()
    assert main(["git-setup", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"retrotui: {tmp_path}/.gitattributes: cannot add 'R.md merge=retrotui' (Is a directory)\n"
    )


def test_git_setup_with_a_broken_git_config_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = committed(tmp_path)
    with (tmp_path / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write('[merge "retrotui"\n')
    assert main(["git-setup", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"retrotui: git cannot read the repository at {tmp_path}: fatal: bad config line")
    assert main(["git-setup", "--check", str(path)]) == 1
    assert "bad config line" in capsys.readouterr().err


# -- the merge driver ---------------------------------------------------------------------------------------


def driver_repo(folder: Path) -> Path:
    """A repository whose R.md git merges through ``retrotui merge-driver``, committed on main."""
    from tests.test_merge import retrotui

    path = committed(folder)
    assert retrotui("git-setup", "R.md", cwd=folder).returncode == 0
    git(folder, "add", ".gitattributes")
    git(folder, "commit", "-qm", "driver")
    return path


def test_a_side_that_is_not_utf8_is_merged_by_lines_and_its_conflict_keeps_both_sides(tmp_path: Path) -> None:
    """The driver refused such a side (exit 2): git then left ours alone in the file, theirs not in it."""
    path = driver_repo(tmp_path)
    git(tmp_path, "checkout", "-qb", "team-a")
    path.write_bytes(RETRO.encode() + b"- caf\xe9 (Latin-1)\n")
    git(tmp_path, "commit", "-qam", "theirs")
    git(tmp_path, "checkout", "-q", "main")
    path.write_bytes(RETRO.encode() + b"- ours\n")
    git(tmp_path, "commit", "-qam", "ours")
    merged = subprocess.run(["git", "merge", "--no-edit", "team-a"], cwd=tmp_path, capture_output=True, check=False)
    assert merged.returncode == 1
    assert path.read_bytes() == RETRO.encode() + (
        b"<<<<<<< ours\n- ours\n=======\n- caf\xe9 (Latin-1)\n>>>>>>> theirs\n"
    )
    assert b"retrotui: theirs is not UTF-8 text (line 8): merged line by line, as git does\n" in merged.stderr


def test_a_side_that_is_not_utf8_merges_cleanly_by_lines_when_the_changes_do_not_touch(tmp_path: Path) -> None:
    path = driver_repo(tmp_path)
    git(tmp_path, "checkout", "-qb", "team-a")
    path.write_bytes(RETRO.encode() + b"- caf\xe9 (Latin-1)\n")
    git(tmp_path, "commit", "-qam", "theirs")
    git(tmp_path, "checkout", "-q", "main")
    path.write_bytes(b"# Retro (ours)" + RETRO.encode()[len("# Retro") :])
    git(tmp_path, "commit", "-qam", "ours")
    merged = subprocess.run(["git", "merge", "--no-edit", "team-a"], cwd=tmp_path, capture_output=True, check=False)
    assert merged.returncode == 0, merged.stderr
    assert path.read_bytes() == b"# Retro (ours)" + RETRO.encode()[len("# Retro") :] + b"- caf\xe9 (Latin-1)\n"


def test_an_ignored_file_is_said_to_be_ignored_not_the_same_as_in_the_last_commit(tmp_path: Path) -> None:
    init_repo(tmp_path)
    (tmp_path / ".gitignore").write_text("notes/\n*.md\n", encoding="utf-8")
    path = tmp_path / "R.md"
    path.write_text(RETRO, encoding="utf-8")
    expected = "R.md is ignored by git (.gitignore:2:*.md); the file is saved but not committed"
    with pytest.raises(GitError) as raised:
        changes_to_commit(path)
    assert str(raised.value) == expected
    with pytest.raises(GitError) as raised:
        commit_file(path, "retro")
    assert str(raised.value) == expected


def test_a_hook_that_never_ends_is_stopped_and_leaves_no_lock_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git was killed outright: its index.lock stayed, and every later commit failed on it."""
    import retrotui.git

    monkeypatch.setattr(retrotui.git, "GIT_TIMEOUT", 1)
    path = committed(tmp_path)
    hook = install_hook(tmp_path, "pre-commit", "#!/bin/sh\nsleep 600\n")
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    with pytest.raises(GitError, match=r"^git commit took too long and was stopped"):
        commit_file(path, "retro")
    assert not (tmp_path / ".git" / "index.lock").exists()
    os.remove(hook)
    commit_file(path, "retro")
    assert git(tmp_path, "log", "-1", "--format=%s") == "retro\n"


def test_the_branch_of_a_file_opened_through_a_link_and_of_a_detached_head(tmp_path: Path) -> None:
    from retrotui.git import current_branch

    target = committed(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "R.md"
    link.symlink_to(target)
    assert current_branch(link) == "main"
    git(target.parent, "checkout", "-q", "--detach")
    head = git(target.parent, "rev-parse", "--short", "HEAD").strip()
    assert current_branch(target) == f"detached at {head}"  # not "HEAD", which reads as a branch's name


def test_hook_output_that_is_not_utf8_is_reported_not_a_crash(tmp_path: Path) -> None:
    from retrotui.safe_text import visible

    path = committed(tmp_path)
    install_hook(tmp_path, "pre-commit", b"#!/bin/sh\nprintf 'lint: caf\\351 \\033[31mred\\n' >&2\nexit 1\n")
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    with pytest.raises(GitError) as raised:
        commit_file(path, "retro")
    assert visible(str(raised.value)) == "git commit failed: lint: caf\\xe9 ␛[31mred"


def test_a_repository_in_a_folder_whose_name_is_not_utf8(tmp_path: Path) -> None:
    from retrotui.git import current_branch

    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9"))
    folder.mkdir()
    path = committed(folder)
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    assert current_branch(path) == "main"
    assert changes_to_commit(path)
    commit_file(path, "retro")
    assert git(folder, "log", "-1", "--format=%s") == "retro\n"


def test_a_git_that_cannot_be_run_is_said_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = committed(tmp_path / "repo")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "git").write_bytes(b"\x7fELF not really a program")
    (bin_folder / "git").chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_folder))
    with pytest.raises(GitError, match=r"^git cannot be run in .*repo: Exec format error"):
        changes_to_commit(path)


def test_git_setup_never_writes_through_a_gitattributes_that_is_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cloned repository's .gitattributes can name any file of the user's: git does not follow it, nor may we."""
    path = committed(tmp_path / "repo")
    outside = tmp_path / "dotfile"
    outside.write_text("precious\n", encoding="utf-8")
    (path.parent / ".gitattributes").symlink_to(outside)
    assert main(["git-setup", str(path)]) == 2
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert capsys.readouterr().err == (
        f"retrotui: {path.parent}/.gitattributes is a symbolic link, which git does not read:"
        " replace it with a file, then run git-setup again\n"
    )


def test_git_setup_repairs_a_driver_configured_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--check said to run git-setup, which failed on 'multiple values': a loop with no way out."""
    path = committed(tmp_path)
    git(tmp_path, "config", "--local", "--add", "merge.retrotui.driver", "old-one %O %A %B")
    git(tmp_path, "config", "--local", "--add", "merge.retrotui.driver", "old-two %O %A %B")
    assert main(["git-setup", str(path)]) == 0
    assert main(["git-setup", "--check", str(path)]) == 0
    assert len(git(tmp_path, "config", "--local", "--get-all", "merge.retrotui.driver").splitlines()) == 1
    capsys.readouterr()


def test_a_pull_whose_retro_merge_conflicts_names_the_row_and_keeps_the_saved_text(tmp_path: Path) -> None:
    from tests.test_merge import retrotui

    upstream = driver_repo(tmp_path / "up").parent
    mine = clone_of(upstream, tmp_path / "mine")
    assert retrotui("git-setup", "R.md", cwd=mine).returncode == 0
    (upstream / "R.md").write_text(RETRO.replace("- a", "- a, theirs"), encoding="utf-8")
    git(upstream, "commit", "-qam", "theirs")
    path = mine / "R.md"
    path.write_text(RETRO.replace("- a", "- a, mine"), encoding="utf-8")
    notices: list[Notice] = []
    commit_and_sync(path, "mine", "pull", notices.append)
    assert path.read_text(encoding="utf-8") == RETRO.replace("- a", "- a, mine")
    assert notices[-1].message == (
        "git pull stopped on a conflict: Sprint 1: Went well, changed on both sides; the pull was undone and your"
        " commit is kept: pull by hand to resolve it"
    )


def test_control_characters_of_a_retro_title_never_reach_the_commit_log(tmp_path: Path) -> None:
    """The prefilled message quotes the file's retro title; ``git log`` prints a message's bytes raw."""
    path = committed(tmp_path)
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    commit_file(path, "retro: \x1b]0;pwned\x07Sprint \x1b[2J1 \u202eevil")
    assert git(tmp_path, "log", "-1", "--format=%B").strip() == "retro: ␛]0;pwned␇Sprint ␛[2J1 \\u202eevil"


def test_no_identity_says_what_to_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for name in ("EMAIL", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    path = folder / "R.md"
    path.write_text(RETRO, encoding="utf-8")
    with pytest.raises(GitError) as raised:
        commit_file(path, "retro")
    assert str(raised.value) == (
        'git commit failed: git does not know who you are: run git config --global user.name "Your Name"'
        " and git config --global user.email you@example.com"
    )


def test_a_lock_held_by_another_git_says_what_it_is_and_what_to_do(tmp_path: Path) -> None:
    path = committed(tmp_path)
    lock = tmp_path / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    with pytest.raises(GitError) as raised:
        commit_file(path, "retro")
    assert str(raised.value) == (
        f"git add failed: another git is using this repository ({lock} exists): try again when it is done,"
        " or delete that file if no git is running"
    )
    assert git(tmp_path, "status", "--porcelain") == " M R.md\n"


def test_a_commit_on_a_detached_head_says_it_is_on_no_branch(tmp_path: Path) -> None:
    path = committed(tmp_path)
    git(tmp_path, "checkout", "-q", "--detach")
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    notices: list[Notice] = []
    commit_and_sync(path, "retro", "off", notices.append)
    head = git(tmp_path, "rev-parse", "--short", "HEAD").strip()
    assert notices == [
        Notice(
            "Committed",
            f"{head} retro (on no branch: HEAD is detached; create a branch there, or the commit is lost"
            " when you check out another)",
            "warning",
        )
    ]


def test_git_setup_for_a_file_name_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check-attr names the file in its output: read as UTF-8, it ended git-setup in a traceback."""
    init_repo(tmp_path)
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.md"))
    path.write_text(RETRO, encoding="utf-8")
    assert main(["git-setup", str(path)]) == 0
    assert (tmp_path / ".gitattributes").read_bytes() == b"caf\xe9.md merge=retrotui\n"
    capsys.readouterr()
    assert main(["git-setup", "--check", str(path)]) == 0
    assert capsys.readouterr().out.startswith("caf\\xe9.md: merged by retrotui")


def test_a_hook_that_floods_its_output_gives_a_message_of_a_readable_length(tmp_path: Path) -> None:
    path = committed(tmp_path)
    install_hook(
        tmp_path,
        "pre-commit",
        "#!/bin/sh\nhead -c 100000 /dev/zero | tr '\\0' x >&2\necho >&2\necho second >&2\nexit 1\n",
    )
    path.write_text(RETRO + "- b\n", encoding="utf-8")
    with pytest.raises(GitError) as raised:
        commit_file(path, "retro")
    assert str(raised.value) == f"git commit failed: {'x' * 199}… (+1 more lines)"


@pytest.mark.parametrize("folder", [".", "sub"])
def test_git_setup_on_a_folder_refuses_it(
    folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'sub' got 'sub merge=retrotui' in .gitattributes; '.' was called 'not in a git repository'."""
    init_repo(tmp_path)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    for check in ([], ["--check"]):
        assert main(["git-setup", *check, folder]) == 2
        assert capsys.readouterr().err == f"retrotui: {folder}: is a directory, not a Markdown file\n"
    assert not (tmp_path / ".gitattributes").exists()


def test_git_setup_says_where_an_override_may_be_when_its_line_does_not_take(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    init_repo(tmp_path)
    (tmp_path / "team").mkdir()
    path = tmp_path / "team" / "R.md"
    path.write_text(RETRO, encoding="utf-8")
    (tmp_path / "team" / ".gitattributes").write_text("R.md merge=union\n", encoding="utf-8")
    assert main(["git-setup", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"retrotui: git still gives team/R.md merge=union after 'team/R.md merge=retrotui' was added to"
        f" {tmp_path}/.gitattributes: a .gitattributes in a folder nearer the file, or .git/info/attributes,"
        " says otherwise\n"
    )
