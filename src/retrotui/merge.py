"""The three-way merge, under its first name: it lives in ``retrotui.merging``."""

from retrotui.merging import Conflict, Location, MergeResult, Piece, merge

__all__ = ["Conflict", "Location", "MergeResult", "Piece", "merge"]
