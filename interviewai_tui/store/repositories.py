"""Repository Protocols, one per collection. See `interviewai_tui.store.base` for the
conventions they share (keyword-only arguments, `get` -> None, `update` -> NotFoundError, ...)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Literal, Protocol, TypeVar

from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.chats import ChatMessage, ChatSession, MessageFeedback
from interviewai_tui.domain.common import (
    AnalyticsType,
    Category,
    Difficulty,
    InterviewStatus,
    PeriodType,
    QuestionStatus,
    QuestionType,
    Role,
    UserStatus,
)
from interviewai_tui.domain.interviews import Interview, JudgeSummary
from interviewai_tui.domain.metrics import Alert, SystemMetric
from interviewai_tui.domain.questions import Question
from interviewai_tui.domain.sessions import Session
from interviewai_tui.domain.stats import InterviewOverview, UserInterviewStats, UserOverview
from interviewai_tui.domain.users import User

__all__ = [
    "AnalyticsRepository",
    "AuditRepository",
    "Changes",
    "ChatRepository",
    "InterviewRepository",
    "InterviewSort",
    "MetricsRepository",
    "Page",
    "QuestionField",
    "QuestionRepository",
    "SessionRepository",
    "UpsertResult",
    "UserRepository",
]

Changes = Mapping[str, object]
InterviewSort = Literal[
    "created_at",
    "completed_at",
    "score",
    "title",
    "status",
    "time_spent",
    "difficulty",
    "job_role",
    "tech",
]
"""History sort keys. Ties go by id in the same direction; rows without a value (no score,
no time spent, no role, an empty stack, not completed) come last in both directions; title,
role and tech compare case-insensitively (ASCII); difficulty by rank easy < medium < hard."""
QuestionField = Literal["techStack", "tags", "skills", "category"]


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results and the total number of matches."""

    items: list[T]
    total: int
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total


@dataclass(frozen=True, slots=True)
class UpsertResult:
    inserted: int = 0
    updated: int = 0
    ids: list[str] = field(default_factory=list)  # in input order


class UserRepository(Protocol):
    async def create(self, *, user: User) -> User: ...
    async def get(self, *, user_id: str) -> User | None: ...
    async def get_by_email(self, *, email: str) -> User | None: ...
    async def get_by_google_id(self, *, google_id: str) -> User | None: ...
    async def update(self, *, user_id: str, changes: Changes) -> User: ...
    async def delete(self, *, user_id: str) -> bool: ...
    async def list(
        self,
        *,
        role: Role | None = None,
        status: UserStatus | None = None,
        search: str | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> Page[User]:
        """Newest first (createdAt desc); `search` matches name or email."""
        ...

    async def count(self, *, role: Role | None = None, status: UserStatus | None = None) -> int: ...
    async def increment_login_attempts(self, *, user_id: str) -> int:
        """Atomically add one failed attempt; returns the new count."""
        ...

    async def reset_login_attempts(self, *, user_id: str) -> None: ...
    async def set_lock(self, *, user_id: str, until: datetime | None) -> None: ...
    async def record_login(self, *, user_id: str, at: datetime) -> None:
        """Successful login: lastLogin=at, loginAttempts=0, lockUntil cleared, activity=at."""
        ...

    async def add_to_stats(
        self,
        *,
        user_id: str,
        total_interviews: int = 0,
        completed_interviews: int = 0,
        total_chat_messages: int = 0,
        last_activity_at: datetime | None = None,
    ) -> None:
        """Atomic increments of the counters in `stats` (and optionally lastActivityAt)."""
        ...

    async def overview(self, *, since: datetime) -> UserOverview: ...


class InterviewRepository(Protocol):
    async def create(self, *, interview: Interview) -> Interview: ...
    async def get(self, *, interview_id: str) -> Interview | None: ...
    async def update(self, *, interview_id: str, changes: Changes) -> Interview: ...
    async def delete(self, *, interview_id: str) -> bool: ...
    async def list_for_user(
        self,
        *,
        user_id: str,
        status: InterviewStatus | Sequence[InterviewStatus] | None = None,
        job_role: str | None = None,
        difficulty: Difficulty | None = None,
        tech: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        search: str | None = None,
        include_archived: bool = True,
        sort: InterviewSort = "created_at",
        descending: bool = True,
        offset: int = 0,
        limit: int = 20,
        without: Sequence[str] = (),
    ) -> Page[Interview]:
        """A user's interviews; since/until bound createdAt (since inclusive, until exclusive);
        `search` matches the title; `tech` is one exact techStack entry. `without` leaves
        stored paths out of the returned documents, as in `AnalyticsRepository.list`."""
        ...

    async def save_answer(
        self,
        *,
        interview_id: str,
        question_index: int | None = None,
        question_id: str | None = None,
        answer: str | None = None,
        code_answer: str | None = None,
        time_spent: int | None = None,
        remaining_seconds: int | None = None,
        status: QuestionStatus | None = None,
        submitted_at: datetime | None = None,
    ) -> None:
        """One small write of a draft or a submission. The question is chosen by position or by
        the item's `_id`. Only the arguments that are not None are written."""
        ...

    async def save_evaluation(
        self,
        *,
        interview_id: str,
        question_index: int | None = None,
        question_id: str | None = None,
        score: int,
        feedback: str | None,
        ai_provider: str | None,
        evaluated_at: datetime,
        judge: JudgeSummary | None = None,
    ) -> None: ...

    async def find_in_progress(self, *, user_id: str) -> list[Interview]:
        """Unfinished (in_progress) interviews of a user, newest first, for resume."""
        ...

    async def recent_question_ids(self, *, user_id: str, n: int = 10) -> set[str]:
        """Bank question ids used in the user's `n` most recent interviews."""
        ...

    async def user_stats(self, *, user_id: str) -> UserInterviewStats: ...
    async def overview(
        self, *, since: datetime, until: datetime, top: int = 5
    ) -> InterviewOverview:
        """Counts by status and average score over all interviews; per-day counts and top job
        roles over interviews created in [since, until)."""
        ...

    async def list_older_than(
        self, *, before: datetime, status: InterviewStatus | None = None, limit: int = 500
    ) -> list[Interview]:
        """Interviews created before `before`, oldest first (for archiving)."""
        ...

    async def count_older_than(
        self, *, before: datetime, status: InterviewStatus | None = None
    ) -> int:
        """How many interviews `list_older_than` would go through (archive dry runs)."""
        ...

    async def distinct_job_roles(self) -> list[str]: ...


class ChatRepository(Protocol):
    async def create(self, *, chat: ChatSession) -> ChatSession: ...
    async def get(self, *, chat_id: str) -> ChatSession | None: ...
    async def list_for_user(
        self,
        *,
        user_id: str,
        search: str | None = None,
        active_only: bool = False,
        offset: int = 0,
        limit: int = 20,
    ) -> Page[ChatSession]:
        """Most recent conversation first (lastMessageAt desc, then createdAt desc); `search`
        matches the title or any message's content."""
        ...

    async def append_message(self, *, chat_id: str, message: ChatMessage) -> None:
        """Atomically append; messageCount+1, lastMessageAt, updatedAt, analytics totals."""
        ...

    async def update_message_feedback(
        self, *, chat_id: str, message_id: str, feedback: MessageFeedback
    ) -> None: ...
    async def update(self, *, chat_id: str, changes: Changes) -> ChatSession: ...
    async def delete(self, *, chat_id: str) -> bool: ...
    async def delete_older_than(self, *, before: datetime) -> int:
        """Delete conversations whose last activity is before `before` (archiving)."""
        ...

    async def list_older_than(self, *, before: datetime, limit: int = 500) -> list[ChatSession]:
        """Conversations whose last activity (lastMessageAt, else createdAt) is before
        `before`, least recent first, ties by `_id` (for archiving)."""
        ...

    async def count_older_than(self, *, before: datetime) -> int:
        """How many conversations `list_older_than` would go through."""
        ...


class QuestionRepository(Protocol):
    async def create(self, *, question: Question) -> Question: ...
    async def get(self, *, question_id: str) -> Question | None: ...
    async def update(self, *, question_id: str, changes: Changes) -> Question: ...
    async def delete(self, *, question_id: str) -> bool: ...
    async def upsert_many(self, *, questions: Sequence[Question]) -> UpsertResult:
        """Idempotent load keyed on (question text, type): existing ones keep their `_id`,
        `usage` and `createdAt`; the rest of the content is replaced."""
        ...

    async def list(
        self,
        *,
        type: QuestionType | None = None,
        category: Category | None = None,
        difficulty: Difficulty | None = None,
        tech: str | None = None,
        tag: str | None = None,
        active: bool | None = None,
        search: str | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> Page[Question]:
        """Newest first; `search` matches the question text."""
        ...

    async def select(
        self,
        *,
        type: QuestionType | None = None,
        category: Category | None = None,
        difficulty: Difficulty | None = None,
        tech_stack: Sequence[str] = (),
        exclude_ids: Sequence[str] = (),
        limit: int = 50,
    ) -> builtins.list[Question]:
        """Active candidates for the planner: any of `tech_stack` (all when empty), least used
        first (usage.timesUsed asc, then _id)."""
        ...

    async def increment_usage(self, *, question_id: str, by: int = 1) -> None: ...
    async def distinct(self, *, field: QuestionField) -> builtins.list[str]:
        """Sorted distinct values of a field over the bank (e.g. all tech stacks or tags)."""
        ...

    async def count(self, *, active: bool | None = None) -> int: ...


class AnalyticsRepository(Protocol):
    async def upsert_period(self, *, analytics: Analytics) -> Analytics:
        """Insert or replace the document for (userId, type, period.type, period.date);
        an existing one keeps its `_id` and `createdAt`."""
        ...

    async def get_period(
        self,
        *,
        user_id: str | None,
        type: AnalyticsType,
        period_type: PeriodType,
        date: datetime,
    ) -> Analytics | None: ...
    async def list(
        self,
        *,
        user_id: str | None,
        type: AnalyticsType,
        period_type: PeriodType | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        without: Sequence[str] = (),
    ) -> list[Analytics]:
        """Oldest period first. `without`: stored dotted paths (``userMetrics.scoreHistory``)
        left out of the returned documents, which then hold those fields' defaults; for
        read-only summaries that do not need a large field. A malformed path raises
        StoreError."""
        ...

    async def delete_older_than(self, *, before: datetime) -> int:
        """Delete periods whose `period.date` is before `before` (retention)."""
        ...

    async def delete_interview_documents(self, *, user_id: str, interview_id: str) -> int:
        """Delete the `type: "interview"` document(s) of one of the user's interviews (those
        whose `interviewMetrics.interviewId` is it); returns how many were deleted."""
        ...

    async def count_older_than(self, *, before: datetime) -> int:
        """How many periods `delete_older_than` would delete."""
        ...


class MetricsRepository(Protocol):
    async def insert(self, *, metric: SystemMetric) -> SystemMetric: ...
    async def latest(self) -> SystemMetric | None: ...
    async def range(
        self, *, since: datetime, until: datetime | None = None, limit: int = 10_000
    ) -> list[SystemMetric]:
        """Samples with since <= timestamp < until, oldest first."""
        ...

    async def open_alerts(self, *, limit: int = 100) -> list[Alert]:
        """Unresolved alerts, newest first."""
        ...

    async def resolve_alert(self, *, alert_id: str, at: datetime) -> bool: ...
    async def delete_older_than(self, *, before: datetime) -> int: ...


class SessionRepository(Protocol):
    async def create(self, *, session: Session) -> Session: ...
    async def get_by_token_hash(self, *, token_hash: str) -> Session | None:
        """The session, or None when unknown or expired (by the store's clock)."""
        ...

    async def touch(
        self, *, session_id: str, at: datetime, expires_at: datetime | None = None
    ) -> None: ...
    async def delete(self, *, session_id: str) -> bool: ...
    async def delete_for_user(self, *, user_id: str) -> int: ...
    async def purge_expired(self) -> int: ...
    async def count_expired(self) -> int:
        """How many sessions `purge_expired` would delete now (by the store's clock)."""
        ...


class AuditRepository(Protocol):
    async def add(self, *, entry: AuditEntry) -> AuditEntry: ...
    async def list(
        self,
        *,
        actor_id: str | None = None,
        target_id: str | None = None,
        action: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page[AuditEntry]:
        """Newest first."""
        ...
