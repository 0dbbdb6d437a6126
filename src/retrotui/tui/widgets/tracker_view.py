"""The action tracker: every action item of every retro, with filters and stats.

Space toggles an item where it lives (same history, same one-line diff as in
the grid); enter jumps to it in its retro.  It lives on the editor screen,
built once after the document opens and shown in place of the retros, so
opening and closing it is a switch, not a new screen.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from retrotui.safe_text import visible
from retrotui.tracker import (
    ActionFilter,
    ActionSort,
    TrackedAction,
    all_actions,
    filter_actions,
    sort_actions,
    tracker_stats,
)
from retrotui.tui import commands
from retrotui.tui.commands import Scope
from retrotui.tui.look import Look
from retrotui.tui.services import EditorServices
from retrotui.tui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from retrotui.editing import Editor

FILTERS = [ActionFilter.OPEN, ActionFilter.OVERDUE, ActionFilter.DONE, ActionFilter.ALL]
SORTS = [ActionSort.RETRO, ActionSort.DUE, ActionSort.OWNER, ActionSort.AGE]
ITEM_MIN = 12  # the Item column's floor on a narrow terminal
WIDTH_SAMPLE = 200  # the rows whose texts set the column widths
SQUEEZED_MIN = 5  # how narrow Retro and Owner may get
BAR_WIDTH = 12
MAX_BARS = 40  # the newest; a long history would only push them out of view
COLUMNS = (
    ("Retro", "retro"),
    ("Item", "item"),
    ("Owner", "owner"),
    ("Due", "due"),
    ("Status", "status"),
    ("Age", "age"),
)


def progress_bar(done: int, total: int, width: int = BAR_WIDTH, color: str = "green") -> Text:
    filled = round(width * done / total) if total else 0
    bar = Text("█" * filled, style=color)
    bar.append("░" * (width - filled), style="dim")
    return bar


class TrackerView(Vertical):
    """All action items; f filter, o owner, s sort, / search, space toggle, h history, enter jump.

    It closes with the item to show in its retro (enter), or None (escape).
    """

    BINDINGS = commands.bindings(Scope.TRACKER)

    class Closed(Message):
        def __init__(self, jump_to: TrackedAction | None) -> None:
            super().__init__()
            self.jump_to = jump_to

    def __init__(self, editor: Editor, services: EditorServices) -> None:
        super().__init__(id="tracker")
        self.editor = editor
        self.services = services
        self.today = services.today
        self.which = ActionFilter.OPEN
        self.sort = ActionSort.RETRO
        self.owner: str | None = None
        self.search = ""
        self.everything: list[TrackedAction] = []
        self.shown: list[TrackedAction] = []
        self._fitted_for = -1
        self.stats_drawn = False

    def open(self) -> None:
        """Show every item as the document is now (worked out once per version of it)."""
        self._read_items()
        self.stats_drawn = False
        self.refresh_rows(fit=self.table.size.width > 0)
        self.table.focus()
        # The list first; the stats panel fills in right after the first paint.
        self.call_after_refresh(self.refresh_stats)

    def _read_items(self) -> None:
        editor = self.editor
        self.everything = editor.derived("tracked", lambda: all_actions(editor.doc))

    def document_replaced(self) -> None:
        """The document was replaced (a live session took in the others' edits): rows and stats from the
        new one, the cursor on the same row number, the focus where it was.  A toggle must never reach
        an item of the old document, which is no longer written."""
        self._read_items()
        self.refresh_rows(fit=self.table.size.width > 0)  # the table keeps its cursor row
        self.refresh_stats()

    def compose(self) -> ComposeResult:
        with Horizontal(id="tracker-body"):
            with Vertical(id="tracker-main"):
                yield Static("", id="tracker-filters")
                yield Input(placeholder="Search items, owners, retros", id="tracker-search")
                yield VirtualTable(id="tracker-table")
            with VerticalScroll(id="tracker-stats"):
                yield Static("", id="tracker-counts")
                yield Static("", id="tracker-owners")
                yield Static("", id="tracker-bars")

    def on_mount(self) -> None:
        self.query_one("#tracker-search", Input).display = False

    def on_resize(self) -> None:
        if self.table.size.width and self.table.size.width != self._fitted_for:
            self.fit_columns()

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#tracker-table", VirtualTable)

    # -- rows ---------------------------------------------------------------------------

    def refresh_rows(self, fit: bool = True) -> None:
        today = self.today()
        self.shown = sort_actions(
            filter_actions(self.everything, today, self.which, self.owner, self.search), self.sort
        )
        if fit:
            self.fit_columns()
        self.query_one("#tracker-filters", Static).update(self.describe())

    @property
    def look(self) -> Look:
        return self.services.look()

    def fit_columns(self) -> None:
        """Widths from the plain texts of the first rows; the Item column takes what the others leave.

        A sample, not every row: with thousands of items, measuring them all
        would be most of the time the tracker takes to open, and a longer cell
        further down is cut with an ellipsis like any other.
        """
        shown = self.shown
        sample = shown[:WIDTH_SAMPLE]
        columns = [
            [t.retro.short_title for t in sample],
            [],
            [t.action.owner for t in sample],
            [self.look.due_text(t.action.due) for t in sample],
            [self.status_text(t) for t in sample],
            [self.age_text(t) for t in sample],
        ]
        labels = [label for label, _ in COLUMNS]
        widths = VirtualTable.column_widths(labels, columns, {2: 20, 4: 14})
        available = self.table.size.width or 100
        self._fitted_for = self.table.size.width
        room = available - 2 * len(widths) - 1  # each cell has a space either side
        widths[1] = room - sum(widths)
        # A narrow terminal: Retro and Owner give up room (cut with an ellipsis) before Item goes below its floor;
        # Due, Status and Age keep theirs.
        for index in (2, 0):
            if widths[1] >= ITEM_MIN:
                break
            give = min(widths[index] - SQUEEZED_MIN, ITEM_MIN - widths[1])
            if give > 0:
                widths[index] -= give
                widths[1] += give
        widths[1] = max(ITEM_MIN, widths[1])
        today = self.today()
        self.table.set_rows(labels, widths, len(shown), lambda index: self.row(shown[index], today))

    def describe(self) -> Text:
        text = Text()
        text.append(f"{len(self.shown)} ", style="bold")
        text.append(f"{self.which.value} item{'' if len(self.shown) == 1 else 's'}")
        text.append(f"  ·  owner: {visible(self.owner or 'anyone')}  ·  sorted by {self.sort.value}")
        if self.search:
            text.append(f"  ·  matching {visible(repr(self.search))}")
        return text

    def status_text(self, tracked: TrackedAction) -> str:
        return self.editor.doc.status_text(tracked.retro, tracked.action)

    @staticmethod
    def age_text(tracked: TrackedAction) -> str:
        return f"{tracked.age} retro{'s' if tracked.age != 1 else ''}" if tracked.age else "new"

    def row(self, tracked: TrackedAction, today: dt.date) -> list[Text]:
        action = tracked.action
        overdue = action.is_overdue(today)
        look = self.look
        status = self.status_text(tracked)
        age = self.age_text(tracked)
        return [
            Text(visible(tracked.retro.short_title), style="dim"),
            Text(visible(action.item), style=look.overdue if overdue else ""),
            Text(visible(action.owner)),
            Text(visible(look.due_text(action.due)), style=f"bold {look.overdue}" if overdue else ""),
            Text(visible(status), style=f"bold {look.done}" if action.is_done else ""),
            Text(age, style=look.carried if tracked.age >= 2 else ""),
        ]

    def refresh_stats(self) -> None:
        today = self.today()
        stats = self.editor.derived(
            ("tracker stats", today), lambda: tracker_stats(self.editor.doc, today, items=self.everything)
        )
        counts = Text()
        counts.append("Open ", style="bold")
        counts.append(f"{stats.open}   ")
        counts.append("Overdue ", style=f"bold {self.look.overdue}")
        counts.append(f"{stats.overdue}   ")
        counts.append("Done ", style=f"bold {self.look.done}")
        counts.append(f"{stats.done}\n")
        self.query_one("#tracker-counts", Static).update(counts)
        owners = Text()
        owners.append("Most open items\n", style="bold")
        for name, count in stats.top_owners:
            owners.append(f"  {count:>3}  ", style="bold")
            owners.append(f"{visible(name)}\n")
        self.query_one("#tracker-owners", Static).update(owners)
        bars = Text()
        bars.append("Done per retro (newest first)\n", style="bold")
        for progress in stats.per_retro[:MAX_BARS]:
            bars.append(progress_bar(progress.done, progress.total, color=self.look.done))
            bars.append(f" {progress.done}/{progress.total} ")
            bars.append(f"{visible(progress.retro.short_title)}\n")
        older = len(stats.per_retro) - MAX_BARS
        if older > 0:
            bars.append(f"… and {older} older retros\n", style="dim")
        self.query_one("#tracker-bars", Static).update(bars)
        self.stats_drawn = True

    # -- actions ---------------------------------------------------------------------------

    def action_cycle_filter(self) -> None:
        self.which = FILTERS[(FILTERS.index(self.which) + 1) % len(FILTERS)]
        self.refresh_rows()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_rows()

    def action_cycle_owner(self) -> None:
        owners: list[str | None] = [None, *self.editor.doc.owners()]
        current = owners.index(self.owner) if self.owner in owners else 0
        self.owner = owners[(current + 1) % len(owners)]
        self.refresh_rows()

    def action_search(self) -> None:
        field = self.query_one("#tracker-search", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#tracker-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search = event.value
        self.refresh_rows()

    @on(Input.Submitted, "#tracker-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            self.query_one("#tracker-search", Input).display = False
        self.table.focus()

    def _current(self) -> tuple[int, TrackedAction] | None:
        row = self.table.cursor_row
        if not self.shown or not 0 <= row < len(self.shown):
            return None
        return row, self.shown[row]

    def action_toggle_status(self) -> None:
        current = self._current()
        if current is None:
            return
        index, tracked = current
        if self.editor.toggle_status(tracked.retro, tracked.action) is None:
            return
        self.table.refresh_row(index)
        self.refresh_stats()

    def action_jump(self) -> None:
        current = self._current()
        if current is not None:
            self.post_message(self.Closed(current[1]))

    @on(VirtualTable.Selected, "#tracker-table")
    def _row_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.action_jump()

    def action_history(self) -> None:
        """Every retro the item under the cursor went through, oldest first, with its status there."""
        current = self._current()
        if current is None:
            return
        from retrotui.tui.dialogs.history import HistoryDialog

        tracked = current[1]
        rows = [
            (copy.retro.title, self.editor.doc.status_text(copy.retro, copy.action), copy.action.owner)
            for copy in tracked.history
        ]
        self.app.push_screen(HistoryDialog(tracked.action.item, rows))

    def action_close(self) -> None:
        field = self.query_one("#tracker-search", Input)
        if field.has_focus:
            field.value = ""
            field.display = False
            self.table.focus()
            return
        self.post_message(self.Closed(None))
