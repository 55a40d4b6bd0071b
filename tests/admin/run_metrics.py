"""Runs ``interviewai metrics ...`` in a subprocess: through the real CLI when the lead has
registered the command, else through a parser built the same way (command(name, help, handler))."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str]) -> int:
    from interviewai_tui import cli

    parser = cli.build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if actions and "metrics" in actions[0].choices:
        return cli.main(argv)
    from interviewai_tui.commands import metrics_cmd

    parser = argparse.ArgumentParser(prog="interviewai")
    cli._global_flags(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, handler: cli.Handler) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.set_defaults(handler=handler)
        return p

    metrics_cmd.register(command)
    args = parser.parse_args(argv)
    return int(args.handler(args, cli.overrides_from(args)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
