"""The service end to end on SQLite: setup check, create, run, finish, results, resume."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Difficulty, InterviewStatus, QuestionType
from interviewai_tui.domain.interviews import InterviewSetup
from interviewai_tui.domain.users import User
from interviewai_tui.interviews.events import ResultsReady, SessionEvent
from interviewai_tui.interviews.ports import InterviewError
from interviewai_tui.interviews.service import InterviewService, default_title, validate_setup
from interviewai_tui.judge import run as judge_run
from interviewai_tui.store import Store

from .helpers import make_question
from .test_grading import SUM_TESTS, FakeEvaluator

T, C = QuestionType.TECHNICAL, QuestionType.CODING


async def make_service(store: Store, clock: FrozenClock, tmp_path: Path) -> InterviewService:
    bank = [make_question(f"tech {i}", T) for i in range(3)]
    bank += [make_question("sum two numbers", C, tests=SUM_TESTS)]
    await store.questions.upsert_many(questions=bank)
    return InterviewService(
        store=store,
        evaluator_for=lambda *_: FakeEvaluator(60),
        judge=judge_run,
        clock=clock,
        data_dir=tmp_path,
        rng=random.Random(1),
    )


def setup_for(count: int = 2, duration: int = 600) -> InterviewSetup:
    return InterviewSetup(
        title="",
        job_role="Backend Developer",
        tech_stack=["Python"],
        difficulty=Difficulty.MEDIUM,
        duration=duration,
        question_count=count,
        type_counts={T: count - 1, C: 1},
    )


async def test_full_interview(store: Store, clock: FrozenClock, tmp_path: Path) -> None:
    service = await make_service(store, clock, tmp_path)
    user = await store.users.create(user=User(email="bo@example.com", name="Bo"))
    assert await service.check(user.id, setup_for()) is None
    interview = await service.create(user.id, setup_for())
    assert interview.title == default_title("Backend Developer", Difficulty.MEDIUM)
    assert interview.status is InterviewStatus.PENDING
    events: list[SessionEvent] = []
    running = service.run(interview, on_event=events.append)
    await running.session.start()
    clock.advance(20)
    running.session.update_draft(0, "A thoughtful answer about trade-offs.")
    await running.session.submit()
    report = await running.run_tests(1, "print(0)")
    assert report is not None and report.passed == 1
    running.session.update_draft(1, "a, b = map(int, input().split())\nprint(a + b)")
    results = await running.finish()
    assert results.questions_answered == 2
    assert results.total_score == round((60 + 84) / 2)
    assert [e for e in events if isinstance(e, ResultsReady)] == [
        ResultsReady(interview.id, results.total_score)
    ]
    stored = await service.get(interview.id)
    assert stored.status is InterviewStatus.COMPLETED and stored.results == results
    user_now = await store.users.get(user_id=user.id)
    assert user_now is not None and user_now.stats.total_interviews == 1
    # The next interview avoids these questions: two technical ones are left, no coding one.
    problem = await service.check(user.id, setup_for(count=3))
    assert problem is not None
    assert "coding: 0 of 1 found" in problem and "including recently seen: 1" in problem
    assert "technical" not in problem


async def test_resumable_and_resume(store: Store, clock: FrozenClock, tmp_path: Path) -> None:
    service = await make_service(store, clock, tmp_path)
    user = await store.users.create(user=User(email="cy@example.com", name="Cy"))
    interview = await service.create(user.id, setup_for())
    running = service.run(interview)
    await running.session.start()
    clock.advance(90)
    running.session.update_draft(0, "left mid-answer")
    await running.session.flush()
    assert [i.id for i in await service.resumable(user.id)] == [interview.id]
    again = await service.resume(interview.id)
    assert again.session.text_of(0) == "left mid-answer"
    assert again.session.remaining_seconds() == 510
    await again.cancel()
    assert await service.resumable(user.id) == []
    assert (await service.get(interview.id)).status is InterviewStatus.CANCELLED


def test_validate_setup_explains_bad_combinations() -> None:
    ok = setup_for()
    assert validate_setup(ok) is None
    assert "at least one" in (
        validate_setup(ok.model_copy(update={"type_counts": {}, "question_count": 0})) or ""
    )
    assert "adds up to 2" in (validate_setup(ok.model_copy(update={"question_count": 5})) or "")
    assert "under a minute" in (validate_setup(ok.model_copy(update={"duration": 90})) or "")


async def test_create_refuses_what_the_bank_cannot_fill(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    service = await make_service(store, clock, tmp_path)
    setup = setup_for(count=3).model_copy(update={"type_counts": {C: 3}})
    with pytest.raises(InterviewError, match="coding: 1 of 3 found"):
        await service.create("65f0a1b2c3d4e5f60718293a", setup)


async def test_regrade_measures_agreement(store: Store, clock: FrozenClock, tmp_path: Path) -> None:
    service = await make_service(store, clock, tmp_path)
    user = await store.users.create(user=User(email="di@example.com", name="Di"))
    interview = await service.create(user.id, setup_for(count=2))
    running = service.run(interview)
    await running.session.start()
    running.session.update_draft(0, "Thoughtful answer.")
    running.session.update_draft(1, "a, b = map(int, input().split())\nprint(a + b)")
    first = await running.finish()
    # Technical: the evaluator's 90; coding: between 90 and its 60-point gap to the judge (75).
    assert first.confidence == 82
    with pytest.raises(InterviewError, match="finished"):
        await service.regrade(
            (await service.create(user.id, setup_for(count=2), allow_repeats=True)).id, provider="x"
        )
    # A second evaluator that is 20 points harsher on every answer.
    service._evaluator_for = lambda *_: FakeEvaluator(40)  # type: ignore[method-assign]
    again = await service.regrade(interview.id, provider="deepseek")
    q0, q1 = again.questions
    assert q0.score == 50  # mean of 60 and 40
    assert q1.score == 80  # mean of 84 and 76 (60 % of 3/3 tests + 40 % of 40)
    assert "Second opinion (deepseek): 40/100; first grade 60/100" in (q0.feedback or "")
    stored = await service.get(interview.id)
    assert stored.results is not None
    assert stored.results.confidence == 86  # 100 - mean(|60 - 40|, |84 - 76|)
    assert stored.results.total_score == 65


async def test_journals_left_behind_are_written_at_start(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    service = await make_service(store, clock, tmp_path)
    user = await store.users.create(user=User(email="ed@example.com", name="Ed"))
    interview = await service.create(user.id, setup_for())
    from interviewai_tui.interviews.journal import JournalEntry

    service.journal.append(
        JournalEntry(interview.id, 0, 1, "from the journal", None, 42, 300, "draft")
    )
    again = await make_service(store, clock, tmp_path)  # the next start
    assert await again.flush_journals() == 1
    assert await again.flush_journals() == 0
    stored = await again.get(interview.id)
    assert stored.questions[0].answer == "from the journal"
    assert stored.questions[0].time_spent == 42 and stored.remaining_seconds == 300


async def test_results_hook_runs_once_in_the_background_and_its_failure_is_contained(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    seen: list[str] = []

    async def hook(interview_id: str) -> None:
        seen.append(interview_id)
        raise RuntimeError("analytics store hiccup")  # must not reach the candidate

    base = await make_service(store, clock, tmp_path)
    service = InterviewService(
        store=store,
        evaluator_for=lambda *_: FakeEvaluator(60),
        judge=judge_run,
        clock=clock,
        data_dir=tmp_path,
        rng=random.Random(1),
        on_results=hook,
    )
    assert base is not service
    user = await store.users.create(user=User(email="cy@example.com", name="Cy"))
    interview = await service.create(user.id, setup_for())
    running = service.run(interview)
    await running.session.start()
    running.session.update_draft(0, "An answer.")
    results = await running.finish()
    for _ in range(20):
        if seen:
            break
        await asyncio.sleep(0.01)
    assert seen == [interview.id]
    assert results.questions_answered >= 1
