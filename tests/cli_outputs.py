"""The command line's outputs on every sample, corpus and generated file, as digests.

``tests/data/cli_outputs.json`` holds the SHA-256 of each output as the
command line wrote it before the read path was made faster (issue #12);
``test_cli_outputs`` checks that every output is still byte for byte the
same.  To see a difference, run the command on the file at that commit and
now, and compare.  ``python -m tests.cli_outputs`` rewrites the digests
(only when an output is meant to change).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.util
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

from retrotui.cli import main
from tests.conftest import CORPUS, SAMPLES, TODAY, corpus_files, real_files

DIGESTS = Path(__file__).parent / "data" / "cli_outputs.json"
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check",),
    ("check", "--strict"),
    ("check", "--explain"),
    ("actions", "--format", "json"),
    ("actions", "--format", "csv"),
    ("actions",),
    ("actions", "--copies", "--format", "json"),
    ("actions", "--copies"),
    ("actions", "--open", "--sort", "due", "--format", "csv"),
    ("actions", "--overdue", "--sort", "owner"),
    ("actions", "--done", "--sort", "age", "--format", "json"),
    ("actions", "--sort", "retro", "--owner", "ana"),
)


def carried_document(retros: int = 60, seed: int = 12) -> str:
    """A file whose items are carried from retro to retro in every way ``identity`` knows.

    Copies in the next retro (with and without marks), ``(from …)`` notes naming
    older retros, ``Carry:``/``Carried over:`` prefixes, a chore written again
    later, text that differs only in case and spacing, task lists among tables,
    a Source column, newest first.
    """
    rng = random.Random(seed)
    texts = [f"Fix the {word} alert" for word in ("disk", "queue", "Queue ", "cpu", "memory", "dns", "tls", "backup")]
    owners = ["Ana", "bo", "Data Team", "", "@sre"]
    statuses = ["☐", "☑", "Done", "in progress", "[ ]", "TODO"]
    parts = ["# Carried items\n\n**Last Updated:** 2025-10-17\n\n"]
    previous: list[str] = []
    for n in reversed(range(retros)):
        day = dt.date(2023, 1, 2) + dt.timedelta(days=7 * n)
        rows: list[str] = []
        for text in previous:
            roll = rng.random()
            if roll < 0.3:
                rows.append(text)
            elif roll < 0.45:
                rows.append(f"Carried over: {text}")
            elif roll < 0.6:
                rows.append(f"{text} (from Sprint {rng.randint(0, max(0, n))})")
            elif roll < 0.7:
                rows.append(f"carry:   {text.upper()}")
        for _ in range(rng.randint(1, 4)):
            rows.append(rng.choice(texts) + ("" if rng.random() < 0.7 else f" #{rng.randint(1, 3)}"))
        parts.append(f"## Sprint {n} – Week {n} ({day.isoformat()})\n\n### Action Items\n\n")
        if n % 7 == 3:
            for text in rows:
                box = "[x]" if rng.random() < 0.3 else "[ ]"
                owner = rng.choice(owners)
                parts.append(f"- {box} {text}" + (f" @{owner.strip('@').replace(' ', '')}" if owner else "") + "\n")
        elif n % 5 == 1:
            parts.append("| Item | Owner | Due | Status | Source |\n|---|---|---|---|---|\n")
            for text in rows:
                source = f"Sprint {rng.randint(0, n)}" if rng.random() < 0.4 else ""
                due = (day + dt.timedelta(days=rng.randint(-20, 40))).isoformat()
                parts.append(f"| {text} | {rng.choice(owners)} | {due} | {rng.choice(statuses)} | {source} |\n")
        else:
            parts.append("| Item | Owner | Due Date | Status |\n|------|-------|----------|--------|\n")
            for text in rows:
                due = (day + dt.timedelta(days=rng.randint(-20, 40))).isoformat() if rng.random() < 0.8 else "soon"
                parts.append(f"| {text} | {rng.choice(owners)} | {due} | {rng.choice(statuses)} |\n")
        parts.append("\n### Notes\n- nothing else\n\n")
        previous = [r for r in rows if rng.random() < 0.6]
    return "".join(parts)


def generated_files(folder: Path) -> list[Path]:
    """The generated files, written into ``folder``."""
    spec = importlib.util.spec_from_file_location("bench_generate", BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    files = {
        "generated-big.md": generate.big_document(retros=150, actions_per_retro=6),
        "generated-carried.md": carried_document(),
    }
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def all_files(folder: Path) -> list[Path]:
    samples = sorted(SAMPLES.glob("*.md"))
    return samples + corpus_files() + generated_files(folder) + [CORPUS / "EXPECTED.md"]


def output(path: Path, command: tuple[str, ...], today: dt.date = TODAY) -> bytes:
    """What ``retrotui COMMAND FILE`` writes to stdout and stderr, with its exit code, the path as FILE."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([command[0], str(path), *command[1:]], today=today)
    text = f"{out.getvalue()}\n--- stderr ---\n{err.getvalue()}\n--- exit {code}\n"
    return text.replace(str(path), "FILE").encode("utf-8", "surrogatepass")


def digests(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        for command in COMMANDS:
            yield f"{path.name} :: {' '.join(command)}", hashlib.sha256(output(path, command)).hexdigest()


def write_digests() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        found = dict(digests(all_files(Path(folder)) + real_files()))
    DIGESTS.parent.mkdir(exist_ok=True)
    DIGESTS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_digests()
