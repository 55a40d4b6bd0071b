"""What the interview session needs from the outside world, and the errors it reports.

The session talks to the store only through ``SessionGateway`` (implemented over the real store
in ``gateway.py``, and by fakes in tests), so the lifecycle, timers and journal logic can be
driven headless and the one place that knows the store's method names stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from interviewai_tui.domain.common import InterviewStatus
from interviewai_tui.interviews.journal import JournalEntry

__all__ = [
    "InterviewError",
    "SessionGateway",
    "StorageDown",
    "StorageFull",
    "StoredState",
]


class InterviewError(Exception):
    """A problem the user can act on; ``str()`` is one sentence."""


class StorageDown(InterviewError):
    """The store is unreachable; the caller may journal and retry later."""


class StorageFull(StorageDown):
    """The disk under the store (or the journal) is full."""


@dataclass(frozen=True, slots=True)
class StoredState:
    """An interview-level state change: status, its timestamps and the time left."""

    interview_id: str
    status: InterviewStatus
    remaining_seconds: int | None
    started_at: datetime | None = None
    completed_at: datetime | None = None


class SessionGateway(Protocol):
    """The writes a running interview makes. Failures raise ``StorageDown``."""

    async def save_answer(self, entry: JournalEntry) -> None:
        """Write one question's answer, time spent and status, and the interview's time left."""
        ...

    async def save_state(self, state: StoredState) -> None:
        """Write the interview's status (and startedAt/completedAt, time left)."""
        ...
