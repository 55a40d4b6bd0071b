"""Analytics, metrics, sessions, audit and store-level contract, run on every engine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.analytics import Analytics, Period, SystemAnalytics, UserMetrics
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.common import AlertType, AnalyticsType, HealthStatus, PeriodType, new_id
from interviewai_tui.domain.metrics import Alert, Health, SystemMetric
from interviewai_tui.domain.sessions import Session
from interviewai_tui.store import COLLECTIONS, DuplicateError, NotFoundError, Store, StoreError
from tests.store.conftest import START
from tests.store.factories import interview, user

DAY = timedelta(days=1)


def _daily(user_id: str | None, day: int, score: int) -> Analytics:
    return Analytics(
        user_id=user_id,
        type=AnalyticsType.USER if user_id else AnalyticsType.SYSTEM,
        period=Period(
            type=PeriodType.DAILY, date=START + day * DAY, end_date=START + (day + 1) * DAY
        ),
        user_metrics=UserMetrics(average_score=score) if user_id else None,
        system_metrics=None if user_id else SystemAnalytics(active_users=score),
    )


async def test_upsert_period_is_idempotent(store: Store, clock: FrozenClock) -> None:
    uid = new_id()
    first = await store.analytics.upsert_period(analytics=_daily(uid, 0, 50))
    clock.advance(3600)
    second = await store.analytics.upsert_period(analytics=_daily(uid, 0, 75))
    assert second.id == first.id and second.created_at == first.created_at
    assert second.user_metrics is not None and second.user_metrics.average_score == 75
    assert second.updated_at == clock.now()
    got = await store.analytics.get_period(
        user_id=uid, type=AnalyticsType.USER, period_type=PeriodType.DAILY, date=START
    )
    assert got == second
    other_day = await store.analytics.upsert_period(analytics=_daily(uid, 1, 60))
    assert other_day.id != first.id
    system = await store.analytics.upsert_period(analytics=_daily(None, 0, 9))
    assert (await store.analytics.upsert_period(analytics=_daily(None, 0, 10))).id == system.id
    assert (await store.counts())["analytics"] == 3


async def test_analytics_list_and_retention(store: Store) -> None:
    uid, other = new_id(), new_id()
    for d in (3, 0, 2, 1):
        await store.analytics.upsert_period(analytics=_daily(uid, d, d * 10))
    await store.analytics.upsert_period(analytics=_daily(other, 0, 1))
    rows = await store.analytics.list(user_id=uid, type=AnalyticsType.USER)
    assert [r.period.date for r in rows] == [START + d * DAY for d in range(4)]
    window = await store.analytics.list(
        user_id=uid,
        type=AnalyticsType.USER,
        period_type=PeriodType.DAILY,
        since=START + DAY,
        until=START + 3 * DAY,
    )
    assert [r.user_metrics.average_score for r in window if r.user_metrics] == [10, 20]
    assert (
        await store.analytics.list(
            user_id=uid, type=AnalyticsType.USER, period_type=PeriodType.WEEKLY
        )
        == []
    )
    assert await store.analytics.count_older_than(before=START + 2 * DAY) == 3
    assert await store.analytics.delete_older_than(before=START + 2 * DAY) == 3
    assert await store.analytics.count_older_than(before=START + 2 * DAY) == 0
    assert len(await store.analytics.list(user_id=uid, type=AnalyticsType.USER)) == 2


def _sample(minute: int, *alerts: Alert) -> SystemMetric:
    return SystemMetric(
        timestamp=START + timedelta(minutes=minute),
        health=Health(status=HealthStatus.WARNING if alerts else HealthStatus.HEALTHY),
        alerts=list(alerts),
    )


async def test_metrics_range_latest_alerts(store: Store, clock: FrozenClock) -> None:
    assert await store.metrics.latest() is None
    a1 = Alert(
        type=AlertType.WARNING,
        message="CPU high",
        component="cpu",
        timestamp=START + timedelta(minutes=1),
    )
    a2 = Alert(
        type=AlertType.CRITICAL,
        message="Disk full",
        component="disk",
        timestamp=START + timedelta(minutes=2),
    )
    a3 = Alert(
        type=AlertType.ERROR, message="old", timestamp=START, resolved=True, resolved_at=START
    )
    samples = [_sample(0, a3), _sample(1, a1), _sample(2, a2), _sample(3)]
    for s in reversed(samples):
        await store.metrics.insert(metric=s)
    assert await store.metrics.latest() == samples[3]
    got = await store.metrics.range(
        since=START + timedelta(minutes=1), until=START + timedelta(minutes=3)
    )
    assert got == samples[1:3]
    assert [a.id for a in await store.metrics.open_alerts()] == [a2.id, a1.id]
    assert await store.metrics.resolve_alert(alert_id=a2.id, at=clock.now()) is True
    assert [a.id for a in await store.metrics.open_alerts()] == [a1.id]
    assert await store.metrics.resolve_alert(alert_id=new_id(), at=clock.now()) is False
    stored = await store.metrics.range(since=START + timedelta(minutes=2), limit=1)
    assert stored[0].alerts[0].resolved and stored[0].alerts[0].resolved_at == clock.now()
    assert await store.metrics.delete_older_than(before=START + timedelta(minutes=2)) == 2
    assert (await store.counts())["systemMetrics"] == 2


async def test_session_expiry_follows_the_clock(store: Store, clock: FrozenClock) -> None:
    # Real time, not base: MongoDB's TTL monitor (and mongomock's emulation of it) deletes
    # sessions whose expiresAt is in the real past.
    base = datetime.now(UTC).replace(microsecond=0)
    clock.set(base)
    uid, other = new_id(), new_id()
    s = await store.sessions.create(
        session=Session(user_id=uid, token_hash="h1", created_at=base, expires_at=base + DAY)
    )
    await store.sessions.create(
        session=Session(user_id=uid, token_hash="h2", created_at=base, expires_at=base + 2 * DAY)
    )
    await store.sessions.create(
        session=Session(user_id=other, token_hash="h3", created_at=base, expires_at=base + DAY)
    )
    with pytest.raises(DuplicateError):
        await store.sessions.create(
            session=Session(user_id=uid, token_hash="h1", expires_at=base + DAY)
        )
    assert await store.sessions.get_by_token_hash(token_hash="h1") == s
    assert await store.sessions.get_by_token_hash(token_hash="nope") is None
    clock.set(base + DAY)  # expiry is exclusive: at expiresAt the session is gone
    assert await store.sessions.get_by_token_hash(token_hash="h1") is None
    await store.sessions.touch(session_id=s.id, at=clock.now(), expires_at=base + 3 * DAY)
    touched = await store.sessions.get_by_token_hash(token_hash="h1")
    assert touched is not None and touched.last_used_at == clock.now()
    with pytest.raises(NotFoundError):
        await store.sessions.touch(session_id=new_id(), at=clock.now())
    clock.set(base + 2 * DAY + timedelta(seconds=1))
    assert await store.sessions.count_expired() == 2
    assert await store.sessions.purge_expired() == 2  # h2 and h3
    assert await store.sessions.count_expired() == 0
    assert await store.sessions.delete_for_user(user_id=uid) == 1
    assert await store.sessions.delete(session_id=s.id) is False
    assert (await store.counts())["sessions"] == 0


async def test_audit_trail(store: Store) -> None:
    admin, target = new_id(), new_id()
    entries = [
        await store.audit.add(
            entry=AuditEntry(
                actor_id=admin if i % 2 == 0 else None,
                action=f"user.act{i % 3}",
                target_id=target if i < 3 else "settings",
                details={"i": i},
                timestamp=START + timedelta(minutes=i),
            )
        )
        for i in range(7)
    ]
    page = await store.audit.list(limit=3)
    assert [e.id for e in page.items] == [entries[6].id, entries[5].id, entries[4].id]
    assert page.total == 7 and page.items[0].details == {"i": 6}
    assert (await store.audit.list(actor_id=admin)).total == 4
    assert [e.id for e in (await store.audit.list(target_id=target)).items] == [
        entries[2].id,
        entries[1].id,
        entries[0].id,
    ]
    assert (await store.audit.list(target_id="settings", action="user.act0")).total == 2


async def test_store_level_counts_ping_and_describe(store: Store) -> None:
    await store.users.create(user=user(1))
    counts = await store.counts()
    assert set(counts) == set(COLLECTIONS) and counts["users"] == 1 and counts["interviews"] == 0
    assert await store.ping() >= 0
    assert store.engine in ("sqlite", "mongomock", "mongodb")
    assert store.describe()


async def test_export_and_import_round_trip(store: Store, tmp_path: object) -> None:
    from interviewai_tui.store import open_store

    u = await store.users.create(user=user(1, google_id=None))
    iv = await store.interviews.create(interview=interview(u.id, created_at=START, score=88))
    exported = {c: [d async for d in store.export(collection=c)] for c in ("users", "interviews")}
    assert [d["_id"] for d in exported["users"]] == [u.id]
    assert exported["users"][0]["password"] == u.password_hash
    async with open_store("mongomock://localhost/restore_target") as target:
        for c, docs in exported.items():
            assert await target.import_documents(collection=c, documents=docs) == len(docs)
        assert await target.users.get(user_id=u.id) == u
        assert await target.interviews.get(interview_id=iv.id) == iv
        # Importing again replaces rather than duplicates.
        await target.import_documents(collection="users", documents=exported["users"])
        assert (await target.counts())["users"] == 1
    with pytest.raises(StoreError):
        await store.import_documents(collection="users", documents=[{"email": "bad"}])
    with pytest.raises(StoreError):
        await store.import_documents(collection="nope", documents=[])
