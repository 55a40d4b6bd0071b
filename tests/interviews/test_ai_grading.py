"""Grading through the real router against fake provider servers on 127.0.0.1: the chosen
provider, a fallback to the next one, and the offline coach when every provider fails."""

from __future__ import annotations

import json

from interviewai_tui.ai.offline_coach import OfflineCoach
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.retry import RetryPolicy
from interviewai_tui.ai.router import Router
from interviewai_tui.ai.transport import HttpPool
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import InterviewStatus, QuestionType
from interviewai_tui.interviews.ai_evaluator import RouterEvaluator
from interviewai_tui.interviews.grading import Grader
from interviewai_tui.judge import run as judge_run
from interviewai_tui.store import Store
from tests.ai.conftest import FAST
from tests.ai.fakeserver import FakeServer, Reply, json_reply
from tests.ai.streams import openai_chunks

from .test_grading import SUM_TESTS, answer, setup

EVAL = {
    "score": 80,
    "feedback": "Good grasp of the idea.",
    "strengths": ["precise"],
    "improvements": ["give an example"],
    "confidence": 90,
}
SUMMARY = {
    "summary": "A steady interview overall.",
    "strengths": ["clear thinking"],
    "improvements": ["more examples"],
    "recommendations": ["practise system design"],
}


def reply(payload: dict[str, object], model: str = "gpt-4o-mini") -> Reply:
    text = json.dumps(payload)
    return Reply(parts=[openai_chunks([text[i : i + 9] for i in range(0, len(text), 9)], model)])


def router(fake: FakeServer, pool: HttpPool) -> Router:
    async def no_sleep(_: float) -> None:
        return None

    def provider(name: str, model: str) -> OpenAICompatProvider:
        return OpenAICompatProvider(
            name=name,
            base_url=fake.url,
            model=model,
            pool=pool,
            api_key="sk-test-0000",
            timeouts=FAST,
            dialect="openai",
        )

    return Router(
        {
            "openai": provider("openai", "gpt-4o-mini"),
            "deepseek": provider("deepseek", "deepseek-chat"),
        },
        offline=OfflineCoach(),
        default="openai",
        fallback=("deepseek",),
        policy=RetryPolicy(max_retries=0),
        sleep=no_sleep,
    )


async def grade_two(store: Store, clock: FrozenClock, evaluator: RouterEvaluator) -> Grader:
    interview = await setup(store, [QuestionType.TECHNICAL, QuestionType.CODING], SUM_TESTS)
    answer(interview, 0, "A closure captures variables from its defining scope.")
    answer(interview, 1, "a, b = map(int, input().split())\nprint(a + b)\n")
    grader = Grader(
        interview, store=store, evaluator=evaluator, judge=judge_run, clock=clock, concurrency=1
    )
    grader.enqueue(0)
    grader.enqueue(1)
    interview.status = InterviewStatus.COMPLETED
    return grader


async def test_chosen_provider_grades_and_summarises(
    store: Store, clock: FrozenClock, fake: FakeServer, pool: HttpPool
) -> None:
    fake.queue(reply(EVAL), reply(EVAL), reply(SUMMARY))
    grader = await grade_two(store, clock, RouterEvaluator(router(fake, pool)))
    results = await grader.finalise()
    q0, q1 = grader.interview.questions
    assert (q0.score, q0.ai_provider) == (80, "openai")
    assert q1.score == round(0.6 * 100 + 0.4 * 80)  # blended once, by the AI task
    assert "Automated tests: 100% pass." in fake.requests[1].json()["messages"][1]["content"]
    assert results.overall_feedback == "A steady interview overall."
    assert results.strengths == ["clear thinking"]
    assert results.recommendations[0] == "practise system design"
    processing = grader.interview.ai_processing
    assert processing is not None
    assert processing.provider == "openai" and not processing.fallback_used
    assert processing.cost > 0  # gpt-4o-mini is in the price table


async def test_fallback_provider_is_marked(
    store: Store, clock: FrozenClock, fake: FakeServer, pool: HttpPool
) -> None:
    refused = json_reply(401, {"error": {"message": "Incorrect API key", "type": "auth"}})
    fake.queue(
        refused,
        reply(EVAL, "deepseek-chat"),
        refused,
        reply(EVAL, "deepseek-chat"),
        refused,
        reply(SUMMARY, "deepseek-chat"),
    )
    grader = await grade_two(store, clock, RouterEvaluator(router(fake, pool)))
    await grader.finalise()
    assert [q.ai_provider for q in grader.interview.questions] == ["deepseek", "deepseek"]
    processing = grader.interview.ai_processing
    assert processing is not None
    assert processing.provider == "deepseek" and processing.fallback_used
    stored = await store.interviews.get(interview_id=grader.interview.id)
    assert stored is not None and stored.ai_processing == processing


async def test_offline_coach_when_every_provider_fails(
    store: Store, clock: FrozenClock, fake: FakeServer, pool: HttpPool
) -> None:
    down = json_reply(503, {"error": {"message": "unavailable"}})
    fake.queue(*[down] * 6)
    grader = await grade_two(store, clock, RouterEvaluator(router(fake, pool)))
    results = await grader.finalise()
    assert [q.ai_provider for q in grader.interview.questions] == ["offline", "offline"]
    assert all(q.feedback for q in grader.interview.questions)
    assert grader.interview.questions[1].judge is not None
    processing = grader.interview.ai_processing
    assert processing is not None
    assert processing.provider == "offline" and processing.fallback_used
    assert processing.cost == 0.0
    assert results.questions_answered == 2 and results.overall_feedback
