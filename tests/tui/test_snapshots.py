"""SVG snapshots of the main screens (pytest-textual-snapshot).

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.tui.helpers import copy_sample, make_app

SIZE = (120, 36)


def test_main_screen(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(copy_sample(tmp_path)), terminal_size=SIZE)


def test_grid_while_editing_a_cell(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(copy_sample(tmp_path))
    assert snap_compare(app, press=["4", "down", "right", "enter"], terminal_size=SIZE)


def test_help_screen(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(copy_sample(tmp_path)), press=["f1"], terminal_size=SIZE)


def test_quit_dialog(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(copy_sample(tmp_path))
    assert snap_compare(app, press=["4", "space", "ctrl+q"], terminal_size=SIZE)


def test_tracker_screen(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(copy_sample(tmp_path)), press=["t"], terminal_size=SIZE)
