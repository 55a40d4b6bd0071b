"""The store: `open_store(url)` picks an engine by URL scheme. See `base` for the ports."""

from __future__ import annotations

from interviewai_tui.store.base import (
    COLLECTIONS,
    SCHEMA_VERSION,
    BadURLError,
    DuplicateError,
    NotFoundError,
    Page,
    SchemaTooNewError,
    Store,
    StoreError,
    StoreUnavailableError,
    UpsertResult,
)
from interviewai_tui.store.factory import open_store

__all__ = [
    "COLLECTIONS",
    "SCHEMA_VERSION",
    "BadURLError",
    "DuplicateError",
    "NotFoundError",
    "Page",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "UpsertResult",
    "open_store",
]
