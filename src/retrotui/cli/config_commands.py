"""``retrotui config`` and ``retrotui themes``: the settings file and the themes on offer."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from retrotui.cli.common import EXIT_OK


def add_parsers(commands: Any) -> None:
    config = commands.add_parser("config", help="show the settings file and the settings in force")
    config.add_argument("--config", type=Path, metavar="PATH", help="settings file (else $RETROTUI_CONFIG)")
    config_commands = config.add_subparsers(dest="config_command", metavar="set")
    config_set = config_commands.add_parser("set", help="check and write one setting")
    config_set.add_argument("key", metavar="KEY", help="e.g. theme, sync, timebox.went_well, keymap.app.save")
    config_set.add_argument("value", metavar="VALUE", help="the new value, checked before it is written")
    config.set_defaults(handler=run_config)

    themes = commands.add_parser("themes", help="list the available themes")
    themes.add_argument("--config", type=Path, metavar="PATH", help="settings file (else $RETROTUI_CONFIG)")
    themes.set_defaults(handler=run_themes)


def run_config(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.config import config_path, effective_toml, load_settings, set_value

    path = config_path(args.config)
    if args.config_command == "set":
        settings = set_value(path, args.key, args.value)
        print(f"{args.key} = {args.value} (written to {path})")
    else:
        settings = load_settings(path)
        state = "" if path.exists() else " (not there yet: the defaults are in force)"
        print(f"# {path}{state}")
        sys.stdout.write(effective_toml(settings))
    for key in settings.unknown_keys():
        print(f"retrotui: warning: {path}: unknown key {key!r} is ignored", file=sys.stderr)
    return EXIT_OK


def run_themes(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.config import config_path
    from retrotui.themes import load_themes, user_theme_folder

    found = load_themes(user_theme_folder(config_path(args.config)))
    for name in sorted(found.themes):
        print(name)
    for problem in found.broken:
        print(f"retrotui: warning: skipped {problem}", file=sys.stderr)
    return EXIT_OK
