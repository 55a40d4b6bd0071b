"""Runs ``interviewai`` with the analytics command registered even before the lead wires it
into ``commands.register_all`` (and exactly once after)."""

from __future__ import annotations

import sys
from typing import Any

import interviewai_tui.commands as commands
from interviewai_tui import cli

_original = commands.register_all


def _register_all(command: Any) -> None:
    names: list[str] = []

    def recording(name: str, help_text: str, handler: Any) -> Any:
        names.append(name)
        return command(name, help_text, handler)

    _original(recording)
    if "analytics" not in names:
        from interviewai_tui.commands import analytics_cmd

        analytics_cmd.register(command)


commands.register_all = _register_all

if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:]))
