"""The right side of the editor: the selected retro's view, or the parts of the file outside the retros.

Putting a retro on screen removes one view and mounts another; a highlight in
the list and a dialog's answer can ask for that at the same moment, so every
change of view goes through one lock.  A quit waits for the view being mounted
(``mounting``; ``RetroApp.on_exit_app``): Textual's tab strip, taken down
before its tabs are mounted, ends the app with ``ValueError: No Tab with id``
(Textual 8.2, ``Tabs._on_mount``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from retrotui.tui.services import EditorServices
from retrotui.tui.widgets.retro_list import RetroList, newest_first

if TYPE_CHECKING:
    # The views, the editor and the model load with the document, after the first frame.
    from retrotui.editing import Editor
    from retrotui.first_look import Outline
    from retrotui.model import Retro, RetroDocument
    from retrotui.tui.widgets.other_content import OtherContentView
    from retrotui.tui.widgets.retro_view import RetroView, ViewState

    PaneView: TypeAlias = RetroView | OtherContentView


class RetroPane(Vertical):
    def __init__(
        self,
        retro_list: RetroList,
        services: EditorServices,
        opening: str,
        preview: Outline | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.retro_list = retro_list
        self.services = services
        self.opening = opening
        self.preview = preview
        self.editor: Editor | None = None  # set when the document is open
        self.current: Retro | None = None
        self.showing_other = False  # the parts outside the retros are on screen
        self._showing = asyncio.Lock()  # one view put on screen at a time
        self._view: PaneView | None = None
        self.mounting: asyncio.Event | None = None  # while a view is mounted; set once it is

    def compose(self):  # type: ignore[no-untyped-def]
        if self.preview is not None and self.preview.newest_title:
            from retrotui.tui.widgets.preview import PreviewView

            yield PreviewView(self.preview)
        else:
            yield Static(Text(self.opening), id="empty")

    @property
    def view(self) -> PaneView | None:
        """The retro's (or the other content's) view on screen; kept, not looked up."""
        view = self._view
        return view if view is not None and view.is_attached else None

    def _editor(self) -> Editor:
        assert self.editor is not None, "the document is not open yet"
        return self.editor

    async def show_retro(self, retro: Retro | None, state: ViewState | None = None) -> None:
        """Replace the retro on screen (None: the hint that there are no retros yet)."""
        async with self._showing:
            await self._show_retro(retro, state)

    async def show_retro_if_new(self, retro: Retro) -> None:
        """The list's highlight moved: show that retro, unless it is the one on screen already."""
        async with self._showing:
            if retro is not self.current or self.showing_other:
                await self._show_retro(retro, None)

    async def _show_retro(self, retro: Retro | None, state: ViewState | None) -> None:
        view = self.view
        if view is not None:
            view.commit_pending()
        self.current = retro
        self.showing_other = False
        await self.remove_children()
        self._view = None
        if not self.is_attached:
            return  # the app is quitting (Textual mounts nothing once it is)
        if retro is None:
            hint = f"No retros yet. Press {self.services.keys('app.new_retro')} to start one."
            await self.mount(Static(Text(hint), id="empty"))
            return
        from retrotui.tui.widgets.retro_view import RetroView

        await self._mount_view(RetroView(self._editor(), retro, self.services, state=state))

    async def show_other(self) -> None:
        """The parts of the file outside the retros, in the place of a retro."""
        async with self._showing:
            if self.showing_other:
                return
            view = self.view
            if view is not None:
                view.commit_pending()
            self.current = None
            self.showing_other = True
            await self.remove_children()
            self._view = None
            if not self.is_attached:
                return  # the app is quitting
            from retrotui.tui.widgets.other_content import OtherContentView

            await self._mount_view(OtherContentView(self._editor(), self.services))

    async def _mount_view(self, view: PaneView) -> None:
        self._view = view
        mounted = self.mounting = asyncio.Event()
        try:
            await self.mount(view)
        finally:
            self.mounting = None
            mounted.set()

    async def refresh_document(self, focus: Retro | None = None, state: ViewState | None = None) -> None:
        """Redraw the list and the view after undo, redo, a reload or a new retro."""
        async with self._showing:
            doc = self._editor().doc
            view = self.view
            if self.showing_other and focus is None and view is not None:
                self.retro_list.show(doc)
                self.retro_list.select_other()
                view.reload()
                return
            target = focus if focus is not None else self.current
            if target is None or not any(target is r for r in [*doc.retros, doc.template]):
                shown = newest_first(doc)
                target = shown[0] if shown else doc.template
            self.retro_list.show(doc, selected=target)
            if target is not None and view is not None and view.retro is target:
                view.reload()
            else:
                await self._show_retro(target, state)

    async def replace_document_keeping_view(self, replace: Callable[[], None], keep_typing: bool = False) -> None:
        """Swap in a new document (a reload, a merge) with the same retro, tab, row and scroll on screen.

        With ``keep_typing`` (a live session) the field being typed in is opened again where its
        item or row stands in the new document, with what was typed and the cursor where it was.
        """
        from retrotui.tui.widgets.retro_view import RetroView

        editor = self._editor()
        place = _place_of(editor.doc, self.current)
        view = self.view
        typing = view.take_open_edit() if keep_typing and isinstance(view, RetroView) else None
        state = view.state() if view is not None else None
        focused = self.screen.focused
        had_focus = focused is not None and view is not None and view in focused.ancestors_with_self
        replace()
        await self.refresh_document(_same_place(editor.doc, place), state)
        view = self.view
        if typing is not None and isinstance(view, RetroView):
            await view.reopen(typing)
        elif had_focus and view is not None:
            view.focus_active()


def _place_of(doc: RetroDocument, retro: Retro | None) -> tuple[str, int] | None:
    """Where ``retro`` stands: its title and its place in the list (the template is its own place)."""
    if retro is None:
        return None
    if retro is doc.template:
        return ("template", 0)
    shown = newest_first(doc)
    return (retro.title, next((i for i, r in enumerate(shown) if r is retro), 0))


def _same_place(doc: RetroDocument, place: tuple[str, int] | None) -> Retro | None:
    """The retro of a new document that stands where ``place`` (title, list position) was."""
    if place is None:
        return None
    title, index = place
    if title == "template":
        return doc.template
    shown = newest_first(doc)
    same_title = [r for r in shown if r.title == title]
    if same_title:
        return min(same_title, key=lambda r: abs(shown.index(r) - index))
    return shown[min(index, len(shown) - 1)] if shown else None
