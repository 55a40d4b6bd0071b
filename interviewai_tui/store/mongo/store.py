"""The MongoDB store (Motor), or mongomock-motor for `mongomock://` in tests."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from interviewai_tui.clock import Clock, SystemClock
from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.common import Document, is_object_id
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.domain.metrics import SystemMetric
from interviewai_tui.domain.questions import Question
from interviewai_tui.domain.sessions import Session
from interviewai_tui.domain.users import User
from interviewai_tui.store._shared import AUDIT_APPEND_ONLY, mask_url, validate_documents
from interviewai_tui.store.base import COLLECTIONS
from interviewai_tui.store.errors import SchemaTooNewError, StoreError
from interviewai_tui.store.lifecycle import OpenClose
from interviewai_tui.store.models import MODELS
from interviewai_tui.store.mongo.analytics import MongoAnalytics, MongoMetrics
from interviewai_tui.store.mongo.chats import MongoChats
from interviewai_tui.store.mongo.client import (
    MAJORITY,
    IndexModel,
    ReplaceOne,
    database_name,
    errors,
    from_bson,
    make_client,
    oid,
    to_bson,
)
from interviewai_tui.store.mongo.indexes import INDEXES
from interviewai_tui.store.mongo.interviews import MongoInterviews
from interviewai_tui.store.mongo.questions import MongoQuestions
from interviewai_tui.store.mongo.sessions import MongoAudit, MongoSessions
from interviewai_tui.store.mongo.users import MongoUsers

__all__ = ["SCHEMA_VERSION", "MongoStore"]

SCHEMA_VERSION = 1
_META = "interviewaiMeta"  # one document: {_id: "schema", version: N}


class MongoStore(OpenClose):
    """A `Store` on a MongoDB database (the URL's path names it; default `interviewai`)."""

    def __init__(self, url: str, *, clock: Clock | None = None) -> None:
        self.url = url
        self.clock = clock or SystemClock()
        self.engine = "mongomock" if url.startswith("mongomock://") else "mongodb"
        self._where = mask_url(url).split("://", 1)[-1] or "localhost"
        self._client: Any = make_client(url)
        self.db: Any = self._client[database_name(url)]
        c, w, db = self.clock, self._where, self.db
        # Candidate work (answers, evaluations) must survive a primary failover.
        interviews = db.get_collection("interviews", write_concern=MAJORITY)
        self.users = MongoUsers(db["users"], User, c, w)
        self.interviews = MongoInterviews(interviews, Interview, c, w)
        self.chats = MongoChats(db["chatSessions"], ChatSession, c, w)
        self.questions = MongoQuestions(db["questions"], Question, c, w)
        self.analytics = MongoAnalytics(db["analytics"], Analytics, c, w)
        self.metrics = MongoMetrics(db["systemMetrics"], SystemMetric, c, w)
        self.sessions = MongoSessions(db["sessions"], Session, c, w)
        self.audit = MongoAudit(db["auditLog"], AuditEntry, c, w)

    async def open(self) -> None:
        with errors(self._where):
            await self.db.command("ping")
            meta = await self.db[_META].find_one({"_id": "schema"})
            found = int(meta["version"]) if meta else 0
            if found > SCHEMA_VERSION:
                raise SchemaTooNewError(found, SCHEMA_VERSION, f"at {self._where}")
            for name, specs in INDEXES.items():
                models = [IndexModel(keys, **options) for keys, options in specs]
                await self.db[name].create_indexes(models)
            if found < SCHEMA_VERSION:
                await self.db[_META].update_one(
                    {"_id": "schema"}, {"$set": {"version": SCHEMA_VERSION}}, upsert=True
                )

    async def close(self) -> None:
        self._client.close()

    async def ping(self) -> float:
        start = time.perf_counter()
        with errors(self._where):
            await self.db.command("ping")
        return (time.perf_counter() - start) * 1000

    async def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        with errors(self._where):
            for name in COLLECTIONS:
                result[name] = int(await self.db[name].count_documents({}))
        return result

    def describe(self) -> str:
        kind = "mongomock (in memory)" if self.engine == "mongomock" else "MongoDB"
        return f"{kind} at {self._where}"

    def _model(self, collection: str) -> type[Document]:
        if collection not in MODELS:
            raise StoreError(f"Unknown collection {collection!r}.")
        return MODELS[collection]

    async def export(self, *, collection: str) -> AsyncIterator[dict[str, Any]]:
        async for doc in self.export_models(collection=collection):
            yield doc.model_dump(by_alias=True)

    async def export_models(self, *, collection: str) -> AsyncIterator[Document]:
        model = self._model(collection)
        with errors(self._where):
            cursor = self.db[collection].find({}).sort([("_id", 1)])
            async for raw in cursor:
                yield model.model_validate(from_bson(raw))

    async def import_documents(
        self, *, collection: str, documents: Sequence[Mapping[str, Any]]
    ) -> int:
        bodies: list[dict[str, Any]] = []
        for doc in validate_documents(collection, self._model(collection), documents):
            body = to_bson(doc.model_dump(by_alias=True))
            if collection == "users" and body.get("googleId") is None:
                body.pop("googleId", None)  # the sparse unique index counts nulls
            bodies.append(body)
        coll = self.db[collection]
        with errors(self._where):
            if self.engine == "mongodb":
                for start in range(0, len(bodies), 1000):
                    ops = [
                        ReplaceOne({"_id": b["_id"]}, b, upsert=True)
                        for b in bodies[start : start + 1000]
                    ]
                    await coll.bulk_write(ops, ordered=False)
            else:
                # mongomock's bulk_write does not accept what PyMongo >= 4.9 passes to it.
                for body in bodies:
                    await coll.replace_one({"_id": body["_id"]}, body, upsert=True)
        return len(bodies)

    async def get_documents(self, *, collection: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        model = self._model(collection)
        wanted = [i for i in dict.fromkeys(ids) if is_object_id(i)]
        if not wanted:
            return []
        with errors(self._where):
            cursor = self.db[collection].find({"_id": {"$in": [oid(i) for i in wanted]}})
            raws = await cursor.to_list(None)
        found = {str(raw["_id"]): raw for raw in raws}
        return [
            model.model_validate(from_bson(found[i])).model_dump(by_alias=True)
            for i in wanted
            if i in found
        ]

    async def delete_documents(self, *, collection: str, ids: Sequence[str]) -> int:
        self._model(collection)
        if collection == "auditLog":
            raise StoreError(AUDIT_APPEND_ONLY)
        wanted = [oid(i) for i in dict.fromkeys(ids) if is_object_id(i)]
        if not wanted:
            return 0
        # One delete_many is one command: atomic per document, and its ids are bounded by the
        # callers' batches (the 16 MB command limit holds ~600,000 ObjectIds).
        with errors(self._where):
            result = await self.db[collection].delete_many({"_id": {"$in": wanted}})
        return int(result.deleted_count)
