"""Three-way structural merge of retrospective files: retros, sections, action rows and lines.

``merge(base, ours, theirs)`` works on texts and gives back a ``MergeResult``:
whatever neither side touched comes out byte-identical, a part changed on
one side comes out as that side wrote it, and only a part changed on both
sides in different ways becomes a ``Conflict`` naming where it is.

- ``document``: ``merge`` itself, over the file's top-level units.
- ``split``: the file cut into the text before, each retro, the text between, by the
  parser's own rule (``markdown.structure.retro_spans``).
- ``recut``: a side's text cut like the base where it holds a retro that side no
  longer reads as one (a reworded title).
- ``align``, ``likeness``: which unit of an edited version is which unit of
  the base (retros, sections, rows), even after an edit of its text.
- ``sequence``: units merged in order; an edit meeting a delete or another
  edit is a conflict.
- ``retros``, ``rows``: one retro both sides changed, part by part; the rows of all
  of a section's action lists as one sequence.
- ``lines``: what is left, line by line (diff3).
- ``result``: ``MergeResult`` and ``Conflict`` (where, what, both sides).

Importing this package does not import the model: the merge driver only
pays for it when a retro was changed on both sides.
"""

from retrotui.merging.document import merge
from retrotui.merging.result import Conflict, Location, MergeResult, Piece

__all__ = ["Conflict", "Location", "MergeResult", "Piece", "merge"]
