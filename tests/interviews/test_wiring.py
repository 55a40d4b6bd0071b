"""The container's recipe: settings → an interview service grading through a lazily built
router (offline here) and the real judge."""

from __future__ import annotations

from pathlib import Path

from interviewai_tui.ai.offline_coach import OfflineCoach
from interviewai_tui.ai.router import Router
from interviewai_tui.clock import FrozenClock
from interviewai_tui.config import Settings
from interviewai_tui.domain.common import Difficulty, QuestionType
from interviewai_tui.domain.interviews import InterviewSetup
from interviewai_tui.domain.users import User
from interviewai_tui.interviews.wiring import build_interview_service
from interviewai_tui.store import Store

from .helpers import make_question
from .test_grading import SUM_TESTS


async def test_service_from_settings_grades_offline(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    built: list[Router] = []

    async def router() -> Router:
        built.append(Router({}, offline=OfflineCoach()))
        return built[-1]

    settings = Settings(data_dir=tmp_path, judge_cpu_seconds=1.5, judge_memory_mb=128)
    service = build_interview_service(store=store, settings=settings, clock=clock, router=router)
    assert service.journal.directory == tmp_path / "journal"
    await store.questions.upsert_many(
        questions=[make_question("Sum two integers.", QuestionType.CODING, tests=SUM_TESTS)]
    )
    user = await store.users.create(user=User(email="wi@example.com", name="Wi"))
    setup = InterviewSetup(
        title="Wiring",
        tech_stack=["Python"],
        difficulty=Difficulty.MEDIUM,
        duration=300,
        question_count=1,
        type_counts={QuestionType.CODING: 1},
    )
    running = service.run(await service.create(user.id, setup))
    await running.session.start()
    running.session.update_draft(0, "a, b = map(int, input().split())\nprint(a + b)\n")
    results = await running.finish()
    assert len(built) == 1  # built on first use, once
    q = running.interview.questions[0]
    assert q.ai_provider == "offline" and q.judge is not None and q.judge.passed == 3
    assert results.questions_answered == 1 and results.total_score == q.score > 0
    assert running.interview.ai_processing is not None
    assert running.interview.ai_processing.provider == "offline"
    assert running.grader._limits is not None
    assert running.grader._limits.memory_bytes == 128 * 1024 * 1024
