"""The file's first look (``Outline``), worked out on another core while the editor starts.

Before its first frame the editor imports Textual and builds its screen (one
core busy for some 200 ms), and it needs the outline of the file (the retros'
titles, the newest retro's sections, ``retrotui.outline``): 10 ms to import
the scanner, and 30 ms more to read a file of 1,000 retros.  Forked before
Textual is imported, a child process works the outline out meanwhile and
hands it back through a pipe as plain values (``marshal``); the editor takes
it when it composes its first frame, by then long since ready.

Nothing depends on the child: where there is no ``fork``, or the child fails,
or its answer is not whole, the editor works the outline out itself, as it
did before.  The child writes nothing to the terminal (it leaves with
``os._exit``, skipping buffers and exit handlers) and is reaped when its
answer is taken.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
from typing import Any

from retrotui.record import Record
from retrotui.sections import SectionKind

PREVIEW_TITLES = 100  # the titles the retro list shows before the document is loaded


class OutlineSection(Record):
    title: str
    kind: SectionKind | None
    items: tuple[str, ...]  # its bullets, or its lines of text when it has no list


class Outline(Record):
    """What the first frame shows of a file, before its document model is loaded (``retrotui.outline``)."""

    titles: tuple[str, ...]  # the retros, newest first, as the retro list shows them (the first ones asked for)
    has_template: bool
    newest_title: str
    newest_date: dt.date | None
    sections: tuple[OutlineSection, ...]  # the newest retro's, in the order its tabs are shown


class FirstLook:
    """The outline of ``text``, asked of a child process at once and taken when the first frame is composed."""

    def __init__(self, text: str, titles: int | None = PREVIEW_TITLES + 1) -> None:
        """``titles``: how many retros' titles to read (one more than listed: the list then knows there are more)."""
        self.text = text
        self.titles = titles
        self.pid: int | None = None  # the child, until it is reaped
        self._answer: int | None = None  # the pipe's end its answer comes from

    @classmethod
    def started(cls, text: str, titles: int | None = PREVIEW_TITLES + 1) -> FirstLook:
        """The child is forked now (call it before importing Textual: the fork then copies little)."""
        look = cls(text, titles)
        look._fork()
        return look

    def _fork(self) -> None:
        if not hasattr(os, "fork"):
            return
        try:
            answer, write_end = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(answer)
            os.close(write_end)
            return
        if pid == 0:
            _child(self.text, self.titles, answer, write_end)
        os.close(write_end)
        self.pid, self._answer = pid, answer

    def outline(self) -> Outline:
        """The child's outline, or one worked out here when the child gave none."""
        found = self._take()
        if found is not None:
            return found
        from retrotui.outline import outline

        return outline(self.text, self.titles)

    def close(self) -> None:
        """The child's answer is not needed: it is reaped all the same."""
        self._take()

    def _take(self) -> Outline | None:
        answer, self._answer = self._answer, None
        if answer is None:
            return None
        try:
            with os.fdopen(answer, "rb") as source:
                data = source.read()
        except OSError:
            data = b""
        finally:
            self._reap()
        try:
            return _from_plain(marshal.loads(data))
        except (EOFError, ValueError, TypeError, IndexError):
            return None

    def _reap(self) -> None:
        pid, self.pid = self.pid, None
        if pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _child(text: str, titles: int | None, answer: int, write_end: int) -> None:
    """In the child: the outline down the pipe, then leave at once, whatever happened."""
    code = 1
    try:
        os.close(answer)
        from retrotui.outline import outline

        data = marshal.dumps(_to_plain(outline(text, titles)))
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        code = 0
    finally:
        os._exit(code)


def _to_plain(shown: Outline) -> tuple[Any, ...]:
    """The outline as tuples of strings, numbers and None: what ``marshal`` carries."""
    sections = tuple(
        (section.title, section.kind.value if section.kind is not None else None, section.items)
        for section in shown.sections
    )
    date = shown.newest_date.toordinal() if shown.newest_date is not None else None
    return (shown.titles, shown.has_template, shown.newest_title, date, sections)


def _from_plain(values: Any) -> Outline:
    titles, has_template, newest_title, date, sections = values
    return Outline(
        tuple(titles),
        bool(has_template),
        str(newest_title),
        dt.date.fromordinal(date) if date is not None else None,
        tuple(
            OutlineSection(title, SectionKind(kind) if kind is not None else None, tuple(items))
            for title, kind, items in sections
        ),
    )
