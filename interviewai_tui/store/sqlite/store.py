"""The embedded store: one SQLite file, WAL mode, synchronous=FULL."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from interviewai_tui.clock import Clock, SystemClock
from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.common import Document
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.domain.metrics import SystemMetric
from interviewai_tui.domain.questions import Question
from interviewai_tui.domain.sessions import Session
from interviewai_tui.domain.users import User
from interviewai_tui.store._shared import AUDIT_APPEND_ONLY, validate_documents
from interviewai_tui.store.base import COLLECTIONS
from interviewai_tui.store.errors import StoreError
from interviewai_tui.store.lifecycle import OpenClose
from interviewai_tui.store.models import MODELS
from interviewai_tui.store.sqlite.analytics import SqliteAnalytics, SqliteMetrics
from interviewai_tui.store.sqlite.chats import SqliteChats
from interviewai_tui.store.sqlite.codec import encode
from interviewai_tui.store.sqlite.connection import Db
from interviewai_tui.store.sqlite.interviews import SqliteInterviews
from interviewai_tui.store.sqlite.questions import SqliteQuestions
from interviewai_tui.store.sqlite.sessions import SqliteAudit, SqliteSessions
from interviewai_tui.store.sqlite.users import SqliteUsers

__all__ = ["SqliteStore"]


class SqliteStore(OpenClose):
    """A `Store` on one SQLite file."""

    engine = "sqlite"

    def __init__(self, path: Path, *, clock: Clock | None = None) -> None:
        self.path = path
        self.clock = clock or SystemClock()
        self.db = Db(path)
        c = self.clock
        self.users = SqliteUsers(self.db, User, c)
        self.interviews = SqliteInterviews(self.db, Interview, c)
        self.chats = SqliteChats(self.db, ChatSession, c)
        self.questions = SqliteQuestions(self.db, Question, c)
        self.analytics = SqliteAnalytics(self.db, Analytics, c)
        self.metrics = SqliteMetrics(self.db, SystemMetric, c)
        self.sessions = SqliteSessions(self.db, Session, c)
        self.audit = SqliteAudit(self.db, AuditEntry, c)

    async def open(self) -> None:
        await self.db.open()

    async def close(self) -> None:
        await self.db.close()

    async def ping(self) -> float:
        start = time.perf_counter()
        await self.db.scalar("SELECT 1")
        return (time.perf_counter() - start) * 1000

    async def counts(self) -> dict[str, int]:
        return {
            name: int(await self.db.scalar(f"SELECT count(*) FROM {name}")) for name in COLLECTIONS
        }

    def describe(self) -> str:
        return f"SQLite at {self.path}"

    def _model(self, collection: str) -> type[Document]:
        if collection not in MODELS:
            raise StoreError(f"Unknown collection {collection!r}.")
        return MODELS[collection]

    async def export(self, *, collection: str) -> AsyncIterator[dict[str, Any]]:
        async for doc in self.export_models(collection=collection):
            yield doc.model_dump(by_alias=True)

    async def export_models(self, *, collection: str) -> AsyncIterator[Document]:
        model = self._model(collection)
        last = ""
        while True:  # in id order, a batch at a time, so memory stays flat
            rows = await self.db.fetchall(
                f"SELECT id, doc FROM {collection} WHERE id > ? ORDER BY id LIMIT 1000", (last,)
            )
            if not rows:
                return
            for row in rows:
                yield model.model_validate_json(row[1])
            last = rows[-1][0]

    async def import_documents(
        self, *, collection: str, documents: Sequence[Mapping[str, Any]]
    ) -> int:
        docs = validate_documents(collection, self._model(collection), documents)
        encoded = [(doc.id, encode(doc)) for doc in docs]
        await self.db.executemany(
            f"INSERT INTO {collection} (id, doc) VALUES (?, ?)"
            " ON CONFLICT(id) DO UPDATE SET doc = excluded.doc",
            encoded,
        )
        return len(encoded)

    async def get_documents(self, *, collection: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        model = self._model(collection)
        wanted = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start : start + _IN_CHUNK]
            rows = await self.db.fetchall(
                f"SELECT id, doc FROM {collection} WHERE id IN ({_marks(len(chunk))})", chunk
            )
            found.update((row[0], row[1]) for row in rows)
        return [
            model.model_validate_json(found[i]).model_dump(by_alias=True)
            for i in wanted
            if i in found
        ]

    async def delete_documents(self, *, collection: str, ids: Sequence[str]) -> int:
        self._model(collection)
        if collection == "auditLog":
            raise StoreError(AUDIT_APPEND_ONLY)
        wanted = list(dict.fromkeys(ids))
        deleted = 0
        async with self.db.write():  # all chunks commit together, or none does
            for start in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[start : start + _IN_CHUNK]
                deleted += await self.db.execute_locked(
                    f"DELETE FROM {collection} WHERE id IN ({_marks(len(chunk))})", chunk
                )
        return deleted


# Ids per `IN (...)`: well below SQLite's bound-parameter limit (999 before 3.32).
_IN_CHUNK = 500


def _marks(n: int) -> str:
    return ",".join("?" * n)
