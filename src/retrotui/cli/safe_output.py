"""Output formats that stay harmless wherever they end up: a terminal, a JSON parser, a spreadsheet."""

from __future__ import annotations

import re

# json.dumps escapes C0 but writes DEL and the C1 controls (U+009B is CSI) as they are.
_JSON_RAW_CONTROLS = str.maketrans({code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)})
_JSON_RAW_CONTROL = re.compile("[\x7f-\x9f]")
# A cell a spreadsheet would run as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_VALUE = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?|\d{4}-\d{2}-\d{2}")


def exact_json(text: str) -> str:
    """JSON text with DEL and C1 controls escaped too: still exact, and inert on a terminal.

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
