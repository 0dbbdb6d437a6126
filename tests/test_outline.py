"""The first look (``retrotui.outline``) agrees with the document model on the retros and the newest one.

The editor's first frame shows the outline; the model's view then takes its
place.  Whatever the file, both must name the same retros in the same order
and the same newest retro, and reading only the first titles changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from retrotui import loads
from retrotui.outline import outline
from tests.conftest import SAMPLES, corpus_files, real_files
from tests.test_properties import PIECES

FILES = [*corpus_files(), *SAMPLES.glob("*.md"), *real_files()]


def model_view(text: str) -> tuple[tuple[str, ...], str, dt.date | None]:
    """The retros' titles newest first, and the newest retro's title and date, as the model has them."""
    doc = loads(text)  # as the editor's session reads it (a leading BOM is the file's, not the text's)
    retros = doc.retros if doc.newest_first else list(reversed(doc.retros))
    if not retros:
        return (), "", None
    return tuple(r.title for r in retros), retros[0].title, retros[0].date


def assert_agrees(text: str) -> None:
    titles, newest_title, newest_date = model_view(text)
    first_look = outline(text)
    assert first_look.titles == titles
    assert (first_look.newest_title, first_look.newest_date) == (newest_title, newest_date)
    for limit in (0, 1, 3):
        cut = outline(text, titles=limit)
        assert cut.titles == titles[:limit]
        assert (cut.newest_title, cut.newest_date, cut.sections) == (newest_title, newest_date, first_look.sections)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_outline_names_the_models_retros_in_its_order(path: Path) -> None:
    assert_agrees(path.read_bytes().decode("utf-8", errors="surrogateescape"))


def heading(title: str, date: str | None) -> str:
    return f"## {title}" + (f" ({date})" if date else "") + "\n\n### 1. Summary\n- said\n\n"


dates = st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["Sprint 1", "Sprint 7", "Retro 3", "Offsite", "3rd sprint"]), dates)))
def test_any_mix_of_dated_and_undated_retros_runs_the_models_way(retros: list[tuple[str, str | None]]) -> None:
    """Dates in some headings only, one date, none: the first and the last dated retro decide, then numbers."""
    assert_agrees("# Retros\n\n" + "".join(heading(title, date) for title, date in retros))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
@example("\ufeff## Sprint 1 – T (2025-10-17)")
@example("\ufeff\ufeff## Sprint 1 – T (2025-10-17)")  # the second BOM is text: no heading, no retro
def test_any_markdownish_text_gets_the_models_outline(text: str) -> None:
    assert_agrees(text)
