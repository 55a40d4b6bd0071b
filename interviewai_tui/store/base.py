"""The store's ports: `Store`, one repository Protocol per collection, `Page`, and the errors.

Conventions shared by every repository:
- Arguments are keyword-only; domain models go in and come out, never raw dicts.
- `get*` returns `None` when nothing matches; `update*`/`save*` raise `NotFoundError`;
  `delete` returns whether something was deleted.
- `update(..., changes=...)` sets fields by their *stored* (camelCase, dotted) names, e.g.
  `{"name": "Ann", "preferences.theme": "dark"}`; values may be domain values (enums, models,
  datetimes). The result is validated against the model before anything is written, and
  `updatedAt` is set from the store's clock where the collection has one.
- `search` arguments are literal text matched case-insensitively; they are never patterns or
  operators.
- Pages are ordered deterministically (ties broken by `_id`) with `total` counting all matches.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Protocol, Self

from interviewai_tui.store.errors import (
    BadURLError,
    DuplicateError,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
    StoreUnavailableError,
)
from interviewai_tui.store.repositories import (
    AnalyticsRepository,
    AuditRepository,
    Changes,
    ChatRepository,
    InterviewRepository,
    InterviewSort,
    MetricsRepository,
    Page,
    QuestionField,
    QuestionRepository,
    SessionRepository,
    UpsertResult,
    UserRepository,
)

__all__ = [
    "COLLECTIONS",
    "AnalyticsRepository",
    "AuditRepository",
    "BadURLError",
    "Changes",
    "ChatRepository",
    "DuplicateError",
    "InterviewRepository",
    "InterviewSort",
    "MetricsRepository",
    "NotFoundError",
    "Page",
    "QuestionField",
    "QuestionRepository",
    "SchemaTooNewError",
    "SessionRepository",
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "UpsertResult",
    "UserRepository",
]

# Stored collection names (the seed's, plus `sessions` and `auditLog`).
COLLECTIONS: tuple[str, ...] = (
    "users",
    "interviews",
    "chatSessions",
    "questions",
    "analytics",
    "systemMetrics",
    "sessions",
    "auditLog",
)


class Store(Protocol):
    """An open database with one repository per collection. Use as `async with open_store(url)`."""

    # Read-only members, so implementations may hold their own repository classes.
    @property
    def engine(self) -> str:
        """ "sqlite", "mongodb" or "mongomock"."""
        ...

    @property
    def users(self) -> UserRepository: ...
    @property
    def interviews(self) -> InterviewRepository: ...
    @property
    def chats(self) -> ChatRepository: ...
    @property
    def questions(self) -> QuestionRepository: ...
    @property
    def analytics(self) -> AnalyticsRepository: ...
    @property
    def metrics(self) -> MetricsRepository: ...
    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def audit(self) -> AuditRepository: ...

    async def open(self) -> None:
        """Connect, check the schema version, migrate, create indexes."""
        ...

    async def close(self) -> None: ...
    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def ping(self) -> float:
        """Round-trip time in milliseconds; raises StoreUnavailableError."""
        ...

    async def counts(self) -> dict[str, int]:
        """Documents per collection, keyed by the stored collection names in COLLECTIONS."""
        ...

    def describe(self) -> str:
        """Engine and location for humans, with any password masked."""
        ...

    def export(self, *, collection: str) -> AsyncIterator[dict[str, Any]]:
        """Every document of a collection in stored form (camelCase, `_id`; datetimes as aware
        datetimes), for backups."""
        ...

    async def import_documents(
        self, *, collection: str, documents: Sequence[Mapping[str, Any]]
    ) -> int:
        """Insert documents in stored form (restore); existing `_id`s are replaced. Returns
        the number written. Documents are validated against the collection's model first."""
        ...
