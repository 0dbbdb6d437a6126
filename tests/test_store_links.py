"""Saving keeps the file what it was: links stay links, hard links stay shared, nothing is left behind."""

from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import retrotui
from retrotui import workflow
from retrotui.session import Session
from retrotui.store import (
    STALE_AFTER_SECONDS,
    StoreError,
    read_text,
    remove_stale_temp_files,
    write_text_atomic,
)
from tests.conftest import SAMPLES

SAMPLE = (SAMPLES / "volcano-retrospective.md").read_bytes()
OPEN_ROW = "| Write an on-call handover template"


def toggled_sample(path: Path) -> retrotui.RetroDocument:
    """The sample with one action item toggled: the edit every test saves."""
    doc = retrotui.load(path)
    doc.retros[-1].action_items[0].status = "done"
    return doc


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_symlink_stays_a_link_and_its_target_gets_the_edit(tmp_path: Path) -> None:
    real = tmp_path / "notes" / "RETRO.md"
    real.parent.mkdir()
    real.write_bytes(SAMPLE)
    os.chmod(real, 0o640)
    link = tmp_path / "RETRO.md"
    link.symlink_to(real)

    retrotui.dump(toggled_sample(link), link)

    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != SAMPLE and retrotui.load(real).retros[-1].action_items[0].is_done
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert names(real.parent) == ["RETRO.md"] and names(tmp_path) == ["RETRO.md", "notes"]


def test_the_editor_saves_through_a_relative_link_chain(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    real = tmp_path / "team" / "retro.md"
    real.write_bytes(SAMPLE)
    (tmp_path / "middle.md").symlink_to("team/retro.md")  # relative, read against the link's folder
    (tmp_path / "docs").mkdir()
    link = tmp_path / "docs" / "RETRO.md"
    link.symlink_to("../middle.md")

    session = Session.open(link)
    session.bump_last_updated = False
    retro = session.doc.retros[-1]
    session.editor.toggle_status(retro, retro.action_items[0])
    request = workflow.prepare_save(session)
    assert isinstance(request, workflow.SaveRequest)
    saved_outcome = workflow.write(request)
    assert isinstance(saved_outcome, workflow.Saved)
    workflow.finish_save(session, request, saved_outcome)

    assert os.readlink(link) == "../middle.md" and os.readlink(tmp_path / "middle.md") == "team/retro.md"
    saved = real.read_bytes().decode("utf-8")
    before = SAMPLE.decode("utf-8")
    assert saved != before and len(saved.splitlines()) == len(before.splitlines())
    assert workflow.look_at_disk(link, session.stamp, parse=False).kind == "same"  # the stamp is the target's


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "RETRO.md"
    link.symlink_to("archive/RETRO.md")
    (tmp_path / "archive").mkdir()
    doc = retrotui.loads(SAMPLE.decode("utf-8"))
    retrotui.dump(doc, link)
    assert link.is_symlink() and (tmp_path / "archive" / "RETRO.md").read_bytes() == SAMPLE


def test_a_dangling_link_into_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    link = tmp_path / "RETRO.md"
    link.symlink_to(tmp_path / "gone" / "RETRO.md")
    with pytest.raises(StoreError) as caught:
        write_text_atomic(link, "# Retro\n")
    assert str(caught.value) == (
        f"{link}: cannot save, links to {tmp_path / 'gone' / 'RETRO.md'}, whose folder {tmp_path / 'gone'} does not exist"
    )
    assert link.is_symlink() and names(tmp_path) == ["RETRO.md"]


def test_a_link_loop_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    with pytest.raises(StoreError, match=r"a\.md: too many levels of symbolic links"):
        write_text_atomic(tmp_path / "a.md", "x\n")


def test_a_file_turned_into_a_link_loop_meanwhile_is_named_once_in_the_refusal(tmp_path: Path) -> None:
    """The reason used to be the loop's own message, path and all: the file was named twice."""
    path = tmp_path / "RETRO.md"
    path.write_bytes(SAMPLE)
    session = Session.open(path)
    path.unlink()
    path.symlink_to("other.md")
    (tmp_path / "other.md").symlink_to("RETRO.md")
    refused = workflow.prepare_save(session)
    assert isinstance(refused, workflow.SaveFailed)
    assert refused.message == "RETRO.md cannot be saved: its symbolic links go round in a loop; nothing was written"


def test_a_hard_linked_file_keeps_its_links(tmp_path: Path) -> None:
    first = tmp_path / "RETRO.md"
    first.write_bytes(SAMPLE)
    second = tmp_path / "copy-in-wiki.md"
    os.link(first, second)
    inode = first.stat().st_ino

    retrotui.dump(toggled_sample(first), first)

    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert second.read_bytes() == first.read_bytes() != SAMPLE
    assert names(tmp_path) == ["RETRO.md", "copy-in-wiki.md"]


def test_a_shorter_text_in_place_leaves_no_old_tail(tmp_path: Path) -> None:
    first = tmp_path / "r.md"
    first.write_text("a long old text\r\n" * 20, encoding="utf-8")
    os.link(first, tmp_path / "other.md")
    write_text_atomic(first, "\ufeffnew\r\n")
    assert (tmp_path / "other.md").read_bytes() == "\ufeffnew\r\n".encode()


def failing_write(fail_from_call: int, *, partial: bool) -> Callable[[int, bytes | memoryview], int]:
    """An ``os.write`` that fills the disk at its ``fail_from_call``-th call (after half a write if ``partial``)."""
    real_write = os.write
    calls = {"n": 0}

    def write(fd: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] < fail_from_call:
            return real_write(fd, data)
        if partial and calls["n"] == fail_from_call and len(data) > 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    return write


def test_a_full_disk_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(SAMPLE)
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", failing_write(1, partial=True))
        with pytest.raises(StoreError) as caught:
            write_text_atomic(path, "new\n" * 1000)
    assert str(caught.value) == (
        f"{path}: cannot save in {tmp_path} (No space left on device); the file on disk is unchanged"
    )
    assert path.read_bytes() == SAMPLE and names(tmp_path) == ["RETRO.md"]


def test_a_full_disk_in_place_restores_the_old_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(SAMPLE)
    os.link(path, tmp_path / "linked.md")
    # 1st write: the backup; 2nd: half the new text, then the disk is full; the restore still fits.
    real_write = os.write
    broken = failing_write(2, partial=True)
    calls = {"n": 0}

    def write(fd: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        return real_write(fd, data) if calls["n"] > 3 else broken(fd, data)

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", write)
        with pytest.raises(StoreError) as caught:
            write_text_atomic(path, "new\n" * 1000)
    assert str(caught.value) == f"{path}: cannot save (No space left on device); the file on disk is unchanged"
    assert path.read_bytes() == SAMPLE and (tmp_path / "linked.md").stat().st_ino == path.stat().st_ino
    assert names(tmp_path) == ["RETRO.md", "linked.md"]


def test_when_the_restore_fails_too_the_backup_is_kept_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(SAMPLE)
    os.link(path, tmp_path / "linked.md")
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", failing_write(2, partial=True))
        with pytest.raises(StoreError) as caught:
            write_text_atomic(path, "new\n" * 1000)
    message = str(caught.value)
    found = re.fullmatch(
        rf"{re.escape(str(path))}: cannot save \(No space left on device\); the file may be damaged, "
        rf"its old content is in (?P<backup>{re.escape(str(tmp_path))}/\.RETRO\.md\.retrotui-{os.getpid()}-\w{{8}}\.bak)",
        message,
    )
    assert found is not None, message
    assert Path(found.group("backup")).read_bytes() == SAMPLE
    assert path.read_bytes() != SAMPLE  # damaged, as the message says; the backup is the way back


def test_a_failing_backup_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(SAMPLE)
    os.link(path, tmp_path / "linked.md")
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", failing_write(1, partial=False))
        with pytest.raises(StoreError, match=r"cannot write a backup in .* the file on disk is unchanged$"):
            write_text_atomic(path, "new\n")
    assert path.read_bytes() == SAMPLE and names(tmp_path) == ["RETRO.md", "linked.md"]


def as_if_owned_by_someone_else(path: Path) -> Callable[..., os.stat_result]:
    """An ``os.stat`` that reports ``path`` as another user's (the test needs no root)."""
    real_stat = os.stat

    def fake(target: str | os.PathLike[str], *args: object, **kwargs: object) -> os.stat_result:
        st = real_stat(target, *args, **kwargs)  # type: ignore[arg-type]
        if Path(target) == path:
            fields = list(st)
            fields[stat.ST_UID] = st.st_uid + 1
            return os.stat_result(fields)
        return st

    return fake


def test_the_owner_is_given_to_the_new_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(SAMPLE)
    owner = (path.stat().st_uid + 1, path.stat().st_gid)
    given: list[tuple[str, int, int]] = []
    monkeypatch.setattr(os, "stat", as_if_owned_by_someone_else(path))
    monkeypatch.setattr(os, "chown", lambda name, uid, gid: given.append((Path(name).name, uid, gid)))
    write_text_atomic(path, "new\n")
    monkeypatch.undo()
    assert len(given) == 1 and given[0][0].endswith(".tmp") and given[0][1:] == owner
    assert path.read_bytes() == b"new\n"


def test_a_file_whose_owner_cannot_be_kept_is_written_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(SAMPLE)
    inode = path.stat().st_ino

    def refuse(*_: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "stat", as_if_owned_by_someone_else(path))
    monkeypatch.setattr(os, "chown", refuse)
    write_text_atomic(path, "new\n")
    monkeypatch.undo()
    assert path.stat().st_ino == inode and path.read_bytes() == b"new\n"
    assert names(tmp_path) == ["RETRO.md"]


def replaced_names(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files ``os.replace`` moves into place from now on (it still moves them)."""
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str, target: str | Path) -> None:
        seen.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    return seen


def test_temp_files_are_named_so_they_are_easy_to_recognise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(SAMPLE)
    seen = replaced_names(monkeypatch)
    write_text_atomic(path, "new\n")
    assert len(seen) == 1 and re.fullmatch(rf"\.RETRO\.md\.retrotui-{os.getpid()}-[a-z0-9_]{{8}}\.tmp", seen[0])


def dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def leftover(folder: Path, name: str, age: float, now: float) -> Path:
    path = folder / name
    path.write_bytes(b"half a save")
    os.utime(path, (now - age, now - age))
    return path


def test_stale_temp_files_of_this_file_are_removed_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "RETRO.md"
    path.write_bytes(SAMPLE)
    now = 2_000_000_000.0
    gone, alive = dead_pid(), os.getpid()
    old = STALE_AFTER_SECONDS + 5
    stale = leftover(tmp_path, f".RETRO.md.retrotui-{gone}-ab12_xyz.tmp", old, now)
    abandoned = leftover(tmp_path, f".RETRO.md.retrotui-{alive}-zzzzzzzz.tmp", 7200, now)
    keep = [
        leftover(tmp_path, f".RETRO.md.retrotui-{alive}-abcdefgh.tmp", old, now),  # a live writer, not an hour old
        leftover(tmp_path, f".RETRO.md.retrotui-{gone}-abcdefgh.tmp", 1, now),  # too fresh to judge
        leftover(tmp_path, f".OTHER.md.retrotui-{gone}-abcdefgh.tmp", old, now),  # another file's
        leftover(tmp_path, f".RETRO.md.{gone}-abcdefgh.tmp", old, now),  # not our pattern
        leftover(tmp_path, f".RETRO.md.retrotui-{gone}-abcdefgh.tmp.keep", old, now),
        leftover(tmp_path, "RETRO.md.tmp", old, now),
    ]
    backup = leftover(tmp_path, f".RETRO.md.retrotui-{gone}-abcdefgh.bak", old, now)
    (tmp_path / f".RETRO.md.retrotui-{gone}-dirdirdi.tmp").mkdir()

    assert remove_stale_temp_files(path, now=now) == [backup]

    assert not stale.exists() and not abandoned.exists()
    assert all(p.exists() for p in keep) and backup.exists()
    assert (tmp_path / f".RETRO.md.retrotui-{gone}-dirdirdi.tmp").is_dir()


def test_opening_the_file_cleans_up_after_a_killed_save(tmp_path: Path) -> None:
    folder = tmp_path / "real"
    folder.mkdir()
    path = folder / "RETRO.md"
    path.write_bytes(SAMPLE)
    link = tmp_path / "RETRO.md"
    link.symlink_to(path)
    stale = leftover(folder, f".RETRO.md.retrotui-{dead_pid()}-abcdefgh.tmp", 60, os.path.getmtime(path) + 60)
    os.utime(stale, (0, 0))
    backup = leftover(folder, f".RETRO.md.retrotui-{dead_pid()}-abcdefgh.bak", 60, 0)
    os.utime(backup, (0, 0))

    session = Session.from_text(link, read_text(link))  # what the editor calls

    assert not stale.exists() and session.interrupted_save_backups == [backup]
    assert names(folder) == [backup.name, "RETRO.md"]


def test_a_fifo_or_a_device_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "RETRO.md"
    os.mkfifo(fifo)
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    script = Path(sys.executable).parent / "retrotui"
    for path, kind in ((fifo, "a FIFO"), (link, "a character device")):
        # A subprocess with a timeout: a regression would hang, not the test run.
        result = subprocess.run([str(script), "check", str(path)], capture_output=True, text=True, timeout=60)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"retrotui: {path}: not a regular file ({kind}); nothing was read\n"
    with pytest.raises(StoreError, match=r"zero\.md: cannot save, it is not a regular file \(a character device\)$"):
        write_text_atomic(link, "x\n")


@pytest.mark.parametrize("name", ["r" * 250 + ".md", "é" * 125 + ".md"])
def test_a_file_with_a_name_near_the_limit_can_be_saved_and_its_leftovers_found(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name of 255 bytes is allowed; the temporary file's name (the file's with ``.retrotui-PID-XXXXXXXX.tmp``
    around it) was longer than that, so every save failed with "File name too long"."""
    path = tmp_path / name
    path.write_bytes(SAMPLE)
    for links in (1, 2):  # replaced atomically, then (hard-linked) in place with a backup
        write_text_atomic(path, f"new {links}\n")
        assert path.read_bytes() == f"new {links}\n".encode()
        assert names(tmp_path) == sorted([name, *(["twin.md"] if links == 2 else [])])
        if links == 1:
            os.link(path, tmp_path / "twin.md")
    os.unlink(tmp_path / "twin.md")
    seen = replaced_names(monkeypatch)
    write_text_atomic(path, "again\n")
    monkeypatch.undo()
    assert len(os.fsencode(seen[0])) <= 255
    now = os.path.getmtime(path) + 3600 * 2
    stale = leftover(tmp_path, seen[0].replace(f"-{os.getpid()}-", f"-{dead_pid()}-"), 7200, now)
    assert remove_stale_temp_files(path, now=now) == [] and not stale.exists()


def test_a_new_file_that_cannot_be_written_says_nothing_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """There was no file on disk to stay unchanged: the message says what happened instead."""
    path = tmp_path / "RETRO.md"
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", failing_write(1, partial=False))
        with pytest.raises(StoreError) as caught:
            write_text_atomic(path, "new\n")
    assert str(caught.value) == f"{path}: cannot save in {tmp_path} (No space left on device); nothing was written"
    assert names(tmp_path) == []
