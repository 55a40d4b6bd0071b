"""Interviews on SQLite. Answers are saved with one `json_set` UPDATE of the question item."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from interviewai_tui.domain.common import Difficulty, InterviewStatus, QuestionStatus
from interviewai_tui.domain.interviews import Interview, JudgeSummary
from interviewai_tui.domain.stats import DayCount, InterviewOverview, NamedCount, UserInterviewStats
from interviewai_tui.store._shared import check_page, field_paths, iso
from interviewai_tui.store.base import Changes, InterviewSort, Page
from interviewai_tui.store.errors import NotFoundError, StoreError
from interviewai_tui.store.sqlite.codec import dumps
from interviewai_tui.store.sqlite.interview_sort import SORT_INDEX, order_by
from interviewai_tui.store.sqlite.table import Table, Where, doc_without

__all__ = ["SqliteInterviews"]


class SqliteInterviews(Table[Interview]):
    name = "interviews"
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
        paths = [f"$.{path}" for path in field_paths(without)]
        where = Where().add("user_id = ?", user_id)
        if isinstance(status, str):
            where.add("status = ?", str(status))
        elif status is not None:
            values = [str(s) for s in status]
            where.add(f"status IN ({', '.join('?' * len(values))})", *values)
        if job_role is not None:
            where.add("job_role = ?", job_role)
        if difficulty is not None:
            where.add("difficulty = ?", str(difficulty))
        if tech is not None:
            where.add("EXISTS (SELECT 1 FROM json_each(tech_stack) WHERE value = ?)", tech)
        if since is not None:
            where.add("created_at >= ?", iso(since))
        if until is not None:
            where.add("created_at < ?", iso(until))
        if not include_archived:
            where.add("ifnull(archived, 0) = 0")
        where.contains(("title",), search)
        return await self._sorted_page(where, sort, descending, offset, limit, paths)

    async def _sorted_page(
        self,
        where: Where,
        sort: str,
        descending: bool,
        offset: int,
        limit: int,
        paths: list[str],
    ) -> Page[Interview]:
        """One page: the rows are chosen and ordered on the covering index, and only the
        page's documents are read. (Sorting `SELECT doc` directly would carry every matching
        document through the sorter: 200+ ms for a deep page of a 5,000-interview user.)

        A page past the middle is taken from the other end in the reverse order, so the sort
        keeps at most half the rows: the last page costs what the first one does.
        """
        order = order_by(sort, descending=descending)  # refuses an unknown key first
        offset, limit = check_page(offset, limit)
        source = f"interviews INDEXED BY {SORT_INDEX}"
        total = int(await self.db.scalar(f"SELECT count(*) FROM {source}{where.sql}", where.params))
        inner_order, skip, take = order, offset, limit
        if offset < total < 2 * offset + limit:  # fewer rows after the page than up to its end
            inner_order = order_by(sort, descending=descending, reverse=True)
            take = min(limit, total - offset)
            skip = total - offset - take
        rows = await self.db.fetchall(
            f"SELECT {doc_without(paths)} FROM interviews WHERE rowid IN"
            f" (SELECT rowid FROM {source}{where.sql}"
            f" ORDER BY {inner_order} LIMIT ? OFFSET ?) ORDER BY {order}",
            (*paths, *where.params, take, skip),
        )
        return Page([self._decode(r[0]) for r in rows], total, offset, limit)

    def _item_path(
        self, question_index: int | None, question_id: str | None
    ) -> tuple[str, list[str]]:
        """SQL for the JSON path of one question item, and its parameters."""
        if question_index is not None:
            if question_index < 0:
                raise StoreError("A question index cannot be negative.")
            return "?", [f"$.questions[{int(question_index)}]"]
        if question_id is not None:
            return (
                "(SELECT '$.questions[' || key || ']' FROM json_each(doc, '$.questions')"
                " WHERE json_extract(value, '$._id') = ?)",
                [question_id],
            )
        raise StoreError("Name the question by index or by id.")

    async def _set_item(
        self,
        interview_id: str,
        question_index: int | None,
        question_id: str | None,
        item: dict[str, object],
        top: dict[str, object],
    ) -> None:
        base_sql, base_params = self._item_path(question_index, question_id)
        sets: list[str] = []
        params: list[object] = []
        for key, value in item.items():
            sets.append(f"{base_sql} || '.{key}', json(?)")
            params += [*base_params, dumps(value)]
        for key, value in top.items():
            sets.append(f"'$.{key}', json(?)")
            params.append(dumps(value))
        # The item must exist: json_set would otherwise append to the array or do nothing.
        exists = f"json_type(doc, {base_sql}) = 'object'"
        sql = (
            f"UPDATE interviews SET doc = json_set(doc, {', '.join(sets)})"
            f" WHERE id = ? AND {exists}"
        )
        changed = await self.db.execute(sql, (*params, interview_id, *base_params))
        if not changed:
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
        if time_spent is not None and time_spent < 0:
            raise StoreError("Time spent cannot be negative.")
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
        where = Where().add("user_id = ?", user_id).add("status = ?", "in_progress")
        return await self._list(where, "created_at DESC, id DESC")

    async def recent_question_ids(self, *, user_id: str, n: int = 10) -> set[str]:
        rows = await self.db.fetchall(
            "SELECT DISTINCT json_extract(q.value, '$.questionId') FROM"
            " (SELECT doc FROM interviews WHERE user_id = ? ORDER BY created_at DESC, id DESC"
            "  LIMIT ?) AS recent, json_each(recent.doc, '$.questions') AS q",
            (user_id, max(0, n)),
        )
        return {r[0] for r in rows if r[0]}

    async def user_stats(self, *, user_id: str) -> UserInterviewStats:
        row = await self.db.fetchone(
            "SELECT count(*), ifnull(sum(status = 'completed'), 0),"
            " ifnull(sum(status = 'in_progress'), 0),"
            " avg(CASE WHEN status = 'completed' THEN total_score END),"
            " max(CASE WHEN status = 'completed' THEN total_score END),"
            " ifnull(sum(time_spent), 0)"
            # The covering index answers this without reading a single document.
            " FROM interviews INDEXED BY interviews_user_status WHERE user_id = ?",
            (user_id,),
        )
        assert row is not None  # an aggregate always returns one row
        return UserInterviewStats(
            total=row[0],
            completed=row[1],
            in_progress=row[2],
            average_score=None if row[3] is None else round(float(row[3]), 2),
            best_score=row[4],
            total_time_spent=row[5],
        )

    async def overview(
        self, *, since: datetime, until: datetime, top: int = 5
    ) -> InterviewOverview:
        by_status = {
            r[0]: r[1]
            for r in await self.db.fetchall(
                "SELECT status, count(*) FROM interviews GROUP BY status"
            )
        }
        avg = await self.db.scalar(
            "SELECT avg(total_score) FROM interviews WHERE status = 'completed'"
        )
        rng = (iso(since), iso(until))
        per_day = [
            DayCount(day=date.fromisoformat(r[0]), count=r[1])
            for r in await self.db.fetchall(
                "SELECT substr(created_at, 1, 10) AS day, count(*) FROM interviews"
                " WHERE created_at >= ? AND created_at < ? GROUP BY day ORDER BY day",
                rng,
            )
        ]
        roles = [
            NamedCount(name=r[0], count=r[1])
            for r in await self.db.fetchall(
                "SELECT job_role, count(*) AS n FROM interviews"
                " WHERE created_at >= ? AND created_at < ? AND job_role IS NOT NULL"
                " GROUP BY job_role ORDER BY n DESC, job_role LIMIT ?",
                (*rng, max(0, top)),
            )
        ]
        return InterviewOverview(
            total=sum(by_status.values()),
            by_status=by_status,
            average_score=None if avg is None else round(float(avg), 2),
            per_day=per_day,
            top_roles=roles,
        )

    async def list_older_than(
        self, *, before: datetime, status: InterviewStatus | None = None, limit: int = 500
    ) -> list[Interview]:
        where = Where().add("created_at < ?", iso(before))
        if status is not None:
            where.add("status = ?", str(status))
        _, limit = check_page(0, limit)
        rows = await self.db.fetchall(
            f"SELECT doc FROM interviews{where.sql} ORDER BY created_at, id LIMIT ?",
            (*where.params, limit),
        )
        return [self._decode(r[0]) for r in rows]

    async def count_older_than(
        self, *, before: datetime, status: InterviewStatus | None = None
    ) -> int:
        where = Where().add("created_at < ?", iso(before))
        if status is not None:
            where.add("status = ?", str(status))
        return await self._count(where)

    def _decode(self, text: str) -> Interview:
        return Interview.model_validate_json(text)

    async def distinct_job_roles(self) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT DISTINCT job_role FROM interviews WHERE job_role IS NOT NULL ORDER BY job_role"
        )
        return [r[0] for r in rows]
