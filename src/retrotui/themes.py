"""Theme files: the shipped ones and the user's own, read and checked (no Textual here).

A user's theme file is read only when it is a regular file of at most 1 MiB,
so a FIFO or a link to ``/dev/zero`` in the themes folder is skipped at once
and named once, like any other broken theme.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from retrotui import colors
from retrotui.settings_file import shipped_theme_folder

HEX = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"


class RetroColors(BaseModel):
    """The colours retrotui itself uses, beside the theme's own."""

    model_config = ConfigDict(extra="forbid")

    overdue: str = Field(colors.OVERDUE, pattern=HEX)
    done: str = Field(colors.DONE, pattern=HEX)
    carried: str = Field(colors.CARRIED, pattern=HEX)


class ThemeSpec(BaseModel):
    """A theme file: Textual ``Theme`` fields and a ``[retrotui]`` table."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    dark: bool = True
    primary: str = Field(pattern=HEX)
    secondary: str | None = Field(None, pattern=HEX)
    accent: str | None = Field(None, pattern=HEX)
    foreground: str | None = Field(None, pattern=HEX)
    background: str | None = Field(None, pattern=HEX)
    surface: str | None = Field(None, pattern=HEX)
    panel: str | None = Field(None, pattern=HEX)
    warning: str | None = Field(None, pattern=HEX)
    error: str | None = Field(None, pattern=HEX)
    success: str | None = Field(None, pattern=HEX)
    variables: dict[str, str] = Field(default_factory=dict)
    retrotui: RetroColors = Field(default_factory=RetroColors)


@dataclass(frozen=True, slots=True)
class ThemeSet:
    themes: dict[str, ThemeSpec]
    broken: list[str]  # one line per file that could not be used


def read_theme(text: str, where: str) -> ThemeSpec:
    """Raises ``ValueError`` with one line: the file, the key, what was expected."""
    from retrotui.settings_file import parse_toml

    try:
        data: dict[str, Any] = parse_toml(text)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
    try:
        return ThemeSpec.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise ValueError(f"{where}: key '{key}': {first['msg']}") from None


def load_themes(user_folder: Path | None = None) -> ThemeSet:
    """The shipped themes, then the user's (a user theme may replace a shipped one by name)."""
    themes: dict[str, ThemeSpec] = {}
    broken: list[str] = []

    def add(text: str, where: str) -> None:
        try:
            spec = read_theme(text, where)
        except ValueError as error:
            broken.append(str(error))
            return
        themes[spec.name] = spec

    for entry in sorted(shipped_theme_folder().glob("*.toml")):
        add(entry.read_text(encoding="utf-8"), f"(shipped) {entry.name}")
    if user_folder is not None and user_folder.is_dir():
        from retrotui.settings_file import MAX_CONFIG_BYTES
        from retrotui.store import StoreError, read_regular_file

        for path in sorted(user_folder.glob("*.toml")):
            try:
                data, _ = read_regular_file(path, limit=MAX_CONFIG_BYTES)
                add(data.decode("utf-8"), str(path))
            except StoreError as error:
                broken.append(str(error))
            except UnicodeDecodeError:
                broken.append(f"{path}: not UTF-8 text")
    return ThemeSet(themes, broken)


def user_theme_folder(config_file: Path) -> Path:
    return config_file.parent / "themes"
