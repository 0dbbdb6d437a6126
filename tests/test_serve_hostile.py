"""``retrotui serve`` against hostile input: odd paths and queries, broken messages, files and participants that fail."""

from __future__ import annotations

import asyncio
import gc
import http.client
import json
import signal
import socket
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from retrotui.cli import main
from retrotui.web.server import Participant, SessionServer
from tests.serving import RETRO, WAIT, serving
from tests.test_serve import status


def _location(url: str) -> str | None:
    """The ``Location`` of a request's answer, the bytes as the server sent them."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
    location = connection.getresponse().getheader("Location")
    connection.close()
    return location


async def _receive(socket: aiohttp.ClientWebSocketResponse) -> aiohttp.WSMessage:
    """The next message; failing after ``WAIT`` seconds (``receive``'s own timeout restarts at every ping)."""
    async with asyncio.timeout(WAIT):
        return await socket.receive()


@pytest.fixture
def no_serving(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """``serve`` replaced: records whether cycle collection is on, and returns at once instead of serving."""
    import retrotui.web.server

    calls: list[bool] = []

    def record(*args: object) -> None:
        calls.append(gc.isenabled())

    monkeypatch.setattr(retrotui.web.server, "serve", record)
    return calls


def test_a_file_the_editor_cannot_read_is_refused_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_serving: list[bool]
) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Retro\n\xff\xfe\n")
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    for path, reason in ((bad, "not UTF-8"), (loop, "link")):
        assert main(["serve", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(path) in err and reason in err, err
    assert no_serving == []


def retro_without_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A retro file, served with no settings file (none of the machine's own)."""
    retro = tmp_path / "RETRO.md"
    retro.write_text(RETRO, encoding="utf-8")
    monkeypatch.setenv("RETROTUI_CONFIG", str(tmp_path / "none.toml"))
    return retro


def test_a_broken_settings_file_is_refused_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_serving: list[bool]
) -> None:
    retro = tmp_path / "RETRO.md"
    retro.write_text(RETRO, encoding="utf-8")
    settings = tmp_path / "config.toml"
    settings.write_text("theme = [\n", encoding="utf-8")
    monkeypatch.setenv("RETROTUI_CONFIG", str(settings))
    assert main(["serve", str(retro)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(settings) in err, err
    assert no_serving == []


def test_serving_collects_cycles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_serving: list[bool], capsys: pytest.CaptureFixture[str]
) -> None:
    """Commands that read one document turn the cycle collector off; a server running for hours must not."""
    retro = retro_without_settings(tmp_path, monkeypatch)
    assert main(["serve", str(retro)]) == 0
    assert no_serving == [True]


def test_a_static_path_the_system_cannot_take_is_404_not_a_crash(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        for path in ("static/a%00b", "static/" + "a" * 5000, "static/js/" + "a" * 300 + "/x"):
            assert status(served.join + path) == 404, path
        code, out, err = served.stop()
    assert code == 0 and "Traceback" not in out + err and "Error handling request" not in err, err


def test_the_redirect_to_the_folder_keeps_the_query_as_given(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        token = urlsplit(served.join).path.strip("/")
        for query in ("name=Ana%23Ben", "name=a%0D%0Ab", "name=Zo%C3%AB+%26+Vic"):
            assert _location(served.join.rstrip("/") + "?" + query) == f"/{token}/?{query}"


async def _still_answers(socket: aiohttp.ClientWebSocketResponse) -> None:
    """The session goes on: a ping is answered (the screen's bytes may come first)."""
    await socket.send_str(json.dumps(["ping", "still there?"]))
    while True:
        message = await _receive(socket)
        assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
        if message.type == aiohttp.WSMsgType.TEXT:
            assert json.loads(message.data) == ["pong", "still there?"]
            return


async def test_a_keystroke_that_is_not_text_is_dropped_and_the_session_goes_on(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            socket = await session.ws_connect(served.join.replace("http://", "ws://") + "ws/Ana")
            await socket.send_str('["stdin", "\\ud800"]')
            await _still_answers(socket)
            await socket.close()
        code, out, err = served.stop()
    assert code == 0 and "Traceback" not in out + err, err


async def test_a_participant_that_cannot_start_tells_its_tab_and_the_server_why(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        served.file.write_bytes(b"# Retro\n\x1b[31m \xff\n")  # not UTF-8 any more, after the server started
        async with aiohttp.ClientSession() as session:
            socket = await session.ws_connect(served.join.replace("http://", "ws://") + "ws/Ana")
            shown = bytearray()
            while True:
                message = await _receive(socket)
                if message.type != aiohttp.WSMsgType.BINARY:
                    break
                shown += message.data
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED), message
            assert b"not UTF-8" in shown and str(served.file).encode() in shown
        code, out, err = served.stop(signal.SIGTERM)
    assert code == 0
    assert "not UTF-8" not in out
    (line,) = [line for line in err.splitlines() if "not UTF-8" in line]
    assert line.startswith(f"retrotui serve: Ana's session ended: retrotui: {served.file}:")
    assert "Application failed to start" not in err and "\x1b" not in err


async def test_a_message_nested_too_deep_to_parse_is_dropped_and_the_session_goes_on(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            socket = await session.ws_connect(served.join.replace("http://", "ws://") + "ws/Ana")
            await socket.send_str("[" * 100_000)
            await _still_answers(socket)
            await socket.close()
        code, out, err = served.stop()
    assert code == 0 and "Traceback" not in out + err, err


class _Tab:
    """What a participant sends its tab: the bytes, and whether it closed it."""

    def __init__(self) -> None:
        self.shown = bytearray()
        self.closed = asyncio.Event()

    async def write_bytes(self, data: bytes) -> None:
        self.shown += data

    async def write_str(self, data: str) -> None:
        pass

    async def close(self) -> None:
        self.closed.set()


def _participant(script: str, tab: _Tab) -> Participant:
    from textual_serve.download_manager import DownloadManager

    return Participant(
        [sys.executable, "-c", script],
        "Ana",
        write_bytes=tab.write_bytes,
        write_str=tab.write_str,
        close=tab.close,
        download_manager=DownloadManager(),
    )


async def test_a_participant_that_fails_shows_its_last_line_made_visible(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tab = _Tab()
    script = "import sys; sys.stderr.write('Traceback (most recent call last):\\nValueError: bad \\x1b]0;x\\x07\\n')"
    participant = _participant(script + "; sys.exit(3)", tab)
    await participant.start(80, 24)
    async with asyncio.timeout(WAIT):
        await tab.closed.wait()
    await participant.end()
    assert bytes(tab.shown) == "\x1b[2J\x1b[HValueError: bad ␛]0;x␇\r\n".encode()
    assert capsys.readouterr().err == "retrotui serve: Ana's session ended: ValueError: bad ␛]0;x␇\n"


async def test_a_participant_asked_to_quit_is_not_reported_whatever_it_says_on_the_way_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tab = _Tab()
    script = "import sys; sys.stdin.buffer.read(1); sys.stderr.write('sys:1: RuntimeWarning: never awaited\\n')"
    participant = _participant(script, tab)
    await participant.start(80, 24)
    await participant.end()
    assert participant.process is not None and participant.process.returncode == 0
    assert not tab.closed.is_set() and tab.shown == b""
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_a_port_in_use_is_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    retro = retro_without_settings(tmp_path, monkeypatch)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(retro), "--port", str(port)]) == 2
    assert capsys.readouterr().err == f"retrotui serve: cannot listen on 127.0.0.1:{port}: address already in use\n"


async def test_port_0_on_every_address_is_one_port_on_each(tmp_path: Path) -> None:
    """``--host ''`` listens on 0.0.0.0 and ::; with ``--port 0`` asyncio gave each address its own port,
    and the link named one of them: a tab that reached the other address reached nothing, or another program."""
    retro = tmp_path / "RETRO.md"
    retro.write_text(RETRO, encoding="utf-8")
    server = SessionServer(retro, "", 0)
    await server.start()
    try:
        assert server._runner is not None
        listening = server._runner.addresses
        assert sorted({address[0] for address in listening}) == ["0.0.0.0", "::"]
        assert {address[1] for address in listening} == {server.port}
        for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
            with socket.socket(family) as tab:
                tab.connect((host, server.port))
    finally:
        await server.stop()


def test_a_host_that_does_not_resolve_is_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    retro = retro_without_settings(tmp_path, monkeypatch)
    assert main(["serve", str(retro), "--host", "no-such-host.invalid", "--port", "0"]) == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("retrotui serve: cannot listen on no-such-host.invalid:0: ") and "Unknown" not in last


async def test_a_participant_that_crashes_after_saying_exit_is_still_reported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Textual says "exit" before its traceback; the server's handler ends a participant once its tab closes."""
    tab = _Tab()
    exit_packet = b'M\x00\x00\x00\x10{"type": "exit"}'
    script = (
        "import sys\n"
        f"sys.stdout.buffer.write(b'__GANGLION__\\n' + {exit_packet!r}); sys.stdout.flush()\n"
        "sys.stderr.write('MarkupError: closing tag [/x] does not match any open tag\\n\\n')\n"
        "sys.stderr.write('NOTE: 1 of 2 errors shown. Run with textual run --dev to see all errors.\\n')\n"
        "sys.exit(1)\n"
    )
    participant = _participant(script, tab)

    async def close_and_end() -> None:  # as the handler does, at once: the tab's socket closed, its loop ends
        await tab.close()
        await participant.end()

    participant.remote_close = close_and_end
    await participant.start(80, 24)
    async with asyncio.timeout(WAIT):
        await tab.closed.wait()
    await participant.end()
    assert b"MarkupError: closing tag [/x] does not match any open tag" in tab.shown
    assert capsys.readouterr().err == (
        "retrotui serve: Ana's session ended: MarkupError: closing tag [/x] does not match any open tag\n"
    )


def test_a_file_name_that_is_not_utf8_or_holds_controls_is_shown_made_visible(tmp_path: Path) -> None:
    name = "retro\udcff<b>\x1b[31m\u202e.md"  # the raw byte 0xff, as Python names it
    with serving(tmp_path, name=name) as served:
        for link in (served.join, served.join + "?name=Ana", served.view):
            with urllib.request.urlopen(link, timeout=10) as response:
                page = response.read().decode("utf-8")
            assert "retro\\xff&lt;b&gt;␛[31m\\u202e.md" in page and "\x1b" not in page and "<b>␛" not in page
        code, out, err = served.stop()
    assert code == 0 and "Traceback" not in out + err, err


def _raw(url: str, request: bytes) -> tuple[bytes, bytes]:
    """Send ``request`` as it is to the server of ``url``: the status line and the body of the answer."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0], body


def test_a_page_asked_for_with_a_host_that_is_no_host_name_is_400(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        path = urlsplit(served.join).path.encode() + b"?name=Ana"
        for host in (b"a\xffb", b"", b'x"><script>alert(1)</script>', b"a b"):
            request = b"GET " + path + b" HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n"
            line, body = _raw(served.join, request)
            assert line.startswith(b"HTTP/1.1 400 ") and b"Host" in body, (host, line)
        line, body = _raw(served.join, b"GET " + path + b" HTTP/1.1\r\nHost: [::1]:8000\r\nConnection: close\r\n\r\n")
        assert line == b"HTTP/1.1 200 OK" and b'data-session-websocket-url="ws://[::1]:8000/' in body
        code, out, err = served.stop()
    assert code == 0 and "Traceback" not in out + err, err


def test_a_malformed_request_is_one_line_in_the_servers_terminal(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        line, _ = _raw(served.join, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n")  # no Host: not HTTP/1.1
        assert b" 400 " in line
        line, _ = _raw(served.join, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n")  # TLS to a plain port
        assert b" 400 " in line
        code, out, err = served.stop()
    assert code == 0 and "Traceback" not in out + err, err
    lines = err.splitlines()
    assert all(line.startswith("retrotui serve: ") for line in lines), err
    assert any("Missing 'Host' header" in line for line in lines) and "\x16" not in err


def test_an_empty_host_is_warned_about_as_every_address(tmp_path: Path) -> None:
    with serving(tmp_path, "--host", "") as served:
        code, _, err = served.stop(signal.SIGTERM)
    assert code == 0
    assert "warning: listening on every address: anyone who can reach it and has the join link" in err, err


def test_ctrl_c_before_the_server_listens_stops_it_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ctrl+c in the half second aiohttp takes to load reaches the command as KeyboardInterrupt."""
    import retrotui.web.server

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    retro = retro_without_settings(tmp_path, monkeypatch)
    monkeypatch.setattr(retrotui.web.server, "serve", interrupted)
    try:
        code: object = main(["serve", str(retro)])
    except KeyboardInterrupt:
        code = "a traceback: KeyboardInterrupt"
    assert code == 0
    assert capsys.readouterr().out == "retrotui serve: stopped\n"
