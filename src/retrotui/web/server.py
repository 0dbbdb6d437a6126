"""The server of ``retrotui serve``: aiohttp, textual-serve's process protocol, one process per browser tab.

Every path starts with a token (``access``): ``/TOKEN/`` is the page (the name
prompt first, without ``name=``), ``/TOKEN/static/…`` its scripts and styles,
``/TOKEN/ws/NAME`` the websocket that drives the participant's process.  Any
other path, or a wrong token, is 403.

textual-serve starts its command through a shell; ``Participant`` starts
``python -m retrotui FILE --live --name=NAME`` from an argument list instead,
in a session of its own (a ctrl+c in the server's terminal reaches the server
only), and ends it on the server's terms: Textual's web driver quits cleanly
on textual-serve's ``quit`` message (and on SIGTERM), so the participant leaves
the room and drops its lock; one that has not ended after ``GRACE`` seconds is
killed with its process group.  A server killed outright takes its
participants with it (``launch``: the parent-death signal).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import os
import re
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from retrotui.safe_text import visible
from retrotui.web.access import Role, Tokens, clean_name, participant_argv
from retrotui.web.pages import name_page, terminal_page

GRACE = 4.0  # seconds a participant has to end after being asked, before it is killed
_PORT_ATTEMPTS = 5  # ports tried for a host of several addresses (``SessionServer._listen``)
STATIC = Path(str(files("textual_serve") / "static"))
# The pages load only this server's scripts and styles and talk only to it (textual.js would otherwise
# fetch any ``ping=`` address given in the page's query).
_PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


def _int(text: str | None, default: int, low: int = 10, high: int = 1000) -> int:
    try:
        return max(low, min(high, int(text or "")))
    except ValueError:
        return default


class Participant(AppService):
    """One browser tab's ``retrotui FILE --live`` process, started without a shell."""

    def __init__(self, argv: list[str], name: str = "", **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)  # the string is only a label; ``argv`` is what runs
        self.argv = argv
        self.name = name
        self._asked_to_quit = False

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        # Through ``launch``, which makes it end with the server even if the server is killed.
        launcher = [sys.executable, "-m", "retrotui.web.launch", str(os.getpid())]
        self._process = process = await asyncio.create_subprocess_exec(
            *launcher,
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def process(self) -> asyncio.subprocess.Process | None:
        return self._process

    async def end(self, grace: float = GRACE) -> None:
        """Ask the process to quit; kill it (and its group) if it has not ended in ``grace`` seconds."""
        process = self._process
        if process is None:
            return
        self._asked_to_quit = True
        if process.returncode is None:
            with contextlib.suppress(Exception):
                await self.send_meta({"type": "quit"})
            try:
                await asyncio.wait_for(process.wait(), grace)
            except TimeoutError:
                self._signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(process.wait(), grace / 2)
                except TimeoutError:
                    self._signal(signal.SIGKILL)
                    await process.wait()
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task
            self._task = None

    async def run(self) -> None:
        """textual-serve's packet loop, and what is done when the process ends without being asked to.

        textual-serve copies the process's stderr raw into the server's stdout (twice when the process
        fails to start) and leaves the tab open on a process that is gone.  Here the tab is closed (its
        page says the session ended); a process that failed (a refused file, a crash) has its last line
        shown in the tab and on the server's stderr, its control characters made visible.
        """
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        errors = asyncio.create_task(_tail(process.stderr))
        try:
            await self._relay(process.stdout)
        except (asyncio.IncompleteReadError, ConnectionResetError):
            pass
        except asyncio.CancelledError:
            errors.cancel()
            return
        said = _last_line(await errors)
        returncode = await process.wait()
        if self._asked_to_quit:
            return  # ended by the server or its tab (warnings on the way out are not news)
        if returncode != 0:
            said = said or f"exit code {returncode}"
            _tell_server(f"{self.name}'s session ended: {said}")
            with contextlib.suppress(Exception):
                await self.remote_write_bytes(f"\x1b[2J\x1b[H{visible(said)}\r\n".encode())
        with contextlib.suppress(Exception):
            await self.remote_close()

    async def on_meta(self, data: bytes) -> None:
        """Everything as textual-serve does, but "exit": the tab is closed once the process has ended.

        Textual says "exit" before it prints a crash's traceback; closing the tab then would end the
        participant as if its tab had left, and what went wrong would never be told.
        """
        if _meta_type(data) == "exit":
            return
        await super().on_meta(data)

    async def _relay(self, stdout: asyncio.StreamReader) -> None:
        """The process's packets to the tab, after the line that says a Textual app is talking."""
        for _ in range(10):
            line = await stdout.readline()
            if not line or line == b"__GANGLION__\n":
                break
        while True:
            kind = await stdout.readexactly(1)
            payload = await stdout.readexactly(int.from_bytes(await stdout.readexactly(4), "big"))
            if kind == b"D":
                await self.on_data(payload)
            elif kind == b"M":
                await self.on_meta(payload)
            elif kind == b"P":
                await self.on_packed(payload)

    def _signal(self, number: int) -> None:
        process = self._process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, number)  # its own session: the group is its own and its children's


_HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(:[0-9]{1,5})?", re.ASCII)
_STYLE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
ERROR_LIMIT = 64 * 1024  # of a participant's stderr, the last bytes kept (its last line is what is told)


async def _tail(stream: asyncio.StreamReader) -> bytes:
    """The last ``ERROR_LIMIT`` bytes of a stream, read to its end (so the process never blocks on it)."""
    kept = b""
    while chunk := await stream.read(ERROR_LIMIT):
        kept = (kept + chunk)[-ERROR_LIMIT:]
    return kept


def _meta_type(data: bytes) -> object:
    try:
        meta = json.loads(data)
    except ValueError:
        return None
    return meta.get("type") if isinstance(meta, dict) else None


def _last_line(data: bytes) -> str:
    """The last line of a process's stderr with something on it (a refusal, or a traceback's error)."""
    text = _STYLE.sub("", data.decode("utf-8", "replace"))  # a crash's traceback comes in colour
    lines = [line.strip() for line in text.splitlines()]
    # Textual ends a crash with "NOTE: 1 of 2 errors shown…", after the error that says what happened.
    return next((line for line in reversed(lines) if line and not line.startswith("NOTE: ")), "")


def _tell_server(text: str) -> None:
    print(visible(f"retrotui serve: {text}"), file=sys.stderr, flush=True)


class SessionServer:
    """Serves one file's live session until ``stop`` is called."""

    def __init__(self, file: Path, host: str, port: int, tokens: Tokens | None = None) -> None:
        self.file = file
        self.host = host
        self.port = port
        self.tokens = tokens or Tokens()
        self.participants: set[Participant] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self.download_manager = DownloadManager()
        self._runner: web.AppRunner | None = None
        self._stopping = False

    # -- addresses ---------------------------------------------------------------------------

    def url(self, role: Role) -> str:
        token = self.tokens.join if role is Role.EDIT else self.tokens.view
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            import socket

            host = socket.gethostname()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/{token}/"

    # -- the aiohttp application ----------------------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._headers])
        app.router.add_route("*", "/{tail:.*}", self._route)
        return app

    @web.middleware
    async def _headers(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as error:
            error.headers.update(_SECURITY_HEADERS)
            raise
        if not response.prepared:
            response.headers.update(_SECURITY_HEADERS)
        return response

    async def _route(self, request: web.Request) -> web.StreamResponse:
        token, _, rest = request.path.lstrip("/").partition("/")
        role = self.tokens.role(token) if token else None
        if role is None:
            raise web.HTTPForbidden(text="403: this address needs the session's link (ask the facilitator)\n")
        if request.method not in ("GET", "HEAD"):
            raise web.HTTPMethodNotAllowed(request.method, ["GET", "HEAD"])
        if not rest and not request.path.endswith("/"):
            # The query as it came (``query_string`` is decoded: a ``%23`` in a name would become a fragment).
            query = request.rel_url.raw_query_string
            raise web.HTTPFound(f"/{token}/" + (f"?{query}" if query else ""))
        if rest == "":
            return self._page(request, token, role)
        if rest.startswith("static/"):
            return self._static(rest.removeprefix("static/"))
        if rest.startswith("ws/"):
            return await self._websocket(request, role, rest.removeprefix("ws/"))
        raise web.HTTPNotFound()

    def _page(self, request: web.Request, token: str, role: Role) -> web.Response:
        name = clean_name(request.query.get("name"))
        viewing = role is Role.VIEW
        if name is None:
            page = name_page(self.file.name, viewing)
        else:
            if not _HOST.fullmatch(request.host):  # it goes into the page, as the websocket's address
                raise web.HTTPBadRequest(text="400: the Host header is not a host name\n")
            scheme = "wss" if request.secure else "ws"
            page = terminal_page(self.file.name, f"{scheme}://{request.host}/{token}/ws/{quote(name, safe='')}")
        response = web.Response(text=page, content_type="text/html")
        response.headers["Content-Security-Policy"] = _PAGE_POLICY
        return response

    def _static(self, relative: str) -> web.FileResponse:
        root = STATIC.resolve()
        try:
            target = (root / relative).resolve()
            found = target.is_relative_to(root) and target.is_file()
        except (OSError, ValueError):  # a name too long for the system, or with a NUL in it
            found = False
        if not found:
            raise web.HTTPNotFound()
        return web.FileResponse(target)

    async def _websocket(self, request: web.Request, role: Role, raw_name: str) -> web.WebSocketResponse:
        name = clean_name(raw_name)
        if name is None:
            raise web.HTTPBadRequest(text="a name is needed\n")
        if self._stopping:
            raise web.HTTPServiceUnavailable()
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        argv = participant_argv(sys.executable, str(self.file), name, role)
        participant = Participant(
            argv,
            name,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.sockets.add(websocket)
        self.participants.add(participant)
        try:
            await participant.start(_int(request.query.get("width"), 80), _int(request.query.get("height"), 24))
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                await self._forward(message.data, participant, websocket)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            await participant.end()
            self.participants.discard(participant)
            self.sockets.discard(websocket)
            with contextlib.suppress(Exception):
                await websocket.close()
        return websocket

    @staticmethod
    async def _forward(data: str, participant: Participant, websocket: web.WebSocketResponse) -> None:
        """The browser's keys, size, focus and pings, as textual-serve's own server passes them on."""
        try:
            envelope = json.loads(data)
        except (ValueError, RecursionError):  # not JSON, or arrays nested deeper than the parser goes
            return
        if not isinstance(envelope, list) or not envelope:
            return
        kind, payload = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(payload, str):
            # JSON can carry a lone surrogate ("\\ud800"), which no key types and UTF-8 cannot hold: dropped.
            await participant.send_bytes(payload.encode("utf-8", "ignore"))
        elif kind == "resize" and isinstance(payload, dict):
            await participant.set_terminal_size(
                _int(str(payload.get("width")), 80), _int(str(payload.get("height")), 24)
            )
        elif kind == "ping":
            await websocket.send_json(["pong", payload])
        elif kind == "blur":
            await participant.blur()
        elif kind == "focus":
            await participant.focus()

    # -- running ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen (the port may be 0: the system picks one, and ``port`` says which)."""
        runner = web.AppRunner(self.application(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            await self._listen(runner)
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = runner.addresses[0][1]

    async def _listen(self, runner: web.AppRunner) -> None:
        """Port 0 on a host of several addresses (every address: ``0.0.0.0`` and ``::``; a name that resolves
        to an IPv4 and an IPv6 address) is one port on all of them: the link names the host and one port, and
        asyncio gave each address a port of its own, so a tab that reached the other address reached nothing,
        or some other program."""
        addresses = await self._addresses() if self.port == 0 else []
        if len(addresses) < 2:
            await web.TCPSite(runner, self.host, self.port).start()
            return
        for attempt in range(_PORT_ATTEMPTS):
            sites: list[web.TCPSite] = []
            try:
                for address in addresses:
                    port = runner.addresses[0][1] if sites else 0
                    site = web.TCPSite(runner, address, port)
                    await site.start()
                    sites.append(site)
                return
            except OSError as error:
                for site in sites:
                    await site.stop()
                if error.errno != errno.EADDRINUSE or attempt == _PORT_ATTEMPTS - 1:
                    raise  # (the port the first address got is taken on another: another port, a few times)

    async def _addresses(self) -> list[str]:
        """The host's addresses to listen on, each once, in the resolver's order."""
        found = await asyncio.get_running_loop().getaddrinfo(
            self.host or None, 0, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
        return list(dict.fromkeys(str(sockaddr[0]) for *_, sockaddr in found))

    async def stop(self) -> None:
        """Every participant ends (asked first, killed after ``GRACE``), then the server closes."""
        self._stopping = True
        await asyncio.gather(*(participant.end() for participant in list(self.participants)))
        for websocket in list(self.sockets):
            with contextlib.suppress(Exception):
                await websocket.close()
        if self._runner is not None:
            await self._runner.cleanup()


def serve(file: Path, host: str, port: int, announce: Callable[[SessionServer], None]) -> None:
    """Run the server until SIGINT or SIGTERM; ``announce`` prints the addresses once it listens."""
    _log_in_one_line()
    asyncio.run(_serve(SessionServer(file, host, port), announce))


class _OneLine(logging.Handler):
    """A log record as one line on stderr, its exception's message after it: never a traceback."""

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text = f"{text}: {record.exc_info[1]}"
        _tell_server(" ".join(text.split()))


def _log_in_one_line() -> None:
    """aiohttp logs a malformed request (anyone who can reach the port can send one) with a traceback."""
    for name in ("aiohttp", "asyncio", "textual-serve"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [_OneLine(logging.WARNING)]
        logger.propagate = False


async def _serve(server: SessionServer, announce: Callable[[SessionServer], None]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    try:
        await server.start()
        announce(server)
        await stop.wait()
    finally:
        await server.stop()
