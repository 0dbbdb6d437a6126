"""``retrotui serve FILE``: a live retro in the browser; each tab runs its own ``retrotui FILE --live``."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import ipaddress
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retrotui.cli.common import EXIT_OK, EXIT_UNREADABLE
from retrotui.safe_text import visible

if TYPE_CHECKING:
    from retrotui.web.server import SessionServer


def add_parser(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="run a live retro in the browser: prints a join link and a view-only link",
        description=(
            "Serve FILE as a live session in the browser. Each browser tab runs its own "
            "'retrotui FILE --live' (view-only tabs with --view-only). The links carry secret tokens: "
            "without one every request is refused (403). ctrl+c ends every session and stops."
        ),
    )
    serve.add_argument("file", type=Path, metavar="FILE", help="the retrospective Markdown file")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0 picks a free one)")
    serve.set_defaults(handler=run_serve)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace, today: dt.date) -> int:
    try:
        return _serve(args)
    except KeyboardInterrupt:
        # ctrl+c before the server takes it itself (while the file is read, or aiohttp loads): it stops.
        print("retrotui serve: stopped", flush=True)
        return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    path: Path = args.file
    _check_what_each_tab_opens(path)
    if not 0 <= args.port <= 65535:
        print(f"retrotui: --port {args.port}: not a port number (0 to 65535)", file=sys.stderr)
        return EXIT_UNREADABLE
    # The command line turns the cycle collector off for commands that read one document and end;
    # a server runs for hours, and aiohttp and asyncio leave cycles behind on every request.
    gc.enable()
    if not is_loopback(args.host):
        print(
            visible(
                f"retrotui serve: warning: listening on {args.host or 'every address'}: anyone who can reach it "
                f"and has the join link can edit {path.name}"
            ),
            file=sys.stderr,
            flush=True,
        )
    from retrotui.web.server import serve

    try:
        serve(path.absolute(), args.host, args.port, _announce)
    except (OSError, UnicodeError) as error:
        print(
            visible(f"retrotui serve: cannot listen on {args.host}:{args.port}: {_why_not(error)}"),
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    print("retrotui serve: stopped", flush=True)
    return EXIT_OK


def _why_not(error: OSError | UnicodeError) -> str:
    """Why the address cannot be listened on, once: asyncio's bind error repeats the address before it.

    A host name with an empty or over-long label (``a..b``) fails in the IDNA codec, before any lookup.
    """
    import socket

    if isinstance(error, UnicodeError):
        return "not a valid host name"
    if error.errno and error.errno > 0 and not isinstance(error, socket.gaierror):
        return os.strerror(error.errno).lower()  # "address already in use", as asyncio words it
    return str(error.strerror or error)


def _check_what_each_tab_opens(path: Path) -> None:
    """The file and the settings each participant's editor reads, checked as the editor checks them.

    A file or settings file the editor refuses would fail every tab, one by one; refused here, it is one
    line and exit code 2 (a ``StoreError`` or ``ConfigError``) before anyone is given a link.
    """
    from retrotui.config import load_settings
    from retrotui.settings_file import config_path
    from retrotui.store import check_openable, read_text_stamp_later, resolve_link

    check_openable(path)
    resolve_link(path)  # a link loop (the editor would stop on it with a traceback)
    if path.exists():
        read_text_stamp_later(path)
    load_settings(config_path())


def _announce(server: SessionServer) -> None:
    from retrotui.web.access import Role

    print(f"retrotui serve: {visible(str(server.file))}", flush=False)
    print(f"  join (edit): {server.url(Role.EDIT)}", flush=False)
    print(f"  view only:   {server.url(Role.VIEW)}", flush=False)
    print("Add ?name=YOUR_NAME to a link to skip the name prompt. ctrl+c ends every session and stops.", flush=True)
