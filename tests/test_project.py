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


def test_every_package_of_the_source_is_installed() -> None:
    """``pip install .`` (not -e) copies only the listed packages: a new one left off breaks the editor."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    source = ROOT / "src"
    found = {".".join(init.parent.relative_to(source).parts) for init in source.rglob("__init__.py")}
    assert listed - {"retrotui.shipped_themes"} == found


def test_the_wheel_holds_every_source_file(tmp_path: Path) -> None:
    """What ``pip install .`` installs: every module, the stylesheet, the sample and the shipped themes."""
    import shutil
    import subprocess
    import sys
    import zipfile

    # From a copy: a build/ folder left in the checkout by an earlier build would hide a missing package.
    project = tmp_path / "project"
    left_out = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for part in ("src", "themes"):
        shutil.copytree(ROOT / part, project / part, ignore=left_out)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(project)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("retrotui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    source = ROOT / "src"
    wanted = {
        path.relative_to(source).as_posix()
        for path in source.rglob("*")
        if path.suffix in {".py", ".tcss", ".md"} and "__pycache__" not in path.parts
    }
    wanted |= {f"retrotui/shipped_themes/{theme.name}" for theme in (ROOT / "themes").glob("*.toml")}
    assert wanted - names == set()


def test_the_readme_lists_every_command_id_for_the_keymap() -> None:
    from retrotui.keymap import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tabs = ("app.tab_", "app.alt_tab_")
    assert [c.id for c in COMMANDS if not c.id.startswith(tabs) and f"`{c.id}`" not in readme] == []


def test_the_readme_command_line_lists_every_command() -> None:
    from retrotui.cli import COMMANDS

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    listed = re.findall(r"^retrotui ([a-z][a-z-]*)", block, flags=re.MULTILINE)
    assert [c for c in COMMANDS if c not in listed] == []
