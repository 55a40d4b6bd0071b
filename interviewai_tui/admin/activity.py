"""In-process activity counters that the store cannot answer cheaply: sign-ins, failed
sign-ins and feature use since the last metrics sample.

The app (or a service) calls `note(...)`; the sampler calls `take()` once per interval. A
failed sign-in counter that already exists elsewhere (the lockout keeps one) can be plugged in
as a cumulative source instead, and the log turns it into per-interval deltas.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["FEATURES", "ActivityLog", "ActivityTotals", "Feature"]

Feature = Literal[
    "login", "failed_login", "interviews", "chat_sessions", "practice_questions", "admin_actions"
]
FEATURES: tuple[Feature, ...] = (
    "login",
    "failed_login",
    "interviews",
    "chat_sessions",
    "practice_questions",
    "admin_actions",
)


@dataclass(frozen=True, slots=True)
class ActivityTotals:
    """What happened in one interval."""

    counts: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, feature: Feature) -> int:
        return self.counts.get(feature, 0)


class ActivityLog:
    """Counts events per feature; `failed_logins_total` optionally reads a cumulative counter."""

    def __init__(self, *, failed_logins_total: Callable[[], int] | None = None) -> None:
        self._counts: Counter[str] = Counter()
        self._failed_source = failed_logins_total
        self._failed_seen = failed_logins_total() if failed_logins_total else 0

    def note(self, feature: Feature, count: int = 1) -> None:
        self._counts[feature] += count

    def take(self) -> ActivityTotals:
        """Counts since the last `take`, then reset."""
        taken, self._counts = self._counts, Counter()
        if self._failed_source is not None:
            total = self._failed_source()
            taken["failed_login"] += max(0, total - self._failed_seen)
            self._failed_seen = total
        return ActivityTotals({k: v for k, v in taken.items() if v})
