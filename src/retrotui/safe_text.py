"""Text from a file, made safe to show on a terminal.

A shared retro file is hostile input: a title holding ``ESC ] 0 ; … BEL``
would rename the terminal, ``ESC [ 2 J`` would blank it, and an OSC 52
sequence would write into the clipboard.  Everything the TUI shows and the
CLI prints from a file goes through ``visible`` first, which turns every C0
and C1 control character (tab aside) into a harmless, visible stand-in:
C0 and DEL into their Unicode control pictures (``␛``, ``␇``, ``␡``), C1 into
``\\x9b``-style escapes.  The bidirectional embeddings, overrides and
isolates (U+202A–U+202E, U+2066–U+2069), which make text read in another
order than it is stored ("Trojan Source"), become ``\\u202e``-style escapes.
A byte of a file name that is not UTF-8 (held by Python as a lone surrogate,
U+DC80–U+DCFF) is shown as the byte it is (``\\x9b``), never written out
raw; other lone surrogates as ``\\ud800``.  JSON output needs none of this:
its escapes are exact and inert.
"""

from __future__ import annotations

import re
from functools import cache

_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@cache
def _tables() -> tuple[dict[int, str], dict[int, str]]:
    """The translations (all, and all but newline), made on the first unsafe text: some 2,100 entries
    (the lone surrogates are 2,048 of them), over a millisecond that every command and the editor's
    start would otherwise pay for text that is almost always safe."""
    c0_and_del = {code: chr(0x2400 + code) for code in range(0x20) if code != 0x09}
    c0_and_del[0x7F] = "\u2421"
    c1 = {code: f"\\x{code:02x}" for code in range(0x80, 0xA0)}
    bidi = {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
    # Lone surrogates: a file name's undecodable byte b is U+DC00 + b (os.fsdecode's "surrogateescape").
    surrogates = {
        code: f"\\x{code - 0xDC00:02x}" if code >= 0xDC80 else f"\\u{code:04x}" for code in range(0xD800, 0xE000)
    }
    others = {**c1, **bidi, **surrogates}
    every = str.maketrans({**c0_and_del, **others})
    keep_newlines = str.maketrans({**{k: v for k, v in c0_and_del.items() if k != 0x0A}, **others})
    return every, keep_newlines


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with its control characters made visible; tabs (and newlines if asked) kept.

    Where newlines are kept, a CRLF line ending (a CRLF file's conflict, a hook's output on Windows) is a
    newline too; a CR alone, which would send the cursor back over the line, is shown as ``␍``.
    """
    if _UNSAFE.search(text) is None:
        return text
    every, keep = _tables()
    if keep_newlines:
        return text.replace("\r\n", "\n").translate(keep)
    return text.translate(every)


def without_controls(text: str) -> str:
    """``text`` with its C0, DEL and C1 control characters taken out (for text made from the file's, such
    as a suggested title, where a stand-in would be written into the file)."""
    return _CONTROLS.sub("", text)


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def is_safe(text: str) -> bool:
    """True when ``text`` holds no control character a terminal would act on (tab and newline allowed),
    no bidirectional override and no lone surrogate."""
    return _UNSAFE.search(text.replace("\n", "")) is None
