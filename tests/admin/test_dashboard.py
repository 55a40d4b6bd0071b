"""The dashboard reader: the last hour first, the rest of the day in chunks, then only what is
new; the charted figures; the stale flag when no collector writes."""

from __future__ import annotations

from datetime import timedelta

from interviewai_tui.admin.dashboard import Dashboard
from interviewai_tui.domain.metrics import AiProviderMetric, SystemMetric
from interviewai_tui.store import Store

from .conftest import NOW, World


async def write(store: Store, minutes_ago: float, cpu: float, cost: float = 0.0) -> SystemMetric:
    metric = SystemMetric(timestamp=NOW - timedelta(minutes=minutes_ago))
    metric.health.server.cpu_usage = cpu
    metric.ai_providers = [AiProviderMetric(provider="openai", cost=cost)]
    return await store.metrics.insert(metric=metric)


async def test_hour_first_then_the_day_in_chunks_then_only_new(world: World) -> None:
    # One sample every 30 minutes over 30 hours: cpu = minutes ago / 30.
    for step in range(61):
        await write(world.store, 30 * step, cpu=float(step), cost=0.01)
    dashboard = Dashboard(world.store, world.auditor, chunk=timedelta(hours=8))

    view = await dashboard.refresh(world.admin.id)
    assert view.hour.cpu == [2.0, 1.0, 0.0] and view.day.cpu == [2.0, 1.0, 0.0]
    assert view.day_complete is False and view.stale is False
    steps = 0
    while (older := await dashboard.backfill(world.admin.id)) is not None:
        view = older
        steps += 1
    assert steps == 3  # 23 hours left, 8 hours at a time
    assert view.day_complete is True
    assert view.day.cpu == [float(s) for s in range(48, -1, -1)]  # [now-24h, now], oldest first
    assert view.hour.cpu == [2.0, 1.0, 0.0]
    assert view.day.cost == [0.01] * 49

    world.clock.advance(minutes=5)
    newer = await write(world.store, -5, cpu=99.0)
    view = await dashboard.refresh(world.admin.id)
    assert view.latest == newer and view.hour.cpu == [1.0, 0.0, 99.0]
    again = await dashboard.refresh(world.admin.id)
    assert again.day.cpu == view.day.cpu  # nothing read twice

    await write(world.store, 1, cpu=50.0)  # written late by another collector: ignored
    assert (await dashboard.refresh(world.admin.id)).hour.cpu[-1] == 99.0


async def test_stale_and_empty(world: World) -> None:
    empty = await Dashboard(world.store, world.auditor).refresh(world.admin.id)
    assert empty.latest is None and empty.stale is True and len(empty.day) == 0
    old = await write(world.store, 240, cpu=10.0)
    view = await Dashboard(world.store, world.auditor, interval_seconds=60).refresh(world.admin.id)
    assert view.latest == old and view.stale is True and len(view.hour) == 0
