"""retrotui: keep a team's retrospectives in a plain Markdown file in git.

The public API is plain Python with no Textual import, so scripts and the
command line stay fast::

    doc = retrotui.load("RETRO.md")
    doc.retros[-1].action_items[0].status = "done"
    retrotui.dump(doc, "RETRO.md")
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from retrotui.markdown import dumps, loads
from retrotui.model import (
    ActionItem,
    ActionTable,
    ParseWarning,
    Retro,
    RetroDocument,
    Section,
    SectionKind,
    TaskList,
    TextBlock,
)
from retrotui.values import DONE, OPEN

try:
    __version__ = version("retrotui")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"


def load(path: str | Path) -> RetroDocument:
    """Read a file (UTF-8, BOM kept); raises ``retrotui.store.StoreError`` if unreadable."""
    from retrotui.store import read_document

    return read_document(Path(path)).document


def dump(doc: RetroDocument, path: str | Path) -> None:
    """Write atomically: the old file stays intact if anything fails."""
    from retrotui.store import write_text_atomic

    write_text_atomic(Path(path), dumps(doc))


__all__ = [
    "DONE",
    "OPEN",
    "ActionItem",
    "ActionTable",
    "ParseWarning",
    "Retro",
    "RetroDocument",
    "Section",
    "SectionKind",
    "TaskList",
    "TextBlock",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
]
