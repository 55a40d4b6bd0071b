"""An injectable source of time, so tests can freeze and move it.

Every datetime the program produces comes from a `Clock` and is timezone-aware UTC.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "FrozenClock", "SystemClock", "utcnow"]


@runtime_checkable
class Clock(Protocol):
    """Anything that can tell the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


def utcnow() -> datetime:
    """The system's current time, aware UTC."""
    return datetime.now(UTC)


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that only moves when told to; for deterministic tests.

    Args:
        start: the initial time; a naive datetime is taken as UTC. Defaults to
            2025-01-01T00:00:00Z so that tests that do not care still get a fixed value.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._now = _as_utc(start or datetime(2025, 1, 1, tzinfo=UTC))

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float = 0.0, **delta: float) -> datetime:
        """Move forward by `seconds` (plus any `timedelta` keywords); return the new time."""
        with self._lock:
            self._now = self._now + timedelta(seconds=seconds, **delta)
            return self._now

    def set(self, dt: datetime) -> None:
        """Jump to `dt` (naive is taken as UTC)."""
        with self._lock:
            self._now = _as_utc(dt)


def _as_utc(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)
