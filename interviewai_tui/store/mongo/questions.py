"""The question bank on MongoDB."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

from interviewai_tui.domain.common import Category, Difficulty, QuestionType
from interviewai_tui.domain.questions import Question
from interviewai_tui.store._shared import check_page
from interviewai_tui.store.base import Changes, Page, QuestionField, UpsertResult
from interviewai_tui.store.errors import NotFoundError, StoreError
from interviewai_tui.store.mongo.client import ASCENDING, DESCENDING, errors, literal_regex, oid
from interviewai_tui.store.mongo.collection import MongoCollection

__all__ = ["MongoQuestions"]


class MongoQuestions(MongoCollection[Question]):
    label = "question"

    async def create(self, *, question: Question) -> Question:
        return await self._insert(question)

    async def get(self, *, question_id: str) -> Question | None:
        return await self._get(question_id)

    async def update(self, *, question_id: str, changes: Changes) -> Question:
        return await self._update(question_id, changes)

    async def delete(self, *, question_id: str) -> bool:
        return await self._delete(question_id)

    async def upsert_many(self, *, questions: Sequence[Question]) -> UpsertResult:
        inserted = updated = 0
        ids: builtins.list[str] = []
        now = self.clock.now()
        for q in questions:
            old = await self._find_one({"type": str(q.type), "question": q.question})
            if old is None:
                await self._insert(q)
                inserted += 1
                ids.append(q.id)
                continue
            new = q.model_copy(
                update={
                    "id": old.id,
                    "usage": old.usage,
                    "created_at": old.created_at,
                    "updated_at": now,
                }
            )
            if new.model_dump(exclude={"updated_at"}) != old.model_dump(exclude={"updated_at"}):
                with errors(self.where):
                    await self.coll.replace_one({"_id": oid(old.id)}, self._dump(new))
                updated += 1
            ids.append(old.id)
        return UpsertResult(inserted=inserted, updated=updated, ids=ids)

    def _query(
        self,
        type: QuestionType | None,
        category: Category | None,
        difficulty: Difficulty | None,
        active: bool | None,
    ) -> dict[str, Any]:
        query: dict[str, Any] = {}
        if type is not None:
            query["type"] = str(type)
        if category is not None:
            query["category"] = str(category)
        if difficulty is not None:
            query["difficulty"] = str(difficulty)
        if active is not None:
            query["isActive"] = bool(active)
        return query

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
        query = self._query(type, category, difficulty, active)
        if tech is not None:
            query["techStack"] = str(tech)
        if tag is not None:
            query["tags"] = str(tag)
        if search:
            query["question"] = literal_regex(search)
        order = [("createdAt", DESCENDING), ("_id", DESCENDING)]
        return await self._page(query, order, offset, limit)

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
        query = self._query(type, category, difficulty, True)
        if tech_stack:
            query["techStack"] = {"$in": [str(t) for t in tech_stack]}
        if exclude_ids:
            query["_id"] = {"$nin": [oid(i) for i in exclude_ids]}
        _, limit = check_page(0, limit)
        if limit == 0:
            return []
        order = [("usage.timesUsed", ASCENDING), ("_id", ASCENDING)]
        return await self._find(query, order, limit)

    async def increment_usage(self, *, question_id: str, by: int = 1) -> None:
        if not await self._update_one(
            {"_id": oid(question_id)}, {"$inc": {"usage.timesUsed": int(by)}}
        ):
            raise NotFoundError(self.label, question_id)

    async def distinct(self, *, field: QuestionField) -> builtins.list[str]:
        if field not in ("techStack", "tags", "skills", "category"):
            raise StoreError(f"Cannot list distinct values of {field!r}.")
        with errors(self.where):
            values = await self.coll.distinct(field)
        return sorted(v for v in values if isinstance(v, str))

    async def count(self, *, active: bool | None = None) -> int:
        with errors(self.where):
            return int(await self.coll.count_documents(self._query(None, None, None, active)))
