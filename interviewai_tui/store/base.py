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

from interviewai_tui.domain.common import Document
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
    "SCHEMA_VERSION",
    "AnalyticsRepository",
    "ArchiveSource",
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

# The version of the stored-document schema (field names, types, collections) that both
# engines implement; backups record it and restores refuse a newer one. Each engine also keeps
# its own layout version (SQLite `user_version`, Mongo's meta document); those count table and
# index changes and may move without this one. Raise it when a document's form changes.
SCHEMA_VERSION = 1

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
        datetimes), in `_id` order."""
        ...

    def export_models(self, *, collection: str) -> AsyncIterator[Document]:
        """As `export`, each document as its validated model (the stored form is its
        `model_dump(by_alias=True)`); backups encode these directly."""
        ...

    async def import_documents(
        self, *, collection: str, documents: Sequence[Mapping[str, Any]]
    ) -> int:
        """Insert documents in stored form (restore); existing `_id`s are replaced. Returns
        the number written. Documents are validated against the collection's model first."""
        ...

    async def get_documents(self, *, collection: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The documents with these ids in stored form (as `export` yields them), in the order
        of `ids`; unknown ids are left out and a repeated id gives one document."""
        ...

    async def delete_documents(self, *, collection: str, ids: Sequence[str]) -> int:
        """Delete the documents with these ids at once (one SQLite transaction; one
        `delete_many` on MongoDB); returns how many existed. The audit trail is append-only:
        `auditLog` is refused with a StoreError."""
        ...


class ArchiveSource(Protocol):
    """Where archived documents live (``ops.archived.ArchivedHistory``): a store with the same
    schema, or None while nothing was ever archived."""

    async def archive_store(self) -> Store | None: ...
