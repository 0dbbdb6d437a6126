"""Source-preserving Markdown reading and writing for retrospective files.

``loads``, ``dumps`` and ``render_blocks`` are imported on first use (PEP 562),
so a caller that only needs the line scanner (``retrotui.markdown.lines``,
as the merge driver does) does not pay for the pydantic model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from retrotui.markdown.parser import loads
    from retrotui.markdown.serializer import dumps, render_blocks

_LAZY = {"loads": "retrotui.markdown.parser", "dumps": "retrotui.markdown.serializer"}
_LAZY["render_blocks"] = _LAZY["dumps"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'retrotui.markdown' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = ["dumps", "loads", "render_blocks"]
