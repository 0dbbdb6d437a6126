"""The first look worked out by a child process is the outline itself, or the editor works it out itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from retrotui import first_look
from retrotui.first_look import FirstLook
from retrotui.outline import outline
from tests.conftest import SAMPLES, corpus_files, real_files

FILES = [*corpus_files(), *SAMPLES.glob("*.md"), *real_files()]


def assert_reaped(pid: int) -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_childs_outline_is_the_outline(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="surrogateescape")
    look = FirstLook.started(text)
    assert look.pid is not None  # a child was forked
    pid = look.pid
    assert look.outline() == outline(text, titles=first_look.PREVIEW_TITLES + 1)
    assert look.pid is None
    assert_reaped(pid)


def test_every_title_when_asked_and_the_first_ones_by_default() -> None:
    text = "# Retros\n\n" + "".join(f"## Sprint {n} ({2000 + n}-01-05)\n\n### Summary\n- s{n}\n\n" for n in range(150))
    assert len(FirstLook.started(text, titles=None).outline().titles) == 150
    shown = FirstLook.started(text).outline()
    assert len(shown.titles) == first_look.PREVIEW_TITLES + 1
    assert shown.newest_title == "Sprint 149" and shown.sections[0].items == ("s149",)


def test_a_child_that_fails_leaves_the_work_to_the_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(shown: object) -> object:
        raise RuntimeError("the child fails")

    monkeypatch.setattr(first_look, "_to_plain", broken)  # the forked child has it too
    text = (SAMPLES / "volcano-multi-sprint.md").read_text(encoding="utf-8")
    look = FirstLook.started(text)
    pid = look.pid
    assert pid is not None
    assert look.outline() == outline(text, titles=first_look.PREVIEW_TITLES + 1)
    assert_reaped(pid)


def test_without_fork_the_editor_works_it_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    text = (SAMPLES / "volcano-multi-sprint.md").read_text(encoding="utf-8")
    look = FirstLook.started(text)
    assert look.pid is None
    assert look.outline() == outline(text, titles=first_look.PREVIEW_TITLES + 1)


def test_a_look_not_taken_is_reaped_on_close() -> None:
    look = FirstLook.started("## Sprint 1\n")
    pid = look.pid
    assert pid is not None
    look.close()
    assert_reaped(pid)


def test_the_child_writes_nothing_to_the_terminal_even_when_it_fails(tmp_path: Path) -> None:
    """Its exception, buffered output and exit handlers stay in it: it leaves with os._exit."""
    script = """
import atexit, sys
from retrotui import first_look
atexit.register(lambda: print("exit handler ran"))
print("buffered before the fork", end="")
def broken(shown):
    raise RuntimeError("the child fails")
first_look._to_plain = broken
look = first_look.FirstLook.started("## Sprint 1 (2025-01-06)\\n\\n### Summary\\n- said\\n")
print("|", look.outline().newest_title)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout == "buffered before the fork| Sprint 1\nexit handler ran\n"  # once each: the parent's
    assert result.stderr == ""
