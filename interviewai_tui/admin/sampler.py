"""One `systemMetrics` document per interval, from what this process measured and the store.

Sources (each optional, so a headless collector and a running app use the same sampler):
- an `OperationLog` of timed store calls (see `instrument`) -> `api.endpoints`, `database`;
- the AI `CallRecorder` -> `aiProviders` and AI endpoints;
- a `SystemProbe` (psutil) -> `health.server`;
- an `ActivityLog` -> sign-ins and feature usage;
- the store itself -> collection sizes, active users, registrations, open alerts.

Counters are taken per interval; if the document cannot be written they are put back and
end up in the next one, so nothing measured is lost to a short outage.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from interviewai_tui.admin.activity import ActivityLog, ActivityTotals
from interviewai_tui.admin.alerts import (
    AlertBook,
    Condition,
    Thresholds,
    conditions,
    health_status,
)
from interviewai_tui.admin.opstats import OperationLog, OpStats
from interviewai_tui.admin.system import ServerReading, SystemProbe
from interviewai_tui.ai.records import OK, CallRecorder, CallStats, provider_metrics
from interviewai_tui.clock import Clock
from interviewai_tui.domain.analytics import FeatureUsage
from interviewai_tui.domain.common import AlertType
from interviewai_tui.domain.metrics import (
    ApiMetrics,
    CollectionSizes,
    DatabaseMetrics,
    EndpointMetric,
    Health,
    NetworkIO,
    ServerMetrics,
    SystemMetric,
    UserActivity,
)
from interviewai_tui.store.base import Store
from interviewai_tui.store.errors import StoreError

__all__ = ["ACTIVE_WINDOW", "MetricsSampler", "endpoint_rows"]

log = logging.getLogger("interviewai.admin")

ACTIVE_WINDOW = timedelta(minutes=15)  # "active users": activity within the last 15 minutes
# Repository methods that only read, by name prefix (the rest write).
READS: tuple[str, ...] = (
    "get",
    "list",
    "count",
    "latest",
    "range",
    "select",
    "distinct",
    "overview",
    "find",
    "recent",
    "open_alerts",
    "user_stats",
    "export",
)


@dataclass(frozen=True, slots=True)
class _Totals:
    count: int
    errors: int
    latency_total: float  # ms, over successful and failed calls


def _method(endpoint: str) -> str:
    name = endpoint.rsplit("/", 1)[-1]
    if endpoint.startswith("ai/"):
        return "CALL"
    return "READ" if name.startswith(READS) else "WRITE"


def endpoint_rows(
    ops: Mapping[str, OpStats], ai: Sequence[CallStats]
) -> tuple[list[EndpointMetric], _Totals]:
    """Store operations and AI calls as the seed's `api.endpoints`, plus their totals."""
    merged: dict[str, OpStats] = {name: stats for name, stats in ops.items()}
    for stats in ai:
        name = f"ai/{stats.provider}/{stats.model}"
        item = merged.setdefault(name, OpStats())
        item.count += stats.count
        item.errors += 0 if stats.outcome == OK else stats.count
        item.latency_ms_total += stats.latency_ms_total
        item.latency_ms_max = max(item.latency_ms_max, stats.latency_ms_max)
    rows = [
        EndpointMetric(
            path=name,
            method=_method(name),
            request_count=s.count,
            average_latency=round(s.average_latency_ms, 2),
            error_rate=round(100.0 * s.errors / s.count, 2) if s.count else 0.0,
        )
        for name, s in sorted(merged.items())
    ]
    totals = _Totals(
        count=sum(s.count for s in merged.values()),
        errors=sum(s.errors for s in merged.values()),
        latency_total=sum(s.latency_ms_total for s in merged.values()),
    )
    return rows, totals


class MetricsSampler:
    """Builds and writes samples. `store` must be the untimed store (the sampler's own
    queries are not traffic)."""

    def __init__(
        self,
        store: Store,
        *,
        clock: Clock,
        thresholds: Thresholds | None = None,
        interval_seconds: float = 60.0,
        op_log: OperationLog | None = None,
        ai_recorder: CallRecorder | None = None,
        probe: SystemProbe | None = None,
        activity: ActivityLog | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.thresholds = thresholds or Thresholds()
        self.interval = timedelta(seconds=interval_seconds)
        self.op_log = op_log
        self.ai_recorder = ai_recorder
        self.probe = probe
        self.activity = activity
        self.book = AlertBook()
        self.probes = 0
        self.probes_ok = 0
        self._down_since: datetime | None = None
        self._last_at: datetime | None = None

    async def _ping(self, now: datetime) -> float | None:
        self.probes += 1
        try:
            ping_ms = await self.store.ping()
        except Exception as error:  # a dead store must not stop the collector
            log.warning("metrics: the store did not answer (%s)", type(error).__name__)
            self._down_since = self._down_since or now
            return None
        self.probes_ok += 1
        return ping_ms

    async def sample(self) -> SystemMetric:
        """Measure, evaluate the alert rules, write one document and return it.

        Raises:
            StoreError: the store cannot be reached; the counters are kept for next time.
        """
        now = self.clock.now()
        ping_ms = await self._ping(now)
        if ping_ms is None:
            raise StoreError("The database did not answer; this sample was not written.")
        ops = self.op_log.take() if self.op_log is not None else {}
        activity = self.activity.take() if self.activity is not None else ActivityTotals()
        server = self.probe.read() if self.probe is not None else ServerReading()
        written: list[SystemMetric] = []

        async def write(ai: list[CallStats]) -> None:
            written.append(await self._write(now, ping_ms, ops, activity, server, ai))

        try:
            if self.ai_recorder is None or not await self._flush(self.ai_recorder, write):
                await write([])
        except BaseException:
            if self.op_log is not None:
                self.op_log.restore(ops)
            raise
        self._last_at = now
        return written[0]

    @staticmethod
    async def _flush(
        recorder: CallRecorder, write: Callable[[list[CallStats]], Awaitable[None]]
    ) -> bool:
        """Write inside the recorder's flush, which puts the calls back if writing fails.
        Returns False when the recorder had nothing (and so did not call `write`)."""
        return await recorder.flush(write) > 0

    async def _write(
        self,
        now: datetime,
        ping_ms: float,
        ops: Mapping[str, OpStats],
        activity: ActivityTotals,
        server: ServerReading,
        ai: list[CallStats],
    ) -> SystemMetric:
        metric = await self.build(now, ping_ms, ops, activity, server, ai)
        found = conditions(metric, self.thresholds, failed_logins=activity["failed_login"])
        if self._down_since is not None:
            found.insert(0, self._outage(now))
        open_alerts = await self.store.metrics.open_alerts(limit=200)
        metric.alerts = self.book.evaluate(
            found, now=now, open_components={a.component or "" for a in open_alerts}
        )
        metric.health.status = health_status(metric, found)
        saved = await self.store.metrics.insert(metric=metric)
        self._down_since = None
        return saved

    def _outage(self, now: datetime) -> Condition:
        since = self._down_since or now
        return Condition(
            "store",
            AlertType.ERROR,
            f"The database did not answer from {since:%Y-%m-%d %H:%M} to {now:%H:%M} UTC.",
        )

    async def build(
        self,
        now: datetime,
        ping_ms: float,
        ops: Mapping[str, OpStats],
        activity: ActivityTotals,
        server: ServerReading,
        ai: Sequence[CallStats],
    ) -> SystemMetric:
        """The document for one interval (without alerts and status)."""
        endpoints, totals = endpoint_rows(ops, ai)
        average = totals.latency_total / totals.count if totals.count else ping_ms
        error_rate = 100.0 * totals.errors / totals.count if totals.count else 0.0
        store_calls = sum(s.count for s in ops.values())
        query_time = (
            sum(s.latency_ms_total for s in ops.values()) / store_calls if store_calls else ping_ms
        )
        engine = await self._engine_stats()
        since = self._last_at or now - self.interval
        interval_users = await self.store.users.overview(since=since)
        active_users = await self.store.users.overview(since=now - ACTIVE_WINDOW)
        return SystemMetric(
            timestamp=now,
            health=Health(
                uptime=round(100.0 * self.probes_ok / self.probes, 2) if self.probes else 100.0,
                response_time=round(average, 2),
                error_rate=round(error_rate, 2),
                server=ServerMetrics(
                    cpu_usage=server.cpu_percent,
                    memory_usage=server.memory_percent,
                    disk_usage=server.disk_percent,
                    network_io=NetworkIO(
                        incoming=server.net_in_per_s, outgoing=server.net_out_per_s
                    ),
                ),
            ),
            database=DatabaseMetrics(
                connection_count=int(engine.get("connections", 1)),
                query_time=round(query_time, 2),
                slow_queries=sum(s.slow for s in ops.values()),
                index_usage=round(float(engine.get("indexUsage", 0.0)), 2),
                collections=CollectionSizes.model_validate(await self.store.counts()),
            ),
            api=ApiMetrics(
                request_count=totals.count,
                success_rate=round(100.0 - error_rate, 2),
                average_latency=round(average, 2) if totals.count else 0.0,
                endpoints=endpoints,
                rate_limit_hits=sum(s.count for s in ai if s.outcome == "rate_limit"),
                blocked_requests=sum(s.count for s in ai if s.outcome == "spend_cap"),
            ),
            ai_providers=provider_metrics(ai),
            user_activity=UserActivity(
                active_users=active_users.active_since,
                new_registrations=interval_users.new_since,
                total_logins=activity["login"],
                concurrent_sessions=interval_users.active_since,
                feature_usage=FeatureUsage(
                    interviews=activity["interviews"],
                    chat_sessions=activity["chat_sessions"],
                    practice_questions=activity["practice_questions"],
                    admin_actions=activity["admin_actions"],
                ),
            ),
        )

    async def _engine_stats(self) -> Mapping[str, float]:
        """Figures only the engine knows (connections, index usage), if the store offers
        them through an optional `engine_stats()` coroutine."""
        probe = getattr(self.store, "engine_stats", None)
        if probe is None:
            return {}
        try:
            stats: Mapping[str, float] = await probe()
        except Exception:
            log.debug("metrics: engine_stats failed", exc_info=True)
            return {}
        return stats
