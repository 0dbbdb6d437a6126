"""Theme files as Textual themes, and the colours retrotui's own widgets use."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.theme import Theme

if TYPE_CHECKING:
    from retrotui.themes import RetroColors, ThemeSet, ThemeSpec

DEFAULT_THEME = "retro-dark"
_THEME_FIELDS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "warning",
    "error",
    "success",
)


def to_textual(spec: ThemeSpec) -> Theme:
    fields = {key: getattr(spec, key) for key in _THEME_FIELDS}
    return Theme(name=spec.name, dark=spec.dark, variables=dict(spec.variables), **fields)


def install_themes(app: App[Any], themes: ThemeSet, chosen: str) -> None:
    """Offer exactly retrotui's themes (shipped and the user's), with ``chosen`` active."""
    for spec in themes.themes.values():
        app.register_theme(to_textual(spec))
    app.theme = chosen if chosen in themes.themes else DEFAULT_THEME
    for name in list(app.available_themes):
        if name not in themes.themes:
            app.unregister_theme(name)


def install_shipped_themes(app: App[Any], chosen: str | None = None) -> None:
    """The shipped themes for the first frame, read without pydantic.

    They are checked by the test suite; the full check of every theme file
    (the user's too) runs after the first frame and replaces these.
    """
    for entry in files("retrotui.shipped_themes").iterdir():
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        fields = {key: data[key] for key in _THEME_FIELDS if key in data}
        app.register_theme(Theme(name=data["name"], dark=bool(data.get("dark", True)), **fields))
    app.theme = chosen if chosen in app.available_themes else DEFAULT_THEME


def colors_for(themes: ThemeSet | None, name: str) -> RetroColors | None:
    """The theme's own retrotui colours; None before the themes are read (the defaults apply)."""
    if themes is not None and name in themes.themes:
        return themes.themes[name].retrotui
    return None
