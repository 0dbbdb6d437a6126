"""Where the settings file is and how it is read: no pydantic, so the editor starts without it.

``--config PATH`` beats ``RETROTUI_CONFIG``, which beats ``config.toml`` in the
user config folder (platformdirs).  Only a regular file of at most 1 MiB is
read; a file that is not TOML is a ``ConfigError`` naming the file.  The
settings themselves (checked with pydantic) are in ``retrotui.config``.
"""

from __future__ import annotations

import os
import re
import tomllib
from importlib.util import find_spec
from pathlib import Path
from typing import Any

ENV_VAR = "RETROTUI_CONFIG"
DEFAULT_COMMIT_MESSAGE = "retro: {retro}: {actions} action items, {done} done"
MAX_CONFIG_BYTES = 1 << 20


class ConfigError(Exception):
    """A settings file that cannot be used; the message is one line."""


def shipped_theme_folder() -> Path:
    """Where the shipped themes are installed, ``<name>.toml`` each (found without ``importlib.resources``,
    2 ms to import, since the editor reads its theme before its first frame)."""
    spec = find_spec("retrotui.shipped_themes")
    assert spec is not None and spec.submodule_search_locations, "retrotui.shipped_themes is installed with retrotui"
    return Path(next(iter(spec.submodule_search_locations)))


def default_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("retrotui") / "config.toml"


def config_path(flag: Path | None = None) -> Path:
    """``--config`` beats ``RETROTUI_CONFIG``, which beats the user config folder."""
    if flag is not None:
        return flag
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_path()


def read_toml(path: Path) -> dict[str, Any]:
    """The file's TOML (``{}`` when it does not exist), or a one-line ``ConfigError``."""
    return read_toml_text(path)[1]


def read_toml_text(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its TOML (``""`` and ``{}`` when it does not exist), or a one-line ``ConfigError``."""
    from retrotui.store import MissingFile, StoreError, read_regular_file

    try:
        data, _ = read_regular_file(path, limit=MAX_CONFIG_BYTES)
    except MissingFile:
        return "", {}
    except StoreError as error:
        raise ConfigError(str(error)) from None
    try:
        text = data.decode("utf-8")
        return text, parse_toml(text)
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except ValueError as error:
        raise ConfigError(f"{path}: {error}") from None


MAX_NESTING = 32
# A dotted key of more than MAX_NESTING parts: tomllib takes time quadratic in
# their number (a 200 kB ``[a.a.a…]`` header takes minutes), so such a file is
# refused before it is parsed.  A segment is a bare key or a quoted one; a key
# starts a line (or a table header), or follows ``{`` or ``,`` in an inline table.
_KEY_SEGMENT = r"""(?>"[^"\n]*"|'[^'\n]*'|[^.\s=\[\]{},#"']++)"""
_LONG_DOTTED_KEY = re.compile(
    rf"(?:^[ \t]*\[{{0,2}}|[{{,]])[ \t]*{_KEY_SEGMENT}(?:[ \t]*\.[ \t]*{_KEY_SEGMENT}){{{MAX_NESTING},}}",
    re.MULTILINE,
)


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` with one kind of error, ``ValueError``; nesting deeper than 32 is one too.

    Deep nesting would otherwise surface later as a ``RecursionError`` in
    whatever walks the data (validation, writing it back), or make tomllib
    itself take minutes.
    """
    if _LONG_DOTTED_KEY.search(text):
        raise ValueError(f"not valid TOML: nested more than {MAX_NESTING} deep")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"not valid TOML: {error}") from None
    except RecursionError:
        raise ValueError(f"not valid TOML: nested more than {MAX_NESTING} deep") from None
    if _depth(data) > MAX_NESTING:
        raise ValueError(f"not valid TOML: nested more than {MAX_NESTING} deep")
    return data


def _depth(data: Any) -> int:
    """How deep tables and arrays nest, counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_NESTING:
            return depth
        deepest = max(deepest, depth)
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest
