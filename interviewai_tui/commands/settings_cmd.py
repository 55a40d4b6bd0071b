"""``interviewai config``: show the effective settings, or the table of all of them."""

from __future__ import annotations

import argparse
from typing import Any

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import EXIT_OK, guarded, settings_or_error


def register(command: CommandFactory) -> None:
    p = command("config", "show the effective settings (secrets masked)", _config)
    p.add_argument(
        "--table", action="store_true", help="print every setting as a Markdown table instead"
    )


@guarded
def _config(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.config import env_name, settings_table

    if args.table:
        print("| Environment variable | config.toml key | Default | Meaning |")
        print("|---|---|---|---|")
        for env, key, default, meaning in settings_table():
            print(f"| `{env}` | `{key}` | `{default}` | {meaning} |")
        return EXIT_OK
    settings = settings_or_error(overrides)
    from interviewai_tui.commands.doctor import mask_url

    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if name == "database_url":
            value = mask_url(settings.resolved_database_url)
        elif hasattr(value, "get_secret_value"):
            value = "set (hidden)"
        print(f"{env_name(name):40} {value}")
    return EXIT_OK
