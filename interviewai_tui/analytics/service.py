"""The analytics use cases: rebuild rollups, keep them current, and report progress.

Plain async Python over the store. Every write goes through ``writer.sync_documents``, so
running any of these twice in a row writes nothing the second time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from interviewai_tui.analytics.activity import is_completed
from interviewai_tui.analytics.chat_metrics import BASE_TOPICS, TopicMatcher, chat_document
from interviewai_tui.analytics.errors import AnalyticsError
from interviewai_tui.analytics.interview_metrics import interview_document, wanted_date
from interviewai_tui.analytics.loader import all_users, load_history, stored_documents
from interviewai_tui.analytics.periods import local_day, period_of, zone_for
from interviewai_tui.analytics.progress import ProgressReport, build_report
from interviewai_tui.analytics.user_rollup import UserHistory, user_documents
from interviewai_tui.analytics.writer import (
    Batch,
    Doc,
    WriteReport,
    claim_dates,
    sync_documents,
)
from interviewai_tui.clock import Clock
from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.common import AnalyticsType, PeriodType, to_utc
from interviewai_tui.domain.users import PublicUser, User
from interviewai_tui.store.base import Store, StoreUnavailableError

__all__ = ["AnalyticsError", "AnalyticsService", "RebuildReport"]

# What the progress report reads of each kind of rollup, and so what it need not parse: the
# per-interview score history alone is most of a yearly document (100+ KB for a busy user).
_DAILY_SKIPS = (
    "userMetrics.scoreHistory",
    "userMetrics.skillProgress",
    "userMetrics.aiInteractions",
    "userMetrics.featuresUsed",
)
_CHOSEN_SKIPS = ("userMetrics.scoreHistory", "userMetrics.aiInteractions")
_YEARLY_SKIPS = ("userMetrics.scoreHistory", "userMetrics.skillProgress")

log = logging.getLogger("interviewai.analytics")

Progress = Callable[[int, int], None]
"""(users done, users in all) after each user."""


@dataclass(slots=True)
class RebuildReport:
    users: int = 0
    interviews: int = 0
    chats: int = 0
    written: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over every process that took part
    failed: list[str] = field(default_factory=list)  # user ids whose rebuild failed

    def add(self, other: RebuildReport) -> None:
        self.users += other.users
        self.interviews += other.interviews
        self.chats += other.chats
        self.written += other.written
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.cpu_seconds += other.cpu_seconds


class AnalyticsService:
    def __init__(self, store: Store, clock: Clock, *, topics: Sequence[str] = ()) -> None:
        self.store = store
        self.clock = clock
        self._extra_topics = list(topics)
        self._topics: TopicMatcher | None = None

    def now(self) -> datetime:
        return to_utc(self.clock.now())

    async def topics(self) -> TopicMatcher:
        """Known topics: the question bank's technologies and a fixed list (loaded once)."""
        if self._topics is None:
            stacks = await self.store.questions.distinct(field="techStack")
            self._topics = TopicMatcher([*stacks, *BASE_TOPICS, *self._extra_topics])
        return self._topics

    # --- rebuilding ---------------------------------------------------------------------------

    async def rebuild(
        self, *, since: datetime | None = None, progress: Progress | None = None
    ) -> RebuildReport:
        """Recompute every user's documents (only periods ending after ``since`` if given)."""
        started, cpu = time.perf_counter(), time.process_time()
        users = await all_users(self.store)
        total = RebuildReport()
        await self.topics()
        batch = Batch(self.store)
        for done, user in enumerate(users, start=1):
            try:
                total.add(await self.rebuild_user(user, since=since, batch=batch))
            except StoreUnavailableError:
                raise
            except Exception:  # one user's bad data must not stop everyone else's rebuild
                log.exception("rebuilding the analytics of user %s failed", user.id)
                total.failed.append(user.id)
            if progress is not None:
                progress(done, len(users))
        await batch.flush()
        total.seconds = round(time.perf_counter() - started, 3)
        total.cpu_seconds = round(time.process_time() - cpu, 3)
        return total

    async def rebuild_user(
        self,
        user: User | PublicUser | str,
        *,
        since: datetime | None = None,
        batch: Batch | None = None,
    ) -> RebuildReport:
        """Recompute one user's user, interview and chat documents.

        With ``batch``, the writes are collected there and the caller flushes them.
        """
        if not isinstance(user, User):
            found = await self.store.users.get(user_id=user if isinstance(user, str) else user.id)
            if found is None:
                raise AnalyticsError("That user no longer exists.")
            user = found
        history = await load_history(self.store, user)
        stored = await stored_documents(self.store, user.id)
        now = self.now()
        topics = await self.topics()

        def compute() -> list[Doc]:
            docs = user_documents(history)
            docs += self._interview_documents(history, stored[AnalyticsType.INTERVIEW])
            return docs + self._chat_documents(history, stored[AnalyticsType.CHAT], topics)

        # CPU-bound: in a thread, so a screen that asks for a rebuild keeps drawing meanwhile.
        computed = await asyncio.to_thread(compute)
        existing = [d for docs in stored.values() for d in docs]
        written: WriteReport = await sync_documents(
            self.store, computed=computed, existing=existing, now=now, since=since, batch=batch
        )
        return RebuildReport(
            users=1,
            interviews=len(history.interviews),
            chats=len(history.chats),
            written=written.written,
            unchanged=written.unchanged,
        )

    @staticmethod
    def _interview_documents(history: UserHistory, stored: list[Analytics]) -> list[Doc]:
        done = [iv for iv in history.interviews if is_completed(iv)]
        held = {
            d.interview_metrics.interview_id: d.period.date
            for d in stored
            if d.interview_metrics is not None and d.interview_metrics.interview_id
        }
        dates = claim_dates(((iv.id, wanted_date(iv)) for iv in done), held)
        return [interview_document(iv, date=dates[iv.id]) for iv in done]

    @staticmethod
    def _chat_documents(
        history: UserHistory, stored: list[Analytics], topics: TopicMatcher
    ) -> list[Doc]:
        chats = [c for c in history.chats if c.messages]
        held = {
            d.chat_metrics.session_id: d.period.date
            for d in stored
            if d.chat_metrics is not None and d.chat_metrics.session_id
        }
        dates = claim_dates(((c.id, c.created_at) for c in chats), held)
        return [chat_document(c, date=dates[c.id], topics=topics) for c in chats]

    # --- keeping current ------------------------------------------------------------------------

    async def interview_completed(self, interview_id: str) -> RebuildReport:
        """After an interview finishes (or is deleted or regraded): bring its owner's documents
        up to date. Only documents whose content changed are written."""
        interview = await self.store.interviews.get(interview_id=interview_id)
        if interview is None:
            raise AnalyticsError("That interview no longer exists.")
        return await self.rebuild_user(interview.user_id)

    async def chat_updated(self, chat_id: str) -> RebuildReport:
        """After a conversation changed: bring its owner's documents up to date."""
        chat = await self.store.chats.get(chat_id=chat_id)
        if chat is None:
            raise AnalyticsError("That conversation no longer exists.")
        return await self.rebuild_user(chat.user_id)

    # --- reading ------------------------------------------------------------------------------

    async def progress(
        self, user: User | PublicUser, *, granularity: PeriodType = PeriodType.WEEKLY
    ) -> ProgressReport:
        """The user's progress from their rollups, rebuilt first when they are missing or
        disagree with the interviews (a cheap check on the store's own counts)."""
        stats = await self.store.interviews.user_stats(user_id=user.id)
        yearly = await self._periods(user.id, PeriodType.YEARLY, _YEARLY_SKIPS)
        counted = sum(d.user_metrics.interviews_completed for d in yearly if d.user_metrics)
        if counted != stats.completed or (not yearly and stats.total):
            await self.rebuild_user(user)
            yearly = await self._periods(user.id, PeriodType.YEARLY, _YEARLY_SKIPS)
        daily = await self._periods(user.id, PeriodType.DAILY, _DAILY_SKIPS)
        chosen = await self._periods(user.id, granularity, _CHOSEN_SKIPS)
        zone = zone_for(user.preferences.timezone)
        now = self.now()
        today = local_day(now, zone)
        current: dict[PeriodType, Analytics | None] = {}
        for kind in (PeriodType.WEEKLY, PeriodType.MONTHLY):
            start, _ = period_of(kind, today).bounds(zone)
            current[kind] = await self.store.analytics.get_period(
                user_id=user.id, type=AnalyticsType.USER, period_type=kind, date=start
            )
        return build_report(
            name=user.name,
            timezone=user.preferences.timezone,
            zone=zone,
            now=now,
            granularity=granularity,
            daily=daily,
            chosen=chosen,
            yearly=yearly,
            this_week=current[PeriodType.WEEKLY],
            this_month=current[PeriodType.MONTHLY],
            average_score=stats.average_score,
            best_score=stats.best_score,
        )

    async def _periods(
        self, user_id: str, kind: PeriodType, without: tuple[str, ...]
    ) -> list[Analytics]:
        return await self.store.analytics.list(
            user_id=user_id, type=AnalyticsType.USER, period_type=kind, without=without
        )
