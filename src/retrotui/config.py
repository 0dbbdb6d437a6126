"""Settings: a TOML file validated by pydantic, written back with tomli-w.

Where the file is: ``--config PATH`` beats ``RETROTUI_CONFIG``, which beats
``config.toml`` in the user config folder (platformdirs).  A missing file
means defaults.  A file that is not TOML, or a value of the wrong kind, is a
``ConfigError`` with one line naming the file, the key and what was
expected; an unknown key is only a warning.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from retrotui.model import SectionKind

ENV_VAR = "RETROTUI_CONFIG"
DEFAULT_COMMIT_MESSAGE = "retro: {retro}: {actions} action items, {done} done"


class ConfigError(Exception):
    """A settings file that cannot be used; the message is one line."""


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

    bump_last_updated: bool = True
    """Set **Last Updated** to today on every save (when the file has that field)."""

    date_format: str = "%Y-%m-%d"
    """How due dates are shown in the grid and tracker (strftime); the file keeps YYYY-MM-DD."""

    sync: Literal["off", "pull", "pull-push"] = "off"
    """After save-and-commit: nothing, git pull --rebase, or pull and push."""

    timebox: dict[SectionKind, int] = Field(default_factory=dict)
    """Minutes per section for the meeting timer, e.g. went_well = 5."""

    @field_validator("commit_message")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        try:
            value.format(retro="", file="", actions=0, done=0)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(f"unknown placeholder {error}; use {{retro}}, {{file}}, {{actions}}, {{done}}") from None
        return value

    @field_validator("date_format")
    @classmethod
    def _strftime(cls, value: str) -> str:
        import datetime as dt

        try:
            dt.date(2025, 1, 2).strftime(value)
        except ValueError as error:
            raise ValueError(f"not a strftime format ({error})") from None
        return value

    @field_validator("timebox")
    @classmethod
    def _positive(cls, value: dict[SectionKind, int]) -> dict[SectionKind, int]:
        for kind, minutes in value.items():
            if minutes <= 0:
                raise ValueError(f"{kind.value} must be a positive number of minutes")
        return value

    def unknown_keys(self) -> list[str]:
        return sorted((self.model_extra or {}).keys())


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
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


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
        raise ConfigError(f"{path}: key '{key}': {expected} (got {first.get('input')!r})") from None


def set_value(path: Path, key: str, raw: str) -> Settings:
    """``retrotui config set KEY VALUE``: validate, then write, keeping every other key."""
    data = _with_value(read_toml(path), key, _typed(raw))
    settings = parse_settings(data, path)
    write_toml(path, data)
    return settings


def save_value(path: Path, key: str, value: Any) -> None:
    """Remember a choice made in the app (the theme, a timebox), keeping every other key."""
    write_toml(path, _with_value(read_toml(path), key, value))


def _with_value(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """``theme`` sets a top-level key; ``timebox.went_well`` a key in a table."""
    field, _, rest = key.partition(".")
    if rest:
        table = data.get(field)
        table = dict(table) if isinstance(table, dict) else {}
        table[rest] = value
        data[field] = table
    else:
        data[field] = value
    return data


def write_toml(path: Path, data: dict[str, Any]) -> None:
    from retrotui.store import write_text_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, tomli_w.dumps(data))


def _typed(raw: str) -> Any:
    """A command-line value as TOML would read it: true, 5, or else the text."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def effective_toml(settings: Settings) -> str:
    data = settings.model_dump(mode="json", exclude={"model_extra"})
    for key in settings.unknown_keys():
        data.pop(key, None)
    return tomli_w.dumps(data)
