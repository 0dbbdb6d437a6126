"""Which way a file's retros run: the dates decide, then the sprint numbers; the fewest headings are read."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from retrotui.order import newest_first_by, runs_newest_first, sequence_number


def by_every_retro(dates: list[dt.date | None], titles: list[str]) -> bool:
    """The rule read off every retro: the first and last known dates, else the first and last numbers."""
    known = [d for d in dates if d is not None]
    if len(known) >= 2:
        return known[0] > known[-1]
    numbers = [n for n in (sequence_number(t) for t in titles) if n is not None]
    return len(numbers) >= 2 and numbers[0] > numbers[-1]


retros = st.lists(
    st.tuples(
        st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2020, 1, 20))),
        st.sampled_from(["Sprint 1", "Sprint 7", "Retro #3", "2nd sprint", "Offsite", ""]),
    ),
    max_size=12,
)


@given(retros)
def test_the_rule_is_the_same_however_few_headings_it_reads(pairs: list[tuple[dt.date | None, str]]) -> None:
    dates, titles = [d for d, _ in pairs], [t for _, t in pairs]
    asked: set[int] = set()

    def date_of(n: int) -> dt.date | None:
        asked.add(n)
        return dates[n]

    expected = by_every_retro(dates, titles)
    assert runs_newest_first(dates, titles) == expected
    assert newest_first_by(len(pairs), date_of, titles.__getitem__) == expected
    if sum(d is not None for d in dates) >= 2:
        first = next(n for n, d in enumerate(dates) if d is not None)
        last = max(n for n, d in enumerate(dates) if d is not None)
        assert asked == set(range(first + 1)) | set(range(last, len(dates)))  # up to a known date from each end
