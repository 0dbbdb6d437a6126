"""The ``retrotui`` command line.

``retrotui [FILE]`` opens the editor; the subcommands are non-interactive
and never import Textual, so they start fast in scripts and CI.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from retrotui.store import StoreError, read_document

if TYPE_CHECKING:
    from retrotui.tracker import TrackedAction

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def _version() -> str:
    from retrotui import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retrotui",
        description="Keep your team's retrospectives in a plain Markdown file.",
    )
    parser.add_argument("--version", action="version", version=f"retrotui {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser("check", help="list problems in a retrospective file")
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument("--strict", action="store_true", help="also report open action items past their due date")

    from retrotui.tracker import ActionFilter, ActionSort

    actions = commands.add_parser("actions", help="list action items across retros")
    actions.add_argument("file", type=Path, metavar="FILE")
    state = actions.add_mutually_exclusive_group()
    state.add_argument("--open", dest="which", action="store_const", const=ActionFilter.OPEN)
    state.add_argument("--done", dest="which", action="store_const", const=ActionFilter.DONE)
    state.add_argument("--overdue", dest="which", action="store_const", const=ActionFilter.OVERDUE)
    actions.add_argument("--owner", metavar="NAME", help="only this owner's items (any case)")
    actions.add_argument("--format", choices=("table", "json", "csv"), default="table")
    actions.add_argument("--sort", choices=[s.value for s in ActionSort], default=ActionSort.FILE.value)
    actions.set_defaults(which=ActionFilter.ALL)

    driver = commands.add_parser("merge-driver", help="git merge driver: merge %%A with %%B against %%O")
    driver.add_argument("base", type=Path, metavar="BASE")
    driver.add_argument("ours", type=Path, metavar="OURS")
    driver.add_argument("theirs", type=Path, metavar="THEIRS")

    setup = commands.add_parser("git-setup", help="use retrotui's structural merge for FILE in git")
    setup.add_argument("file", type=Path, nargs="?", metavar="FILE")

    config = commands.add_parser("config", help="show the settings file and the settings in force")
    config.add_argument("--config", type=Path, metavar="PATH", help="settings file (else $RETROTUI_CONFIG)")
    config_commands = config.add_subparsers(dest="config_command", metavar="set")
    config_set = config_commands.add_parser("set", help="check and write one setting")
    config_set.add_argument("key", metavar="KEY", help="e.g. theme, sync, timebox.went_well, keymap.app.save")
    config_set.add_argument("value", metavar="VALUE")

    themes = commands.add_parser("themes", help="list the available themes")
    themes.add_argument("--config", type=Path, metavar="PATH", help="settings file (else $RETROTUI_CONFIG)")

    new = commands.add_parser("new", help="add a retro from the file's template")
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--title", required=True, help='e.g. "Sprint 1 – Queue Hierarchy"')
    new.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    new.add_argument("--no-carry", action="store_true", help="do not carry over the open action items")
    return parser


def build_editor_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retrotui",
        description="Open a retrospective file in the editor.",
        epilog=(
            "Without FILE, opens RETRO.md, retro.md, RETROSPECTIVE.md or retrospective.md here, "
            "or starts a new RETRO.md. Other commands: retrotui check FILE, "
            "retrotui actions FILE (see retrotui COMMAND --help)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"retrotui {_version()}")
    parser.add_argument("--demo", action="store_true", help="open a temporary copy of the sample file")
    parser.add_argument(
        "--sync",
        choices=("off", "pull", "pull-push"),
        help="after save-and-commit: pull --rebase, and push (default: the setting, else off)",
    )
    parser.add_argument("--config", type=Path, metavar="PATH", help="settings file (else $RETROTUI_CONFIG)")
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE")
    return parser


COMMANDS = ("check", "actions", "new", "merge-driver", "git-setup", "config", "themes")


def main(argv: Sequence[str] | None = None, today: dt.date | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in COMMANDS:
        return run_editor(build_editor_parser().parse_args(arguments))
    args = build_parser().parse_args(arguments)
    handlers: dict[str, Callable[[argparse.Namespace, dt.date], int]] = {
        "check": run_check,
        "actions": run_actions,
        "new": run_new,
        "merge-driver": run_merge_driver,
        "git-setup": run_git_setup,
        "config": run_config,
        "themes": run_themes,
    }
    from retrotui.config import ConfigError

    try:
        return handlers[args.command](args, today or dt.date.today())
    except (StoreError, ConfigError) as error:
        print(f"retrotui: {error}", file=sys.stderr)
        return EXIT_UNREADABLE


def run_editor(args: argparse.Namespace) -> int:
    """Check the file before the UI starts; a problem is one line and exit code 2.

    The file is read and decoded here; parsing it happens after the first
    frame, in the editor's loader, so a large file opens without a blank wait.
    """
    from retrotui.config import ConfigError, config_path, load_settings
    from retrotui.store import check_openable, discover, read_text

    settings_file = config_path(args.config)
    try:
        # No file means defaults, made after the first frame; a file is checked now.
        settings = load_settings(settings_file) if settings_file.exists() else None
    except ConfigError as error:
        print(f"retrotui: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.demo:
        path = demo_copy()
    elif args.file is not None:
        path = args.file
    else:
        path = discover(Path.cwd())
    try:
        check_openable(path)
        found = read_text(path) if path.exists() else None
    except StoreError as error:
        print(f"retrotui: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    from retrotui.tui import run

    return run(path, found, settings, settings_file, sync=args.sync)


def demo_copy() -> Path:
    """A temporary copy of the sample file, so the demo never touches anything of yours."""
    import shutil
    import tempfile
    from importlib.resources import files

    folder = Path(tempfile.mkdtemp(prefix="retrotui-demo-"))
    target = folder / "volcano-retrospective.md"
    with (files("retrotui") / "data" / "volcano-retrospective.md").open("rb") as source, target.open("wb") as out:
        shutil.copyfileobj(source, out)
    return target


def run_check(args: argparse.Namespace, today: dt.date) -> int:
    doc = read_document(args.file).document
    problems = [(w.line, w.message) for w in doc.warnings]
    if args.strict:
        from retrotui.tracker import overdue_report

        problems = sorted(problems + overdue_report(doc, today))
    for line, message in problems:
        print(f"{args.file}:{line}: {message}")
    return EXIT_PROBLEMS if problems else EXIT_OK


def run_new(args: argparse.Namespace, today: dt.date) -> int:
    """Add one retro block; a duplicate title or a bad date writes nothing and exits 1."""
    from retrotui.markdown import dumps
    from retrotui.store import write_text_atomic
    from retrotui.values import parse_due_input

    loaded = read_document(args.file)
    doc = loaded.document
    title = " ".join(args.title.split())
    if not title:
        return _refuse("the title is empty")
    if any(r.title.casefold() == title.casefold() for r in doc.retros):
        return _refuse(f"{args.file} already has a retro called {title!r}; nothing was written")
    date = today
    if args.date is not None:
        try:
            parsed = parse_due_input(args.date, today)
        except ValueError as error:
            return _refuse(f"--date {error}; nothing was written")
        if not isinstance(parsed, dt.date):
            return _refuse(f"--date {args.date!r} is not a date (use YYYY-MM-DD); nothing was written")
        date = parsed
    previous = doc.latest_retro()
    retro = doc.add_retro(title, date, carry_over=not args.no_carry)
    write_text_atomic(args.file, dumps(doc))
    where = f" after {previous.title!r}" if previous is not None else ""
    print(f"Added {retro.title!r} ({date.isoformat()}) to {args.file}{where}.")
    carried = retro.action_items
    if carried:
        print(f"Carried over {len(carried)} open action item{'s' if len(carried) != 1 else ''}:")
        for action in carried:
            owner = f" ({action.owner})" if action.owner else ""
            print(f"  - {action.item}{owner}")
    return EXIT_OK


def run_merge_driver(args: argparse.Namespace, today: dt.date) -> int:
    """git's merge driver protocol: the result goes into OURS; exit 0 clean, 1 conflicts."""
    from retrotui.merge import merge
    from retrotui.store import read_text, write_text_atomic

    base, _ = read_text(args.base)
    ours, _ = read_text(args.ours)
    theirs, _ = read_text(args.theirs)
    result = merge(base, ours, theirs)
    write_text_atomic(args.ours, result.text())
    for conflict in result.conflicts:
        print(f"retrotui: conflict: {conflict.where}", file=sys.stderr)
    return EXIT_OK if result.clean else EXIT_PROBLEMS


def run_git_setup(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.git import GitError, setup_merge_driver
    from retrotui.store import discover

    path = args.file if args.file is not None else discover(Path.cwd())
    try:
        changes = setup_merge_driver(path.resolve())
    except GitError as error:
        print(f"retrotui: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    for change in changes or ["nothing to change: the merge driver is already set up"]:
        print(change)
    return EXIT_OK


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


def _refuse(message: str) -> int:
    print(f"retrotui: {message}", file=sys.stderr)
    return EXIT_PROBLEMS


def run_actions(args: argparse.Namespace, today: dt.date) -> int:
    from retrotui.tracker import ActionSort, tracked_actions

    doc = read_document(args.file).document
    found = tracked_actions(doc, today, args.which, args.owner, sort=ActionSort(args.sort))
    if args.format == "json":
        print(json.dumps([t.as_record(today) for t in found], ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(_csv(found, today))
    else:
        _print_table(found, today)
    return EXIT_OK


def _csv(found: list[TrackedAction], today: dt.date) -> str:
    buffer = io.StringIO()
    fields = ["retro", "retro_date", "item", "owner", "due", "status", "overdue", "age", "first_retro", "line"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for tracked in found:
        writer.writerow(tracked.as_record(today))
    return buffer.getvalue()


def _print_table(found: list[TrackedAction], today: dt.date) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, header_style="bold")
    for column in ("Retro", "Item", "Owner", "Due", "Status", "Age"):
        table.add_column(column, overflow="fold")
    for tracked in found:
        record = tracked.as_record(today)
        style = "red" if record["overdue"] else ("green" if tracked.action.is_done else "")
        table.add_row(
            *(Text(str(record[key] or ""), style=style) for key in ("retro", "item", "owner", "due", "status")),
            Text(str(record["age"]), style=style),
        )
    console = Console(highlight=False)
    if found:
        console.print(table)
    else:
        console.print(Text("No action items match."))
