"""The list of retros, newest on top, and the template at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from retrotui.first_look import PREVIEW_TITLES
from retrotui.safe_text import visible

if TYPE_CHECKING:
    from retrotui.model import Retro, RetroDocument

TEMPLATE_ID = "template"
OTHER_ID = "other"  # the parts of the file outside the retros


def newest_first(doc: RetroDocument) -> list[Retro]:
    """Newest on top, whatever the file's order."""
    retros = doc.retros
    return retros if doc.newest_first else list(reversed(retros))


def title_label(title: str) -> Content:
    """The title on one line, cut at the end when narrow (the list's CSS: nowrap, ellipsis).

    Text from the file is data: a plain ``Content`` is never read as markup, and
    its control characters are made visible.  (A rich ``Text`` would be converted
    to ``Content`` for every option: a tenth of the list's cost with 1,000 retros.)
    """
    return Content(visible(title))


class RetroList(OptionList):
    """Pick the retro to edit; each option's id is its index in ``shown``."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: list[Retro] = []
        self.border_title = "Retros"

    def show(self, doc: RetroDocument, selected: Retro | None = None) -> None:
        self.shown = newest_first(doc)
        options = [Option(title_label(retro.title), id=str(i)) for i, retro in enumerate(self.shown)]
        if doc.template is not None:
            options.append(Option(Content.styled("Template", "italic"), id=TEMPLATE_ID))
        if doc.other_content():
            options.append(Option(Content.styled("Other content", "italic"), id=OTHER_ID))
        self.set_options(options)
        if selected is not None:
            self.select(selected, doc)
        elif options:
            self.highlighted = 0

    def show_outline(self, titles: tuple[str, ...], has_template: bool) -> None:
        """Before the document is loaded: the first retros' titles from a first look at the file.

        No key moves in the list until the document is there, so only the titles
        a screen can show are listed (the template, below them all, only when all are).
        """
        options = [Option(title_label(title), id=f"preview-{n}") for n, title in enumerate(titles[:PREVIEW_TITLES])]
        if has_template and len(titles) <= PREVIEW_TITLES:
            options.append(Option(Content.styled("Template", "italic"), id="preview-template"))
        self.set_options(options)
        if options:
            self.highlighted = 0

    def select(self, retro: Retro, doc: RetroDocument) -> None:
        if retro is doc.template:
            self.highlighted = self._index_of(TEMPLATE_ID)
            return
        for i, candidate in enumerate(self.shown):
            if candidate is retro:
                self.highlighted = i
                return

    def _index_of(self, option_id: str) -> int | None:
        try:
            return self.get_option_index(option_id)
        except Exception:  # OptionDoesNotExist
            return None

    def select_other(self) -> None:
        self.highlighted = self._index_of(OTHER_ID)

    def retro_at(self, option_id: str | None, doc: RetroDocument) -> Retro | None:
        if option_id == TEMPLATE_ID:
            return doc.template
        if option_id is None or option_id == OTHER_ID:
            return None
        index = int(option_id)
        return self.shown[index] if 0 <= index < len(self.shown) else None
