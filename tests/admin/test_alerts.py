"""Alerts: raised once while a condition holds, resolvable by an admin, raised again only after
the condition cleared and came back."""

from __future__ import annotations

from interviewai_tui.admin.alerts import Thresholds, conditions
from interviewai_tui.admin.dashboard import Dashboard
from interviewai_tui.admin.sampler import MetricsSampler
from interviewai_tui.admin.system import ServerReading
from interviewai_tui.domain.common import AlertType, HealthStatus
from interviewai_tui.domain.metrics import AiProviderMetric, SystemMetric

from .conftest import NOW, World
from .workload import FixedProbe


def cpu_sampler(world: World, probe: FixedProbe) -> MetricsSampler:
    return MetricsSampler(
        world.store, clock=world.clock, probe=probe, thresholds=Thresholds(cpu_percent=90)
    )


async def test_raise_hold_resolve_and_raise_again(world: World) -> None:
    probe = FixedProbe(ServerReading(cpu_percent=95))
    sampler = cpu_sampler(world, probe)
    dashboard = Dashboard(world.store, world.auditor)

    first = await sampler.sample()
    assert [(a.component, a.type) for a in first.alerts] == [("server.cpu", AlertType.WARNING)]
    assert first.alerts[0].message == "CPU usage is 95% (alert at 90%)."
    assert first.health.status == HealthStatus.WARNING

    world.clock.advance(60)
    probe.set(cpu_percent=96)
    assert (await sampler.sample()).alerts == []  # held: not raised twice
    [open_alert] = await world.store.metrics.open_alerts()
    assert open_alert.id == first.alerts[0].id

    world.clock.advance(30)
    assert await dashboard.resolve_alert(world.admin.id, open_alert.id) is True
    assert await world.store.metrics.open_alerts() == []
    stored = (await world.store.metrics.range(since=NOW))[0].alerts[0]
    assert stored.resolved is True and stored.resolved_at == world.clock.now()
    trail = await world.store.audit.list(target_id=open_alert.id)
    assert [(e.action, e.actor_id) for e in trail.items] == [("alert.resolve", world.admin.id)]

    world.clock.advance(30)
    assert (await sampler.sample()).alerts == []  # still holding: resolved, not re-raised

    world.clock.advance(60)
    probe.set(cpu_percent=10)
    cleared = await sampler.sample()
    assert cleared.alerts == [] and cleared.health.status == HealthStatus.HEALTHY

    world.clock.advance(60)
    probe.set(cpu_percent=93)
    again = await sampler.sample()
    assert [a.component for a in again.alerts] == ["server.cpu"]
    assert again.alerts[0].id != open_alert.id


async def test_a_restarted_sampler_does_not_repeat_an_open_alert(world: World) -> None:
    probe = FixedProbe(ServerReading(disk_percent=99))
    first = await cpu_sampler(world, probe).sample()
    assert [(a.component, a.type) for a in first.alerts] == [("server.disk", AlertType.CRITICAL)]
    assert first.health.status == HealthStatus.CRITICAL

    world.clock.advance(60)
    restarted = cpu_sampler(world, probe)  # a new process: no memory of the last sample
    assert (await restarted.sample()).alerts == []
    assert len(await world.store.metrics.open_alerts()) == 1


async def test_resolving_an_unknown_alert_reports_false(world: World) -> None:
    dashboard = Dashboard(world.store, world.auditor)
    assert await dashboard.resolve_alert(world.admin.id, "f" * 24) is False
    assert (await world.store.audit.list()).total == 0


def test_every_rule_uses_its_threshold() -> None:
    limits = Thresholds(
        cpu_percent=50,
        memory_percent=60,
        disk_percent=70,
        error_rate_percent=10,
        failed_logins=3,
    )
    metric = SystemMetric(timestamp=NOW)
    server = metric.health.server
    server.cpu_usage, server.memory_usage, server.disk_usage = 49.9, 59.9, 69.9
    metric.api.request_count, metric.health.error_rate = 100, 9.9
    assert conditions(metric, limits, failed_logins=2) == []

    server.cpu_usage, server.memory_usage, server.disk_usage = 50, 60, 70
    metric.health.error_rate = 10
    metric.database.slow_queries = 2
    metric.ai_providers = [
        AiProviderMetric(provider="openai", status="offline", request_count=4, error_count=4),
        AiProviderMetric(provider="ollama", status="degraded", request_count=4, error_count=1),
    ]
    found = conditions(metric, limits, failed_logins=3, store_reachable=False)
    assert [(c.component, c.type.value) for c in found] == [
        ("store", "critical"),
        ("server.cpu", "warning"),
        ("server.memory", "warning"),
        ("server.disk", "warning"),
        ("operations", "error"),
        ("ai.openai", "error"),
        ("database", "warning"),
        ("auth", "error"),
    ]
    assert found[-1].message == "3 failed sign-ins in one interval (alert at 3)."
