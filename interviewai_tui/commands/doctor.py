"""``interviewai doctor``: what this installation is, where it keeps things, what works."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import EXIT_FAILURE, EXIT_OK, run, settings_or_error

if TYPE_CHECKING:
    from interviewai_tui.config import Settings


def register(command: CommandFactory) -> None:
    command("doctor", "check the configuration, the store, the keyring and AI providers", _doctor)


def mask_url(url: str) -> str:
    """The URL with any password replaced by ***, safe to print."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, ""))


def _line(label: str, value: str) -> None:
    print(f"{label:14} {value}")


def _doctor(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    return run(_doctor_async(overrides))


async def _doctor_async(overrides: dict[str, Any]) -> int:
    from interviewai_tui import __version__

    settings = settings_or_error(overrides)
    _line("version", f"interviewai {__version__} (Python {sys.version.split()[0]})")
    present = "present" if settings.config_file.is_file() else "not present, defaults in use"
    _line("config file", f"{settings.config_file} ({present})")
    _line("data dir", str(settings.data_dir))
    _line("database", mask_url(settings.resolved_database_url))
    ok = await _store_report(settings)
    _keyring_report()
    await _providers_report(settings)
    return EXIT_OK if ok else EXIT_FAILURE


async def _store_report(settings: Settings) -> bool:
    from interviewai_tui.container import Container
    from interviewai_tui.store.base import StoreError

    try:
        async with Container(settings) as container:
            counts = await container.store.counts()
    except StoreError as exc:
        _line("store", f"NOT reachable: {exc}")
        return False
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    _line("store", f"reachable; {summary}")
    return True


def _keyring_report() -> None:
    from interviewai_tui.commands.probes import keyring_status

    _line("keyring", keyring_status())


async def _providers_report(settings: Settings) -> None:
    from interviewai_tui.commands.probes import provider_lines

    for i, text in enumerate(await provider_lines(settings)):
        _line("AI providers" if i == 0 else "", text)
