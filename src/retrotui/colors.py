"""retrotui's own colours when a theme gives none (plain constants: no pydantic on the first frame)."""

from __future__ import annotations

OVERDUE = "#FF6B6B"
DONE = "#6BD98C"
CARRIED = "#E5C07B"
