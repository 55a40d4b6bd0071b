"""``SessionGateway`` over the real store: the one place that knows its method names."""

from __future__ import annotations

import errno
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

from interviewai_tui.domain.common import InterviewStatus, QuestionStatus
from interviewai_tui.interviews.journal import JournalEntry
from interviewai_tui.interviews.ports import StorageDown, StorageFull, StoredState
from interviewai_tui.store.base import Store
from interviewai_tui.store.errors import StoreUnavailableError

__all__ = ["StoreGateway", "guarded"]

T = TypeVar("T")


async def guarded(call: Callable[[], Awaitable[T]]) -> T:
    """Run a store call, turning "cannot reach / cannot write" into ``StorageDown``."""
    try:
        return await call()
    except StoreUnavailableError as exc:
        raise StorageDown(_sentence(str(exc))) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StorageFull("The disk is full.") from exc
        raise StorageDown(f"The store could not be written ({exc.strerror or exc}).") from exc


class StoreGateway:
    """Writes of a running interview, through ``store.interviews``."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def save_answer(self, entry: JournalEntry) -> None:
        submitted = datetime.fromisoformat(entry.submitted_at) if entry.submitted_at else None
        await guarded(
            lambda: self._store.interviews.save_answer(
                interview_id=entry.interview_id,
                question_index=entry.question_index,
                answer=entry.answer,
                code_answer=entry.code_answer,
                time_spent=entry.time_spent,
                remaining_seconds=entry.remaining_seconds,
                status=QuestionStatus(entry.status) if entry.status else None,
                submitted_at=submitted,
            )
        )

    async def save_state(self, state: StoredState) -> None:
        changes: dict[str, Any] = {"status": state.status}
        if state.remaining_seconds is not None:
            changes["remainingSeconds"] = state.remaining_seconds
        if state.started_at is not None:
            changes["startedAt"] = state.started_at
        if state.status is InterviewStatus.COMPLETED and state.completed_at is not None:
            changes["completedAt"] = state.completed_at
        await guarded(
            lambda: self._store.interviews.update(interview_id=state.interview_id, changes=changes)
        )


def _sentence(text: str) -> str:
    text = text.strip() or "The store is unreachable."
    return text if text.endswith((".", "!", "?")) else text + "."
