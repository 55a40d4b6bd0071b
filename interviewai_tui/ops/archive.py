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

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from interviewai_tui.clock import Clock, SystemClock
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.common import Document, InterviewStatus
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.ops.bulk import delete_many, get_many
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


def _last_activity(chat: ChatSession) -> datetime:
    return chat.last_message_at or chat.created_at


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
        if dry_run:
            report.interviews = await self._count_interviews(cutoffs["interviews"])
            report.chats = sum([1 async for _ in self._old_chats(cutoffs["chatSessions"])])
            report.analytics_expired = await self._count_old_analytics(cutoffs["analytics"])
            report.sessions_purged = await self._count_expired_sessions()
            return report
        if self.archive is None:
            raise ValueError("an archive store is needed unless dry_run")
        report.interviews = await self._move_interviews(cutoffs["interviews"])
        report.chats = await self._move_chats(cutoffs["chatSessions"])
        report.analytics_expired = await self.store.analytics.delete_older_than(
            before=cutoffs["analytics"]
        )
        report.sessions_purged = await self.store.sessions.purge_expired()
        report.batches = self._batches
        return report

    # --- moving ----------------------------------------------------------------------------

    async def _move_interviews(self, before: datetime) -> int:
        moved = 0
        self.progress.start("interviews", None)
        previous: set[str] = set()
        while True:
            batch = await self.store.interviews.list_older_than(
                before=before, status=InterviewStatus.COMPLETED, limit=self.policy.batch_size
            )
            if not batch:
                break
            ids = {doc.id for doc in batch}
            if ids == previous:  # the delete did not take: stop instead of looping forever
                raise ArchiveError("Archived interviews could not be removed from the store.")
            previous = ids
            moved += await self._move("interviews", [self._mark(i) for i in batch])
            self.progress.advance(len(batch))
        self.progress.finish()
        return moved

    async def _move_chats(self, before: datetime) -> int:
        moved = 0
        self.progress.start("chat sessions", None)
        batch: list[Document] = []
        async for chat in self._old_chats(before):
            batch.append(chat)
            if len(batch) >= self.policy.batch_size:
                moved += await self._move("chatSessions", batch)
                self.progress.advance(len(batch))
                batch = []
        if batch:
            moved += await self._move("chatSessions", batch)
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
        copies = await get_many(self.archive, collection, ids)
        for doc, expected in zip(docs, stored, strict=True):
            copy = copies.get(doc.id)
            if copy is None or copy.model_dump(by_alias=True) != expected:
                raise ArchiveError(
                    f"The archived copy of {collection} {doc.id} does not match; "
                    "nothing of this batch was removed."
                )
        self._step(collection, number, "verified", len(docs))
        await delete_many(self.store, collection, ids)
        self._step(collection, number, "deleted", len(docs))
        return len(docs)

    def _step(self, collection: str, batch: int, phase: Phase, count: int) -> None:
        if self.on_step is not None:
            self.on_step(ArchiveStep(collection, batch, phase, count))

    # --- finding ---------------------------------------------------------------------------

    async def _old_chats(self, before: datetime) -> AsyncIterator[ChatSession]:
        # The chat repository has no "older than" listing, so the collection is scanned in id
        # order; the scan pages by id, so deleting what it already passed is safe.
        async for raw in self.store.export(collection="chatSessions"):
            chat = ChatSession.model_validate(raw)
            if _last_activity(chat) < before:
                yield chat

    async def _count_interviews(self, before: datetime) -> int:
        count = 0
        async for raw in self.store.export(collection="interviews"):
            if raw.get("status") == InterviewStatus.COMPLETED and _created(raw) < before:
                count += 1
        return count

    async def _count_old_analytics(self, before: datetime) -> int:
        count = 0
        async for raw in self.store.export(collection="analytics"):
            period = raw.get("period") or {}
            date = period.get("date")
            if isinstance(date, datetime) and date < before:
                count += 1
        return count

    async def _count_expired_sessions(self) -> int:
        now = self.clock.now()
        count = 0
        async for raw in self.store.export(collection="sessions"):
            expires = raw.get("expiresAt")
            if isinstance(expires, datetime) and expires <= now:
                count += 1
        return count


def _created(raw: dict[str, Any]) -> datetime:
    created = raw.get("createdAt")
    assert isinstance(created, datetime)
    return created
