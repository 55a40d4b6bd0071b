"""Counters of the operations this process performs (store calls), per named endpoint.

Recording is a dict update; `take()` hands over what was gathered since the last call and
starts afresh, so each metrics sample covers exactly one interval.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["OpStats", "OperationLog"]


@dataclass(slots=True)
class OpStats:
    """Totals of one endpoint over one interval."""

    count: int = 0
    errors: int = 0
    latency_ms_total: float = 0.0
    latency_ms_max: float = 0.0
    slow: int = 0  # calls at or above the slow threshold

    @property
    def average_latency_ms(self) -> float:
        return self.latency_ms_total / self.count if self.count else 0.0

    def merge(self, other: OpStats) -> None:
        self.count += other.count
        self.errors += other.errors
        self.latency_ms_total += other.latency_ms_total
        self.latency_ms_max = max(self.latency_ms_max, other.latency_ms_max)
        self.slow += other.slow


class OperationLog:
    """Per-endpoint counters. `slow_ms` decides what counts as a slow query."""

    def __init__(self, *, slow_ms: float = 200.0) -> None:
        self.slow_ms = slow_ms
        self._stats: dict[str, OpStats] = {}

    def record(self, endpoint: str, latency_ms: float, *, ok: bool = True) -> None:
        stats = self._stats.get(endpoint)
        if stats is None:
            stats = self._stats[endpoint] = OpStats()
        stats.count += 1
        stats.errors += not ok
        stats.latency_ms_total += latency_ms
        stats.latency_ms_max = max(stats.latency_ms_max, latency_ms)
        stats.slow += latency_ms >= self.slow_ms

    def take(self) -> dict[str, OpStats]:
        """The counters since the last `take`, by endpoint name in sorted order; then reset."""
        taken, self._stats = self._stats, {}
        return {name: taken[name] for name in sorted(taken)}

    def restore(self, stats: dict[str, OpStats]) -> None:
        """Put counters back (a sample that could not be written is retried next time)."""
        for name, item in stats.items():
            current = self._stats.get(name)
            if current is None:
                self._stats[name] = item
            else:
                current.merge(item)
