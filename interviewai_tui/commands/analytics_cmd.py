"""``interviewai analytics rebuild [--since DATE] [--jobs N]``: recompute the analytics rollups
(user periods, interview and conversation documents) from the stored interviews and chats."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from typing import Any

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    action_group,
    run,
    settings_or_error,
)


def register(command: CommandFactory) -> None:
    about = "recompute the analytics rollups from interviews and chats"
    sub = action_group(command, "analytics", about, _none)
    rebuild = sub.add_parser(
        "rebuild",
        help="recompute every user's rollups (idempotent: unchanged documents are not written)",
    )
    rebuild.add_argument(
        "--since",
        metavar="DATE",
        help="only periods ending after DATE (YYYY-MM-DD, UTC, or an ISO date and time)",
    )
    rebuild.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: the number of CPUs, at most 4)",
    )
    rebuild.add_argument("--quiet", action="store_true", help="no progress on stderr")
    rebuild.set_defaults(handler=_rebuild)


def _none(args: argparse.Namespace, overrides: dict[str, Any]) -> int:  # pragma: no cover
    return EXIT_USAGE  # argparse requires an action


def parse_since(text: str | None) -> datetime | None:
    """``--since``: a day (its UTC midnight) or an ISO date-time (naive means UTC)."""
    if text is None:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--since must be a date like 2025-01-31, not {text[:40]!r}", EXIT_USAGE
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _rebuild(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    return run(_rebuild_async(args, overrides))


async def _rebuild_async(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.analytics.parallel import default_jobs, rebuild_everyone
    from interviewai_tui.container import Container

    since = parse_since(args.since)
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise CommandError("--jobs must be at least 1", EXIT_USAGE)
    settings = settings_or_error(overrides)
    async with Container(settings) as container:  # creates or migrates the store first
        url = settings.resolved_database_url
        now = container.clock.now()

    def progress(done: int, total: int) -> None:
        if not args.quiet:
            print(f"\r  {done:,} of {total:,} users", end="", file=sys.stderr, flush=True)

    report = await rebuild_everyone(url, now=now, since=since, jobs=jobs, progress=progress)
    if not args.quiet and report.users:
        print(file=sys.stderr)
    scope = f" (periods ending after {since:%Y-%m-%d %H:%M} UTC)" if since else ""
    print(
        f"Rebuilt analytics for {report.users:,} users{scope}: {report.interviews:,} interviews, "
        f"{report.chats:,} conversations; {report.written:,} documents written, "
        f"{report.unchanged:,} unchanged, in {report.seconds:.1f} s with {jobs} process(es)."
    )
    if report.failed:
        print(
            f"interviewai: {len(report.failed)} user(s) could not be rebuilt; see the log.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    return EXIT_OK
