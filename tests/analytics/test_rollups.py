"""Rollup arithmetic on the fixed dataset of dataset.py; every expected value below was worked
out by hand from that data (the comments show the sums)."""

from __future__ import annotations

import pytest

from interviewai_tui.analytics.service import AnalyticsService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.analytics import Analytics, UserMetrics
from interviewai_tui.domain.common import AnalyticsType, PeriodType
from interviewai_tui.store import Store

from .dataset import at, fixed_dataset

ALL_SEVEN = [
    "first_interview",
    "first_90",
    "hard_pass",
    "comeback",
    "all_tests_passed",
    "all_question_types",
    "first_chat",
]


async def _rebuilt(store: Store, clock: FrozenClock) -> dict[tuple[str, str], Analytics]:
    user, _, _ = await fixed_dataset(store)
    await AnalyticsService(store, clock).rebuild_user(user.id)
    docs = await store.analytics.list(user_id=user.id, type=AnalyticsType.USER)
    return {(str(d.period.type), d.period.date.date().isoformat()): d for d in docs}


def _m(docs: dict[tuple[str, str], Analytics], kind: str, day: str) -> UserMetrics:
    metrics = docs[(kind, day)].user_metrics
    assert metrics is not None
    return metrics


async def test_exactly_the_active_periods_get_a_document(store: Store, clock: FrozenClock) -> None:
    docs = await _rebuilt(store, clock)
    assert sorted(docs) == [
        ("daily", "2025-03-03"),
        ("daily", "2025-03-04"),
        ("daily", "2025-03-10"),
        ("daily", "2025-04-01"),
        ("monthly", "2025-03-01"),
        ("monthly", "2025-04-01"),
        ("weekly", "2025-03-03"),  # Monday of ISO week 10
        ("weekly", "2025-03-10"),
        ("weekly", "2025-03-31"),  # the week of 1 April starts on Monday 31 March
        ("yearly", "2025-01-01"),
    ]
    week = docs[("weekly", "2025-03-03")].period
    assert (week.date, week.end_date) == (at("2025-03-03"), at("2025-03-10"))


async def test_a_day_with_two_interviews_and_a_conversation(
    store: Store, clock: FrozenClock
) -> None:
    m = _m(await _rebuilt(store, clock), "daily", "2025-03-04")
    assert m.interviews_completed == 2
    assert m.average_score == 86  # (81 + 90) / 2 = 85.5, rounded half up
    assert m.total_time_spent == 3000  # 1800 + 1200
    # Python (80 + 90) / 2 = 85, up 25 on 3 March's 60; SQL only iv3: 70, up 20 on 50.
    assert {k: (v.score, v.improvement) for k, v in m.skill_progress.items()} == {
        "Python": (85, 25),
        "SQL": (70, 20),
    }
    assert m.streak_days == 2  # 3 and 4 March
    # iv2 beat iv1 by 21 (comeback) and passed all its tests; iv3 scored 90 on hard.
    assert m.achievements == ["first_90", "hard_pass", "comeback", "all_tests_passed", "first_chat"]
    # Visits: 10:00-10:30 (1800 s); the chat starts 30 min later, so a new one: 11:00:00-
    # 11:10:04 (604 s); 18:00-18:20 (1200 s). Mean 3604 / 3 = 1201.33.
    assert m.login_count == 3
    assert m.session_duration == 1201.3
    assert m.features_used == ["chat", "chat_ratings", "code_judge", "coding", "interviews"]
    assert [(p.date, p.score) for p in m.score_history] == [
        (at("2025-03-04", "10:30"), 81),
        (at("2025-03-04", "18:20"), 90),
    ]
    ai = m.ai_interactions
    assert ai.total_messages == 4  # the system note does not count
    assert ai.average_response_time == 1500.0  # (2000 + 1000) / 2 ms
    assert ai.satisfaction_rating == 4.0
    assert ai.providers_used == ["offline", "openai"]


async def test_weeks_months_and_the_year(store: Store, clock: FrozenClock) -> None:
    docs = await _rebuilt(store, clock)
    w10 = _m(docs, "weekly", "2025-03-03")
    assert (w10.interviews_completed, w10.average_score, w10.total_time_spent) == (3, 77, 5400)
    # Python (60 + 80 + 90) / 3 = 76.7 -> 77; SQL (50 + 70) / 2 = 60; first week: no change.
    assert {k: (v.score, v.improvement) for k, v in w10.skill_progress.items()} == {
        "Python": (77, 0),
        "SQL": (60, 0),
    }
    assert w10.login_count == 4
    assert w10.session_duration == 1516.0  # (2460 + 1800 + 604 + 1200) / 4
    assert w10.achievements[0] == "first_interview" and len(w10.achievements) == 6

    w11 = _m(docs, "weekly", "2025-03-10")  # only the unfinished interview
    assert (w11.interviews_completed, w11.average_score, w11.skill_progress) == (0, 0, {})
    assert (w11.streak_days, w11.login_count, w11.session_duration) == (1, 1, 300.0)

    w14 = _m(docs, "weekly", "2025-03-31")
    # SQL 80 against the latest earlier week that scored SQL (week 10: 60), not week 11.
    assert {k: (v.score, v.improvement) for k, v in w14.skill_progress.items()} == {"SQL": (80, 20)}
    assert w14.achievements == ["all_question_types"]  # system design was the last type
    # The 45 minutes on one question are inside the interview: one visit of 12:00-12:50.
    assert (w14.login_count, w14.session_duration) == (1, 3000.0)

    march = _m(docs, "monthly", "2025-03-01")
    assert (march.interviews_completed, march.average_score, march.streak_days) == (3, 77, 1)
    assert march.session_duration == 1272.8  # (2460 + 1800 + 604 + 1200 + 300) / 5

    year = _m(docs, "yearly", "2025-01-01")
    assert year.interviews_completed == 4
    assert year.average_score == 75  # (60 + 81 + 90 + 70) / 4 = 75.25
    assert year.total_time_spent == 8400
    assert {k: v.score for k, v in year.skill_progress.items()} == {"Python": 77, "SQL": 67}
    assert year.achievements == ALL_SEVEN
    assert year.login_count == 6


async def test_interview_and_chat_documents(store: Store, clock: FrozenClock) -> None:
    user, ivs, conversation = await fixed_dataset(store)
    await AnalyticsService(store, clock).rebuild_user(user.id)
    docs = await store.analytics.list(user_id=user.id, type=AnalyticsType.INTERVIEW)
    by_id = {d.interview_metrics.interview_id: d for d in docs if d.interview_metrics}
    assert set(by_id) == {ivs[k].id for k in ("iv1", "iv2", "iv3", "iv5")}  # not iv4
    doc = by_id[ivs["iv2"].id]
    assert (doc.period.type, doc.period.date, doc.period.end_date) == (
        PeriodType.DAILY,
        at("2025-03-04", "10:00"),
        at("2025-03-04", "10:30"),
    )
    m = doc.interview_metrics
    assert m is not None
    assert (m.completion_rate, m.average_question_time) == (100.0, 650.0)  # (500 + 800) / 2
    assert (m.difficulty_distribution.medium, m.skill_performance) == (2, {"Python": 80})
    coding, technical = m.question_metrics
    assert (coding.average_score, coding.success_rate, coding.common_mistakes) == (90, 100.0, [])
    assert technical.common_mistakes == [
        "mention load factors",
        "compare with trees",
        "It misses the cost of rehashing.",
    ]
    assert technical.success_rate == 100.0  # 72 >= 60

    (chat_doc,) = await store.analytics.list(user_id=user.id, type=AnalyticsType.CHAT)
    c = chat_doc.chat_metrics
    assert c is not None and c.session_id == conversation.id
    assert (c.message_count, c.average_response_time, c.tokens_used) == (4, 1500.0, 200)
    assert (c.cost, c.user_satisfaction) == (pytest.approx(0.003), 4.0)
    assert c.topics_discussed == ["Python", "caching", "SQL"]  # 2, 1, 1 mentions
    p = c.provider_metrics
    assert (p.primary, p.fallback_count, p.error_rate, p.average_latency) == (
        "openai",
        0,
        0.0,
        1500.0,
    )
