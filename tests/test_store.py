"""Atomic saves: the old file survives any failure; mode bits are kept."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

import retrotui
from retrotui.store import StoreError, current_stamp, read_text, write_text_atomic
from tests.conftest import CORPUS


def test_write_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o640)
    stamp = write_text_atomic(path, "new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stamp == current_stamp(path)
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_failed_replace_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.md"
    path.write_text("precious\n", encoding="utf-8")

    def disk_full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StoreError, match=r"No space left on device.*unchanged"):
        write_text_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_failed_write_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.md"
    path.write_text("precious\n", encoding="utf-8")
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(StoreError):
        write_text_atomic(path, "new\n")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_text(encoding="utf-8") == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_read_only_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o444)
    with pytest.raises(StoreError, match="read-only"):
        write_text_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"


def test_read_text_keeps_bom_and_crlf() -> None:
    text, _ = read_text(CORPUS / "03-seed-bom.md")
    assert text.startswith("\ufeff#")
    text, _ = read_text(CORPUS / "02-seed-crlf.md")
    assert "\r\n" in text


def test_load_raises_store_error_for_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# ok\n\xff\n")
    with pytest.raises(StoreError, match=r"bad.md:2: not UTF-8"):
        retrotui.load(bad)


def test_reading_now_and_stamping_later_gives_what_read_text_gives(tmp_path: Path) -> None:
    """The editor reads with ``read_text_stamp_later`` and stamps on a thread (``tui._stamp_aside``)."""
    from retrotui.store import read_text_stamp_later
    from retrotui.tui import _stamp_aside

    path = tmp_path / "RETRO.md"
    path.write_bytes("\ufeff# Retros\r\n\r\n## Sprint 1 – é\r\n".encode())
    expected = read_text(path)
    text, stamp = read_text_stamp_later(path)
    assert (text, stamp()) == expected
    assert _stamp_aside(stamp)() == expected[1]
    path.write_bytes(b"# changed after the read\n")
    assert stamp() == expected[1]  # the stamp is of the bytes read
