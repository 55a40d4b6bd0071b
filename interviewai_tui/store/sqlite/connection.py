"""The one SQLite connection: opening safely, PRAGMAs, migrations, a write lock, error mapping.

Opening never changes a file it should not: the version is read before anything is written,
a newer schema or a foreign file is refused, and migrations run in one transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from interviewai_tui.store.errors import (
    DuplicateError,
    SchemaTooNewError,
    StoreError,
    StoreUnavailableError,
)
from interviewai_tui.store.sqlite.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

__all__ = ["Db"]

# Unique-index column -> the stored field name a DuplicateError reports.
_UNIQUE_FIELDS = {
    "users.email": "email",
    "users.google_id": "googleId",
    "sessions.token_hash": "tokenHash",
    ".id": "_id",
}

_MIN_SQLITE = (3, 35, 0)  # RETURNING and STORED generated columns


def _casefold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


class Db:
    """An open database file. Reads run freely; writes take `self.write()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        self._ready = False  # only a fully opened database is ever written, even by close()

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise StoreUnavailableError("The database is not open.")
        return self._conn

    async def open(self) -> None:
        if sqlite3.sqlite_version_info < _MIN_SQLITE:
            raise StoreUnavailableError(
                f"SQLite {sqlite3.sqlite_version} is too old; InterviewAI needs 3.35 or newer."
            )
        self._check_location()
        try:
            self._conn = await aiosqlite.connect(str(self.path), isolation_level=None)
        except sqlite3.Error as exc:
            raise self._unavailable(exc) from None
        try:
            await self._prepare()
        except BaseException:
            await self.close()
            raise
        self._ready = True

    def _check_location(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            raise StoreUnavailableError(f"The folder {folder} does not exist.")
        if self.path.exists() and not self.path.is_file():
            raise StoreUnavailableError(f"{self.path} is not a file.")
        # WAL needs to create -wal and -shm files next to the database.
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreUnavailableError(
                f"The folder {folder} is read-only; choose a writable data folder."
            )
        if self.path.exists() and not os.access(self.path, os.R_OK | os.W_OK):
            raise StoreUnavailableError(
                f"The database file {self.path} is not readable and writable."
            )

    async def _prepare(self) -> None:
        conn = self.conn
        try:
            # Read-only probes first: they fail on a file that is not SQLite, writing nothing.
            version = await self._scalar("PRAGMA user_version")
            app_id = await self._scalar("PRAGMA application_id")
            tables = await self._scalar("SELECT count(*) FROM sqlite_schema WHERE type='table'")
        except sqlite3.DatabaseError as exc:
            raise self._unavailable(exc) from None
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(version, SCHEMA_VERSION, str(self.path))
        if app_id not in (0, APPLICATION_ID) or (version == 0 and tables):
            raise StoreUnavailableError(
                f"{self.path} is a SQLite database of another program; it was not changed."
            )
        await conn.execute("PRAGMA busy_timeout = 5000")
        await conn.execute("PRAGMA foreign_keys = ON")
        # Bounds the work of `PRAGMA optimize` at close on a large file.
        await conn.execute("PRAGMA analysis_limit = 400")
        try:
            await conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            raise self._unavailable(exc) from None
        # FULL: a committed answer survives a power loss, not only an app crash.
        await conn.execute("PRAGMA synchronous = FULL")
        await conn.create_function("casefold", 1, _casefold, deterministic=True)
        if version < SCHEMA_VERSION:
            await self._migrate()

    async def _migrate(self) -> None:
        async with self.write():
            # Another process may have migrated between our probe and taking the lock.
            version = await self._scalar("PRAGMA user_version")
            if version > SCHEMA_VERSION:
                raise SchemaTooNewError(version, SCHEMA_VERSION, str(self.path))
            for step in MIGRATIONS[version:]:
                for statement in step:
                    await self.conn.execute(statement)
            await self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            await self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    async def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            # Recommended at close: refreshes planner statistics when they are stale. A file
            # that cannot take it must still close.
            if self._ready:
                with contextlib.suppress(sqlite3.Error):
                    await conn.execute("PRAGMA optimize")
            self._ready = False
            await conn.close()

    def _unavailable(self, exc: sqlite3.Error) -> StoreUnavailableError:
        text = str(exc).lower()
        if "not a database" in text or "malformed" in text:
            return StoreUnavailableError(
                f"{self.path} is not an InterviewAI database (or is damaged); it was not changed."
            )
        if "readonly" in text or "read-only" in text:
            return StoreUnavailableError(f"The database {self.path} is read-only.")
        if "disk is full" in text or "full" in text:
            return StoreUnavailableError("The disk holding the database is full.")
        if "locked" in text or "busy" in text:
            return StoreUnavailableError("The database is busy in another program; try again.")
        return StoreUnavailableError(f"The database {self.path} cannot be used ({exc}).")

    # --- statements -----------------------------------------------------------------

    async def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        async with self.conn.execute(sql, params) as cur:
            row = await cur.fetchone()
        return None if row is None else row[0]

    async def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return await self._scalar(sql, params)
        except sqlite3.Error as exc:
            raise self._map(exc) from None

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            async with self.conn.execute(sql, params) as cur:
                return list(await cur.fetchall())
        except sqlite3.Error as exc:
            raise self._map(exc) from None

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            async with self.conn.execute(sql, params) as cur:
                return await cur.fetchone()
        except sqlite3.Error as exc:
            raise self._map(exc) from None

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write statement atomically; returns the number of changed rows."""
        async with self._lock:
            return await self.execute_locked(sql, params)

    async def execute_locked(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            async with self.conn.execute(sql, params) as cur:
                return int(cur.rowcount)
        except sqlite3.Error as exc:
            raise self._map(exc) from None

    async def write_returning(self, sql: str, params: Sequence[Any] = ()) -> Any:
        async with self._lock:
            try:
                async with self.conn.execute(sql, params) as cur:
                    row = await cur.fetchone()
                    await cur.fetchall()  # let the statement finish so it commits
                    return row
            except sqlite3.Error as exc:
                raise self._map(exc) from None

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.write():
            try:
                await self.conn.executemany(sql, rows)
            except sqlite3.Error as exc:
                raise self._map(exc) from None

    @asynccontextmanager
    async def write(self) -> AsyncIterator[None]:
        """A write transaction (BEGIN IMMEDIATE) under the write lock."""
        async with self._lock:
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._map(exc) from None
            try:
                yield
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            try:
                await self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                await self.conn.execute("ROLLBACK")
                raise self._map(exc) from None

    def _map(self, exc: sqlite3.Error) -> StoreError:
        if isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc):
            detail = str(exc).split(":", 1)[-1]
            for column, field in _UNIQUE_FIELDS.items():
                if column in detail:
                    return DuplicateError(field)
            return DuplicateError("key")
        return self._unavailable(exc)
