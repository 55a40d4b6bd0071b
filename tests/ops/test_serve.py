"""`interviewai serve`: the page on 127.0.0.1, an app process per visitor, and the warnings."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from interviewai_tui.commands import serve_cmd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_loopback_detection() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.8.9.10"):
        assert serve_cmd.is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.168.1.20", "workshop.example.org"):
        assert not serve_cmd.is_loopback(host), host
    assert serve_cmd.public_url_for("127.0.0.1", 8000) is None
    assert serve_cmd.public_url_for("0.0.0.0", 8000) == f"http://{socket.getfqdn()}:8000"
    assert serve_cmd.app_command(demo=True).endswith("-m interviewai_tui --demo")


def test_missing_extra_gives_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    args = argparse.Namespace(host="127.0.0.1", port=8000, demo=False, public_url=None)
    assert serve_cmd._serve(args, {}) == 1
    err = capsys.readouterr().err
    assert "pip install 'interviewai-tui[serve]'" in err and err.count("\n") == 1


async def _fetch_page(port: int, deadline: float) -> str:
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(f"http://127.0.0.1:{port}/") as response:
                    assert response.status == 200
                    return await response.text()
            except aiohttp.ClientConnectionError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.2)


async def _first_screen(port: int, deadline: float) -> bytes:
    received = b""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24") as ws,
    ):
        while time.monotonic() < deadline and b"Sign in" not in received:
            try:
                message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                received += message.data
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
    return received


async def test_serve_answers_on_loopback_with_the_app(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "INTERVIEWAI_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [sys.executable, str(HERE / "cli_entry.py"), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        page = await _fetch_page(port, time.monotonic() + 30)
        assert "<title>InterviewAI</title>" in page or "InterviewAI" in page
        assert f"ws://127.0.0.1:{port}/ws" in page
        screen = await _first_screen(port, time.monotonic() + 40)
        assert b"Sign in" in screen, screen[-500:]
    finally:
        server.terminate()
        try:
            _, err = server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            _, err = server.communicate()
    assert b"Warning" not in err  # loopback: no warning


def test_non_loopback_bind_warns_and_a_busy_port_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp_path)}
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                str(HERE / "cli_entry.py"),
                "serve",
                "--host",
                "0.0.0.0",
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
            cwd=ROOT,
        )
    assert "Warning: 0.0.0.0 is reachable from other machines" in done.stderr
    assert done.returncode == 1
    assert f"Cannot listen on 0.0.0.0:{port}" in done.stderr
    assert "Traceback" not in done.stderr
