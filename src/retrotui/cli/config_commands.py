"""``retrotui config`` and ``retrotui themes``: the settings file and the themes on offer."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from retrotui.cli.common import EXIT_OK, EXIT_PROBLEMS
from retrotui.safe_text import visible


def add_parsers(commands: Any) -> None:
    config = commands.add_parser(
        "config",
        help="show, get, set, unset or list settings",
        description="Without a verb: the settings file's path and the settings in force.",
    )
    _config_option(config, None)
    verbs = config.add_subparsers(dest="config_command", metavar="{get,set,unset,list}")
    config_get = verbs.add_parser("get", help="print what the file sets KEY to; exit 1 when it does not set it")
    config_get.add_argument("key", metavar="KEY", help=KEY_HELP)
    config_set = verbs.add_parser("set", help="check the whole resulting settings, then write one setting")
    config_set.add_argument("key", metavar="KEY", help=KEY_HELP)
    config_set.add_argument("value", metavar="VALUE", help="the new value, checked before it is written")
    config_unset = verbs.add_parser("unset", help="remove KEY from the file (back to its default); exit 5 if not set")
    config_unset.add_argument("key", metavar="KEY", help=KEY_HELP)
    verbs.add_parser("list", help="every key the file sets, as KEY=VALUE")
    for verb in (config_get, config_set, config_unset):
        _config_option(verb, argparse.SUPPRESS)
    config.set_defaults(handler=run_config)

    themes = commands.add_parser("themes", help="list the available themes")
    _config_option(themes, None)
    themes.set_defaults(handler=run_themes)


KEY_HELP = "e.g. theme, sync, timebox.went_well, keymap.app.save"
EXIT_NOT_SET = 5  # git config's code for unsetting a key that is not there


def _config_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--config", type=Path, metavar="PATH", default=default, help="settings file (else $RETROTUI_CONFIG)"
    )


def run_config(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.config import config_path

    path = config_path(args.config)
    verb = args.config_command
    if verb == "get":
        return _get(path, args.key)
    if verb == "list":
        return _list(path)
    if verb == "unset":
        return _unset(path, args.key)
    if verb == "set":
        from retrotui.config import set_value

        settings = set_value(path, args.key, args.value)
        print(visible(f"{args.key} = {args.value} (written to {path})"))
    else:
        from retrotui.config import effective_toml, load_settings

        settings = load_settings(path)
        state = "" if path.exists() else " (not there yet: the defaults are in force)"
        print(visible(f"# {path}{state}"))
        sys.stdout.write(visible(effective_toml(settings), keep_newlines=True))
    for key in settings.unknown_keys():
        print(visible(f"retrotui: warning: {path}: unknown key {key!r} is ignored"), file=sys.stderr)
    return EXIT_OK


def _get(path: Path, key: str) -> int:
    from retrotui.config import flatten, format_value, get_value

    value = get_value(path, key)
    if value is None:
        return EXIT_PROBLEMS
    if isinstance(value, dict):
        for name, text in flatten(value, f"{key}."):
            print(visible(f"{name}={text}"))
    else:
        print(visible(format_value(value)))
    return EXIT_OK


def _list(path: Path) -> int:
    from retrotui.config import list_values

    for key, text in list_values(path):
        print(visible(f"{key}={text}"))
    return EXIT_OK


def _unset(path: Path, key: str) -> int:
    from retrotui.config import unset_value

    if not unset_value(path, key):
        print(visible(f"retrotui: {path}: {key!r} is not set; nothing changed"), file=sys.stderr)
        return EXIT_NOT_SET
    print(visible(f"{key} unset (written to {path})"))
    return EXIT_OK


def run_themes(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.config import config_path
    from retrotui.themes import load_themes, user_theme_folder

    found = load_themes(user_theme_folder(config_path(args.config)))
    for name in sorted(found.themes):
        print(visible(name))
    for problem in found.broken:
        print(visible(f"retrotui: warning: skipped {problem}"), file=sys.stderr)
    return EXIT_OK
