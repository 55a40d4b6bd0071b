"""The demo's system-metrics history (see `demo_data`): two days with a daily rhythm, a
resolved incident yesterday and an open alert now, so the admin dashboard has a story."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from interviewai_tui.domain.metrics import (
    AiProviderMetric,
    Alert,
    ApiMetrics,
    CollectionSizes,
    DatabaseMetrics,
    Health,
    ServerMetrics,
    SystemMetric,
    UserActivity,
)

__all__ = ["metrics_history"]

IdMaker = Callable[[datetime], str]


def metrics_history(
    rng: random.Random, ids: IdMaker, *, now: datetime, hours: int, every_minutes: int
) -> list[SystemMetric]:
    """Samples with a daily rhythm; a resolved alert yesterday and an open one now."""
    samples = []
    steps = hours * 60 // every_minutes
    for k in range(steps + 1):
        at = now - timedelta(minutes=every_minutes * (steps - k))
        daily = math.sin((at.hour + at.minute / 60) / 24 * 2 * math.pi - math.pi / 2)
        cpu = round(max(3.0, 35 + 25 * daily + rng.gauss(0, 4)), 1)
        latest = k == steps
        if latest:
            cpu = 93.5  # the open alert's cause
        errors = 0.4 + max(0.0, rng.gauss(0, 0.3))
        alerts = []
        if k == steps - 96:  # a day ago: a short incident, since resolved
            alerts.append(
                Alert(
                    id=ids(at),
                    type="error",
                    message="Store query time above 200 ms",
                    component="database",
                    timestamp=at,
                    resolved=True,
                    resolved_at=at + timedelta(minutes=25),
                )
            )
        if latest:
            alerts.append(
                Alert(
                    id=ids(at),
                    type="warning",
                    message="CPU usage 93.5% (limit 90%)",
                    component="server",
                    timestamp=at,
                )
            )
        status = "warning" if latest else "healthy"
        samples.append(
            SystemMetric(
                id=ids(at),
                timestamp=at,
                health=Health(
                    status=status,
                    uptime=99.9,
                    response_time=round(40 + 15 * daily + rng.gauss(0, 3), 1),
                    error_rate=round(errors, 2),
                    server=ServerMetrics(
                        cpu_usage=cpu,
                        memory_usage=round(48 + 8 * daily + rng.gauss(0, 2), 1),
                        disk_usage=round(61 + k * 0.01, 1),
                    ),
                ),
                database=DatabaseMetrics(
                    connection_count=rng.randint(3, 12),
                    query_time=round(4 + 2 * daily + abs(rng.gauss(0, 1)), 2),
                    slow_queries=rng.choice([0, 0, 0, 1]),
                    index_usage=98.5,
                    collections=CollectionSizes(
                        users=12, interviews=60, chat_sessions=6, questions=165, analytics=120
                    ),
                ),
                api=ApiMetrics(
                    request_count=rng.randint(80, 260),
                    success_rate=round(100 - errors, 2),
                    average_latency=round(120 + 60 * daily + rng.gauss(0, 10), 1),
                ),
                ai_providers=[
                    AiProviderMetric(
                        provider="offline",
                        request_count=rng.randint(5, 40),
                        success_rate=100.0,
                        average_latency=35.0,
                    ),
                ],
                user_activity=UserActivity(
                    active_users=max(1, round(6 + 5 * daily + rng.gauss(0, 1))),
                    new_registrations=rng.choice([0, 0, 0, 1]),
                    total_logins=rng.randint(0, 6),
                    concurrent_sessions=max(1, round(4 + 3 * daily)),
                ),
                alerts=alerts,
            )
        )
    return samples
