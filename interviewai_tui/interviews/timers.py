"""The interview's clocks: an overall countdown, per-question stopwatches, a save debouncer.

All three read an injected ``Clock`` rather than the event loop's timer, so a test can freeze
time and move it, and a headless driver only has to call ``InterviewSession.tick()``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import datetime

from interviewai_tui.clock import Clock

__all__ = ["Countdown", "Debouncer", "Stopwatch", "Ticker"]


class Countdown:
    """Seconds left of the interview; paused until started, frozen once stopped."""

    def __init__(self, clock: Clock, seconds: float) -> None:
        self._clock = clock
        self._left_at_anchor = max(0.0, seconds)
        self._anchor: datetime | None = None

    @property
    def running(self) -> bool:
        return self._anchor is not None

    def start(self) -> None:
        if self._anchor is None:
            self._anchor = self._clock.now()

    def stop(self) -> None:
        self._left_at_anchor = self.remaining()
        self._anchor = None

    def remaining(self) -> float:
        if self._anchor is None:
            return self._left_at_anchor
        elapsed = (self._clock.now() - self._anchor).total_seconds()
        return max(0.0, self._left_at_anchor - max(0.0, elapsed))

    def remaining_whole(self) -> int:
        """Remaining seconds rounded up, so "0" is only shown when time is really up."""
        left = self.remaining()
        whole = int(left)
        return whole + 1 if left > whole else whole

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0.0


class Stopwatch:
    """Time spent on each question: accumulated while the question is the current one."""

    def __init__(self, clock: Clock, spent: list[int]) -> None:
        self._clock = clock
        self._spent = [float(s) for s in spent]
        self._active: int | None = None
        self._since: datetime | None = None

    def activate(self, index: int | None) -> None:
        """Stop timing the current question and start timing ``index`` (None pauses)."""
        now = self._clock.now()
        if self._active is not None and self._since is not None:
            self._spent[self._active] += max(0.0, (now - self._since).total_seconds())
        self._active = index
        self._since = now if index is not None else None

    def seconds(self, index: int) -> float:
        spent = self._spent[index]
        if index == self._active and self._since is not None:
            spent += max(0.0, (self._clock.now() - self._since).total_seconds())
        return spent

    def whole(self, index: int) -> int:
        return int(self.seconds(index))


class Debouncer:
    """Decides when a draft is due: ``delay`` after the last change, or ``max_wait`` after the
    first unsaved one (so a candidate typing without pause still gets saved regularly)."""

    def __init__(self, clock: Clock, delay: float, max_wait: float) -> None:
        self._clock = clock
        self.delay = delay
        self.max_wait = max(delay, max_wait)
        self._first: datetime | None = None
        self._last: datetime | None = None

    @property
    def pending(self) -> bool:
        return self._last is not None

    def touch(self) -> None:
        now = self._clock.now()
        if self._first is None:
            self._first = now
        self._last = now

    def due(self) -> bool:
        if self._last is None or self._first is None:
            return False
        now = self._clock.now()
        quiet = (now - self._last).total_seconds()
        waiting = (now - self._first).total_seconds()
        return quiet >= self.delay or waiting >= self.max_wait

    def clear(self) -> None:
        self._first = None
        self._last = None


class Ticker:
    """Calls ``tick`` every few seconds on the running loop while ``alive()`` holds; failures go
    to ``failed`` and the ticking goes on (the countdown must never stop)."""

    def __init__(
        self,
        tick: Callable[[], Awaitable[None]],
        alive: Callable[[], bool],
        failed: Callable[[Exception], None],
    ) -> None:
        self._tick, self._alive, self._failed = tick, alive, failed
        self._task: asyncio.Task[None] | None = None

    def start(self, interval: float) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(interval))

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self, interval: float) -> None:
        while self._alive():
            await asyncio.sleep(interval)
            try:
                await self._tick()
            except Exception as exc:
                self._failed(exc)
