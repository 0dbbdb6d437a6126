"""``visible`` on text with Windows line endings: a CRLF is a line ending, a CR alone is still shown."""

from __future__ import annotations

from retrotui.safe_text import visible


def test_a_crlf_line_ending_is_a_newline_where_newlines_are_kept() -> None:
    """A conflict of a CRLF file and a hook's output on Windows end their lines with CRLF: every line was
    shown ending in ␍.  A CR alone (it would overwrite the line on a terminal) is still shown as ␍."""
    assert visible("- mine\r\n- more\r\n", keep_newlines=True) == "- mine\n- more\n"
    assert visible("over\rwrite\r\n", keep_newlines=True) == "over␍write\n"
    assert visible("\r\r\n\x1b\r\n", keep_newlines=True) == "␍\n␛\n"
    assert visible("one line\r\n") == "one line␍␊"  # a line of its own: both shown
