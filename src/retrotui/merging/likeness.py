"""How alike two versions of a title or a block of text are (0 unrelated, 1 the same)."""

from __future__ import annotations

import difflib


def title_alike(a: str, b: str) -> float:
    a, b = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a != b else 1.0


def lines_alike(a: str, b: str) -> float:
    """The share of non-blank lines the two texts have in common (as sets, order aside)."""
    left = {line.strip() for line in a.split("\n")} - {""}
    right = {line.strip() for line in b.split("\n")} - {""}
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right)
