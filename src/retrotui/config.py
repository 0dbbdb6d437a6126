"""Settings: a TOML file validated by pydantic, written back with tomli-w.

Where the file is: ``--config PATH`` beats ``RETROTUI_CONFIG``, which beats
``config.toml`` in the user config folder (platformdirs).  A missing file
means defaults.  Only a regular file of at most 1 MiB is read (a FIFO or
``/dev/zero`` is refused at once).  A file that is not TOML, or a value of
the wrong kind, is a ``ConfigError`` with one line naming the file, the key
and what was expected; an unknown key is only a warning when reading, and
an error when setting one.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError, field_validator

from retrotui.sections import SectionKind

# Where the file is and how it is read live in settings_file (no pydantic); they are used from here too.
from retrotui.settings_file import DEFAULT_COMMIT_MESSAGE as DEFAULT_COMMIT_MESSAGE
from retrotui.settings_file import ENV_VAR as ENV_VAR
from retrotui.settings_file import MAX_CONFIG_BYTES as MAX_CONFIG_BYTES
from retrotui.settings_file import MAX_NESTING as MAX_NESTING
from retrotui.settings_file import ConfigError as ConfigError
from retrotui.settings_file import config_path as config_path
from retrotui.settings_file import parse_toml as parse_toml
from retrotui.settings_file import read_toml as read_toml
from retrotui.settings_file import read_toml_text

COMMIT_FIELDS = ("retro", "file", "actions", "done")
TIMEBOX_MINUTES = range(1, 241)
# strftime directives: those that show a date, and those that are harmless beside them.
DATE_DIRECTIVES = frozenset("aAbBcCdDeFgGhjmuUVwWxyY")
OTHER_DIRECTIVES = frozenset("HIMSpfzZnt%")
_DIRECTIVE = re.compile(r"%([-_0^#]?)(.?)", re.DOTALL)
KEY_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_KEY_NAME = re.compile(r"[a-z][a-z0-9_]*")


class Settings(BaseModel):
    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True, validate_assignment=True)

    theme: str = "retro-dark"
    """Colour theme by name; `retrotui themes` lists them."""

    keymap: dict[str, str] = Field(default_factory=dict)
    """Binding id -> keys, e.g. "app.save" = "ctrl+w" (the help screen lists the ids)."""

    default_owner: str = ""
    """Owner filled in for new action items."""

    commit_message: str = DEFAULT_COMMIT_MESSAGE
    """Save-and-commit's message; placeholders {retro}, {file}, {actions}, {done}."""

    bump_last_updated: StrictBool = True
    """Set **Last Updated** to today on every save (when the file has that field)."""

    date_format: str = "%Y-%m-%d"
    """How due dates are shown in the grid and tracker (strftime); the file keeps YYYY-MM-DD."""

    sync: Literal["off", "pull", "pull-push"] = "off"
    """After save-and-commit: nothing, git pull --rebase, or pull and push."""

    timebox: dict[SectionKind, StrictInt] = Field(default_factory=dict)
    """Minutes per section for the meeting timer, e.g. went_well = 5."""

    @field_validator("commit_message")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        check_commit_template(value)
        return value

    @field_validator("date_format")
    @classmethod
    def _strftime(cls, value: str) -> str:
        check_date_format(value)
        return value

    @field_validator("timebox")
    @classmethod
    def _minutes(cls, value: dict[SectionKind, int]) -> dict[SectionKind, int]:
        for kind, minutes in value.items():
            if minutes not in TIMEBOX_MINUTES:
                raise ValueError(f"{kind.value} must be 1 to 240 minutes")
        return value

    @field_validator("keymap")
    @classmethod
    def _keys(cls, value: dict[str, str]) -> dict[str, str]:
        from retrotui.keymap import keymap_problem

        for binding, keys in value.items():
            check_keys(binding, keys)
            problem = keymap_problem(binding, keys)
            if problem is not None:
                raise ValueError(problem)
        return value

    def unknown_keys(self) -> list[str]:
        return sorted((self.model_extra or {}).keys())


def check_commit_template(template: str) -> None:
    """Only the documented placeholders, plain: no attribute, index, conversion or format spec.

    ``str.format`` would follow ``{retro.__class__}`` into Python's objects;
    a template that can only name four values cannot.
    """
    known = ", ".join(f"{{{name}}}" for name in COMMIT_FIELDS)
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ValueError(f"not a valid template ({error}); use {known}") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in COMMIT_FIELDS:
            raise ValueError(f"unknown placeholder '{name}'; use {known}") from None
        if spec or conversion:
            raise ValueError(f"placeholder '{{{name}}}' takes no format or conversion; use {known}")


def check_date_format(value: str) -> None:
    """A strftime format with at least one date directive and only directives every platform knows."""
    import datetime as dt

    found_date = False
    for match in _DIRECTIVE.finditer(value):
        letter = match.group(2)
        if letter in DATE_DIRECTIVES:
            found_date = True
        elif letter not in OTHER_DIRECTIVES or (letter == "%" and match.group(1)):
            shown = match.group(0) if letter else "a lone %"
            raise ValueError(f"{shown!r} is not a strftime directive; e.g. %Y-%m-%d or %d %b %Y")
    if not found_date:
        raise ValueError("no date directive in it (such as %Y, %m, %d or %b); e.g. %Y-%m-%d or %d %b %Y")
    try:
        dt.date(2025, 1, 2).strftime(value)
    except ValueError as error:
        raise ValueError(f"not a strftime format ({error})") from None


def check_keys(binding: str, keys: str) -> None:
    """Keys as Textual names them: ``ctrl+w``, ``f2``, ``question_mark``; several separated by commas."""
    for key in keys.split(","):
        *modifiers, name = key.strip().split("+")
        plain = len(name) == 1 and name.isprintable() and not name.isspace()
        if any(m not in KEY_MODIFIERS for m in modifiers) or not (plain or _KEY_NAME.fullmatch(name)):
            raise ValueError(
                f"{binding}: {key.strip()!r} is not a key; e.g. ctrl+w, f2, alt+shift+up"
                f" (modifiers: {', '.join(sorted(KEY_MODIFIERS))})"
            )


def load_settings(path: Path) -> Settings:
    """The settings in ``path`` (defaults when it does not exist)."""
    return parse_settings(read_toml(path), path)


def parse_settings(data: dict[str, Any], path: Path) -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        expected = first["msg"].removeprefix("Value error, ")
        got = repr(first.get("input"))
        got = got if len(got) <= 60 else got[:57] + "..."
        raise ConfigError(f"{path}: key '{key}': {expected} (got {got})") from None


TABLE_FIELDS = frozenset({"keymap", "timebox"})


def is_known_key(key: str) -> bool:
    """``theme``, ``sync``, ...; ``keymap.ID`` and ``timebox.SECTION`` name one entry of a table."""
    field, _, rest = key.partition(".")
    return field in Settings.model_fields and (not rest or field in TABLE_FIELDS)


def _known_key(path: Path, key: str) -> None:
    if not is_known_key(key):
        names = sorted([*({*Settings.model_fields} - TABLE_FIELDS), "keymap.ID", "timebox.SECTION"])
        raise ConfigError(f"{path}: unknown key {key!r}; known keys: {', '.join(names)}")


def set_value(path: Path, key: str, raw: str) -> Settings:
    """``retrotui config set KEY VALUE``: the whole resulting settings are checked, then written.

    An unknown key, a bad value or an unknown theme is a ``ConfigError`` and
    leaves the file as it was, byte for byte; every other key, comment and
    blank line is kept.
    """
    try:
        _known_key(path, key)
        text, data, _ = _edited(path, key, _typed(raw))
        settings = parse_settings(data, path)
        if key.partition(".")[0] == "theme":
            _known_theme(path, settings.theme)
    except ConfigError as error:
        raise ConfigError(f"{error}; nothing was written") from None
    _write_text(path, text)
    return settings


def _known_theme(path: Path, name: str) -> None:
    from retrotui.themes import load_themes, user_theme_folder

    themes = load_themes(user_theme_folder(path)).themes
    if name not in themes:
        available = ", ".join(sorted(themes))
        raise ConfigError(f"{path}: key 'theme': unknown theme {name!r}; available: {available}")


def get_value(path: Path, key: str) -> Any | None:
    """What the file sets ``key`` to (not the default), or None when it does not set it."""
    data = read_toml(path)
    field, _, rest = key.partition(".")
    value = data.get(field)
    if rest:
        return value.get(rest) if isinstance(value, dict) else None
    return value


def unset_value(path: Path, key: str) -> bool:
    """Remove ``key`` from the file (False when it was not set); the rest is checked and kept."""
    try:
        text, after, before = _edited(path, key, _REMOVE)
        if after == before:
            return False  # nothing to remove
        parse_settings(after, path)
    except ConfigError as error:
        raise ConfigError(f"{error}; nothing was written") from None
    _write_text(path, text)
    return True


def list_values(path: Path) -> list[tuple[str, str]]:
    """Every key the file sets, as ``(dotted key, value as TOML would write it)``, in file order."""
    return flatten(read_toml(path))


def flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            pairs += flatten(value, f"{prefix}{key}.")
        else:
            pairs.append((f"{prefix}{key}", format_value(value)))
    return pairs


def format_value(value: Any) -> str:
    """A setting as one would type it after ``config set``: text as it is, the rest as TOML."""
    if isinstance(value, str):
        return value
    return tomli_w.dumps({"v": value}).partition("=")[2].strip()


def save_value(path: Path, key: str, value: Any) -> None:
    """Remember a choice made in the app (the theme, a timebox), keeping every other key and comment."""
    _write_text(path, _edited(path, key, value)[0])


_REMOVE = object()


def _edited(path: Path, key: str, value: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The file's text with one key set (or removed, for ``_REMOVE``), what it then holds, and what it held.

    tomlkit edits the file as written, so comments, blank lines and the order
    of everything else stay as the user had them.  ``theme`` is a top-level
    key; ``timebox.went_well`` a key in a table.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    original, before = read_toml_text(path)  # size, nesting and encoding checked before tomlkit reads it
    try:
        document = tomlkit.parse(original)
        field, _, rest = key.partition(".")
        if rest:
            table = document.get(field)
            if not isinstance(table, dict):
                if value is _REMOVE:
                    return original, before, before
                table = document[field] = tomlkit.table()
            if value is _REMOVE:
                table.pop(rest, None)
                if not table:
                    document.pop(field, None)
            else:
                table[rest] = value
        elif value is _REMOVE:
            document.pop(field, None)
        else:
            document[field] = value
        text = tomlkit.dumps(document)
        return text, parse_toml(text), before
    except (TOMLKitError, ValueError) as error:
        raise ConfigError(f"{path}: {error}") from None


def _write_text(path: Path, text: str) -> None:
    from retrotui.store import write_text_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)


def _typed(raw: str) -> Any:
    """A command-line value as TOML would read it: true, 5, or else the text."""
    try:
        return parse_toml(f"v = {raw}")["v"]
    except (ValueError, KeyError):
        return raw


def effective_toml(settings: Settings) -> str:
    data = settings.model_dump(mode="json", exclude={"model_extra"})
    for key in settings.unknown_keys():
        data.pop(key, None)
    return tomli_w.dumps(data)
