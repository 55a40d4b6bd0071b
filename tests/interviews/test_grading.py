"""Grading on a real SQLite store and the real judge, with fake evaluators."""

from __future__ import annotations

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import InterviewStatus, QuestionStatus, QuestionType
from interviewai_tui.domain.interviews import Interview, InterviewQuestion
from interviewai_tui.domain.questions import Question, TestCase
from interviewai_tui.domain.users import User
from interviewai_tui.interviews.evaluation import AnswerEvaluation
from interviewai_tui.interviews.events import EvaluationFailed, QuestionEvaluated, SessionEvent
from interviewai_tui.interviews.grading import NO_TESTS_NOTE, Grader
from interviewai_tui.judge import JudgeReport
from interviewai_tui.judge import run as judge_run
from interviewai_tui.store import Store

from .helpers import make_interview, make_question

SUM_TESTS = [
    TestCase(input="1 2\n", expected_output="3\n", description="small"),
    TestCase(input="10 -4\n", expected_output="6\n", description="negative"),
    TestCase(input="0 0\n", expected_output="0\n", description="zeros"),
]


class FakeEvaluator:
    """Scores by a fixed table; the second provider stands in for a fallback."""

    def __init__(self, score: int = 50, *, fail_on: str | None = None) -> None:
        self.score = score
        self.confidence = 90
        self.fail_on = fail_on
        self.calls: list[tuple[str, JudgeReport | None]] = []

    async def evaluate(
        self,
        *,
        question: Question | None,
        item: InterviewQuestion,
        answer: str,
        judge: JudgeReport | None,
    ) -> AnswerEvaluation:
        self.calls.append((answer, judge))
        if self.fail_on is not None and self.fail_on in answer:
            raise RuntimeError("every provider failed")
        fallback = "fallback" in answer
        return AnswerEvaluation(
            score=self.score,
            feedback="Reasonable.",
            provider="gemini" if fallback else "openai",
            strengths=["Clear structure"],
            improvements=["Mention complexity"],
            fallback_used=fallback,
            latency_seconds=0.5,
            cost=0.001 if not fallback else None,
            confidence=self.confidence,
        )


async def setup(store: Store, types: list[QuestionType], tests: list[TestCase]) -> Interview:
    user = await store.users.create(user=User(email="ann@example.com", name="Ann"))
    interview = make_interview(types, user_id=user.id)
    bank = [
        make_question(f"bank {i}", t, tests=tests if t is QuestionType.CODING else [])
        for i, t in enumerate(types)
    ]
    ids = (await store.questions.upsert_many(questions=bank)).ids
    for item, qid in zip(interview.questions, ids, strict=True):
        item.question_id = qid
    await store.interviews.create(interview=interview)
    for qid in ids:
        await store.questions.increment_usage(question_id=qid)
    return interview


def answer(interview: Interview, index: int, text: str) -> None:
    q = interview.questions[index]
    if q.type is QuestionType.CODING:
        q.code_answer = text
    else:
        q.answer = text
    q.status = QuestionStatus.SUBMITTED
    q.time_spent = 30 + index


async def test_coding_answer_combines_judge_and_ai(store: Store, clock: FrozenClock) -> None:
    interview = await setup(store, [QuestionType.CODING], SUM_TESTS)
    answer(interview, 0, "a, b = map(int, input().split())\nprint(a + b)\n")
    events: list[SessionEvent] = []
    evaluator = FakeEvaluator(score=50)
    grader = Grader(
        interview,
        store=store,
        evaluator=evaluator,
        judge=judge_run,
        clock=clock,
        on_event=events.append,
    )
    grader.enqueue(0)
    grader.enqueue(0)  # idempotent
    await grader.drain()
    assert len(evaluator.calls) == 1
    report = evaluator.calls[0][1]
    assert report is not None and report.passed == 3  # the AI saw the judge's result
    stored = await store.interviews.get(interview_id=interview.id)
    assert stored is not None
    q = stored.questions[0]
    assert q.score == 80  # 60 % of 100 + 40 % of 50
    assert q.judge is not None and (q.judge.passed, q.judge.total) == (3, 3)
    assert "Tests passed: 3/3." in (q.feedback or "")
    assert q.ai_provider == "openai" and q.evaluated_at == clock.now()
    assert events == [QuestionEvaluated(0, 80, "openai")]


async def test_wrong_code_scores_low(store: Store, clock: FrozenClock) -> None:
    interview = await setup(store, [QuestionType.CODING], SUM_TESTS)
    answer(interview, 0, "print(3)\n")
    grader = Grader(
        interview, store=store, evaluator=FakeEvaluator(50), judge=judge_run, clock=clock
    )
    grader.enqueue(0)
    await grader.drain()
    assert interview.questions[0].score == round(0.6 * 100 / 3 + 0.4 * 50)
    assert interview.questions[0].judge is not None
    assert interview.questions[0].judge.verdicts == ["passed", "wrong_answer", "wrong_answer"]


async def test_coding_without_tests_is_graded_by_ai_only(store: Store, clock: FrozenClock) -> None:
    interview = await setup(store, [QuestionType.CODING], [])
    answer(interview, 0, "print('hi')")
    grader = Grader(
        interview, store=store, evaluator=FakeEvaluator(70), judge=judge_run, clock=clock
    )
    grader.enqueue(0)
    await grader.drain()
    q = interview.questions[0]
    assert q.score == 70 and q.judge is None
    assert NO_TESTS_NOTE in (q.feedback or "")


async def test_empty_and_failed_evaluations(store: Store, clock: FrozenClock) -> None:
    types = [QuestionType.TECHNICAL, QuestionType.BEHAVIORAL]
    interview = await setup(store, types, [])
    answer(interview, 0, "   ")
    answer(interview, 1, "this one breaks the evaluator")
    events: list[SessionEvent] = []
    evaluator = FakeEvaluator(fail_on="breaks")
    grader = Grader(
        interview,
        store=store,
        evaluator=evaluator,
        judge=judge_run,
        clock=clock,
        on_event=events.append,
    )
    grader.enqueue(0)
    grader.enqueue(1)
    await grader.drain()
    assert [c[0] for c in evaluator.calls] == ["this one breaks the evaluator"]
    assert interview.questions[0].feedback == "No answer was given."
    assert interview.questions[1].ai_provider == "none"
    assert any(isinstance(e, EvaluationFailed) and e.index == 1 for e in events)


async def test_finalise_writes_results_stats_and_usage(store: Store, clock: FrozenClock) -> None:
    types = [QuestionType.TECHNICAL, QuestionType.BEHAVIORAL, QuestionType.TECHNICAL]
    interview = await setup(store, types, [])
    answer(interview, 0, "solid answer")
    answer(interview, 1, "needed the fallback provider")
    interview.questions[2].status = QuestionStatus.SKIPPED
    grader = Grader(
        interview, store=store, evaluator=FakeEvaluator(75), judge=judge_run, clock=clock
    )
    for i in range(3):
        grader.enqueue(i)
    interview.status = InterviewStatus.COMPLETED
    await store.interviews.update(
        interview_id=interview.id, changes={"status": InterviewStatus.COMPLETED}
    )
    results = await grader.finalise()
    assert (results.questions_answered, results.questions_total) == (2, 3)
    assert results.average_score == 75 and results.total_score == 50
    assert results.time_spent == 30 + 31  # the skipped one took no time
    assert results.consistency == 100
    assert results.skill_scores == {"Python": 50}  # the skipped Python question counts 0
    assert results.strengths == ["Clear structure"]
    assert any("unanswered" in r for r in results.recommendations)
    stored = await store.interviews.get(interview_id=interview.id)
    assert stored is not None and stored.results == results
    assert stored.ai_processing is not None
    assert stored.ai_processing.fallback_used is True
    assert stored.ai_processing.cost == 0.001  # the unpriced call adds nothing, not a guess
    assert stored.ai_processing.processing_time == 1.0
    user = await store.users.get(user_id=interview.user_id)
    assert user is not None
    assert user.stats.completed_interviews == 1
    assert user.stats.average_score == 50
    bank = await store.questions.get(question_id=interview.questions[0].question_id or "")
    assert bank is not None
    assert (bank.usage.average_score, bank.usage.success_rate) == (75, 100.0)
    assert bank.usage.average_time == 30.0
    # Finalising again (a retry) does not count the interview twice.
    await grader.finalise()
    user = await store.users.get(user_id=interview.user_id)
    assert user is not None and user.stats.completed_interviews == 1
