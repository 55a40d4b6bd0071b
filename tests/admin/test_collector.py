"""The collection loop and the daily system rollup."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from interviewai_tui.admin.collector import Collector
from interviewai_tui.admin.instrument import InstrumentedStore
from interviewai_tui.admin.opstats import OperationLog
from interviewai_tui.admin.rollup import day_start, roll_up_day
from interviewai_tui.admin.sampler import MetricsSampler
from interviewai_tui.admin.system import PsutilProbe, ServerReading
from interviewai_tui.ai.records import CallRecorder
from interviewai_tui.domain.common import AnalyticsType, InterviewStatus, PeriodType
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.store import NotFoundError, Store

from .conftest import NOW, World, make_user
from .workload import FixedProbe, record_ai_calls


async def test_run_samples_on_schedule_and_stops_at_once(world: World) -> None:
    sampler = MetricsSampler(world.store, clock=world.clock, probe=FixedProbe())
    seen: list[object] = []
    collector = Collector(sampler, interval=0.05, rollups=False, on_sample=seen.append)

    task = collector.start()
    await asyncio.sleep(0.22)
    started = asyncio.get_running_loop().time()
    await collector.aclose()
    assert asyncio.get_running_loop().time() - started < 0.05  # no wait for the next tick
    assert task.done()
    assert 4 <= collector.stats.samples <= 6 and collector.stats.failures == 0
    assert len(seen) == collector.stats.samples
    assert len(await world.store.metrics.range(since=NOW - timedelta(days=1))) == len(seen)


async def test_a_failing_tick_is_counted_and_the_loop_goes_on(world: World) -> None:
    sampler = MetricsSampler(world.store, clock=world.clock)
    errors: list[BaseException] = []
    collector = Collector(sampler, interval=0.01, rollups=False, on_error=errors.append)
    await world.store.close()
    stats = await collector.run(max_samples=2)
    assert (stats.samples, stats.failures) == (0, 2) and len(errors) == 2
    await world.store.open()
    stats = await collector.run(max_samples=1)
    assert stats.samples == 1


async def seed_day(store: Store, world: World) -> None:
    """Two samples on 2025-02-28 and one the next day, two registrations, three interviews."""
    recorder = CallRecorder()
    day = day_start(NOW.date() - timedelta(days=1))
    for n, hours in enumerate((1, 5)):
        world.clock.set(day + timedelta(hours=hours))
        record_ai_calls(recorder, world.clock.now())
        probe = FixedProbe(ServerReading(cpu_percent=20.0 + 20 * n, memory_percent=50.0))
        await MetricsSampler(store, clock=world.clock, ai_recorder=recorder, probe=probe).sample()
        user = make_user(10 + n)
        user.created_at = world.clock.now()
        await store.users.create(user=user)
    for hours in (2, 3, 30):
        await store.interviews.create(
            interview=Interview(
                user_id=world.candidate.id,
                title="Practice",
                status=InterviewStatus.COMPLETED,
                created_at=day + timedelta(hours=hours),
                updated_at=day + timedelta(hours=hours),
            )
        )
    world.clock.set(NOW)
    await MetricsSampler(store, clock=world.clock, probe=FixedProbe()).sample()


async def test_daily_rollup_of_system_analytics(world: World) -> None:
    await seed_day(world.store, world)
    day = NOW.date() - timedelta(days=1)

    doc = await roll_up_day(world.store, day, clock=world.clock)
    again = await roll_up_day(world.store, day, clock=world.clock)

    assert again.id == doc.id  # one document per day, rewritten
    assert (doc.type, doc.user_id, doc.period.type) == (
        AnalyticsType.SYSTEM,
        None,
        PeriodType.DAILY,
    )
    assert (doc.period.date, doc.period.end_date) == (day_start(day), day_start(NOW.date()))
    m = doc.system_metrics
    assert m is not None
    assert (m.new_registrations, m.total_interviews) == (2, 2)
    assert (m.cpu_usage, m.memory_usage) == (30.0, 50.0)
    assert m.error_rate == 60.0  # 3 of the 5 AI calls in each sample failed
    stats = {s.provider: s for s in m.ai_provider_stats}
    assert (stats["openai"].request_count, stats["openai"].success_rate) == (6, 66.67)
    assert (stats["gemini"].error_count, stats["gemini"].success_rate) == (4, 0.0)
    assert stats["openai"].total_cost == 0.008 and stats["openai"].average_latency == 200.0
    assert m.system_uptime == 100.0
    stored = await world.store.analytics.get_period(
        user_id=None, type=AnalyticsType.SYSTEM, period_type=PeriodType.DAILY, date=day_start(day)
    )
    assert stored == again


async def test_instrumented_store_is_transparent_and_classifies_errors(world: World) -> None:
    log = OperationLog(slow_ms=1_000_000)
    timed = InstrumentedStore(world.store, log)
    assert await timed.users.get(user_id=world.candidate.id) == await world.store.users.get(
        user_id=world.candidate.id
    )
    with pytest.raises(NotFoundError):  # a refusal, not a failure of the store
        await timed.users.update(user_id="c" * 24, changes={"name": "x"})
    stats = log.take()
    assert set(stats) == {"store/users/get", "store/users/update"}
    assert (stats["store/users/update"].count, stats["store/users/update"].errors) == (1, 0)
    assert log.take() == {}
    assert timed.describe() == world.store.describe() and timed.engine == "sqlite"


def test_psutil_probe_reads_plausible_values(tmp_path: object) -> None:
    probe = PsutilProbe(None)
    reading = probe.read()
    for value in (reading.cpu_percent, reading.memory_percent, reading.disk_percent):
        assert 0.0 <= value <= 100.0
    assert reading.memory_percent > 0 and reading.disk_percent > 0
    assert reading.net_in_per_s >= 0 and reading.net_out_per_s >= 0
