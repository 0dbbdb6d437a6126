"""Theme files as Textual themes, and the colours retrotui's own widgets use."""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.theme import Theme

from retrotui.settings_file import shipped_theme_folder

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
    activate_theme(app, chosen if chosen in themes.themes else DEFAULT_THEME)
    for name in list(app.available_themes):
        if name not in themes.themes:
            app.unregister_theme(name)


def install_shipped_themes(app: App[Any], chosen: str | None = None) -> None:
    """The chosen shipped theme for the first frame, read without pydantic (all of them if it is not one).

    The shipped themes are checked by the test suite; every theme file (the
    user's too) is read and checked after the first frame, and replaces these
    (``RetroApp.apply_settings``).  Each is in ``<name>.toml``.
    """
    folder = shipped_theme_folder()
    wanted = folder / f"{chosen or DEFAULT_THEME}.toml"
    entries = [wanted] if wanted.is_file() else sorted(folder.glob("*.toml"))
    for entry in entries:
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        fields = {key: data[key] for key in _THEME_FIELDS if key in data}
        app.register_theme(Theme(name=data["name"], dark=bool(data.get("dark", True)), **fields))
    activate_theme(app, chosen if chosen in app.available_themes else DEFAULT_THEME)


def activate_theme(app: App[Any], name: str) -> None:
    """Make ``name`` the app's theme; before the app runs, without a second parse of the stylesheet.

    Setting ``App.theme`` schedules a re-parse of the whole stylesheet with the
    theme's variables (some 7 ms), and the app's first parse of it follows all
    the same, since the re-parse fills another cache.  Before the app runs the
    variables can be put in place for that first parse instead.  A running app,
    and a switch between dark and light (Textual also refreshes its ANSI colour
    filter then), go through Textual's own watcher.
    """
    theme = app.get_theme(name)
    if app.is_running or theme is None or theme.dark != app.current_theme.dark:
        app.theme = name
        return
    app.set_reactive(App.theme, name)
    classes = dict.fromkeys((c for c in app.classes if c.startswith("-theme-")), False)
    classes[f"-theme-{name}"] = True
    app.update_classes(classes, update=False)
    app.stylesheet.set_variables(app.get_css_variables())


def colors_for(themes: ThemeSet | None, name: str) -> RetroColors | None:
    """The theme's own retrotui colours; None before the themes are read (the defaults apply)."""
    if themes is not None and name in themes.themes:
        return themes.themes[name].retrotui
    return None
