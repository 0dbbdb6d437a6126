"""The core never imports Textual; only retrotui.tui does."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).parents[1] / "src" / "retrotui"


def test_import_retrotui_does_not_import_textual() -> None:
    code = (
        "import sys, retrotui, retrotui.cli, retrotui.store, retrotui.tracker, retrotui.builder\n"
        "doc = retrotui.loads('# x\\n')\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_only_the_tui_package_imports_textual() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if "tui" in path.relative_to(SRC).parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "textual" or n.startswith("textual.") for n in names):
                offenders.append(str(path))
    assert offenders == []


def test_model_does_not_import_other_layers() -> None:
    tree = ast.parse((SRC / "model.py").read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not {m for m in modules if m.startswith(("retrotui.markdown", "retrotui.store", "retrotui.git"))}
