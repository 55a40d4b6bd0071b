"""``interviewai metrics collect [--every SECONDS]`` and ``interviewai metrics alerts``.

`collect` is the headless collector for servers: it writes one `systemMetrics` sample per
interval (server, store, users, alerts) and the daily system rollup, until Ctrl-C or SIGTERM,
which stop it cleanly between samples (exit 0). `alerts` lists the open alerts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from typing import TYPE_CHECKING, Any

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    fail,
    run,
    settings_or_error,
)

if TYPE_CHECKING:
    from interviewai_tui.domain.metrics import Alert, SystemMetric

MIN_EVERY = 0.1  # seconds; below this a sample could not finish before the next is due
MAX_EVERY = 86_400.0


def register(command: CommandFactory) -> None:
    p = command("metrics", "collect platform metrics, or list open alerts", _usage)
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    collect = sub.add_parser("collect", help="write a metrics sample every interval until stopped")
    collect.add_argument(
        "--every",
        metavar="SECONDS",
        type=float,
        default=None,
        help="seconds between samples (default: the metrics_interval setting, 60)",
    )
    collect.add_argument(
        "--count", metavar="N", type=int, default=None, help="stop after N samples"
    )
    collect.set_defaults(handler=_collect)
    alerts = sub.add_parser("alerts", help="list the open (unresolved) alerts")
    alerts.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    alerts.set_defaults(handler=_alerts)


def _usage(args: argparse.Namespace, overrides: dict[str, Any]) -> int:  # pragma: no cover
    return EXIT_FAILURE  # argparse requires an action, so this is never reached


def _plain(text: str) -> str:
    """Stored text printed to a terminal: no control characters or escape sequences."""
    return "".join(ch if ch.isprintable() else "?" for ch in " ".join(text.split()))


def sample_line(metric: SystemMetric) -> str:
    server = metric.health.server
    raised = f", {len(metric.alerts)} new alert(s)" if metric.alerts else ""
    return (
        f"{metric.timestamp:%Y-%m-%d %H:%M:%S}Z {metric.health.status.value}: "
        f"cpu {server.cpu_usage:.0f}%, memory {server.memory_usage:.0f}%, "
        f"disk {server.disk_usage:.0f}%, store {metric.database.query_time:.1f} ms{raised}"
    )


def alert_line(alert: Alert) -> str:
    return (
        f"{alert.timestamp:%Y-%m-%d %H:%M}Z  {alert.type.value:<8}  "
        f"{_plain(alert.component or '-'):<14}  {_plain(alert.message)}  [{alert.id}]"
    )


def _collect(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    every, count = args.every, args.count
    if every is not None and not MIN_EVERY <= every <= MAX_EVERY:
        fail(f"--every must be between {MIN_EVERY:g} and {MAX_EVERY:g} seconds.")
        return EXIT_USAGE
    if count is not None and count < 1:
        fail("--count must be at least 1.")
        return EXIT_USAGE
    return run(_collect_async(every, count, overrides))


async def _collect_async(every: float | None, count: int | None, overrides: dict[str, Any]) -> int:
    from interviewai_tui.admin.alerts import Thresholds
    from interviewai_tui.admin.collector import Collector
    from interviewai_tui.admin.sampler import MetricsSampler
    from interviewai_tui.admin.system import PsutilProbe
    from interviewai_tui.container import Container

    settings = settings_or_error(overrides)
    interval = every if every is not None else float(settings.metrics_interval)
    async with Container(settings) as container:
        sampler = MetricsSampler(
            container.store,
            clock=container.clock,
            thresholds=Thresholds.from_settings(settings),
            interval_seconds=interval,
            probe=PsutilProbe(settings.data_dir),
        )
        collector = Collector(
            sampler,
            interval=interval,
            on_sample=lambda m: print(sample_line(m), flush=True),
            on_error=lambda e: print(f"sample failed: {_plain(str(e))}", flush=True),
        )
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows
                loop.add_signal_handler(sig, collector.stop)
        print(
            f"collecting every {interval:g} s into {container.store.describe()}; Ctrl-C stops.",
            flush=True,
        )
        try:
            stats = await collector.run(max_samples=count)
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.remove_signal_handler(sig)
    print(f"stopped after {stats.samples} sample(s), {stats.failures} failed.", flush=True)
    return EXIT_OK if stats.samples or not stats.failures else EXIT_FAILURE


def _alerts(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    async def go() -> int:
        from interviewai_tui.container import Container

        async with Container(settings_or_error(overrides)) as container:
            alerts = await container.store.metrics.open_alerts(limit=max(1, args.limit))
        if not alerts:
            print("No open alerts.")
            return EXIT_OK
        for alert in alerts:
            print(alert_line(alert))
        print(f"{len(alerts)} open alert(s); resolve them on the admin dashboard.")
        return EXIT_OK

    return run(go())
