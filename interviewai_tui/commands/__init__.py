"""Subcommands of ``interviewai``; each module registers its own parsers."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

CommandFactory = Callable[
    [str, str, Callable[[argparse.Namespace, dict[str, Any]], int]], argparse.ArgumentParser
]


def register_all(command: CommandFactory) -> None:
    """Add every subcommand to the parser through ``command(name, help, handler)``."""
    from interviewai_tui.commands import (
        ai_cmd,
        analytics_cmd,
        chat_cmd,
        doctor,
        metrics_cmd,
        ops_cmd,
        questions_cmd,
        serve_cmd,
        settings_cmd,
        user_cmd,
    )

    for module in (
        doctor,
        settings_cmd,
        user_cmd,
        questions_cmd,
        ai_cmd,
        chat_cmd,
        analytics_cmd,
        metrics_cmd,
        ops_cmd,
        serve_cmd,
    ):
        module.register(command)
