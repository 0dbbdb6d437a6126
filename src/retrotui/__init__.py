"""retrotui: keep a team's retrospectives in a plain Markdown file in git.

The public API is plain Python with no Textual import, so scripts and the
command line stay fast::

    doc = retrotui.load("RETRO.md")
    doc.retros[-1].action_items[0].status = "done"
    retrotui.dump(doc, "RETRO.md")

Names are imported on first use (PEP 562), so ``import retrotui`` (and the
editor's start-up) does not pay for pydantic until a document is read.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
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

_LAZY = {
    "loads": "retrotui.markdown",
    "dumps": "retrotui.markdown",
    "ActionItem": "retrotui.model",
    "ActionTable": "retrotui.model",
    "ParseWarning": "retrotui.model",
    "Retro": "retrotui.model",
    "RetroDocument": "retrotui.model",
    "Section": "retrotui.model",
    "SectionKind": "retrotui.model",
    "TaskList": "retrotui.model",
    "TextBlock": "retrotui.model",
    "DONE": "retrotui.values",
    "OPEN": "retrotui.values",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'retrotui' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def load(path: str | Path) -> RetroDocument:
    """Read a file (UTF-8, BOM kept); raises ``retrotui.store.StoreError`` if unreadable."""
    from retrotui.store import load_document

    return load_document(Path(path))


def dump(doc: RetroDocument, path: str | Path) -> None:
    """Write atomically: the old file stays intact if anything fails.

    A symbolic link stays a link (its target is written) and a hard-linked
    file keeps its links.  Raises ``ValueError`` naming the field, before
    anything is written, when a string holds a lone surrogate; and
    ``retrotui.store.StoreError`` when the file cannot be written.
    """
    from retrotui.markdown import dumps
    from retrotui.markdown.serializer import check_encodable
    from retrotui.store import write_text_atomic

    text = dumps(doc)
    check_encodable(doc, text)
    write_text_atomic(Path(path), text)


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
