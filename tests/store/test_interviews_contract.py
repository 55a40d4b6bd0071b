"""Interviews repository contract, run on every engine."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Difficulty, InterviewStatus, QuestionStatus, new_id
from interviewai_tui.domain.interviews import JudgeSummary
from interviewai_tui.store import NotFoundError, Store, StoreError
from tests.store.conftest import START
from tests.store.factories import interview, user

C, P, IP = InterviewStatus.COMPLETED, InterviewStatus.PENDING, InterviewStatus.IN_PROGRESS


async def _user_id(store: Store, n: int = 1) -> str:
    return (await store.users.create(user=user(n))).id


async def test_create_get_update_delete(store: Store, clock: FrozenClock) -> None:
    uid = await _user_id(store)
    iv = await store.interviews.create(interview=interview(uid, created_at=START, score=70))
    assert await store.interviews.get(interview_id=iv.id) == iv
    clock.advance(5)
    changed = await store.interviews.update(
        interview_id=iv.id,
        changes={"status": IP, "startedAt": clock.now(), "results.overallFeedback": "Good"},
    )
    assert changed.status is IP and changed.results is not None
    assert changed.results.overall_feedback == "Good" and changed.results.total_score == 70
    assert await store.interviews.get(interview_id=iv.id) == changed
    with pytest.raises(StoreError):
        await store.interviews.update(interview_id=iv.id, changes={"results.totalScore": 101})
    with pytest.raises(NotFoundError):
        await store.interviews.update(interview_id="0" * 24, changes={"title": "x"})
    assert await store.interviews.delete(interview_id=iv.id)
    assert await store.interviews.get(interview_id=iv.id) is None


async def test_history_pages_newest_first_and_only_the_users(store: Store) -> None:
    uid, other = await _user_id(store, 1), await _user_id(store, 2)
    mine = [
        await store.interviews.create(
            interview=interview(uid, created_at=START + timedelta(hours=i))
        )
        for i in range(12)
    ]
    await store.interviews.create(interview=interview(other, created_at=START))
    page = await store.interviews.list_for_user(user_id=uid, limit=5)
    assert page.total == 12
    assert [i.id for i in page.items] == [i.id for i in reversed(mine)][:5]
    last = await store.interviews.list_for_user(user_id=uid, offset=10, limit=5)
    assert [i.id for i in last.items] == [mine[1].id, mine[0].id]
    oldest_first = await store.interviews.list_for_user(user_id=uid, descending=False, limit=3)
    assert [i.id for i in oldest_first.items] == [i.id for i in mine[:3]]


async def test_history_filters(store: Store) -> None:
    uid = await _user_id(store)
    t = START
    a = await store.interviews.create(
        interview=interview(
            uid,
            created_at=t,
            title="React basics",
            job_role="Frontend",
            difficulty=Difficulty.EASY,
            tech=["React", "TypeScript"],
            score=60,
        )
    )
    b = await store.interviews.create(
        interview=interview(
            uid,
            created_at=t + timedelta(days=1),
            title="Go services",
            job_role="Backend",
            tech=["Go"],
            status=P,
        )
    )
    c = await store.interviews.create(
        interview=interview(
            uid,
            created_at=t + timedelta(days=2),
            title="System (a+)+$ design",
            job_role="Backend",
            difficulty=Difficulty.HARD,
            status=IP,
            archived=True,
        )
    )

    async def ids(**kw: object) -> list[str]:
        page = await store.interviews.list_for_user(user_id=uid, **kw)  # type: ignore[arg-type]
        return [i.id for i in page.items]

    assert await ids(status=C) == [a.id]
    assert await ids(status=[P, IP]) == [c.id, b.id]
    assert await ids(job_role="Backend") == [c.id, b.id]
    assert await ids(difficulty=Difficulty.HARD) == [c.id]
    assert await ids(tech="TypeScript") == [a.id]
    assert await ids(tech="Type") == []
    assert await ids(since=t + timedelta(days=1)) == [c.id, b.id]
    assert await ids(until=t + timedelta(days=1)) == [a.id]
    assert await ids(since=t + timedelta(hours=1), until=t + timedelta(days=2)) == [b.id]
    assert await ids(search="go SERV") == [b.id]
    assert await ids(search="(a+)+$") == [c.id]
    assert await ids(search=".*") == []
    assert await ids(include_archived=False) == [b.id, a.id]


async def test_sort_by_score_breaks_ties_by_id(store: Store) -> None:
    uid = await _user_id(store)
    scores = [50, 90, 50, 70, None]
    made = [
        await store.interviews.create(
            interview=interview(uid, created_at=START + timedelta(minutes=i), score=s)
        )
        for i, s in enumerate(scores)
    ]
    page = await store.interviews.list_for_user(user_id=uid, sort="score", descending=True)
    got = [(i.results.total_score if i.results else None) for i in page.items]
    assert got == [90, 70, 50, 50, None]
    fifties = [i.id for i in page.items if i.results and i.results.total_score == 50]
    assert fifties == sorted([made[0].id, made[2].id], reverse=True)
    up = await store.interviews.list_for_user(user_id=uid, sort="score", descending=False)
    # An interview without a score comes last in both directions.
    assert [(i.results.total_score if i.results else None) for i in up.items] == [
        50,
        50,
        70,
        90,
        None,
    ]
    with pytest.raises(StoreError):
        await store.interviews.list_for_user(user_id=uid, sort="bogus")  # type: ignore[arg-type]


async def test_save_answer_writes_only_the_named_question(store: Store, clock: FrozenClock) -> None:
    uid = await _user_id(store)
    iv = await store.interviews.create(interview=interview(uid, created_at=START, status=IP))
    clock.advance(30)
    await store.interviews.save_answer(
        interview_id=iv.id,
        question_index=1,
        answer="draft text",
        time_spent=30,
        remaining_seconds=1770,
        status=QuestionStatus.DRAFT,
    )
    await store.interviews.save_answer(
        interview_id=iv.id,
        question_id=iv.questions[2].id,
        code_answer="print('hi')\n",
        submitted_at=clock.now(),
        status=QuestionStatus.SUBMITTED,
    )
    got = await store.interviews.get(interview_id=iv.id)
    assert got is not None
    q0, q1, q2 = got.questions
    assert q0 == iv.questions[0]
    assert (q1.answer, q1.time_spent, q1.status) == ("draft text", 30, QuestionStatus.DRAFT)
    assert q1.question == iv.questions[1].question and q1.code_answer is None
    assert (q2.code_answer, q2.submitted_at, q2.status) == (
        "print('hi')\n",
        clock.now(),
        QuestionStatus.SUBMITTED,
    )
    assert got.remaining_seconds == 1770 and got.updated_at == clock.now()
    # A later draft replaces the earlier one; unspecified fields stay.
    await store.interviews.save_answer(interview_id=iv.id, question_index=1, answer="final")
    again = await store.interviews.get(interview_id=iv.id)
    assert again is not None and again.questions[1].answer == "final"
    assert again.questions[1].time_spent == 30 and again.remaining_seconds == 1770


async def test_save_answer_to_missing_things_is_not_found(store: Store) -> None:
    uid = await _user_id(store)
    iv = await store.interviews.create(interview=interview(uid, created_at=START, questions=2))
    with pytest.raises(NotFoundError):
        await store.interviews.save_answer(interview_id=iv.id, question_index=2, answer="x")
    with pytest.raises(NotFoundError):
        await store.interviews.save_answer(interview_id=iv.id, question_id=new_id(), answer="x")
    with pytest.raises(NotFoundError):
        await store.interviews.save_answer(interview_id="0" * 24, question_index=0, answer="x")
    with pytest.raises(StoreError):
        await store.interviews.save_answer(interview_id=iv.id, answer="x")
    assert await store.interviews.get(interview_id=iv.id) == iv


async def test_save_evaluation(store: Store, clock: FrozenClock) -> None:
    uid = await _user_id(store)
    iv = await store.interviews.create(interview=interview(uid, created_at=START))
    judge = JudgeSummary(passed=2, total=3, verdicts=["passed", "passed", "timeout"])
    await store.interviews.save_evaluation(
        interview_id=iv.id,
        question_index=0,
        score=85,
        feedback="Clear.",
        ai_provider="offline",
        evaluated_at=clock.now(),
        judge=judge,
    )
    await store.interviews.save_evaluation(
        interview_id=iv.id,
        question_id=iv.questions[1].id,
        score=0,
        feedback=None,
        ai_provider=None,
        evaluated_at=clock.now(),
    )
    got = await store.interviews.get(interview_id=iv.id)
    assert got is not None
    q0 = got.questions[0]
    assert (q0.score, q0.feedback, q0.ai_provider, q0.evaluated_at, q0.judge) == (
        85,
        "Clear.",
        "offline",
        clock.now(),
        judge,
    )
    assert got.questions[1].evaluated_at == clock.now() and got.questions[2] == iv.questions[2]
    with pytest.raises(StoreError):
        await store.interviews.save_evaluation(
            interview_id=iv.id,
            question_index=0,
            score=101,
            feedback=None,
            ai_provider=None,
            evaluated_at=clock.now(),
        )


async def test_find_in_progress_and_recent_question_ids(store: Store) -> None:
    uid, other = await _user_id(store, 1), await _user_id(store, 2)
    ids = [new_id() for _ in range(6)]
    await store.interviews.create(interview=interview(uid, created_at=START, question_ids=ids[0:2]))
    newer = await store.interviews.create(
        interview=interview(
            uid, created_at=START + timedelta(hours=1), status=IP, question_ids=ids[2:4]
        )
    )
    newest = await store.interviews.create(
        interview=interview(
            uid, created_at=START + timedelta(hours=2), status=IP, question_ids=ids[3:5]
        )
    )
    await store.interviews.create(
        interview=interview(other, created_at=START, status=IP, question_ids=ids[5:6])
    )
    found = await store.interviews.find_in_progress(user_id=uid)
    assert [i.id for i in found] == [newest.id, newer.id]
    assert await store.interviews.recent_question_ids(user_id=uid, n=2) == set(ids[2:5])
    assert await store.interviews.recent_question_ids(user_id=uid, n=10) == set(ids[0:5])
    assert await store.interviews.recent_question_ids(user_id=uid, n=0) == set()


async def test_user_stats_match_the_data(store: Store) -> None:
    rng = random.Random(7)
    uid, other = await _user_id(store, 1), await _user_id(store, 2)
    expected_scores: list[int] = []
    total_time = 0
    statuses = Counter[str]()
    for i in range(30):
        status = rng.choice([C, C, C, P, IP, InterviewStatus.CANCELLED])
        score = rng.randint(0, 100) if status is C else None
        t = rng.randint(0, 3000)
        await store.interviews.create(
            interview=interview(
                uid,
                created_at=START + timedelta(minutes=i),
                status=status,
                score=score,
                time_spent=t,
            )
        )
        statuses[status] += 1
        if score is not None:
            expected_scores.append(score)
            total_time += t
    await store.interviews.create(interview=interview(other, created_at=START, score=1))
    stats = await store.interviews.user_stats(user_id=uid)
    assert stats.total == 30
    assert stats.completed == statuses[C]
    assert stats.in_progress == statuses[IP]
    assert stats.average_score == round(sum(expected_scores) / len(expected_scores), 2)
    assert stats.best_score == max(expected_scores)
    assert stats.total_time_spent == total_time
    empty = await store.interviews.user_stats(user_id=new_id())
    assert (empty.total, empty.average_score, empty.best_score) == (0, None, None)


async def test_admin_overview_matches_the_data(store: Store) -> None:
    rng = random.Random(11)
    uid = await _user_id(store)
    roles = ["Backend", "Frontend", "Data", None]
    by_status = Counter[str]()
    per_day = Counter[str]()
    role_count = Counter[str]()
    scores: list[int] = []
    since, until = START, START + timedelta(days=5)
    for _ in range(60):
        created = START - timedelta(days=2) + timedelta(hours=rng.randint(0, 24 * 9))
        status = rng.choice([C, C, P, IP])
        role = rng.choice(roles)
        score = rng.randint(0, 100) if status is C else None
        await store.interviews.create(
            interview=interview(uid, created_at=created, status=status, score=score, job_role=role)
        )
        by_status[status] += 1
        if score is not None:
            scores.append(score)
        if since <= created < until:
            per_day[created.date().isoformat()] += 1
            if role:
                role_count[role] += 1
    ov = await store.interviews.overview(since=since, until=until, top=2)
    assert ov.total == 60
    assert ov.by_status == dict(by_status)
    assert ov.average_score == round(sum(scores) / len(scores), 2)
    assert {d.day.isoformat(): d.count for d in ov.per_day} == dict(per_day)
    assert [d.day for d in ov.per_day] == sorted(d.day for d in ov.per_day)
    ranked = sorted(role_count.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    assert [(r.name, r.count) for r in ov.top_roles] == ranked


async def test_older_than_and_distinct_roles(store: Store) -> None:
    uid = await _user_id(store)
    old = await store.interviews.create(
        interview=interview(uid, created_at=START - timedelta(days=800), job_role="Data")
    )
    await store.interviews.create(
        interview=interview(uid, created_at=START - timedelta(days=900), status=P, job_role=None)
    )
    await store.interviews.create(interview=interview(uid, created_at=START, job_role="Backend"))
    found = await store.interviews.list_older_than(before=START - timedelta(days=730), status=C)
    assert [i.id for i in found] == [old.id]
    assert len(await store.interviews.list_older_than(before=START)) == 2
    assert await store.interviews.distinct_job_roles() == ["Backend", "Data"]
