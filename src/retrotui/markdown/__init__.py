"""Source-preserving Markdown reading and writing for retrospective files."""

from retrotui.markdown.parser import loads
from retrotui.markdown.serializer import dumps, render_blocks

__all__ = ["dumps", "loads", "render_blocks"]
