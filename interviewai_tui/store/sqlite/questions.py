"""The question bank on SQLite."""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from interviewai_tui.domain.common import Category, Difficulty, QuestionType
from interviewai_tui.domain.questions import Question
from interviewai_tui.store._shared import check_page
from interviewai_tui.store.base import Changes, Page, QuestionField, UpsertResult
from interviewai_tui.store.errors import NotFoundError, StoreError
from interviewai_tui.store.sqlite.codec import encode
from interviewai_tui.store.sqlite.table import Table, Where

__all__ = ["SqliteQuestions"]

_ARRAY_FIELDS = {"techStack": "tech_stack", "tags": "tags", "skills": "skills"}


class SqliteQuestions(Table[Question]):
    name = "questions"
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
        ids: list[str] = []
        now = self.clock.now()
        async with self.db.write():
            for q in questions:
                row = await self.db.fetchone(
                    "SELECT id, doc FROM questions WHERE type = ? AND question = ? LIMIT 1",
                    (str(q.type), q.question),
                )
                if row is None:
                    await self.db.execute_locked(
                        "INSERT INTO questions (id, doc) VALUES (?, ?)", (q.id, encode(q))
                    )
                    inserted += 1
                    ids.append(q.id)
                    continue
                old = Question.model_validate_json(row[1])
                new = q.model_copy(
                    update={
                        "id": old.id,
                        "usage": old.usage,
                        "created_at": old.created_at,
                        "updated_at": now,
                    }
                )
                if new.model_dump(exclude={"updated_at"}) != old.model_dump(exclude={"updated_at"}):
                    await self.db.execute_locked(
                        "UPDATE questions SET doc = ? WHERE id = ?", (encode(new), old.id)
                    )
                    updated += 1
                ids.append(old.id)
        return UpsertResult(inserted=inserted, updated=updated, ids=ids)

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
        where = self._where(type, category, difficulty, active)
        if tech is not None:
            where.add("EXISTS (SELECT 1 FROM json_each(tech_stack) WHERE value = ?)", tech)
        if tag is not None:
            where.add("EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ?)", tag)
        where.contains(("question",), search)
        return await self._page(where, "created_at DESC, id DESC", offset, limit)

    def _where(
        self,
        type: QuestionType | None,
        category: Category | None,
        difficulty: Difficulty | None,
        active: bool | None,
    ) -> Where:
        where = Where()
        if type is not None:
            where.add("type = ?", str(type))
        if category is not None:
            where.add("category = ?", str(category))
        if difficulty is not None:
            where.add("difficulty = ?", str(difficulty))
        if active is not None:
            where.add("is_active = ?", int(active))
        return where

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
        where = self._where(type, category, difficulty, True)
        if tech_stack:
            marks = ", ".join("?" * len(tech_stack))
            where.add(
                f"EXISTS (SELECT 1 FROM json_each(tech_stack) WHERE value IN ({marks}))",
                *tech_stack,
            )
        if exclude_ids:
            where.add(f"id NOT IN ({', '.join('?' * len(exclude_ids))})", *exclude_ids)
        _, limit = check_page(0, limit)
        rows = await self.db.fetchall(
            f"SELECT doc FROM questions{where.sql} ORDER BY ifnull(times_used, 0), id LIMIT ?",
            (*where.params, limit),
        )
        return [Question.model_validate_json(r[0]) for r in rows]

    async def increment_usage(self, *, question_id: str, by: int = 1) -> None:
        changed = await self.db.execute(
            "UPDATE questions SET doc = json_set(doc, '$.usage.timesUsed',"
            " ifnull(json_extract(doc, '$.usage.timesUsed'), 0) + ?) WHERE id = ?",
            (by, question_id),
        )
        if not changed:
            raise NotFoundError(self.label, question_id)

    async def distinct(self, *, field: QuestionField) -> builtins.list[str]:
        if field == "category":
            sql = "SELECT DISTINCT category FROM questions WHERE category IS NOT NULL"
        elif field in _ARRAY_FIELDS:
            column = _ARRAY_FIELDS[field]
            sql = f"SELECT DISTINCT j.value FROM questions, json_each(questions.{column}) AS j"
        else:
            raise StoreError(f"Cannot list distinct values of {field!r}.")
        return sorted(r[0] for r in await self.db.fetchall(sql) if r[0] is not None)

    async def count(self, *, active: bool | None = None) -> int:
        where = self._where(None, None, None, active)
        return int(await self.db.scalar(f"SELECT count(*) FROM questions{where.sql}", where.params))
