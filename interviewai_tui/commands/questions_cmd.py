"""``interviewai questions import FILE`` / ``export FILE``: the question bank as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import (
    EXIT_FAILURE,
    EXIT_OK,
    CommandError,
    run,
    settings_or_error,
)


def register(command: CommandFactory) -> None:
    p = command("questions", "import or export the question bank (JSON)", _usage)
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="validate a JSON file and add its questions")
    imp.add_argument("file")
    imp.set_defaults(handler=_import)
    exp = sub.add_parser("export", help="write every question of the store to a JSON file")
    exp.add_argument("file")
    exp.set_defaults(handler=_export)


def _usage(args: argparse.Namespace, overrides: dict[str, Any]) -> int:  # pragma: no cover
    return EXIT_FAILURE  # argparse requires an action, so this is never reached


def _import(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    async def go() -> int:
        from interviewai_tui.bank import BankError, import_into
        from interviewai_tui.container import Container

        async with Container(settings_or_error(overrides)) as container:
            try:
                result = await import_into(container.store, args.file, clock=container.clock)
            except BankError as exc:
                raise CommandError(f"{exc} Nothing was imported.") from None
        print(f"imported {args.file}: {result.inserted} added, {result.updated} updated")
        return EXIT_OK

    return run(go())


def _export(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    async def go() -> int:
        from interviewai_tui.bank import BankError, export_store
        from interviewai_tui.container import Container

        async with Container(settings_or_error(overrides)) as container:
            try:
                count = await export_store(container.store, args.file)
            except BankError as exc:
                raise CommandError(str(exc)) from None
        print(f"exported {count} questions to {args.file}")
        return EXIT_OK

    return run(go())
