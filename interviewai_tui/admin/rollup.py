"""Daily `type: "system"` analytics documents, rolled up from a day's metrics samples.

One document per UTC day (upserted, so rolling a day up twice changes nothing). Resource and
latency figures are averages over the day's samples; counts are sums; registrations and
interviews come from the store.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from interviewai_tui.clock import Clock
from interviewai_tui.domain.analytics import (
    AiProviderStat,
    Analytics,
    FeatureUsage,
    Period,
    SystemAnalytics,
)
from interviewai_tui.domain.common import AnalyticsType, PeriodType
from interviewai_tui.domain.metrics import SystemMetric
from interviewai_tui.store.base import Store

__all__ = ["day_start", "roll_up_day", "system_analytics"]

MAX_SAMPLES_PER_DAY = 100_000  # a 1-second interval for a whole day still fits


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 2) if values else 0.0


def _provider_stats(samples: list[SystemMetric]) -> list[AiProviderStat]:
    requests: dict[str, int] = defaultdict(int)
    errors: dict[str, int] = defaultdict(int)
    cost: dict[str, float] = defaultdict(float)
    latency_weighted: dict[str, float] = defaultdict(float)
    for sample in samples:
        for p in sample.ai_providers:
            requests[p.provider] += p.request_count
            errors[p.provider] += p.error_count
            cost[p.provider] += p.cost
            latency_weighted[p.provider] += p.average_latency * (p.request_count - p.error_count)
    rows = []
    for name in sorted(requests):
        total, failed = requests[name], errors[name]
        ok = total - failed
        rows.append(
            AiProviderStat(
                provider=name,
                request_count=total,
                success_rate=round(100.0 * ok / total, 2) if total else 0.0,
                average_latency=round(latency_weighted[name] / ok, 2) if ok else 0.0,
                total_cost=round(cost[name], 6),
                error_count=failed,
            )
        )
    return rows


def system_analytics(
    samples: list[SystemMetric], *, new_registrations: int, active_users: int, interviews: int
) -> SystemAnalytics:
    """The day's figures from its samples (plus the counts the store supplies)."""
    requests = sum(s.api.request_count for s in samples)
    failed = sum(s.api.request_count * (100.0 - s.api.success_rate) / 100.0 for s in samples)
    weighted = sum(s.health.response_time * s.api.request_count for s in samples)
    response = (
        round(weighted / requests, 2)
        if requests
        else _mean([s.health.response_time for s in samples])
    )
    usage = FeatureUsage()
    for s in samples:
        f = s.user_activity.feature_usage
        usage.interviews += f.interviews
        usage.chat_sessions += f.chat_sessions
        usage.practice_questions += f.practice_questions
        usage.admin_actions += f.admin_actions
    return SystemAnalytics(
        active_users=active_users,
        new_registrations=new_registrations,
        total_interviews=interviews,
        # Each sample's uptime is the share of the collector's health checks the store answered.
        system_uptime=_mean([s.health.uptime for s in samples]),
        average_response_time=response,
        error_rate=round(100.0 * failed / requests, 2) if requests else 0.0,
        cpu_usage=_mean([s.health.server.cpu_usage for s in samples]),
        memory_usage=_mean([s.health.server.memory_usage for s in samples]),
        disk_usage=_mean([s.health.server.disk_usage for s in samples]),
        ai_provider_stats=_provider_stats(samples),
        feature_usage=usage,
    )


async def roll_up_day(store: Store, day: date, *, clock: Clock) -> Analytics:
    """Write (or rewrite) the system analytics document of one UTC day."""
    start = day_start(day)
    end = start + timedelta(days=1)
    samples = await store.metrics.range(since=start, until=end, limit=MAX_SAMPLES_PER_DAY)
    from_start = await store.users.overview(since=start)
    from_end = await store.users.overview(since=end)
    interviews = await store.interviews.overview(since=start, until=end, top=1)
    now = clock.now()
    document = Analytics(
        user_id=None,
        type=AnalyticsType.SYSTEM,
        period=Period(type=PeriodType.DAILY, date=start, end_date=end),
        system_metrics=system_analytics(
            samples,
            new_registrations=from_start.new_since - from_end.new_since,
            # Users whose latest activity falls on this day: those also active later count
            # on the later day, so this is a lower bound when a day is rolled up afterwards.
            active_users=from_start.active_since - from_end.active_since,
            interviews=sum(d.count for d in interviews.per_day),
        ),
        created_at=now,
        updated_at=now,
    )
    return await store.analytics.upsert_period(analytics=document)
