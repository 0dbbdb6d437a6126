"""``check`` and ``actions`` read a file plainly (``retrotui.plain``, issue #12): the same parser as the
model's, into small objects, without pydantic.  What they say must be what the model says."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

from retrotui import dumps, loads
from retrotui.plain import as_document, read_plain
from retrotui.reading import other_content
from retrotui.summary import summary
from retrotui.tracker import ActionFilter, ActionSort, overdue_report, tracked_actions
from tests.conftest import SAMPLES, TODAY, corpus_files, read_exact, real_files
from tests.test_lazy_paths import many_retros
from tests.test_properties import markdownish

FILES = [*corpus_files(), *sorted(SAMPLES.glob("*.md")), *real_files()]

# Loaded by reading a file into the model; a plain read loads none of them.
MODEL_MODULES = ("pydantic", "pydantic_core", "retrotui.model", "retrotui.markdown.model_build")

RUNNER = """
import json, sys
from retrotui.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core", "textual")
                or m in ("retrotui.model", "retrotui.markdown.model_build", "retrotui.reading", "dataclasses"))
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def run_cli(*args: str) -> tuple[int, list[str], str]:
    """The command run in a fresh interpreter: its exit code, the modules it loaded of the model's, its output."""
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, encoding="utf-8", check=True
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    return report["code"], report["loaded"], result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "--strict"),
        ("actions", "--format", "json"),
        ("actions", "--format", "csv"),
        ("actions",),
        ("actions", "--copies", "--sort", "due"),
    ],
)
def test_check_and_actions_load_neither_pydantic_nor_the_model_nor_dataclasses(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    path = tmp_path / "RETRO.md"
    path.write_text(many_retros(30), encoding="utf-8")
    code, loaded, output = run_cli(*args, str(path))
    assert output  # the command ran and said something
    assert code in (0, 1)
    assert loaded == []  # dataclasses (with inspect and ast) was some 8 ms of their start: retrotui.record instead


def test_check_explain_reads_the_model(tmp_path: Path) -> None:
    """--explain says how each part was read, from the model (and is the one that pays for it)."""
    path = tmp_path / "RETRO.md"
    path.write_text(many_retros(3), encoding="utf-8")
    _code, loaded, output = run_cli("check", "--explain", str(path))
    assert "retro.md" in output.casefold()
    assert "retrotui.model" in loaded and "pydantic" in loaded


def _said(doc: object, today: dt.date) -> dict[str, object]:
    """Everything check and actions say of a document."""
    said: dict[str, object] = {
        "summary": summary(doc, today, "RETRO.md"),  # type: ignore[arg-type]
        "warnings": [(w.line, w.message) for w in doc.warnings],  # type: ignore[attr-defined]
        "overdue": overdue_report(doc, today),  # type: ignore[arg-type]
    }
    for copies in (False, True):
        for sort in ActionSort:
            for which in ActionFilter:
                found = tracked_actions(doc, today, which, sort=sort, copies=copies)  # type: ignore[arg-type]
                said[f"{copies}-{sort}-{which}"] = [t.as_record(today) for t in found]
    return said


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_plain_read_says_what_the_model_says(path: Path) -> None:
    text = read_exact(path)
    model = loads(text, read_through=True)
    plain = read_plain(text)
    assert _said(as_document(plain), TODAY) == _said(model, TODAY)
    assert [(p.index, p.count, p.line, p.text) for p in plain.other_content()] == [
        (p.index, p.count, p.line, p.text) for p in other_content(model)
    ]
    assert [r.title for r in plain.all_retros] == [r.title for r in model.all_retros]
    assert plain.title == model.title


def test_a_plain_read_of_many_retros_says_what_the_model_says() -> None:
    text = many_retros(200)
    assert _said(as_document(read_plain(text)), TODAY) == _said(loads(text, read_through=True), TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\ufeff# Title\r\n\r\n## Sprint 1 (2025-01-02)\r\n### Actions\r\n- [ ] a @Ana (due 2024-01-01)\r\n",
        "# T\n\n## Sprint 2 (2025-02-01)\n\n### Action Items\n| Item | Done |\n|--|--|\n| a | x |\n| b |\n\n"
        "## Notes\n\ntext\n\n## Sprint 1 (2025-01-01)\n\nGoal:\n- a (from Sprint 0)\n",
        "SPRINT 3\nWent well:\n- ok\n\nAction items:\n1. fix it (Bo)\n",
        "## Retro Action Items - 12/01/2022\n- [x] done one\n- [ ] open one\n```\nunclosed\n",
    ],
)
def test_shapes_read_plainly_as_the_model_reads_them(text: str) -> None:
    model = loads(text, read_through=True)
    assert dumps(model) == text
    assert _said(as_document(read_plain(text)), TODAY) == _said(model, TODAY)


@settings(max_examples=150, deadline=None)
@given(markdownish)
def test_any_markdownish_text_reads_plainly_as_the_model_reads_it(text: str) -> None:
    model = loads(text, read_through=True)
    plain = read_plain(text)
    assert _said(as_document(plain), TODAY) == _said(model, TODAY)
    assert [(p.index, p.count, p.line, p.text) for p in plain.other_content()] == [
        (p.index, p.count, p.line, p.text) for p in other_content(model)
    ]
