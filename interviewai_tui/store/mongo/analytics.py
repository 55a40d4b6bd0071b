"""Analytics periods and system metrics on MongoDB."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.common import AnalyticsType, PeriodType, to_utc
from interviewai_tui.domain.metrics import Alert, SystemMetric
from interviewai_tui.store._shared import check_page, field_paths
from interviewai_tui.store.mongo.client import ASCENDING, DESCENDING, errors, oid
from interviewai_tui.store.mongo.collection import MongoCollection

__all__ = ["MongoAnalytics", "MongoMetrics"]


class MongoAnalytics(MongoCollection[Analytics]):
    label = "analytics"

    def _key(
        self, user_id: str | None, type: AnalyticsType, period_type: PeriodType, date: datetime
    ) -> dict[str, Any]:
        return {
            "userId": None if user_id is None else oid(user_id),
            "type": str(type),
            "period.type": str(period_type),
            "period.date": to_utc(date),
        }

    async def upsert_period(self, *, analytics: Analytics) -> Analytics:
        key = self._key(
            analytics.user_id, analytics.type, analytics.period.type, analytics.period.date
        )
        body = self._dump(analytics)
        on_insert = {"_id": body.pop("_id"), "createdAt": body.pop("createdAt")}
        # period.type and period.date come from the filter on insert; setting the whole
        # `period` as well would touch the paths the filter seeds.
        body["period.endDate"] = body.pop("period").get("endDate")
        body["updatedAt"] = self.clock.now()
        with errors(self.where):
            # One atomic upsert: the same period always lands in the same document.
            await self.coll.update_one(key, {"$set": body, "$setOnInsert": on_insert}, upsert=True)
            raw = await self.coll.find_one(key)
        loaded = self._load(raw)
        assert loaded is not None
        return loaded

    async def get_period(
        self,
        *,
        user_id: str | None,
        type: AnalyticsType,
        period_type: PeriodType,
        date: datetime,
    ) -> Analytics | None:
        return await self._find_one(self._key(user_id, type, period_type, date))

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
        projection = {path: 0 for path in field_paths(without)} or None
        query: dict[str, Any] = {
            "userId": None if user_id is None else oid(user_id),
            "type": str(type),
        }
        if period_type is not None:
            query["period.type"] = str(period_type)
        span: dict[str, datetime] = {}
        if since is not None:
            span["$gte"] = since
        if until is not None:
            span["$lt"] = until
        if span:
            query["period.date"] = span
        order = [("period.date", ASCENDING), ("_id", ASCENDING)]
        return await self._find(query, order, projection=projection)

    async def delete_older_than(self, *, before: datetime) -> int:
        return await self._delete_many({"period.date": {"$lt": before}})

    async def count_older_than(self, *, before: datetime) -> int:
        return await self._count({"period.date": {"$lt": before}})

    async def delete_interview_documents(self, *, user_id: str, interview_id: str) -> int:
        # userId and type lead the seed's (userId, type, period.date) index.
        return await self._delete_many(
            {
                "userId": oid(user_id),
                "type": str(AnalyticsType.INTERVIEW),
                "interviewMetrics.interviewId": oid(interview_id),
            }
        )


class MongoMetrics(MongoCollection[SystemMetric]):
    label = "metrics sample"
    has_updated_at = False

    async def insert(self, *, metric: SystemMetric) -> SystemMetric:
        return await self._insert(metric)

    async def latest(self) -> SystemMetric | None:
        found = await self._find({}, [("timestamp", DESCENDING), ("_id", DESCENDING)], 1)
        return found[0] if found else None

    async def range(
        self, *, since: datetime, until: datetime | None = None, limit: int = 10_000
    ) -> list[SystemMetric]:
        span: dict[str, datetime] = {"$gte": since}
        if until is not None:
            span["$lt"] = until
        limit = max(0, min(limit, 100_000))
        if limit == 0:
            return []
        order = [("timestamp", ASCENDING), ("_id", ASCENDING)]
        return await self._find({"timestamp": span}, order, limit)

    async def open_alerts(self, *, limit: int = 100) -> list[Alert]:
        _, limit = check_page(0, limit)
        if limit == 0:
            return []
        rows = await self._aggregate(
            [
                {"$match": {"alerts.resolved": False}},
                {"$unwind": "$alerts"},
                {"$match": {"alerts.resolved": False}},
                {"$sort": {"alerts.timestamp": -1, "alerts._id": -1}},
                {"$limit": limit},
                {"$project": {"_id": 0, "alert": "$alerts"}},
            ]
        )
        return [Alert.model_validate(r["alert"]) for r in rows]

    async def resolve_alert(self, *, alert_id: str, at: datetime) -> bool:
        return await self._update_one(
            {"alerts._id": oid(alert_id)},
            {"$set": {"alerts.$.resolved": True, "alerts.$.resolvedAt": at}},
        )

    async def delete_older_than(self, *, before: datetime) -> int:
        return await self._delete_many({"timestamp": {"$lt": before}})
