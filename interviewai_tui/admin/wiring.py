"""How the container builds the admin services from settings (one call, like the other
service families), and how a running program starts its metrics collector.

The container is expected to:
1. wrap its store once: ``store, op_log = instrument(raw_store, settings)``, so every store
   call the app makes is timed (the api/database parts of the metrics);
2. build ``admin = build_admin(store=..., raw_store=..., ...)`` after opening the store;
3. call ``admin.collector.start()`` once open, and ``await admin.collector.aclose()`` on close.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewai_tui.admin.activity import ActivityLog
from interviewai_tui.admin.alerts import Thresholds
from interviewai_tui.admin.audit import AdminGate, Auditor
from interviewai_tui.admin.collector import Collector
from interviewai_tui.admin.dashboard import Dashboard
from interviewai_tui.admin.instrument import InstrumentedStore
from interviewai_tui.admin.opstats import OperationLog
from interviewai_tui.admin.questions import QuestionAdmin
from interviewai_tui.admin.sampler import MetricsSampler
from interviewai_tui.admin.system import PsutilProbe
from interviewai_tui.admin.users import UserAdmin

if TYPE_CHECKING:
    from collections.abc import Callable

    from interviewai_tui.ai.records import CallRecorder
    from interviewai_tui.clock import Clock
    from interviewai_tui.config import Settings
    from interviewai_tui.store.base import Store

__all__ = ["AdminServices", "build_admin", "instrument"]


def instrument(store: Store, settings: Settings) -> tuple[InstrumentedStore, OperationLog]:
    """The store with every repository call timed, and the log the timings go to."""
    log = OperationLog(slow_ms=settings.alert_slow_query_ms)
    return InstrumentedStore(store, log), log


@dataclass
class AdminServices:
    """Everything the admin screens and the collector command use."""

    users: UserAdmin
    questions: QuestionAdmin
    auditor: Auditor
    sampler: MetricsSampler
    collector: Collector
    activity: ActivityLog
    interval: float

    def dashboard(self) -> Dashboard:
        """A fresh dashboard reader (each screen keeps its own history of points)."""
        return Dashboard(self.sampler.store, self.auditor, interval_seconds=self.interval)


def build_admin(
    *,
    store: Store,
    settings: Settings,
    clock: Clock,
    gate: AdminGate,
    op_log: OperationLog | None = None,
    ai_recorder: CallRecorder | None = None,
    failed_logins_total: Callable[[], int] | None = None,
) -> AdminServices:
    """Admin services on `store` (pass the untimed store; `op_log` carries the app's timings).

    `gate` is the account service (`require_admin`); `failed_logins_total` a cumulative
    counter of failed sign-ins (the lockout's `failures_seen`), for the failed-logins alert.
    """
    raw = store.inner if isinstance(store, InstrumentedStore) else store
    activity = ActivityLog(failed_logins_total=failed_logins_total)
    auditor = Auditor(raw, clock, gate, activity)
    sampler = MetricsSampler(
        raw,
        clock=clock,
        thresholds=Thresholds.from_settings(settings),
        interval_seconds=settings.metrics_interval,
        op_log=op_log,
        ai_recorder=ai_recorder,
        probe=PsutilProbe(settings.data_dir),
        activity=activity,
    )
    return AdminServices(
        users=UserAdmin(raw, auditor),
        questions=QuestionAdmin(raw, auditor),
        auditor=auditor,
        sampler=sampler,
        collector=Collector(sampler, interval=settings.metrics_interval),
        activity=activity,
        interval=float(settings.metrics_interval),
    )
