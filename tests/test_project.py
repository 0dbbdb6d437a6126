"""The project's own promises: the README's commands, CI, packaging."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_starts_with_the_two_commands() -> None:
    first, second = readme_commands()
    assert "pip install ." in first and "retrotui sample_data/volcano-retrospective.md" in first
    assert "pip install -e '.[test]'" in second and second.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, test_command = readme_commands()
    assert f'bash -c "{test_command}"' in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_packaged_demo_file_is_the_sample() -> None:
    packaged = ROOT / "src" / "retrotui" / "data" / "volcano-retrospective.md"
    assert packaged.read_bytes() == (ROOT / "sample_data" / "volcano-retrospective.md").read_bytes()
