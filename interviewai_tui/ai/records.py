"""Every provider call is recorded: counters in memory, flushed to the store for admin metrics.

Recording is a dict update (no I/O on the streaming path). `flush(sink)` hands the counters
gathered since the last flush to an async sink (the metrics sampler writes them into
`systemMetrics.aiProviders`) and starts afresh; if the sink fails they are kept for next time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewai_tui.domain.metrics import AiProviderMetric

__all__ = ["OK", "CallRecord", "CallRecorder", "CallStats", "provider_metrics"]

OK = "ok"


@dataclass(frozen=True, slots=True)
class CallRecord:
    provider: str
    model: str
    outcome: str  # "ok", or the error kind ("rate_limit", "timeout", ...)
    latency_ms: float
    at: datetime
    input_tokens: int = 0
    output_tokens: int = 0
    cost: Decimal | None = None  # None: unpriced
    fallback_used: bool = False
    purpose: str = "chat"


@dataclass(slots=True)
class CallStats:
    """Totals for one (provider, model, outcome)."""

    provider: str
    model: str
    outcome: str
    count: int = 0
    latency_ms_total: float = 0.0
    latency_ms_max: float = 0.0
    input_tokens: int = 0
    output_tokens: int = 0
    cost: Decimal = field(default_factory=Decimal)
    unpriced: int = 0  # calls whose cost is unknown (not counted in `cost`)
    fallbacks: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None

    @property
    def average_latency_ms(self) -> float:
        return self.latency_ms_total / self.count if self.count else 0.0

    def add(self, record: CallRecord) -> None:
        self.count += 1
        self.latency_ms_total += record.latency_ms
        self.latency_ms_max = max(self.latency_ms_max, record.latency_ms)
        self.input_tokens += record.input_tokens
        self.output_tokens += record.output_tokens
        if record.cost is None:
            self.unpriced += 1
        else:
            self.cost += record.cost
        self.fallbacks += record.fallback_used
        self.first_at = min(self.first_at or record.at, record.at)
        self.last_at = max(self.last_at or record.at, record.at)

    def merge(self, other: CallStats) -> None:
        self.count += other.count
        self.latency_ms_total += other.latency_ms_total
        self.latency_ms_max = max(self.latency_ms_max, other.latency_ms_max)
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cost += other.cost
        self.unpriced += other.unpriced
        self.fallbacks += other.fallbacks
        for at in (other.first_at, other.last_at):
            if at is not None:
                self.first_at = min(self.first_at or at, at)
                self.last_at = max(self.last_at or at, at)


Key = tuple[str, str, str]
Sink = Callable[[list[CallStats]], Awaitable[None]]


class CallRecorder:
    def __init__(self) -> None:
        self._stats: dict[Key, CallStats] = {}

    def record(self, record: CallRecord) -> None:
        key = (record.provider, record.model, record.outcome)
        stats = self._stats.get(key)
        if stats is None:
            stats = self._stats[key] = CallStats(record.provider, record.model, record.outcome)
        stats.add(record)

    def snapshot(self) -> list[CallStats]:
        """A copy of the counters since the last flush, in a stable order."""
        out = []
        for key in sorted(self._stats):
            s = self._stats[key]
            copy = CallStats(s.provider, s.model, s.outcome)
            copy.merge(s)
            out.append(copy)
        return out

    async def flush(self, sink: Sink) -> int:
        """Give the counters to `sink` and reset them; returns how many calls were flushed."""
        taken, self._stats = self._stats, {}
        batch = [taken[key] for key in sorted(taken)]
        try:
            if batch:
                await sink(batch)
        except BaseException:
            for key, stats in taken.items():  # keep them (plus anything recorded meanwhile)
                current = self._stats.get(key)
                if current is None:
                    self._stats[key] = stats
                else:
                    current.merge(stats)
            raise
        return sum(s.count for s in batch)


def provider_metrics(stats: Sequence[CallStats]) -> list[AiProviderMetric]:
    """Per-provider rows in the shape of the seed's `systemMetrics.aiProviders`."""
    from interviewai_tui.domain.common import ProviderStatus
    from interviewai_tui.domain.metrics import AiProviderMetric, ProviderErrorCount

    by_provider: dict[str, list[CallStats]] = {}
    for s in stats:
        by_provider.setdefault(s.provider, []).append(s)
    rows = []
    for provider in sorted(by_provider):
        items = by_provider[provider]
        total = sum(s.count for s in items)
        ok = [s for s in items if s.outcome == OK]
        ok_count = sum(s.count for s in ok)
        errors: dict[str, ProviderErrorCount] = {}
        for s in items:
            if s.outcome == OK:
                continue
            entry = errors.setdefault(s.outcome, ProviderErrorCount(type=s.outcome))
            entry.count += s.count
            if s.last_at and (entry.last_occurred is None or s.last_at > entry.last_occurred):
                entry.last_occurred = s.last_at
        success = 100.0 * ok_count / total if total else 100.0
        status = (
            ProviderStatus.ONLINE
            if success >= 90
            else ProviderStatus.DEGRADED
            if ok_count
            else ProviderStatus.OFFLINE
        )
        latency = sum(s.latency_ms_total for s in ok) / ok_count if ok_count else 0.0
        rows.append(
            AiProviderMetric(
                provider=provider,
                status=status,
                request_count=total,
                success_rate=round(success, 2),
                average_latency=round(latency, 2),
                error_count=total - ok_count,
                cost=float(sum((s.cost for s in items), Decimal())),
                errors=[errors[k] for k in sorted(errors)],
            )
        )
    return rows
