"""What a merge gives back: the merged text in pieces, and the conflicts among them."""

from __future__ import annotations

from dataclasses import dataclass, field

from retrotui.markdown.lines import ends_line

BOTH_CHANGED = "changed on both sides"
CHANGED_HERE_DELETED_THERE = "changed here, deleted there"
DELETED_HERE_CHANGED_THERE = "deleted here, changed there"
OTHER_LEVELS = "retros are headings of different levels on each side"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a merged part sits: a label for people, and the retro and action row it belongs to."""

    label: str
    retro: str | None = None
    row: str | None = None


@dataclass
class Conflict:
    """One place both sides changed differently; ``choice`` settles it.

    ``where`` is the one line shown to people (in the editor's dialog, in git's
    output and in the conflict marker): the retro, the row or section, and
    ``what`` happened.  ``ours``/``theirs`` are each side's text as written;
    an empty side was deleted there.
    """

    where: str
    ours: str
    theirs: str
    base: str = ""
    retro: str | None = None
    row: str | None = None
    columns: tuple[str, ...] = ()
    what: str = BOTH_CHANGED
    choice: str | None = None  # "ours", "theirs", or the text to use

    @classmethod
    def at(
        cls, location: Location, what: str, ours: str, theirs: str, base: str, columns: tuple[str, ...] = ()
    ) -> Conflict:
        return cls(
            f"{location.label}, {what}",
            ours,
            theirs,
            base,
            retro=location.retro,
            row=location.row,
            columns=columns,
            what=what,
        )

    def resolve(self, choice: str) -> None:
        self.choice = choice

    @property
    def resolution(self) -> str | None:
        if self.choice == "ours":
            return self.ours
        if self.choice == "theirs":
            return self.theirs
        return self.choice

    def with_markers(self, eol: str = "\n") -> str:
        ours = self.ours if not self.ours or ends_line(self.ours) else self.ours + eol
        theirs = self.theirs if not self.theirs or ends_line(self.theirs) else self.theirs + eol
        where = " ".join(self.where.split())  # one line, whatever the file's titles hold
        return f"<<<<<<< ours ({where}){eol}{ours}======={eol}{theirs}>>>>>>> theirs{eol}"


Piece = str | Conflict


@dataclass
class MergeResult:
    pieces: list[Piece] = field(default_factory=list)
    eol: str = "\n"

    @property
    def conflicts(self) -> list[Conflict]:
        return [p for p in self.pieces if isinstance(p, Conflict)]

    @property
    def clean(self) -> bool:
        return not self.conflicts

    @property
    def unresolved(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.resolution is None]

    def text(self) -> str:
        """The merged text; unresolved conflicts appear between conflict markers.

        A part that ended a file without a final line ending gets one when
        something now follows it, so no two lines are ever run together.
        """
        parts: list[str] = []
        for piece in self.pieces:
            if isinstance(piece, str):
                part = piece
            else:
                resolution = piece.resolution
                part = resolution if resolution is not None else piece.with_markers(self.eol)
            if not part:
                continue
            if parts and not ends_line(parts[-1]):
                parts.append(self.eol)
            parts.append(part)
        return "".join(parts)
