"""The sampling loop: one sample per interval until told to stop, plus the daily rollup.

Used by the running app (a background task while it is open) and by the headless
``interviewai metrics collect``. The loop keeps a fixed schedule (no drift from the time a
sample takes), survives a store outage (the failure is logged and counted, the next tick
tries again), and stops at once when `stop()` is called or the stop event is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from interviewai_tui.admin.rollup import roll_up_day
from interviewai_tui.admin.sampler import MetricsSampler
from interviewai_tui.domain.metrics import SystemMetric

__all__ = ["Collector", "CollectorStats"]

log = logging.getLogger("interviewai.admin")


@dataclass
class CollectorStats:
    samples: int = 0
    failures: int = 0
    rollups: int = 0
    last_error: str = ""


class Collector:
    """Runs `sampler` every `interval` seconds; `on_sample` sees each written sample."""

    def __init__(
        self,
        sampler: MetricsSampler,
        *,
        interval: float,
        rollups: bool = True,
        on_sample: Callable[[SystemMetric], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if interval <= 0:
            raise ValueError("the interval must be positive")
        self.sampler = sampler
        self.interval = interval
        self.rollups = rollups
        self.on_sample = on_sample
        self.on_error = on_error
        self.stats = CollectorStats()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[CollectorStats] | None = None
        self._rolled_up: date | None = None

    async def tick(self) -> SystemMetric | None:
        """One sample (and the rollup of yesterday once per day); never raises."""
        try:
            metric = await self.sampler.sample()
        except Exception as error:
            self.stats.failures += 1
            self.stats.last_error = str(error) or type(error).__name__
            log.warning("metrics sample failed: %s", self.stats.last_error)
            if self.on_error is not None:
                self.on_error(error)
            return None
        self.stats.samples += 1
        if self.on_sample is not None:
            self.on_sample(metric)
        if self.rollups:
            await self._roll_up(metric.timestamp.date() - timedelta(days=1))
        return metric

    async def _roll_up(self, day: date) -> None:
        if self._rolled_up == day:
            return
        try:
            await roll_up_day(self.sampler.store, day, clock=self.sampler.clock)
        except Exception as error:
            log.warning("daily rollup of %s failed: %s", day, error)
            return
        self._rolled_up = day
        self.stats.rollups += 1

    async def run(self, *, max_samples: int | None = None) -> CollectorStats:
        """Sample now and then every interval until `stop()` (or `max_samples` ticks)."""
        self._stop.clear()
        loop = asyncio.get_running_loop()
        next_at = loop.time()
        ticks = 0
        while not self._stop.is_set():
            await self.tick()
            ticks += 1
            if max_samples is not None and ticks >= max_samples:
                break
            next_at += self.interval
            now = loop.time()
            if next_at < now:  # a tick overran (or the machine slept): skip, do not burst
                next_at = now + self.interval
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=next_at - now)
        return self.stats

    def start(self) -> asyncio.Task[CollectorStats]:
        """Run in a background task (the app's way); returns the task."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.run(), name="metrics-collector")
        return self._task

    def stop(self) -> None:
        """Ask the loop to end after the current tick (safe from a signal handler)."""
        self._stop.set()

    async def aclose(self) -> None:
        """Stop and wait for the background task, if any."""
        self.stop()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
