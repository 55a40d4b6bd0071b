"""The ``interviewai`` command: starts the TUI, or runs one of the subcommands.

Only argparse is imported up front: the bare ``interviewai`` path must reach the first frame
without pydantic, drivers or HTTP clients (they load after the sign-in screen is painted).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from interviewai_tui import __version__

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, dict[str, Any]], int]


def _global_flags(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", metavar="DIR", default=default, help="data folder")
    parser.add_argument(
        "--database-url",
        metavar="URL",
        default=default,
        help="store URL: sqlite:///PATH, mongodb://… or mongodb+srv://…",
    )
    parser.add_argument("--config", metavar="FILE", default=default, help="config.toml to read")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used by the docs test)."""
    parser = argparse.ArgumentParser(
        prog="interviewai",
        description="AI-run mock interviews, an AI assistant and progress tracking.",
    )
    parser.add_argument("--version", action="version", version=f"interviewai {__version__}")
    _global_flags(parser, suppress=False)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a throwaway store filled with demo data (prints the demo sign-ins)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _global_flags(p, suppress=True)
        p.set_defaults(handler=handler)
        return p

    from interviewai_tui.commands import register_all

    register_all(command)
    return parser


def overrides_from(args: argparse.Namespace) -> dict[str, Any]:
    """Settings given on the command line (they win over env and config file)."""
    mapping = {"data_dir": "data_dir", "database_url": "database_url", "config": "config_file"}
    return {
        field: getattr(args, flag)
        for flag, field in mapping.items()
        if getattr(args, flag, None) is not None
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    overrides = overrides_from(args)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        if args.demo:
            from interviewai_tui.demo import run_demo

            return run_demo(overrides)
        return _run_tui(overrides)
    try:
        return handler(args, overrides)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`interviewai doctor | head`): stop quietly, like other tools.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as exc:  # an internal failure: one line here, the traceback in the log
        from interviewai_tui.logs import log_internal_error

        where = log_internal_error(exc)
        print(
            f"interviewai: internal error ({type(exc).__name__}); details in {where}",
            file=sys.stderr,
        )
        return EXIT_FAILURE


def _run_tui(overrides: dict[str, Any]) -> int:
    from interviewai_tui.ui.app import run_app

    return run_app(overrides)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
