"""Alert rules: which conditions hold in a sample, and raising each alert once while it holds.

A condition is keyed by its component ("server.cpu", "ai.openai", ...). An alert is raised when
a condition starts to hold and no unresolved alert for that component exists; it is not raised
again while the condition keeps holding, even after an admin resolves it. When the condition
clears and later returns, a new alert is raised (if the old one was resolved).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from interviewai_tui.domain.common import AlertType, HealthStatus, ProviderStatus
from interviewai_tui.domain.metrics import Alert, SystemMetric

if TYPE_CHECKING:
    from interviewai_tui.config import Settings

__all__ = ["AlertBook", "Condition", "Thresholds", "conditions", "health_status"]

CRITICAL_PERCENT = 98.0  # memory or disk this full is an emergency whatever the setting says
CRITICAL_ERROR_RATE = 50.0


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The alert_* settings, as the rules read them."""

    cpu_percent: float = 90.0
    memory_percent: float = 90.0
    disk_percent: float = 90.0
    error_rate_percent: float = 5.0
    slow_query_ms: float = 200.0
    failed_logins: int = 20

    @classmethod
    def from_settings(cls, settings: Settings) -> Thresholds:
        return cls(
            cpu_percent=settings.alert_cpu_percent,
            memory_percent=settings.alert_memory_percent,
            disk_percent=settings.alert_disk_percent,
            error_rate_percent=settings.alert_error_rate_percent,
            slow_query_ms=settings.alert_slow_query_ms,
            failed_logins=settings.alert_failed_logins,
        )


@dataclass(frozen=True, slots=True)
class Condition:
    component: str
    type: AlertType
    message: str


def conditions(
    metric: SystemMetric,
    limits: Thresholds,
    *,
    store_reachable: bool = True,
    failed_logins: int = 0,
) -> list[Condition]:
    """Every alert condition that holds in `metric`, in a stable order."""
    found: list[Condition] = []
    if not store_reachable:
        found.append(
            Condition("store", AlertType.CRITICAL, "The database did not answer the health check.")
        )
    server = metric.health.server
    for component, label, value, limit in (
        ("server.cpu", "CPU", server.cpu_usage, limits.cpu_percent),
        ("server.memory", "Memory", server.memory_usage, limits.memory_percent),
        ("server.disk", "Disk", server.disk_usage, limits.disk_percent),
    ):
        if value >= limit:
            kind = AlertType.CRITICAL if value >= CRITICAL_PERCENT else AlertType.WARNING
            if component == "server.cpu":
                kind = AlertType.WARNING  # a busy CPU slows things down but loses nothing
            found.append(
                Condition(component, kind, f"{label} usage is {value:.0f}% (alert at {limit:g}%).")
            )
    rate = metric.health.error_rate
    if metric.api.request_count and rate >= limits.error_rate_percent and rate > 0:
        found.append(
            Condition(
                "operations",
                AlertType.ERROR,
                f"{rate:.1f}% of store and AI operations failed "
                f"(alert at {limits.error_rate_percent:g}%).",
            )
        )
    for provider in metric.ai_providers:
        if provider.status == ProviderStatus.OFFLINE:
            found.append(
                Condition(
                    f"ai.{provider.provider}",
                    AlertType.ERROR,
                    f"AI provider {provider.provider} is offline: all {provider.request_count} "
                    "recent calls failed.",
                )
            )
    slow = metric.database.slow_queries
    if slow > 0:
        found.append(
            Condition(
                "database",
                AlertType.WARNING,
                f"{slow} store operation{'s' if slow != 1 else ''} took "
                f"{limits.slow_query_ms:g} ms or longer.",
            )
        )
    if failed_logins >= limits.failed_logins:
        found.append(
            Condition(
                "auth",
                AlertType.ERROR,
                f"{failed_logins} failed sign-ins in one interval "
                f"(alert at {limits.failed_logins}).",
            )
        )
    return found


def health_status(metric: SystemMetric, held: Iterable[Condition]) -> HealthStatus:
    """Critical: store down, memory or disk nearly full, or half of all operations failing.
    Warning: any alert condition holds. Healthy otherwise."""
    held = list(held)
    server = metric.health.server
    if (
        any(c.component == "store" for c in held)
        or max(server.memory_usage, server.disk_usage) >= CRITICAL_PERCENT
        or (metric.api.request_count and metric.health.error_rate >= CRITICAL_ERROR_RATE)
    ):
        return HealthStatus.CRITICAL
    return HealthStatus.WARNING if held else HealthStatus.HEALTHY


class AlertBook:
    """Remembers which conditions held at the previous sample, to raise each alert once."""

    def __init__(self) -> None:
        self._held: set[str] = set()

    @property
    def held(self) -> frozenset[str]:
        return frozenset(self._held)

    def evaluate(
        self, found: Iterable[Condition], *, now: datetime, open_components: Iterable[str] = ()
    ) -> list[Alert]:
        """The alerts to raise now. `open_components` are those with an unresolved alert."""
        found = list(found)
        already = self._held | set(open_components)
        raised = [
            Alert(type=c.type, message=c.message, component=c.component, timestamp=now)
            for c in found
            if c.component not in already
        ]
        self._held = {c.component for c in found}
        return raised
