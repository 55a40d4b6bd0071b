"""What every subcommand shares: settings loading, one-line errors, running a coroutine."""

from __future__ import annotations

import argparse
import asyncio
import functools
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from interviewai_tui.commands import CommandFactory
    from interviewai_tui.config import Settings

T = TypeVar("T")
Handler = Callable[[argparse.Namespace, dict[str, Any]], int]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A failure the user can act on: printed as one line, with an exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str) -> None:
    """Print one line to stderr, prefixed with the program name."""
    print(f"interviewai: {message}", file=sys.stderr)


def action_group(
    command: CommandFactory, name: str, help: str, handler: Handler
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """``interviewai NAME ACTION ...``: a command made of actions, one of them required (so
    `handler` is never run); add each action with ``add_parser`` on the result and give it its
    handler with ``set_defaults``."""
    parser = command(name, help, handler)
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True)


def settings_or_error(overrides: dict[str, Any]) -> Settings:
    """Load settings; an invalid value becomes a CommandError with exit code 2."""
    from interviewai_tui.config import SettingsError, load_settings

    try:
        return load_settings(overrides)
    except SettingsError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None


def run(coro: Coroutine[Any, Any, int]) -> int:
    """Run a command coroutine, turning user-facing errors into one line and an exit code."""
    from interviewai_tui.store.base import StoreError

    try:
        return asyncio.run(coro)
    except CommandError as exc:
        fail(str(exc))
        return exc.code
    except StoreError as exc:
        fail(str(exc))
        return EXIT_FAILURE


def guarded(func: Any) -> Any:
    """Decorator for sync handlers: CommandError → one line + exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> int:
        try:
            result: int = func(*args, **kwargs)
            return result
        except CommandError as exc:
            fail(str(exc))
            return exc.code

    return wrapper
