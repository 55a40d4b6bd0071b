"""A user's interview history: filtered, sorted pages for the history screen, one interview
for the detail screen, deletion, and CSV export.

Every call takes the signed-in user's id and refuses interviews of anyone else.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from interviewai_tui.analytics.errors import AnalyticsError
from interviewai_tui.analytics.files import plain_text, write_text
from interviewai_tui.analytics.periods import local_midnight, zone_for
from interviewai_tui.analytics.service import AnalyticsService
from interviewai_tui.domain.common import Difficulty, InterviewStatus
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.store.base import ArchiveSource, InterviewSort, Page, Store

__all__ = [
    "CSV_COLUMNS",
    "ArchiveSource",
    "HistoryFilter",
    "HistoryRow",
    "HistoryService",
    "csv_cell",
]

NOT_FOUND = "That interview does not exist (it may have been deleted)."
# A history row needs none of the answers (most of an interview document): not parsed at all.
_NOT_IN_A_ROW = ("questions", "aiProcessing", "setup")
ARCHIVED_READ_ONLY = "Archived interviews are kept as they were; they cannot be deleted here."


CSV_COLUMNS = (
    "date",
    "title",
    "role",
    "difficulty",
    "stack",
    "status",
    "score",
    "time_spent_seconds",
    "planned_seconds",
    "id",
)


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """What the history shows; dates are the user's local days, both ends included."""

    status: InterviewStatus | None = None
    job_role: str | None = None
    difficulty: Difficulty | None = None
    tech: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str | None = None
    sort: InterviewSort = "created_at"
    descending: bool = True
    archived: bool = False  # the archive's interviews instead of the live ones

    def problem(self) -> str | None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            return "The start date is after the end date."
        return None


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One line of the history table (a light copy of the interview)."""

    id: str
    created_at: datetime
    title: str
    job_role: str | None
    difficulty: Difficulty
    tech_stack: list[str]
    status: InterviewStatus
    score: int | None
    time_spent: int | None
    planned: int
    archived: bool = False

    @classmethod
    def of(cls, interview: Interview) -> HistoryRow:
        results = interview.results
        return cls(
            id=interview.id,
            created_at=interview.created_at,
            title=interview.title,
            job_role=interview.job_role,
            difficulty=interview.difficulty,
            tech_stack=list(interview.tech_stack),
            status=interview.status,
            score=results.total_score if results is not None else None,
            time_spent=results.time_spent if results is not None else None,
            planned=interview.duration,
            archived=interview.archived,
        )

    @property
    def resumable(self) -> bool:
        return self.status is InterviewStatus.IN_PROGRESS and not self.archived


def csv_cell(value: str) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ (or a tab/CR) is
    prefixed with an apostrophe (OWASP CSV injection); terminal sequences are removed."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    return plain_text(value)


class HistoryService:
    def __init__(
        self, store: Store, analytics: AnalyticsService, *, archive: ArchiveSource | None = None
    ) -> None:
        self.store = store
        self.analytics = analytics
        self.archive = archive

    async def _source(self, flt: HistoryFilter) -> Store | None:
        if not flt.archived:
            return self.store
        return await self.archive.archive_store() if self.archive is not None else None

    async def page(
        self, user_id: str, flt: HistoryFilter, *, timezone: str | None, offset: int, limit: int
    ) -> Page[HistoryRow]:
        problem = flt.problem()
        if problem:
            raise AnalyticsError(problem)
        zone = zone_for(timezone)
        store = await self._source(flt)
        if store is None:  # nothing was ever archived
            return Page([], 0, offset, limit)
        page = await store.interviews.list_for_user(
            user_id=user_id,
            status=flt.status,
            job_role=flt.job_role,
            difficulty=flt.difficulty,
            tech=flt.tech,
            since=local_midnight(flt.date_from, zone) if flt.date_from else None,
            until=local_midnight(flt.date_to + timedelta(days=1), zone) if flt.date_to else None,
            search=flt.search or None,
            sort=flt.sort,
            descending=flt.descending,
            offset=offset,
            limit=limit,
            without=_NOT_IN_A_ROW,
        )
        return Page([HistoryRow.of(iv) for iv in page.items], page.total, page.offset, page.limit)

    async def rows(
        self, user_id: str, flt: HistoryFilter, *, timezone: str | None, chunk: int = 500
    ) -> AsyncIterator[HistoryRow]:
        offset = 0
        while True:
            page = await self.page(user_id, flt, timezone=timezone, offset=offset, limit=chunk)
            for row in page.items:
                yield row
            offset += len(page.items)
            if not page.items or not page.has_more:
                return

    async def get(self, user_id: str, interview_id: str) -> Interview:
        """One of the user's interviews, live or (failing that) archived."""
        interview = await self.store.interviews.get(interview_id=interview_id)
        if interview is None:
            archive = await self._source(HistoryFilter(archived=True))
            if archive is not None:
                interview = await archive.interviews.get(interview_id=interview_id)
        if interview is None or interview.user_id != user_id:
            raise AnalyticsError(NOT_FOUND)
        return interview

    async def delete(self, user_id: str, interview_id: str) -> Interview:
        """Delete one of the user's interviews and its analytics document, correct their
        stats and rollups."""
        interview = await self.get(user_id, interview_id)
        if interview.archived:
            raise AnalyticsError(ARCHIVED_READ_ONLY)
        if not await self.store.interviews.delete(interview_id=interview_id):
            raise AnalyticsError(NOT_FOUND)
        # The rebuild below rewrites the user's periods but never deletes a document, so the
        # interview's own one would outlive it.
        await self.store.analytics.delete_interview_documents(
            user_id=user_id, interview_id=interview_id
        )
        # Recount rather than decrement: the store's own counts are the truth, and a user
        # whose counters drifted (imported data, a crash between writes) is healed.
        stats = await self.store.interviews.user_stats(user_id=user_id)
        average = round(stats.average_score) if stats.average_score is not None else 0
        await self.store.users.update(
            user_id=user_id,
            changes={
                "stats.totalInterviews": stats.total,
                "stats.completedInterviews": stats.completed,
                "stats.averageScore": average,
            },
        )
        await self.analytics.rebuild_user(user_id)
        return interview

    async def role_choices(self) -> list[str]:
        return await self.store.interviews.distinct_job_roles()

    async def tech_choices(self) -> list[str]:
        return await self.store.questions.distinct(field="techStack")

    async def export_csv(
        self, user_id: str, flt: HistoryFilter, path: Path, *, timezone: str | None
    ) -> int:
        """Write the filtered history to ``path`` as CSV; returns the number of rows."""
        zone = zone_for(timezone)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        count = 0
        async for row in self.rows(user_id, flt, timezone=timezone):
            when = row.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            writer.writerow(
                [
                    when,
                    csv_cell(row.title),
                    csv_cell(row.job_role or ""),
                    row.difficulty.value,
                    csv_cell(" / ".join(row.tech_stack)),
                    row.status.value,
                    "" if row.score is None else row.score,
                    "" if row.time_spent is None else row.time_spent,
                    row.planned,
                    row.id,
                ]
            )
            count += 1
        await write_text(path, buffer.getvalue())
        return count
