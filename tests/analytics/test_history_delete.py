"""Deleting an interview from the history removes its analytics document and takes it out of
the user's rollups, on every engine."""

from __future__ import annotations

from interviewai_tui.analytics.history import HistoryService
from interviewai_tui.analytics.service import AnalyticsService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.common import AnalyticsType, PeriodType
from interviewai_tui.store import Store

from .dataset import at, fixed_dataset


async def _interview_docs(store: Store, user_id: str) -> dict[str | None, Analytics]:
    docs = await store.analytics.list(user_id=user_id, type=AnalyticsType.INTERVIEW)
    return {d.interview_metrics.interview_id if d.interview_metrics else None: d for d in docs}


async def _completed(store: Store, user_id: str, kind: PeriodType, day: str) -> int:
    doc = await store.analytics.get_period(
        user_id=user_id, type=AnalyticsType.USER, period_type=kind, date=at(day)
    )
    assert doc is not None and doc.user_metrics is not None
    return doc.user_metrics.interviews_completed


async def test_the_deleted_interview_leaves_no_analytics_behind(
    any_store: Store, clock: FrozenClock
) -> None:
    user, ivs, _ = await fixed_dataset(any_store)
    analytics = AnalyticsService(any_store, clock)
    await analytics.rebuild_user(user.id)
    done = {ivs[k].id for k in ("iv1", "iv2", "iv3", "iv5")}
    assert set(await _interview_docs(any_store, user.id)) == done
    assert await _completed(any_store, user.id, PeriodType.YEARLY, "2025-01-01") == 4
    assert await _completed(any_store, user.id, PeriodType.DAILY, "2025-03-04") == 2

    gone = ivs["iv2"]
    await HistoryService(any_store, analytics).delete(user.id, gone.id)

    assert set(await _interview_docs(any_store, user.id)) == done - {gone.id}
    assert await _completed(any_store, user.id, PeriodType.YEARLY, "2025-01-01") == 3
    assert await _completed(any_store, user.id, PeriodType.DAILY, "2025-03-04") == 1
    stored = await any_store.users.get(user_id=user.id)
    assert stored is not None and stored.stats.completed_interviews == 3
    # What is left is exactly what a rebuild from scratch computes: nothing to rewrite.
    again = await analytics.rebuild_user(user.id)
    assert (again.written, again.interviews) == (0, 4)


async def test_deleting_an_unfinished_interview_keeps_every_document(
    any_store: Store, clock: FrozenClock
) -> None:
    user, ivs, _ = await fixed_dataset(any_store)
    analytics = AnalyticsService(any_store, clock)
    await analytics.rebuild_user(user.id)
    before = await _interview_docs(any_store, user.id)

    await HistoryService(any_store, analytics).delete(user.id, ivs["iv4"].id)  # in progress

    assert await _interview_docs(any_store, user.id) == before
