"""Output formats that stay harmless wherever they end up: a terminal, a JSON parser, a spreadsheet."""

from __future__ import annotations

import codecs
import re
from typing import TextIO

# json.dumps escapes C0 but writes DEL, the C1 controls (U+009B is CSI) and the bidi embeddings, overrides
# and isolates (U+202A-U+202E, U+2066-U+2069, which reorder a line on a terminal) as they are.
_JSON_RAW_CODES = (*range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_JSON_RAW_CONTROLS = str.maketrans({code: f"\\u{code:04x}" for code in _JSON_RAW_CODES})
_JSON_RAW_CONTROL = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A cell a spreadsheet would run as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_VALUE = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?|\d{4}-\d{2}-\d{2}")


def exact_json(text: str) -> str:
    """JSON text with DEL, C1 controls and bidi controls escaped too: still exact, and inert on a terminal.

    These characters can only occur inside JSON strings, where ``\\u009b`` means
    exactly the same as the raw character.  (Searched for first: ``translate`` looks every
    character of a non-ASCII text up in its table, which took most of ``actions --format json``.)
    """
    if _JSON_RAW_CONTROL.search(text) is None:
        return text
    return text.translate(_JSON_RAW_CONTROLS)


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ``=``, ``+``, ``-``, ``@``, tab or CR gets a ``'``.

    Plain numbers and dates (``-3``, ``+1.5``, ``2025-01-02``) are left as they are.
    """
    if cell.startswith(_FORMULA_START) and not _PLAIN_VALUE.fullmatch(cell):
        return "'" + cell
    return cell


def _json_style_escape(error: UnicodeError) -> tuple[str, int]:
    """A character the stream cannot hold, as JSON writes it: ``\\u241b``, and a character beyond the
    BMP as its UTF-16 pair (``\\ud83d\\ude00``), so JSON output stays valid and exact, and text readable."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    units = error.object[error.start : error.end].encode("utf-16-be", "surrogatepass")
    escaped = "".join(f"\\u{int.from_bytes(units[n : n + 2], 'big'):04x}" for n in range(0, len(units), 2))
    return escaped, error.end


codecs.register_error("retrotui.json_style_escape", _json_style_escape)


def escape_what_cannot_be_written(stream: TextIO) -> None:
    """A stream in ASCII or Latin-1 (an old locale, Windows' cp1252 when redirected to a file) cannot hold a
    stand-in such as ``␛``, a table's ``│`` or an emoji: each is written as its ``\\u`` escape instead of
    ending the command with a ``UnicodeEncodeError`` traceback.  An error handler the user chose
    (``PYTHONIOENCODING=…:replace``) is kept."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", None) == "strict":
        reconfigure(errors="retrotui.json_style_escape")
