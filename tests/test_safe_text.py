"""No byte of a file reaches the terminal as a control sequence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from retrotui.safe_text import is_safe, visible


def test_escape_sequences_are_shown_not_run() -> None:
    assert visible("Sprint \x1b]0;pwned\x07 – Title") == "Sprint ␛]0;pwned␇ – Title"
    assert visible("\x1b[2J") == "␛[2J"
    assert visible("a\x9b31mb") == "a\\x9b31mb"
    assert visible("back\x08space\rcarriage\x7f") == "back␈space␍carriage␡"


def test_tabs_stay_and_newlines_stay_only_when_asked() -> None:
    assert visible("a\tb") == "a\tb"
    assert visible("a\nb") == "a␊b"
    assert visible("a\nb\x1b", keep_newlines=True) == "a\nb␛"


def test_plain_text_is_returned_as_it_is() -> None:
    text = "Sprint 1 – Queue ☐ ☑ 振り返り 👨‍💻"
    assert visible(text) is text


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    assert is_safe(visible(text))
    assert is_safe(visible(text, keep_newlines=True))
