"""Deleting the analytics document of one interview, and lists that leave large fields out,
on every engine."""

from __future__ import annotations

from datetime import timedelta

import pytest

from interviewai_tui.domain.analytics import (
    AiInteractions,
    Analytics,
    ChatMetrics,
    InterviewMetrics,
    Period,
    ScorePoint,
    SkillProgress,
    UserMetrics,
)
from interviewai_tui.domain.common import AnalyticsType, PeriodType, new_id
from interviewai_tui.store import Store
from interviewai_tui.store.errors import StoreError
from tests.store.conftest import START
from tests.store.factories import user

DAILY = PeriodType.DAILY


def _interview_doc(user_id: str, interview_id: str, minutes: int) -> Analytics:
    return Analytics(
        user_id=user_id,
        type=AnalyticsType.INTERVIEW,
        period=Period(type=DAILY, date=START + timedelta(minutes=minutes)),
        interview_metrics=InterviewMetrics(interview_id=interview_id, completion_rate=50.0),
    )


async def _kinds(store: Store, user_id: str) -> dict[AnalyticsType, list[Analytics]]:
    return {kind: await store.analytics.list(user_id=user_id, type=kind) for kind in AnalyticsType}


async def test_only_the_named_interviews_document_goes(store: Store) -> None:
    ann = (await store.users.create(user=user(1))).id
    bob = (await store.users.create(user=user(2))).id
    gone, kept = new_id(), new_id()
    for doc in (
        _interview_doc(ann, gone, 0),
        _interview_doc(ann, kept, 1),
        # Another owner's document naming the same id (only the owner's may be deleted).
        _interview_doc(bob, gone, 2),
        Analytics(
            user_id=ann,
            type=AnalyticsType.USER,
            period=Period(type=DAILY, date=START),
            user_metrics=UserMetrics(interviews_completed=2),
        ),
        Analytics(
            user_id=ann,
            type=AnalyticsType.CHAT,
            period=Period(type=DAILY, date=START),
            chat_metrics=ChatMetrics(session_id=gone, message_count=4),
        ),
    ):
        await store.analytics.upsert_period(analytics=doc)
    before = await _kinds(store, ann)

    deleted = await store.analytics.delete_interview_documents(user_id=ann, interview_id=gone)

    assert deleted == 1
    after = await _kinds(store, ann)
    left = [d.interview_metrics.interview_id for d in after[AnalyticsType.INTERVIEW]]  # type: ignore[union-attr]
    assert left == [kept]
    assert after[AnalyticsType.USER] == before[AnalyticsType.USER]
    assert after[AnalyticsType.CHAT] == before[AnalyticsType.CHAT]
    theirs = await store.analytics.list(user_id=bob, type=AnalyticsType.INTERVIEW)
    assert [d.interview_metrics.interview_id for d in theirs] == [gone]  # type: ignore[union-attr]
    # Nothing left to delete: a second call (a retried delete) is harmless.
    assert await store.analytics.delete_interview_documents(user_id=ann, interview_id=gone) == 0
    assert (
        await store.analytics.delete_interview_documents(user_id=ann, interview_id="not-an-id") == 0
    )


async def test_a_list_can_leave_large_fields_out(store: Store) -> None:
    ann = (await store.users.create(user=user(1))).id
    full = Analytics(
        user_id=ann,
        type=AnalyticsType.USER,
        period=Period(type=PeriodType.YEARLY, date=START),
        user_metrics=UserMetrics(
            interviews_completed=3,
            total_time_spent=900,
            skill_progress={"sql": SkillProgress(score=70, improvement=5)},
            score_history=[ScorePoint(date=START, score=s) for s in (60, 70, 80)],
            ai_interactions=AiInteractions(total_messages=4),
        ),
    )
    await store.analytics.upsert_period(analytics=full)
    kind = {"user_id": ann, "type": AnalyticsType.USER, "period_type": PeriodType.YEARLY}
    (stored,) = await store.analytics.list(**kind)
    (light,) = await store.analytics.list(
        **kind, without=("userMetrics.scoreHistory", "userMetrics.skillProgress")
    )
    assert stored.user_metrics is not None and light.user_metrics is not None
    assert len(stored.user_metrics.score_history) == 3
    assert light.user_metrics.score_history == [] and light.user_metrics.skill_progress == {}
    kept = light.user_metrics.model_dump(exclude={"score_history", "skill_progress"})
    assert kept == stored.user_metrics.model_dump(exclude={"score_history", "skill_progress"})
    assert (light.id, light.period) == (stored.id, stored.period)
    (again,) = await store.analytics.list(**kind)  # the stored document is untouched
    assert again == stored
    with pytest.raises(StoreError):
        await store.analytics.list(**kind, without=("userMetrics'); DROP TABLE x; --",))
