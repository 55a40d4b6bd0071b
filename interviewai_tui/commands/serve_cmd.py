"""``interviewai serve [--host 127.0.0.1] [--port 8000] [--demo]``: the app in a browser.

textual-serve (the optional extra "serve") starts one app process per browser visitor. The
settings reach those processes through the environment, never the command line, so a database
password does not show in `ps` or in textual-serve's log. textual-serve has no authentication,
hence the loud warning when the address is reachable from other machines.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from typing import Any

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import EXIT_OK, CommandError, guarded

__all__ = ["app_command", "is_loopback", "public_url_for", "register"]

_MISSING = (
    "Serving in a browser needs the optional extra 'serve': "
    "pip install 'interviewai-tui[serve]' (or pipx inject interviewai-tui textual-serve)."
)
_ENV_OF = {
    "data_dir": "INTERVIEWAI_DATA_DIR",
    "database_url": "INTERVIEWAI_DATABASE_URL",
    "config_file": "INTERVIEWAI_CONFIG_FILE",
}


def register(command: CommandFactory) -> None:
    p = command("serve", "serve the app in a web browser (one app process per visitor)", _serve)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--demo", action="store_true", help="every visitor gets their own throwaway demo store"
    )
    p.add_argument(
        "--public-url", metavar="URL", help="URL visitors use, when behind a proxy or tunnel"
    )


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable only from this machine."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def public_url_for(host: str, port: int) -> str | None:
    """The URL pages should point their websocket at, when the bind address is a wildcard
    (a browser on another machine cannot connect to 0.0.0.0)."""
    if host.strip("[]") in ("0.0.0.0", "::", ""):
        import socket

        return f"http://{socket.getfqdn()}:{port}"
    return None


def app_command(*, demo: bool) -> str:
    """The shell command textual-serve runs for each visitor."""
    argv = [sys.executable, "-m", "interviewai_tui"]
    if demo:
        argv.append("--demo")
    return shlex.join(argv)


def _child_environment(overrides: dict[str, Any]) -> None:
    # textual-serve copies os.environ into each app process.
    for field, value in overrides.items():
        name = _ENV_OF.get(field)
        if name is not None and value is not None:
            os.environ[name] = str(value)


@guarded
def _serve(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    if not 0 < args.port < 65536:
        raise CommandError("--port must be between 1 and 65535.", 2)
    try:
        from textual_serve.server import Server
    except ImportError:
        raise CommandError(_MISSING) from None
    if not is_loopback(args.host):
        print(
            f"Warning: {args.host} is reachable from other machines and textual-serve has no "
            "sign-in of its own: anyone who can reach this port gets an app session. Use a "
            "trusted network, or keep 127.0.0.1 and forward the port with ssh -L.",
            file=sys.stderr,
        )
    _child_environment(overrides)
    server = Server(
        app_command(demo=args.demo),
        host=args.host,
        port=args.port,
        title="InterviewAI",
        public_url=args.public_url or public_url_for(args.host, args.port),
    )
    try:
        server.serve()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CommandError(f"Cannot listen on {args.host}:{args.port} ({reason}).") from None
    return EXIT_OK
