"""Run the ops subcommands the way `interviewai` will once the lead registers them:
`python tests/ops/cli_entry.py backup FILE ...` (same parser shape as cli.build_parser)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from interviewai_tui import cli
from interviewai_tui.commands import ops_cmd, serve_cmd


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interviewai")
    cli._global_flags(parser, suppress=False)
    sub = parser.add_subparsers(dest="command")

    def command(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        cli._global_flags(p, suppress=True)
        p.set_defaults(handler=handler)
        return p

    ops_cmd.register(command)
    serve_cmd.register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args, cli.overrides_from(args)))


if __name__ == "__main__":
    raise SystemExit(main())
