from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
CORPUS = TESTS / "corpus"
SAMPLES = ROOT / "sample_data"
# Other teams' files are read in place, never copied into the project.
REAL_CORPUS = ROOT.parent / "shared" / "corpus" / "real"
TODAY = dt.date(2025, 11, 27)


def read_exact(path: Path) -> str:
    """The file's text with nothing translated (no newline conversion)."""
    return path.read_bytes().decode("utf-8")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.md") if p.name != "EXPECTED.md")


def real_files() -> list[Path]:
    return sorted(p for p in REAL_CORPUS.glob("*.md") if p.name != "SOURCES.md") if REAL_CORPUS.is_dir() else []


def expected_counts() -> dict[str, tuple[int, int, int]]:
    """``file -> (retros, actions, done)`` from the table in EXPECTED.md."""
    rows: dict[str, tuple[int, int, int]] = {}
    for line in (CORPUS / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*(\S+\.md)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|", line)
        if match:
            rows[match.group(1)] = (int(match.group(2)), int(match.group(3)), int(match.group(4)))
    return rows


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines only in ``before`` and only in ``after`` (a multiset diff, order-blind)."""
    import difflib

    removed: list[str] = []
    added: list[str] = []
    a = before.split("\n")
    b = after.split("\n")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += a[i1:i2]
        if tag in ("replace", "insert"):
            added += b[j1:j2]
    return removed, added


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "volcano-retrospective.md"
    shutil.copyfile(SAMPLES / "volcano-retrospective.md", target)
    return target


@pytest.fixture
def multi_copy(tmp_path: Path) -> Path:
    target = tmp_path / "volcano-multi-sprint.md"
    shutil.copyfile(SAMPLES / "volcano-multi-sprint.md", target)
    return target


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo``; its output (raises on failure)."""
    import subprocess

    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def init_repo(folder: Path) -> Path:
    """A new repository on branch main with an identity, so commits work anywhere."""
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.email", "retro@example.com")
    git(folder, "config", "user.name", "Retro Tester")
    git(folder, "config", "commit.gpgsign", "false")
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(tmp_path)


@pytest.fixture(autouse=True)
def own_state_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets a state folder of its own (journal, live rooms, locks), never the user's."""
    monkeypatch.setenv("RETROTUI_STATE_DIR", str(tmp_path_factory.mktemp("state")))
