"""The ``retrotui`` command line.

``retrotui [FILE]`` opens the editor; the subcommands are non-interactive
and never import Textual, so they start fast in scripts and CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from retrotui.cli.common import EXIT_UNREADABLE, HelpFormatter, Parser
from retrotui.safe_text import visible
from retrotui.store import StoreError


def _version() -> str:
    from retrotui import __version__

    return __version__


FILE_HELP = "the retrospective Markdown file"
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process that stopped on SIGPIPE, as git does


class _Commands:
    """The subcommands as they are added, with their one-line help for ``retrotui --help``."""

    def __init__(self, action: Any) -> None:
        self.action = action
        self.summaries: list[tuple[str, str]] = []

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        self.summaries.append((name, str(kwargs.get("help") or "").replace("%%", "%")))
        parser: argparse.ArgumentParser = self.action.add_parser(name, **kwargs)
        return parser


# The module that adds each command's parser.
_COMMAND_MODULES = {
    "check": "check",
    "actions": "actions",
    "new": "new",
    "templates": "new",
    "merge-driver": "git_commands",
    "git-setup": "git_commands",
    "config": "config_commands",
    "themes": "config_commands",
    "serve": "serve",
}


def _subcommands(only: str | None = None) -> tuple[argparse.ArgumentParser, _Commands]:
    """The parser with every subcommand, or with only the one ``only`` names (to run it: the others'
    modules are not imported and their parsers not built; its usage and errors read the same)."""
    import importlib

    parser = Parser(
        prog="retrotui",
        description="Keep your team's retrospectives in a plain Markdown file.",
        formatter_class=HelpFormatter,  # (argparse's, without loading shutil)
    )
    parser.add_argument("--version", action="version", version=f"retrotui {_version()}")
    commands = _Commands(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    for name in ("check", "actions", "new", "git_commands", "config_commands", "serve"):
        if only is None or _COMMAND_MODULES.get(only) == name:
            module = importlib.import_module(f"retrotui.cli.{name}")
            adder = getattr(module, "add_parser", None) or module.add_parsers
            adder(commands)
    _document_files(parser)
    return parser, commands


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    return _subcommands(command)[0]


def _document_files(parser: argparse.ArgumentParser) -> None:
    """Give every ``FILE`` argument the same help where its command left it out."""
    for action in parser._actions:
        if action.help is None and action.metavar == "FILE":
            action.help = FILE_HELP
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _document_files(sub)


class _EditorParser(Parser):
    """The editor's options, followed in ``--help`` by every subcommand with its one line."""

    def format_help(self) -> str:
        _, commands = _subcommands()
        width = max(len(name) for name, _ in commands.summaries)
        lines = [f"  {name:<{width}}  {summary}" for name, summary in commands.summaries]
        return (
            super().format_help()
            + "\ncommands (retrotui COMMAND --help for their options):\n"
            + "\n".join(lines)
            + "\n"
        )


def build_editor_parser() -> argparse.ArgumentParser:
    parser = _EditorParser(
        prog="retrotui",
        usage="retrotui [-h] [--version] [--demo] [--sync {off,pull,pull-push}] [--config PATH]\n"
        "                [--live [--name NAME] [--view-only]] [FILE]\n"
        "       retrotui COMMAND [ARGS...]",
        description="Open a retrospective file in the editor, or run one of the commands below.",
        epilog=(
            "Without FILE, opens RETRO.md, retro.md, RETROSPECTIVE.md or retrospective.md here, "
            "or starts a new RETRO.md."
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
    parser.add_argument(
        "--live",
        action="store_true",
        help="a live session: every finished edit is written at once, merged with the others' on the same file",
    )
    parser.add_argument("--name", metavar="NAME", help="your name in a live session (default: your login name)")
    parser.add_argument("--view-only", action="store_true", help="follow a live session without editing")
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help=f"{FILE_HELP} to open")
    return parser


COMMANDS = ("check", "actions", "new", "templates", "merge-driver", "git-setup", "config", "themes", "serve")


def main(argv: Sequence[str] | None = None, today: dt.date | None = None) -> int:
    """The ``retrotui`` command; output cut short by a closed pipe (``| head``) ends quietly."""
    from retrotui.cli.safe_output import escape_what_cannot_be_written

    escape_what_cannot_be_written(sys.stdout)
    try:
        code = _dispatch(list(sys.argv[1:] if argv is None else argv), today)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    return code


# Commands that only read and print: once their output is flushed, nothing is left to do.
_READ_ONLY = frozenset({"check", "actions"})


def run() -> NoReturn:
    """The ``retrotui`` program (console script and ``python -m retrotui``): ``main``, then exit.

    After ``check`` and ``actions`` the process ends at once, its output
    flushed, without the interpreter's teardown (freeing every module and
    object one by one took a tenth of the run on a large file); everything
    else exits normally.
    """
    code = main()
    if sys.argv[1:2] and sys.argv[1] in _READ_ONLY:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise SystemExit(code) from None  # let the interpreter report it, as it would have
        import os

        os._exit(code)
    raise SystemExit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again (Python's docs)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing will flush into a pipe


def _dispatch(arguments: list[str], today: dt.date | None) -> int:
    if not arguments or arguments[0] not in COMMANDS:
        return run_editor(build_editor_parser().parse_args(arguments))
    args = build_parser(arguments[0]).parse_args(arguments)
    handler: Callable[[argparse.Namespace, dt.date], int] = args.handler
    try:
        with _without_cycle_collection():
            return handler(args, today or dt.date.today())
    except Exception as error:
        if not _is_plain_error(error):
            raise
        print(visible(f"retrotui: {error}"), file=sys.stderr)
        return EXIT_UNREADABLE


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A command reads one document into a tree of objects and ends; nothing is reclaimed early by the
    cycle collector, which would otherwise rescan the growing tree again and again (reading 10,000
    retros took three times as long).  Reference counting still frees everything else."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _is_plain_error(error: Exception) -> bool:
    """A store or settings problem: one line for the user, not a traceback.

    The settings module (and pydantic with it) is only loaded by the commands
    that read settings, so ``check`` and ``actions`` do not pay for it.
    """
    if isinstance(error, StoreError):
        return True
    settings_file = sys.modules.get("retrotui.settings_file")
    return settings_file is not None and isinstance(error, settings_file.ConfigError)


def run_editor(args: argparse.Namespace) -> int:
    """Check the file before the UI starts; a problem is one line and exit code 2.

    The file is read and decoded here; parsing it happens after the first
    frame, in the editor's loader, so a large file opens without a blank wait.
    Keys typed meanwhile reach the editor as typed (``retrotui.terminal``).
    """
    from retrotui.terminal import keys_as_typed

    with keys_as_typed():
        return _check_and_run_editor(args)


def _check_and_run_editor(args: argparse.Namespace) -> int:
    from retrotui.settings_file import ConfigError, config_path
    from retrotui.store import check_openable, discover, read_text_stamp_later

    settings_file = config_path(args.config)
    try:
        # No file means defaults, made after the first frame (no pydantic before it); a file is checked now.
        settings = None
        if settings_file.exists():
            from retrotui.config import load_settings

            settings = load_settings(settings_file)
    except ConfigError as error:
        print(visible(f"retrotui: {error}"), file=sys.stderr)
        return EXIT_UNREADABLE
    if args.demo:
        path = demo_copy()
    elif args.file is not None:
        path = args.file
    else:
        path = discover(Path.cwd())
    try:
        check_openable(path)
        found = read_text_stamp_later(path) if path.exists() else None
    except StoreError as error:
        print(visible(f"retrotui: {error}"), file=sys.stderr)
        return EXIT_UNREADABLE
    live = None
    if args.live or args.view_only or args.name is not None:
        from retrotui.live.options import LiveOptions, participant_name

        live = LiveOptions(participant_name(args.name), view_only=args.view_only)
    from retrotui.tui import run

    return run(path, found, settings, settings_file, sync=args.sync, live=live)


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
