"""What the admin dashboard shows, gathered in calls that are cheap to repeat.

A newly opened dashboard reads the last hour, shows it, and reads the rest of the day in
chunks (`backfill`); every later refresh reads only the samples written since (usually none
or one). So a dashboard refreshing every few seconds costs a couple of indexed queries however
much history the store holds, and no single step decodes a whole day of samples.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from interviewai_tui.admin.audit import Auditor
from interviewai_tui.domain.metrics import Alert, SystemMetric
from interviewai_tui.store.base import Store

__all__ = ["Dashboard", "DashboardView", "Point", "Series"]

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
MAX_ALERTS = 50


@dataclass(frozen=True, slots=True)
class Point:
    """The charted figures of one sample."""

    at: datetime
    cpu: float
    memory: float
    latency: float  # ms
    error_rate: float  # percent
    cost: float  # USD spent on AI in the sample's interval

    @classmethod
    def of(cls, metric: SystemMetric) -> Point:
        return cls(
            at=metric.timestamp,
            cpu=metric.health.server.cpu_usage,
            memory=metric.health.server.memory_usage,
            latency=metric.health.response_time,
            error_rate=metric.health.error_rate,
            cost=sum(p.cost for p in metric.ai_providers),
        )


@dataclass(frozen=True)
class Series:
    """Chart values, oldest first."""

    cpu: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)
    latency: list[float] = field(default_factory=list)
    error_rate: list[float] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, points: list[Point]) -> Series:
        return cls(
            cpu=[p.cpu for p in points],
            memory=[p.memory for p in points],
            latency=[p.latency for p in points],
            error_rate=[p.error_rate for p in points],
            cost=[p.cost for p in points],
        )

    def __len__(self) -> int:
        return len(self.cpu)


@dataclass(frozen=True)
class DashboardView:
    at: datetime
    latest: SystemMetric | None
    hour: Series
    day: Series
    alerts: list[Alert]
    stale: bool  # the newest sample is older than three intervals: no collector is running
    day_complete: bool = True  # False while older samples of the day are still being read


class Dashboard:
    """One per open dashboard screen (it keeps the day of points it has read).

    The first refresh reads only the last hour, so the screen has figures at once; `backfill`
    then reads the rest of the day a few hours at a time, oldest last. Later refreshes read
    only samples newer than the newest one held.
    """

    def __init__(
        self,
        store: Store,
        auditor: Auditor,
        *,
        interval_seconds: float = 60.0,
        chunk: timedelta = timedelta(hours=4),
    ) -> None:
        self.store = store
        self.auditor = auditor
        self.interval = timedelta(seconds=interval_seconds)
        self.chunk = chunk
        self._points: deque[Point] = deque()
        self._latest: SystemMetric | None = None
        self._seen_last: set[str] = set()  # ids of the samples at the newest timestamp read
        self._oldest: datetime | None = None  # samples from here on are held
        self._alerts: list[Alert] = []

    async def refresh(self, actor_id: str) -> DashboardView:
        await self.auditor.check(actor_id)
        now = self.auditor.clock.now()
        if self._oldest is None:
            self._oldest = now - HOUR
            await self._read_new(self._oldest)
        else:
            await self._read_new(self._latest.timestamp if self._latest else self._oldest)
        self._alerts = await self.store.metrics.open_alerts(limit=MAX_ALERTS)
        if self._latest is None:  # nothing in the last hour: show the newest there is
            self._latest = await self.store.metrics.latest()
            if self._latest is not None:
                self._seen_last = {self._latest.id}
        return self._view(now)

    async def backfill(self, actor_id: str) -> DashboardView | None:
        """Read the next older part of the day; None once the whole day is held."""
        await self.auditor.check(actor_id)
        now = self.auditor.clock.now()
        if self._oldest is None or self._oldest <= now - DAY:
            return None
        start = max(self._oldest - self.chunk, now - DAY)
        older = await self.store.metrics.range(since=start, until=self._oldest, limit=100_000)
        self._points.extendleft(Point.of(m) for m in reversed(older))
        self._oldest = start
        return self._view(now)

    def _view(self, now: datetime) -> DashboardView:
        while self._points and self._points[0].at < now - DAY:
            self._points.popleft()
        points = list(self._points)
        hour = [p for p in points if p.at >= now - HOUR]
        latest = self._latest
        stale = latest is None or latest.timestamp < now - 3 * self.interval
        complete = self._oldest is not None and self._oldest <= now - DAY
        return DashboardView(
            now, latest, Series.of(hour), Series.of(points), self._alerts, stale, complete
        )

    async def _read_new(self, since: datetime) -> None:
        fresh = await self.store.metrics.range(since=since, limit=100_000)
        for metric in fresh:
            if metric.id in self._seen_last:
                continue
            if self._latest is not None and metric.timestamp < self._latest.timestamp:
                continue  # written late by another collector; the charts move forward only
            if self._latest is not None and metric.timestamp > self._latest.timestamp:
                self._seen_last = set()
            self._seen_last.add(metric.id)
            self._latest = metric
            self._points.append(Point.of(metric))

    async def resolve_alert(self, actor_id: str, alert_id: str) -> bool:
        """Mark an alert resolved (resolved, resolvedAt); False if it was not found."""
        await self.auditor.check(actor_id)
        done = await self.store.metrics.resolve_alert(
            alert_id=alert_id, at=self.auditor.clock.now()
        )
        if done:
            await self.auditor.record(actor_id, "alert.resolve", alert_id)
        return done
