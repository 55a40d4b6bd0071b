"""Interviews on MongoDB. Candidate work is written with w="majority"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from interviewai_tui.domain.common import Difficulty, InterviewStatus, QuestionStatus
from interviewai_tui.domain.interviews import Interview, JudgeSummary
from interviewai_tui.domain.stats import DayCount, InterviewOverview, NamedCount, UserInterviewStats
from interviewai_tui.store._shared import check_page, field_paths
from interviewai_tui.store.base import Changes, InterviewSort, Page
from interviewai_tui.store.errors import NotFoundError, StoreError
from interviewai_tui.store.mongo.client import (
    ASCENDING,
    DESCENDING,
    literal_regex,
    oid,
    to_bson,
)
from interviewai_tui.store.mongo.collection import MongoCollection
from interviewai_tui.store.mongo.interview_sort import FIELD_SORTS, ranking

__all__ = ["MongoInterviews"]


def _completed(expr: Any) -> dict[str, Any]:
    return {"$cond": [{"$eq": ["$status", "completed"]}, expr, None]}


class MongoInterviews(MongoCollection[Interview]):
    label = "interview"

    async def create(self, *, interview: Interview) -> Interview:
        return await self._insert(interview)

    async def get(self, *, interview_id: str) -> Interview | None:
        return await self._get(interview_id)

    async def update(self, *, interview_id: str, changes: Changes) -> Interview:
        return await self._update(interview_id, changes)

    async def delete(self, *, interview_id: str) -> bool:
        return await self._delete(interview_id)

    async def list_for_user(
        self,
        *,
        user_id: str,
        status: InterviewStatus | Sequence[InterviewStatus] | None = None,
        job_role: str | None = None,
        difficulty: Difficulty | None = None,
        tech: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        search: str | None = None,
        include_archived: bool = True,
        sort: InterviewSort = "created_at",
        descending: bool = True,
        offset: int = 0,
        limit: int = 20,
        without: Sequence[str] = (),
    ) -> Page[Interview]:
        projection = {path: 0 for path in field_paths(without)} or None
        query: dict[str, Any] = {"userId": oid(user_id)}
        if isinstance(status, str):
            query["status"] = str(status)
        elif status is not None:
            query["status"] = {"$in": [str(s) for s in status]}
        if job_role is not None:
            query["jobRole"] = str(job_role)
        if difficulty is not None:
            query["difficulty"] = str(difficulty)
        if tech is not None:
            query["techStack"] = str(tech)
        created: dict[str, datetime] = {}
        if since is not None:
            created["$gte"] = since
        if until is not None:
            created["$lt"] = until
        if created:
            query["createdAt"] = created
        if not include_archived:
            query["archived"] = {"$ne": True}
        if search:
            query["title"] = literal_regex(search)
        direction = DESCENDING if descending else ASCENDING
        if sort in FIELD_SORTS:
            order = [(FIELD_SORTS[sort], direction), ("_id", direction)]
            return await self._page(query, order, offset, limit, projection=projection)
        return await self._computed_page(query, sort, descending, offset, limit, projection)

    async def _computed_page(
        self,
        query: dict[str, Any],
        sort: str,
        descending: bool,
        offset: int,
        limit: int,
        projection: dict[str, int] | None,
    ) -> Page[Interview]:
        """A page ordered by computed keys: the ids are ranked first, then the page's
        documents are read by id."""
        pipeline = ranking(query, sort, descending=descending)  # refuses an unknown key
        offset, limit = check_page(offset, limit)
        total = await self._count(query)
        if limit == 0:
            return Page([], total, offset, limit)
        ranked = await self._aggregate([*pipeline, {"$skip": offset}, {"$limit": limit}])
        ids = [r["_id"] for r in ranked]
        found = {
            iv.id: iv
            for iv in await self._find(
                {"_id": {"$in": [oid(i) for i in ids]}}, [("_id", ASCENDING)], projection=projection
            )
        }
        return Page([found[i] for i in ids if i in found], total, offset, limit)

    def _target(
        self, interview_id: str, question_index: int | None, question_id: str | None
    ) -> tuple[dict[str, Any], str]:
        """The filter that matches the interview only if the item exists, and the item path."""
        if question_index is not None:
            if question_index < 0:
                raise StoreError("A question index cannot be negative.")
            path = f"questions.{int(question_index)}"
            return {"_id": oid(interview_id), path: {"$exists": True}}, path
        if question_id is not None:
            return {"_id": oid(interview_id), "questions._id": oid(question_id)}, "questions.$"
        raise StoreError("Name the question by index or by id.")

    async def _set_item(
        self,
        interview_id: str,
        question_index: int | None,
        question_id: str | None,
        item: dict[str, object],
        top: dict[str, object],
    ) -> None:
        query, path = self._target(interview_id, question_index, question_id)
        values = {f"{path}.{k}": v for k, v in item.items()} | top
        if not await self._update_one(query, {"$set": to_bson(values)}):
            which = question_index if question_index is not None else question_id
            raise NotFoundError("interview question", f"{interview_id}/{which}")

    async def save_answer(
        self,
        *,
        interview_id: str,
        question_index: int | None = None,
        question_id: str | None = None,
        answer: str | None = None,
        code_answer: str | None = None,
        time_spent: int | None = None,
        remaining_seconds: int | None = None,
        status: QuestionStatus | None = None,
        submitted_at: datetime | None = None,
    ) -> None:
        if time_spent is not None and time_spent < 0:
            raise StoreError("Time spent cannot be negative.")
        item: dict[str, object] = {
            k: v
            for k, v in (
                ("answer", answer),
                ("codeAnswer", code_answer),
                ("timeSpent", time_spent),
                ("status", None if status is None else str(status)),
                ("submittedAt", submitted_at),
            )
            if v is not None
        }
        top: dict[str, object] = {"updatedAt": self.clock.now()}
        if remaining_seconds is not None:
            top["remainingSeconds"] = max(0, int(remaining_seconds))
        await self._set_item(interview_id, question_index, question_id, item, top)

    async def save_evaluation(
        self,
        *,
        interview_id: str,
        question_index: int | None = None,
        question_id: str | None = None,
        score: int,
        feedback: str | None,
        ai_provider: str | None,
        evaluated_at: datetime,
        judge: JudgeSummary | None = None,
    ) -> None:
        if not 0 <= score <= 100:
            raise StoreError("A score must be between 0 and 100.")
        item: dict[str, object] = {
            "score": int(score),
            "feedback": feedback,
            "aiProvider": ai_provider,
            "evaluatedAt": evaluated_at,
        }
        if judge is not None:
            item["judge"] = judge.model_dump(by_alias=True)
        await self._set_item(
            interview_id, question_index, question_id, item, {"updatedAt": self.clock.now()}
        )

    async def find_in_progress(self, *, user_id: str) -> list[Interview]:
        query = {"userId": oid(user_id), "status": "in_progress"}
        return await self._find(query, [("createdAt", DESCENDING), ("_id", DESCENDING)])

    async def recent_question_ids(self, *, user_id: str, n: int = 10) -> set[str]:
        if n <= 0:
            return set()
        rows = await self._aggregate(
            [
                {"$match": {"userId": oid(user_id)}},
                {"$sort": {"createdAt": -1, "_id": -1}},
                {"$limit": int(n)},
                {"$project": {"ids": "$questions.questionId"}},
            ]
        )
        return {qid for r in rows for qid in r.get("ids") or [] if isinstance(qid, str)}

    async def user_stats(self, *, user_id: str) -> UserInterviewStats:
        rows = await self._aggregate(
            [
                {"$match": {"userId": oid(user_id)}},
                {
                    "$group": {
                        "_id": None,
                        "total": {"$sum": 1},
                        "completed": {"$sum": {"$cond": [{"$eq": ["$status", "completed"]}, 1, 0]}},
                        "inProgress": {
                            "$sum": {"$cond": [{"$eq": ["$status", "in_progress"]}, 1, 0]}
                        },
                        "avg": {"$avg": _completed("$results.totalScore")},
                        "best": {"$max": _completed("$results.totalScore")},
                        "time": {"$sum": "$results.timeSpent"},
                    }
                },
            ]
        )
        if not rows:
            return UserInterviewStats()
        r = rows[0]
        return UserInterviewStats(
            total=r["total"],
            completed=r["completed"],
            in_progress=r["inProgress"],
            average_score=None if r.get("avg") is None else round(float(r["avg"]), 2),
            best_score=r.get("best"),
            total_time_spent=int(r.get("time") or 0),
        )

    async def overview(
        self, *, since: datetime, until: datetime, top: int = 5
    ) -> InterviewOverview:
        by_status = await self._aggregate([{"$group": {"_id": "$status", "n": {"$sum": 1}}}])
        avg = await self._aggregate(
            [
                {"$match": {"status": "completed"}},
                {"$group": {"_id": None, "avg": {"$avg": "$results.totalScore"}}},
            ]
        )
        in_range = {"$match": {"createdAt": {"$gte": since, "$lt": until}}}
        days = await self._aggregate(
            [
                in_range,
                {
                    "$project": {
                        "day": {"$dateToString": {"format": "%Y-%m-%d", "date": "$createdAt"}}
                    }
                },
                {"$group": {"_id": "$day", "n": {"$sum": 1}}},
                {"$sort": {"_id": 1}},
            ]
        )
        roles = await self._aggregate(
            [
                in_range,
                {"$match": {"jobRole": {"$type": "string"}}},
                {"$group": {"_id": "$jobRole", "n": {"$sum": 1}}},
                {"$sort": {"n": -1, "_id": 1}},
                {"$limit": max(1, int(top))},
            ]
        )
        counts = {r["_id"]: r["n"] for r in by_status}
        mean = avg[0]["avg"] if avg and avg[0].get("avg") is not None else None
        return InterviewOverview(
            total=sum(counts.values()),
            by_status=counts,
            average_score=None if mean is None else round(float(mean), 2),
            per_day=[DayCount(day=date.fromisoformat(r["_id"]), count=r["n"]) for r in days],
            top_roles=[NamedCount(name=r["_id"], count=r["n"]) for r in roles][: max(0, top)],
        )

    async def list_older_than(
        self, *, before: datetime, status: InterviewStatus | None = None, limit: int = 500
    ) -> list[Interview]:
        query: dict[str, Any] = {"createdAt": {"$lt": before}}
        if status is not None:
            query["status"] = str(status)
        _, limit = check_page(0, limit)
        if limit == 0:
            return []
        return await self._find(query, [("createdAt", ASCENDING), ("_id", ASCENDING)], limit)

    async def count_older_than(
        self, *, before: datetime, status: InterviewStatus | None = None
    ) -> int:
        query: dict[str, Any] = {"createdAt": {"$lt": before}}
        if status is not None:
            query["status"] = str(status)
        return await self._count(query)

    async def distinct_job_roles(self) -> list[str]:
        rows = await self._aggregate(
            [{"$match": {"jobRole": {"$type": "string"}}}, {"$group": {"_id": "$jobRole"}}]
        )
        return sorted(r["_id"] for r in rows)
