"""Theme files as Textual themes, and the colours retrotui's own widgets use."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

from retrotui.themes import RetroColors, ThemeSet, ThemeSpec


def to_textual(spec: ThemeSpec) -> Theme:
    return Theme(
        name=spec.name,
        primary=spec.primary,
        secondary=spec.secondary,
        accent=spec.accent,
        foreground=spec.foreground,
        background=spec.background,
        surface=spec.surface,
        panel=spec.panel,
        warning=spec.warning,
        error=spec.error,
        success=spec.success,
        dark=spec.dark,
        variables=dict(spec.variables),
    )


def install_themes(app: App[Any], themes: ThemeSet, chosen: str) -> None:
    """Offer exactly retrotui's themes (shipped and the user's), with ``chosen`` active."""
    for spec in themes.themes.values():
        app.register_theme(to_textual(spec))
    app.theme = chosen
    for name in list(app.available_themes):
        if name not in themes.themes:
            app.unregister_theme(name)


def colors_for(themes: ThemeSet | None, name: str) -> RetroColors:
    if themes is not None and name in themes.themes:
        return themes.themes[name].retrotui
    return RetroColors()
