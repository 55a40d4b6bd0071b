"""Analytics periods and system metrics on SQLite."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.common import AnalyticsType, PeriodType
from interviewai_tui.domain.metrics import Alert, SystemMetric
from interviewai_tui.store._shared import check_page, field_paths, iso
from interviewai_tui.store.sqlite.codec import decode, encode
from interviewai_tui.store.sqlite.table import Table, Where

__all__ = ["SqliteAnalytics", "SqliteMetrics"]


def _owner(user_id: str | None) -> Where:
    """The owner condition as the index can use it (``ifnull(...)`` would hide user_id from the
    planner, which then scans the whole type index)."""
    if user_id is None:
        return Where().add("user_id IS NULL")
    return Where().add("user_id = ?", user_id)


class SqliteAnalytics(Table[Analytics]):
    name = "analytics"
    label = "analytics"

    def _key(
        self, user_id: str | None, type: AnalyticsType, period_type: PeriodType, date: datetime
    ) -> Where:
        where = _owner(user_id)
        return (
            where.add("type = ?", str(type))
            .add("period_type = ?", str(period_type))
            .add("period_date = ?", iso(date))
        )

    async def upsert_period(self, *, analytics: Analytics) -> Analytics:
        key = self._key(
            analytics.user_id, analytics.type, analytics.period.type, analytics.period.date
        )
        async with self.db.write():
            row = await self.db.fetchone(f"SELECT doc FROM analytics{key.sql}", key.params)
            if row is None:
                await self.db.execute_locked(
                    "INSERT INTO analytics (id, doc) VALUES (?, ?)",
                    (analytics.id, encode(analytics)),
                )
                return analytics
            old = decode(Analytics, row[0])
            new = analytics.model_copy(
                update={"id": old.id, "created_at": old.created_at, "updated_at": self.clock.now()}
            )
            await self.db.execute_locked(
                "UPDATE analytics SET doc = ? WHERE id = ?", (encode(new), old.id)
            )
            return new

    async def get_period(
        self,
        *,
        user_id: str | None,
        type: AnalyticsType,
        period_type: PeriodType,
        date: datetime,
    ) -> Analytics | None:
        return await self._get_where(self._key(user_id, type, period_type, date))

    async def list(
        self,
        *,
        user_id: str | None,
        type: AnalyticsType,
        period_type: PeriodType | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        without: Sequence[str] = (),
    ) -> list[Analytics]:
        paths = [f"$.{path}" for path in field_paths(without)]
        where = _owner(user_id).add("type = ?", str(type))
        if period_type is not None:
            where.add("period_type = ?", str(period_type))
        if since is not None:
            where.add("period_date >= ?", iso(since))
        if until is not None:
            where.add("period_date < ?", iso(until))
        return await self._list(where, "period_date, id", paths)

    async def delete_older_than(self, *, before: datetime) -> int:
        return await self._delete_where(Where().add("period_date < ?", iso(before)))

    async def count_older_than(self, *, before: datetime) -> int:
        return await self._count(Where().add("period_date < ?", iso(before)))

    async def delete_interview_documents(self, *, user_id: str, interview_id: str) -> int:
        # The owner and type narrow it on the analytics_user_type_date index first.
        where = (
            _owner(user_id)
            .add("type = ?", str(AnalyticsType.INTERVIEW))
            .add("json_extract(doc, '$.interviewMetrics.interviewId') = ?", interview_id)
        )
        return await self._delete_where(where)


class SqliteMetrics(Table[SystemMetric]):
    name = "systemMetrics"
    label = "metrics sample"
    has_updated_at = False

    async def insert(self, *, metric: SystemMetric) -> SystemMetric:
        return await self._insert(metric)

    async def latest(self) -> SystemMetric | None:
        return await self._get_where_ordered()

    async def _get_where_ordered(self) -> SystemMetric | None:
        row = await self.db.fetchone(
            "SELECT doc FROM systemMetrics ORDER BY timestamp DESC, id DESC LIMIT 1"
        )
        return None if row is None else decode(SystemMetric, row[0])

    async def range(
        self, *, since: datetime, until: datetime | None = None, limit: int = 10_000
    ) -> list[SystemMetric]:
        where = Where().add("timestamp >= ?", iso(since))
        if until is not None:
            where.add("timestamp < ?", iso(until))
        limit = max(0, min(limit, 100_000))
        rows = await self.db.fetchall(
            f"SELECT doc FROM systemMetrics{where.sql} ORDER BY timestamp, id LIMIT ?",
            (*where.params, limit),
        )
        return [decode(SystemMetric, r[0]) for r in rows]

    async def open_alerts(self, *, limit: int = 100) -> list[Alert]:
        _, limit = check_page(0, limit)
        rows = await self.db.fetchall(
            "SELECT a.value FROM systemMetrics AS m, json_each(m.doc, '$.alerts') AS a"
            " WHERE m.alert_count > 0 AND json_extract(a.value, '$.resolved') = 0"
            " ORDER BY json_extract(a.value, '$.timestamp') DESC,"
            " json_extract(a.value, '$._id') DESC LIMIT ?",
            (limit,),
        )
        return [Alert.model_validate_json(r[0]) for r in rows]

    async def resolve_alert(self, *, alert_id: str, at: datetime) -> bool:
        path = (
            "(SELECT '$.alerts[' || key || ']' FROM json_each(doc, '$.alerts')"
            " WHERE json_extract(value, '$._id') = ?)"
        )
        sql = (
            f"UPDATE systemMetrics SET doc = json_set(doc, {path} || '.resolved', json('true'),"
            f" {path} || '.resolvedAt', ?) WHERE alert_count > 0 AND {path} IS NOT NULL"
        )
        return await self.db.execute(sql, (alert_id, alert_id, iso(at), alert_id)) > 0

    async def delete_older_than(self, *, before: datetime) -> int:
        return await self._delete_where(Where().add("timestamp < ?", iso(before)))
