"""The sampler on a fixed workload: known counts and latencies in, the expected document out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from interviewai_tui.admin.activity import ActivityLog
from interviewai_tui.admin.instrument import InstrumentedStore
from interviewai_tui.admin.opstats import OperationLog
from interviewai_tui.admin.sampler import MetricsSampler
from interviewai_tui.admin.system import ServerReading
from interviewai_tui.ai.records import CallRecorder
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import HealthStatus, ProviderStatus
from interviewai_tui.store import Store, StoreError

from .conftest import NOW, make_user
from .workload import FixedProbe, ScriptedTimer, record_ai_calls


async def seed_users(store: Store) -> None:
    """Three users: registered 30 s ago, 2 days ago, 10 days ago; last active 10 s, 10 min
    and 1 h ago."""
    for n, (created, active) in enumerate(
        [
            (timedelta(seconds=30), timedelta(seconds=10)),
            (timedelta(days=2), timedelta(minutes=10)),
            (timedelta(days=10), timedelta(hours=1)),
        ]
    ):
        user = make_user(n)
        user.created_at = user.updated_at = NOW - created
        saved = await store.users.create(user=user)
        await store.users.add_to_stats(user_id=saved.id, last_activity_at=NOW - active)


# What the sampler reads: the operation log, AI calls, the server probe and user activity.
Parts = tuple[OperationLog, CallRecorder, FixedProbe, ActivityLog]


@pytest.fixture
def parts() -> Parts:
    return (
        OperationLog(slow_ms=200),
        CallRecorder(),
        FixedProbe(ServerReading(42.5, 61.0, 71.5, 1000.0, 500.0)),
        ActivityLog(),
    )


def sampler_for(
    store: Store,
    clock: FrozenClock,
    parts: Parts,
) -> MetricsSampler:
    op_log, recorder, probe, activity = parts
    return MetricsSampler(
        store,
        clock=clock,
        op_log=op_log,
        ai_recorder=recorder,
        probe=probe,
        activity=activity,
    )


async def run_workload(store: Store, parts: Parts) -> None:
    op_log, recorder, _, activity = parts
    timed = InstrumentedStore(store, op_log, timer=ScriptedTimer([10, 10, 10, 250]))
    for _ in range(3):
        assert await timed.users.get(user_id="0" * 24) is None
    await timed.questions.count()
    op_log.record("store/chats/append_message", 40, ok=False)
    record_ai_calls(recorder, NOW)
    for feature, n in (("login", 3), ("interviews", 2), ("chat_sessions", 1)):
        activity.note(feature, n)  # type: ignore[arg-type]
    activity.note("failed_login")


async def test_fixed_workload_gives_the_expected_document(
    store: Store,
    clock: FrozenClock,
    parts: Parts,
) -> None:
    await seed_users(store)
    await run_workload(store, parts)
    sampler = sampler_for(store, clock, parts)

    metric = await sampler.sample()

    assert await store.metrics.latest() == metric
    assert metric.timestamp == NOW
    api = metric.api.model_dump(by_alias=True)
    assert api["endpoints"] == [
        {
            "path": "ai/gemini/gemini-2.5-flash",
            "method": "CALL",
            "requestCount": 2,
            "averageLatency": 1000.0,
            "errorRate": 100.0,
        },
        {
            "path": "ai/openai/gpt-4o-mini",
            "method": "CALL",
            "requestCount": 3,
            "averageLatency": 150.0,
            "errorRate": 33.33,
        },
        {
            "path": "store/chats/append_message",
            "method": "WRITE",
            "requestCount": 1,
            "averageLatency": 40.0,
            "errorRate": 100.0,
        },
        {
            "path": "store/questions/count",
            "method": "READ",
            "requestCount": 1,
            "averageLatency": 250.0,
            "errorRate": 0.0,
        },
        {
            "path": "store/users/get",
            "method": "READ",
            "requestCount": 3,
            "averageLatency": 10.0,
            "errorRate": 0.0,
        },
    ]
    # 10 operations, 4 failed; (2000 + 450 + 40 + 250 + 30) ms in all.
    assert (api["requestCount"], api["successRate"], api["averageLatency"]) == (10, 60.0, 277.0)
    assert (api["rateLimitHits"], api["blockedRequests"]) == (1, 0)

    health = metric.health
    assert (health.uptime, health.response_time, health.error_rate) == (100.0, 277.0, 40.0)
    assert health.server.model_dump(by_alias=True) == {
        "cpuUsage": 42.5,
        "memoryUsage": 61.0,
        "diskUsage": 71.5,
        "networkIO": {"incoming": 1000.0, "outgoing": 500.0},
    }
    assert health.status == HealthStatus.WARNING

    db = metric.database
    assert (db.connection_count, db.query_time, db.slow_queries) == (1, 64.0, 1)
    assert db.collections.model_dump(by_alias=True) == {
        "users": 3,
        "interviews": 0,
        "chatSessions": 0,
        "questions": 0,
        "analytics": 0,
    }

    providers = {p.provider: p for p in metric.ai_providers}
    gemini, openai = providers["gemini"], providers["openai"]
    assert (gemini.status, gemini.request_count, gemini.error_count) == (
        ProviderStatus.OFFLINE,
        2,
        2,
    )
    assert [(e.type, e.count, e.last_occurred) for e in gemini.errors] == [("timeout", 2, NOW)]
    assert (openai.status, openai.success_rate, openai.average_latency) == (
        ProviderStatus.DEGRADED,
        66.67,
        200.0,
    )
    assert openai.cost == pytest.approx(0.004)

    activity = metric.user_activity.model_dump(by_alias=True)
    assert activity == {
        "activeUsers": 2,  # active within 15 minutes
        "newRegistrations": 1,  # registered within the interval
        "totalLogins": 3,
        "concurrentSessions": 1,  # active within the interval
        "featureUsage": {
            "interviews": 2,
            "chatSessions": 1,
            "practiceQuestions": 0,
            "adminActions": 0,
        },
    }
    assert sorted((a.component, a.type.value) for a in metric.alerts) == [
        ("ai.gemini", "error"),
        ("database", "warning"),
        ("operations", "error"),
    ]
    assert all(a.timestamp == NOW and not a.resolved for a in metric.alerts)


async def test_the_next_interval_starts_from_zero(
    store: Store,
    clock: FrozenClock,
    parts: Parts,
) -> None:
    await run_workload(store, parts)
    sampler = sampler_for(store, clock, parts)
    await sampler.sample()
    clock.advance(60)

    quiet = await sampler.sample()

    assert quiet.api.request_count == 0 and quiet.api.endpoints == []
    assert quiet.ai_providers == [] and quiet.user_activity.total_logins == 0
    assert quiet.alerts == []  # nothing holds any more, and nothing was raised twice
    assert quiet.health.status == HealthStatus.HEALTHY
    assert len(await store.metrics.range(since=NOW)) == 2


async def test_an_outage_keeps_the_counters_and_is_reported_after(
    store: Store,
    clock: FrozenClock,
    parts: Parts,
) -> None:
    await run_workload(store, parts)
    sampler = sampler_for(store, clock, parts)
    await store.close()

    with pytest.raises(StoreError):
        await sampler.sample()

    await store.open()
    clock.advance(60)
    metric = await sampler.sample()
    assert metric.api.request_count == 10  # the calls of the failed interval were kept
    assert metric.health.uptime == 50.0  # one of two health checks failed
    outage = [a for a in metric.alerts if a.component == "store"]
    assert len(outage) == 1 and "did not answer" in outage[0].message
