"""Archiving and retention, per the seed's "Data Archiving" policy.

- completed interviews created more than 2 years ago and chat sessions whose last activity is
  more than 1 year old move to the archive store (same collections, `archived` set on
  interviews), batch by batch: copy, read back and compare, then delete from the main store;
- analytics periods older than 5 years are deleted (retention, not archiving);
- expired remembered sign-ins are purged.

Every step is idempotent: copying replaces by `_id`, so a run killed at any point and run again
ends with each document in exactly one place. Nothing is deleted from the main store before its
archived copy has been read back equal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from interviewai_tui.clock import Clock, SystemClock
from interviewai_tui.domain.common import Document, InterviewStatus
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.ops.gc_pause import paused_gc
from interviewai_tui.ops.progress import NullProgress, Progress
from interviewai_tui.store import Store, StoreError

__all__ = ["ArchiveError", "ArchivePolicy", "ArchiveReport", "ArchiveStep", "Archiver"]

Phase = Literal["copied", "verified", "deleted"]


class ArchiveError(StoreError):
    """An archived copy did not read back equal; the originals were kept."""


@dataclass(frozen=True, slots=True)
class ArchivePolicy:
    interview_days: int = 2 * 365
    chat_days: int = 365
    analytics_days: int = 5 * 365 + 1  # five years, leap day included
    batch_size: int = 500


@dataclass(frozen=True, slots=True)
class ArchiveStep:
    """One step of one batch, for progress and for tests that interrupt a run."""

    collection: str
    batch: int
    phase: Phase
    count: int


@dataclass(slots=True)
class ArchiveReport:
    dry_run: bool
    interviews: int = 0
    chats: int = 0
    analytics_expired: int = 0
    sessions_purged: int = 0
    batches: int = 0
    cutoffs: dict[str, datetime] = field(default_factory=dict)


class Archiver:
    """Moves old documents from `store` to `archive` (another store with the same schema).

    `archive` may be None for dry runs, which only read the main store.
    """

    def __init__(
        self,
        store: Store,
        archive: Store | None,
        *,
        clock: Clock | None = None,
        policy: ArchivePolicy | None = None,
        progress: Progress | None = None,
        on_step: Callable[[ArchiveStep], None] | None = None,
    ) -> None:
        self.store = store
        self.archive = archive
        self.clock = clock or SystemClock()
        self.policy = policy or ArchivePolicy()
        self.progress = progress or NullProgress()
        self.on_step = on_step
        self._batches = 0

    def cutoffs(self) -> dict[str, datetime]:
        now = self.clock.now()
        p = self.policy
        return {
            "interviews": now - timedelta(days=p.interview_days),
            "chatSessions": now - timedelta(days=p.chat_days),
            "analytics": now - timedelta(days=p.analytics_days),
        }

    async def run(self, *, dry_run: bool = False) -> ArchiveReport:
        cutoffs = self.cutoffs()
        report = ArchiveReport(dry_run=dry_run, cutoffs=cutoffs)
        if dry_run:  # counted by the store's indexes, nothing read into Python
            report.interviews = await self.store.interviews.count_older_than(
                before=cutoffs["interviews"], status=InterviewStatus.COMPLETED
            )
            report.chats = await self.store.chats.count_older_than(before=cutoffs["chatSessions"])
            report.analytics_expired = await self.store.analytics.count_older_than(
                before=cutoffs["analytics"]
            )
            report.sessions_purged = await self.store.sessions.count_expired()
            return report
        if self.archive is None:
            raise ValueError("an archive store is needed unless dry_run")
        with paused_gc():
            report.interviews = await self._move_all(
                "interviews", "interviews", lambda: self._old_interviews(cutoffs["interviews"])
            )
            report.chats = await self._move_all(
                "chatSessions", "chat sessions", lambda: self._old_chats(cutoffs["chatSessions"])
            )
        report.analytics_expired = await self.store.analytics.delete_older_than(
            before=cutoffs["analytics"]
        )
        report.sessions_purged = await self.store.sessions.purge_expired()
        report.batches = self._batches
        return report

    # --- moving ----------------------------------------------------------------------------

    async def _old_interviews(self, before: datetime) -> Sequence[Document]:
        batch = await self.store.interviews.list_older_than(
            before=before, status=InterviewStatus.COMPLETED, limit=self.policy.batch_size
        )
        return [self._mark(i) for i in batch]

    async def _old_chats(self, before: datetime) -> Sequence[Document]:
        return await self.store.chats.list_older_than(before=before, limit=self.policy.batch_size)

    async def _move_all(
        self, collection: str, label: str, next_batch: Callable[[], Awaitable[Sequence[Document]]]
    ) -> int:
        """Move batch after batch until none is left; each batch is the oldest remaining."""
        moved = 0
        self.progress.start(label, None)
        previous: set[str] = set()
        while batch := await next_batch():
            ids = {doc.id for doc in batch}
            if ids == previous:  # the delete did not take: stop instead of looping forever
                raise ArchiveError(f"Archived {label} could not be removed from the store.")
            previous = ids
            moved += await self._move(collection, batch)
            self.progress.advance(len(batch))
        self.progress.finish()
        return moved

    @staticmethod
    def _mark(interview: Interview) -> Interview:
        return interview.model_copy(update={"archived": True})

    async def _move(self, collection: str, docs: Sequence[Document]) -> int:
        """Copy, read back and compare, then delete: one batch."""
        assert self.archive is not None
        self._batches += 1
        number = self._batches
        stored = [doc.model_dump(by_alias=True) for doc in docs]
        await self.archive.import_documents(collection=collection, documents=stored)
        self._step(collection, number, "copied", len(docs))
        ids = [doc.id for doc in docs]
        copies = {
            c["_id"]: c for c in await self.archive.get_documents(collection=collection, ids=ids)
        }
        for doc_id, expected in zip(ids, stored, strict=True):
            if copies.get(doc_id) != expected:
                raise ArchiveError(
                    f"The archived copy of {collection} {doc_id} does not match; "
                    "nothing of this batch was removed."
                )
        self._step(collection, number, "verified", len(docs))
        await self.store.delete_documents(collection=collection, ids=ids)
        self._step(collection, number, "deleted", len(docs))
        return len(docs)

    def _step(self, collection: str, batch: int, phase: Phase, count: int) -> None:
        if self.on_step is not None:
            self.on_step(ArchiveStep(collection, batch, phase, count))
