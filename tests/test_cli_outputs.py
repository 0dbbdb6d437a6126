"""Every output of ``check`` and ``actions`` is byte for byte what it was before the read path got faster."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import pytest

from retrotui.cli import COMMANDS as COMMAND_NAMES
from retrotui.cli import build_parser
from tests.cli_outputs import COMMANDS, DIGESTS, all_files, output
from tests.conftest import real_files

EXPECTED: dict[str, str] = json.loads(DIGESTS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_outputs_are_unchanged(command: tuple[str, ...], tmp_path: Path) -> None:
    changed = []
    for path in all_files(tmp_path) + real_files():
        key = f"{path.name} :: {' '.join(command)}"
        if key not in EXPECTED:
            continue  # a real-corpus file added since the digests were taken
        if hashlib.sha256(output(path, command)).hexdigest() != EXPECTED[key]:
            changed.append(key)
    assert changed == []


def test_every_file_has_digests(tmp_path: Path) -> None:
    names = {key.split(" :: ")[0] for key in EXPECTED}
    assert {p.name for p in all_files(tmp_path)} <= names


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found: argparse.ArgumentParser = action.choices[name]
    return found


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_a_command_run_alone_parses_as_in_the_whole_parser(name: str) -> None:
    """``retrotui COMMAND`` builds only that command's parser: its help and usage are the same."""
    alone = _subparser(build_parser(name), name)
    whole = _subparser(build_parser(), name)
    assert alone.format_help() == whole.format_help()
    assert alone.format_usage() == whole.format_usage()
