"""What every Mongo repository does the same way: insert, get, partial update, delete, pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import Document
from interviewai_tui.store._shared import apply_changes, check_page
from interviewai_tui.store.base import Page
from interviewai_tui.store.errors import NotFoundError
from interviewai_tui.store.mongo.client import errors, from_bson, oid, to_bson, value_for

__all__ = ["MongoCollection"]

D = TypeVar("D", bound=Document)
Sort = Sequence[tuple[str, int]]


class MongoCollection(Generic[D]):
    """One collection of documents of type `model` (`coll` is a Motor collection)."""

    label = ""
    has_updated_at = True
    # Stored fields left out of the document when None (sparse unique indexes count nulls).
    omit_if_none: tuple[str, ...] = ()

    def __init__(self, coll: Any, model: type[D], clock: Clock, where: str) -> None:
        self.coll = coll
        self.model = model
        self.clock = clock
        self.where = where

    def _dump(self, doc: D) -> dict[str, Any]:
        data = to_bson(doc.model_dump(by_alias=True))
        for key in self.omit_if_none:
            if data.get(key) is None:
                data.pop(key, None)
        return data

    def _load(self, raw: Mapping[str, Any] | None) -> D | None:
        return None if raw is None else self.model.model_validate(from_bson(raw))

    def _load_all(self, raws: Sequence[Mapping[str, Any]]) -> list[D]:
        return [self.model.model_validate(from_bson(r)) for r in raws]

    async def _insert(self, doc: D) -> D:
        with errors(self.where):
            await self.coll.insert_one(self._dump(doc))
        return doc

    async def _find_one(self, query: Mapping[str, Any]) -> D | None:
        with errors(self.where):
            raw = await self.coll.find_one(query)
        return self._load(raw)

    async def _get(self, doc_id: str) -> D | None:
        return await self._find_one({"_id": oid(doc_id)})

    async def _update(self, doc_id: str, changes: Mapping[str, object]) -> D:
        changes = dict(changes)
        if self.has_updated_at and "updatedAt" not in changes:
            changes["updatedAt"] = self.clock.now()
        current = await self._get(doc_id)
        if current is None:
            raise NotFoundError(self.label, doc_id)
        updated, written = apply_changes(self.model, current.model_dump(by_alias=True), changes)
        sets = {k: value_for(k, v) for k, v in written.items() if not self._unset(k, v)}
        unsets = {k: "" for k, v in written.items() if self._unset(k, v)}
        update: dict[str, Any] = {}
        if sets:
            update["$set"] = sets
        if unsets:
            update["$unset"] = unsets
        with errors(self.where):
            result = await self.coll.update_one({"_id": oid(doc_id)}, update)
        if result.matched_count == 0:
            raise NotFoundError(self.label, doc_id)
        return updated

    def _unset(self, key: str, value: object) -> bool:
        return value is None and key in self.omit_if_none

    async def _update_one(self, query: Mapping[str, Any], update: Mapping[str, Any]) -> bool:
        """A single atomic update; True when a document matched."""
        with errors(self.where):
            result = await self.coll.update_one(query, update)
        return bool(result.matched_count)

    async def _delete(self, doc_id: str) -> bool:
        with errors(self.where):
            result = await self.coll.delete_one({"_id": oid(doc_id)})
        return bool(result.deleted_count)

    async def _count(self, query: Mapping[str, Any]) -> int:
        with errors(self.where):
            return int(await self.coll.count_documents(query))

    async def _delete_many(self, query: Mapping[str, Any]) -> int:
        with errors(self.where):
            result = await self.coll.delete_many(query)
        return int(result.deleted_count)

    async def _find(
        self,
        query: Mapping[str, Any],
        sort: Sort,
        limit: int = 0,
        *,
        projection: Mapping[str, Any] | None = None,
    ) -> list[D]:
        with errors(self.where):
            cursor = self.coll.find(query, projection).sort(list(sort))
            if limit:
                cursor = cursor.limit(limit)
            raws = await cursor.to_list(None)  # mongomock ignores to_list(n): limit() above
        return self._load_all(raws)

    async def _page(
        self,
        query: Mapping[str, Any],
        sort: Sort,
        offset: int,
        limit: int,
        *,
        projection: Mapping[str, Any] | None = None,
    ) -> Page[D]:
        offset, limit = check_page(offset, limit)
        with errors(self.where):
            total = await self.coll.count_documents(query)
            if limit == 0:
                return Page([], int(total), offset, limit)
            cursor = self.coll.find(query, projection).sort(list(sort)).skip(offset).limit(limit)
            raws = await cursor.to_list(None)
        return Page(self._load_all(raws), int(total), offset, limit)

    async def _aggregate(self, pipeline: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        with errors(self.where):
            raws = await self.coll.aggregate(list(pipeline)).to_list(None)
        return [from_bson(r) for r in raws]
