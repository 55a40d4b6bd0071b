"""A consistent read view of a store for backups.

The embedded store is copied with SQLite's online backup API (one read transaction, so the
copy is a single point in time even while the app writes) and the copy is exported. MongoDB is
exported collection by collection: each document is consistent, and for point-in-time backups
of a busy replica set the admin guide points to `mongodump --oplog` or Atlas snapshots.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from interviewai_tui.store import Store, StoreUnavailableError, open_store

__all__ = ["consistent_view", "sqlite_file"]


def sqlite_file(store: Store) -> Path | None:
    """The database file of an embedded store, None for other engines."""
    path = getattr(store, "path", None)
    return path if store.engine == "sqlite" and isinstance(path, Path) else None


def _copy(source: Path, target: Path) -> None:
    # The stdlib module, not the store's driver: this is a file-level copy, not store access.
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # all pages in one step: one read transaction, one point in time
        finally:
            dst.close()
    finally:
        src.close()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


@asynccontextmanager
async def consistent_view(store: Store, *, workdir: Path) -> AsyncIterator[Store]:
    """The store to export from: a point-in-time copy for SQLite (in `workdir`, removed after),
    the store itself otherwise."""
    source = sqlite_file(store)
    if source is None:
        yield store
        return
    copy = workdir / f".interviewai-snapshot-{os.getpid()}.db"
    _remove(copy)
    try:
        try:
            await asyncio.to_thread(_copy, source, copy)
        except sqlite3.Error as exc:
            raise StoreUnavailableError(
                f"The database {source} could not be read for the backup ({exc})."
            ) from None
        async with open_store(f"sqlite:///{copy}") as snapshot:
            yield snapshot
    finally:
        _remove(copy)
