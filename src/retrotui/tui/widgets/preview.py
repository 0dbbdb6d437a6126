"""The newest retro as the first frame shows it, before the document model is loaded.

It looks like the retro's view (title, tabs, the first tab's items) but is not
editable; keys typed meanwhile wait in the key gate and reach the real view,
which takes its place as soon as the file is parsed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from retrotui.first_look import Outline
from retrotui.safe_text import visible
from retrotui.sections import SectionKind

SHORT_LABELS = {
    SectionKind.SUMMARY: "Summary",
    SectionKind.WENT_WELL: "Went Well",
    SectionKind.COULD_IMPROVE: "Improve",
    SectionKind.ACTION_ITEMS: "Actions",
    SectionKind.METRICS: "Metrics",
    SectionKind.FOLLOW_UP: "Follow-Up",
}


def tab_name(title: str, kind: SectionKind | None) -> str:
    """Short labels for the known sections so six tabs fit; others as the file names them."""
    return SHORT_LABELS.get(kind, title) if kind is not None else title


class PreviewView(Vertical):
    def __init__(self, shown: Outline) -> None:
        super().__init__(id="preview-view")
        self.shown = shown

    def compose(self) -> ComposeResult:
        shown = self.shown
        title = Text(visible(shown.newest_title), style="bold")
        if shown.newest_date is not None:
            title.append(f"  {shown.newest_date.isoformat()}", style="dim")
        yield Static(title, id="retro-title")
        tabs = Text()
        for n, section in enumerate(shown.sections, 1):
            tabs.append(f" {n} {visible(tab_name(section.title, section.kind))} ", style="bold" if n == 1 else "dim")
        yield Static(tabs, id="preview-tabs")
        if shown.sections:
            first = shown.sections[0]
            # One line for each item, as the section's view shows them; each item's own controls made visible.
            body = Static(Text("\n".join(f" {visible(item)}" for item in first.items)), classes="section-area")
            body.border_title = Content(visible(first.title))  # the file's text, never markup
            yield body
