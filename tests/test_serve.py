"""``retrotui serve``: only the two links get in, names stay data, and a stop ends every participant cleanly."""

from __future__ import annotations

import fcntl
import http.client
import os
import signal
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import psutil
import pytest

from retrotui.live.options import NAME_LIMIT
from retrotui.web.access import Role, Tokens, clean_name, participant_argv
from tests.serving import Served, serving, wait_for


def status(url: str) -> int:
    request = urllib.request.Request(url)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def body(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def upgrade_status(url: str) -> int:
    """The status of a websocket upgrade request (101 when it is accepted)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(
        "GET",
        parts.path,
        headers={
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        },
    )
    code = connection.getresponse().status
    connection.close()
    return code


def test_without_a_valid_token_every_path_is_403(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        base = served.base
        wrong = "x" * 32
        for path in (
            "/",
            "/ws",
            "/static/js/textual.js",
            f"/{wrong}/",
            f"/{wrong}/?name=Ana",
            f"/{wrong}/static/js/textual.js",
        ):
            assert status(base + path) == 403, path
        for path in ("/ws", f"/{wrong}/ws/Ana", "/static/ws/Ana"):
            assert upgrade_status(base + path) == 403, path
        near = served.join[:-2] + ("A/" if served.join[-2] != "A" else "B/")  # one character off
        assert status(near) == 403 and upgrade_status(near + "ws/Ana") == 403


def test_the_join_and_view_links_open_the_page_its_assets_and_the_name_prompt(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        for link in (served.join, served.view):
            assert status(link) == 200
            assert status(link + "?name=Ana") == 200
            assert status(link + "static/js/textual.js") == 200
            assert status(link + "static/css/xterm.css") == 200
            assert status(link + "static/../../server.py") in (403, 404)
            prompt = body(link)
            assert '<form method="get"' in prompt and 'name="name"' in prompt and f'maxlength="{NAME_LIMIT}"' in prompt
            page = body(link + "?name=Ana")
            assert 'data-session-websocket-url="ws://' in page and "/ws/Ana" in page
        assert "view only" in body(served.view) and "view only" not in body(served.join)
        with urllib.request.urlopen(served.join + "?name=Ana", timeout=10) as response:
            assert "connect-src 'self'" in response.headers["Content-Security-Policy"]
            assert response.headers["Referrer-Policy"] == "no-referrer"
        assert status(served.join.rstrip("/")) == 302  # to the folder, so the page's assets resolve under the token


def test_a_name_is_data_in_the_page_and_one_argument_for_the_process(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        page = body(served.join + "?name=%3Cscript%3Ealert(1)%3C/script%3E%22")
        assert "<script>alert" not in page and '"' + "'" not in page
        assert "/ws/%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22" in page


def test_names_are_one_short_printable_line() -> None:
    assert clean_name("  Ana \n Maria\x1b[31m ") == "Ana Maria [31m"
    assert clean_name("x" * 500) == "x" * NAME_LIMIT
    assert clean_name("\x00\x07 \t") is None and clean_name("") is None and clean_name(None) is None
    assert clean_name("Zoë ⚡") == "Zoë ⚡"


def test_the_participant_runs_from_an_argument_list() -> None:
    argv = participant_argv(sys.executable, "/r/RETRO.md", "--view-only; rm -rf ~", Role.EDIT)
    assert argv == [sys.executable, "-m", "retrotui", "/r/RETRO.md", "--live", "--name=--view-only; rm -rf ~"]
    assert participant_argv("py", "f.md", "Vic", Role.VIEW)[-1] == "--view-only"


def test_tokens_are_random_distinct_and_compared_whole() -> None:
    tokens, other = Tokens(), Tokens()
    assert len({tokens.join, tokens.view, other.join, other.view}) == 4 and len(tokens.join) >= 32
    assert tokens.role(tokens.join) is Role.EDIT and tokens.role(tokens.view) is Role.VIEW
    assert tokens.role(tokens.join[:-1]) is None and tokens.role("") is None and tokens.role("\udcff") is None


async def _join(
    session: aiohttp.ClientSession, served: Served, link: str, name: str
) -> aiohttp.ClientWebSocketResponse:
    """A browser tab's websocket: open, and read until the participant's editor has drawn its screen."""
    socket = await session.ws_connect(link.replace("http://", "ws://") + f"ws/{name}?width=100&height=30")
    drawn = 0
    while drawn < 4000:
        message = await socket.receive(timeout=30)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        drawn += len(message.data)
    return socket


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
async def test_a_stop_ends_every_participant_cleanly(tmp_path: Path, number: int) -> None:
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            tabs = [await _join(session, served, served.join, "Ana"), await _join(session, served, served.view, "Vic")]
            children = served.children()
            commands = sorted(" ".join(child.cmdline()[3:]) for child in children)
            assert commands == [f"{served.file} --live --name=Ana", f"{served.file} --live --name=Vic --view-only"]
            wait_for(lambda: len(served.people()) == 2, "both participants in the room")
            code, out, err = served.stop(number)
            assert all(tab.closed or tab.exception() is None for tab in tabs)
    assert code == 0, err
    assert "Traceback" not in out + err
    assert served.alive() == []
    assert served.people() == []
    for lock in served.state.glob("live/*/lock"):  # nobody holds the room's lock any more
        with lock.open("rb") as held:
            fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


async def test_a_closed_tab_ends_its_participant(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            socket = await _join(session, served, served.join, "Ana")
            (_child,) = served.children()
            await socket.close()
            wait_for(lambda: not served.alive(), "the participant to end")
            assert served.people() == []
        assert served.stop()[0] == 0


def test_another_host_is_warned_about(tmp_path: Path) -> None:
    with serving(tmp_path, "--host", "0.0.0.0") as served:
        code, _, err = served.stop(signal.SIGTERM)
    assert code == 0
    assert "warning: listening on 0.0.0.0: anyone who can reach it and has the join link can edit RETRO.md" in err


def test_the_default_host_is_this_machine_only(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        assert served.join.startswith("http://127.0.0.1:")
        code, _, err = served.stop()
    assert code == 0 and "warning" not in err


def test_a_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    from retrotui.cli import main

    assert main(["serve", str(tmp_path)]) == 2


async def test_a_participant_that_ignores_the_request_to_quit_is_killed_with_its_group() -> None:
    from textual_serve.download_manager import DownloadManager

    from retrotui.web.server import Participant

    stubborn = (
        "import signal, subprocess, sys\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import signal, time; "
        "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)'])\n"
        "print(child.pid, flush=True)\n"
        "sys.stdin.read()\n"
        "child.wait()\n"
    )

    async def ignore(data: object) -> None:
        pass

    participant = Participant(
        [sys.executable, "-c", stubborn],
        write_bytes=ignore,
        write_str=ignore,
        close=lambda: ignore(None),
        download_manager=DownloadManager(),
    )
    await participant.start(80, 24)
    process = participant.process
    assert process is not None
    await participant.end(grace=0.5)
    assert process.returncode == -signal.SIGKILL
    wait_for(lambda: _group(process.pid) == [], "its child, killed with it, to be gone")


def _group(group: int) -> list[int]:
    """The processes still running in a process group (a zombie has ended)."""
    found = []
    for process in psutil.process_iter(["pid", "status"]):
        try:
            if os.getpgid(process.pid) == group and process.info["status"] != psutil.STATUS_ZOMBIE:
                found.append(process.pid)
        except (ProcessLookupError, psutil.NoSuchProcess):
            pass
    return found


async def test_a_killed_server_takes_its_participants_with_it(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            tab = await _join(session, served, served.join, "Ana")
            wait_for(lambda: len(served.people()) == 1, "Ana in the room")
            assert served.children()
            served.process.kill()
            served.process.communicate(timeout=30)
            wait_for(lambda: served.alive() == [], "the participant to end with its server")
            assert served.people() == []
            await tab.close()
