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


def test_bidi_overrides_and_isolates_are_shown_not_obeyed() -> None:
    assert visible("Fix \u202egnp.exe\u202c now") == "Fix \\u202egnp.exe\\u202c now"
    controls = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    assert [visible(chr(code)) for code in controls] == [f"\\u{code:04x}" for code in controls]
    assert visible("שלום \u200f עולם") == "שלום \u200f עולם"  # right-to-left text and its marks stay


def test_a_file_names_undecodable_byte_is_shown_as_that_byte() -> None:
    """``os.fsdecode(b"bad\\x9b31m.md")`` holds U+DC9B: shown as ``\\x9b``, never written out as the raw byte."""
    name = "bad\udc9b31m.md"
    assert visible(name) == "bad\\x9b31m.md"
    assert visible("\ud800") == "\\ud800"
    assert visible(name).encode("utf-8") == b"bad\\x9b31m.md"
