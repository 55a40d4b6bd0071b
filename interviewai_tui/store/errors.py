"""Store errors. Every message is one sentence a user can read; none contains a secret."""

from __future__ import annotations

__all__ = [
    "BadURLError",
    "DuplicateError",
    "NotFoundError",
    "SchemaTooNewError",
    "StoreError",
    "StoreUnavailableError",
]


class StoreError(Exception):
    """Base of every error the store raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DuplicateError(StoreError):
    """A unique field (e.g. `email`, `googleId`) already holds this value."""

    def __init__(self, field: str, message: str | None = None) -> None:
        super().__init__(message or f"Another record already uses this {field}.")
        self.field = field


class NotFoundError(StoreError):
    """The record to change does not exist (any more)."""

    def __init__(self, collection: str, record_id: str) -> None:
        super().__init__(f"No such {collection} record: {record_id}.")
        self.collection = collection
        self.record_id = record_id


class StoreUnavailableError(StoreError):
    """The database cannot be reached, opened or written."""


class SchemaTooNewError(StoreUnavailableError):
    """The database was written by a newer version of the program; it is left untouched."""

    def __init__(self, found: int, supported: int, where: str = "") -> None:
        at = f" {where}" if where else ""
        super().__init__(
            f"The database{at} uses schema version {found}, newer than the {supported} this "
            "version understands; upgrade InterviewAI (the database was not changed)."
        )
        self.found = found
        self.supported = supported


class BadURLError(StoreError):
    """The database URL has an unknown scheme or is malformed."""
