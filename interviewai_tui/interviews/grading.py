"""Background grading of submitted answers, and the interview's results when it ends.

Each submitted answer becomes an asyncio task: the judge runs coding answers against the bank
question's test cases (one judge at a time, it is CPU-bound), the evaluator (the AI router,
ending in the offline coach) reviews the answer, the evaluation is saved, and the driver hears
``QuestionEvaluated``. ``finalise()`` waits for the tasks, then writes results, aiProcessing,
the user's stats and each question's usage.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, Protocol

from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import QuestionType, to_utc
from interviewai_tui.domain.interviews import Interview, InterviewResults, JudgeSummary
from interviewai_tui.domain.questions import Question
from interviewai_tui.interviews.evaluation import (
    AnswerEvaluation,
    AnswerEvaluator,
    OverallSummary,
)
from interviewai_tui.interviews.events import (
    EvaluationFailed,
    QuestionEvaluated,
    ResultsReady,
    SaveProblem,
    SessionEvent,
)
from interviewai_tui.interviews.feedback_text import feedback_text, restored_answer
from interviewai_tui.interviews.gateway import guarded
from interviewai_tui.interviews.ports import StorageDown
from interviewai_tui.interviews.scoring import (
    GradedAnswer,
    ai_processing,
    combine_coding,
    compute_results,
)
from interviewai_tui.judge import JudgeReport, Limits, TestCase
from interviewai_tui.store.base import Store

__all__ = ["NO_TESTS_NOTE", "Grader", "JudgeFn"]

log = logging.getLogger("interviewai.grading")

NO_TESTS_NOTE = "This coding question has no test cases, so it was graded by AI review only."
SUCCESS_SCORE = 60  # an answer at or above this counts as a success in question usage


class JudgeFn(Protocol):
    def __call__(
        self, code: str, language: str, tests: Sequence[TestCase], limits: Limits | None = None
    ) -> Awaitable[JudgeReport]: ...


class Grader:
    def __init__(
        self,
        interview: Interview,
        *,
        store: Store,
        evaluator: AnswerEvaluator,
        judge: JudgeFn,
        clock: Clock,
        limits: Limits | None = None,
        on_event: Callable[[SessionEvent], None] | None = None,
        concurrency: int = 2,
    ) -> None:
        self.interview = interview
        self._store = store
        self._evaluator = evaluator
        self._judge = judge
        self._clock = clock
        self._limits = limits
        self._emit = on_event or (lambda _e: None)
        self._slots = asyncio.Semaphore(concurrency)
        self._judge_slot = asyncio.Semaphore(1)
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self.graded: dict[int, GradedAnswer] = {}
        self.reports: dict[int, JudgeReport] = {}
        self._bank: dict[str, Question | None] = {}
        self._unsaved: list[Callable[[], Awaitable[None]]] = []
        self._finalised = False

    def now(self) -> datetime:
        return self._clock.now()

    def enqueue(self, index: int) -> None:
        """Start grading question ``index`` in the background (once)."""
        if index not in self._tasks:
            self._tasks[index] = asyncio.get_running_loop().create_task(self._grade(index))

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def bank_question(self, index: int) -> Question | None:
        qid = self.interview.questions[index].question_id
        if qid is None:
            return None
        if qid not in self._bank:
            try:
                self._bank[qid] = await guarded(lambda: self._store.questions.get(question_id=qid))
            except StorageDown:
                return None  # not cached: the next call tries again
        return self._bank[qid]

    async def run_tests(self, index: int, code: str | None = None) -> JudgeReport | None:
        """Run a coding answer against its tests (the "run tests" key); None without tests."""
        item = self.interview.questions[index]
        question = await self.bank_question(index)
        if question is None or not question.test_cases:
            return None
        tests = [
            TestCase(t.input, t.expected_output, t.description or "") for t in question.test_cases
        ]
        language = item.language or question.language or "python"
        async with self._judge_slot:
            return await self._judge(
                code if code is not None else item.code_answer or "", language, tests, self._limits
            )

    async def finalise(self) -> InterviewResults:
        """Wait for every evaluation, then compute and store the results (idempotent)."""
        await self.drain()
        await self._restore_earlier()
        graded = [self.graded[i] for i in sorted(self.graded)]
        summary = await self._summary()
        results = compute_results(self.interview, graded, summary=summary)
        processing = ai_processing(graded, summary)
        first_time = self.interview.results is None and not self._finalised
        self.interview.results = results
        self.interview.ai_processing = processing
        self._finalised = True
        try:
            await self._retry_unsaved()
            await guarded(
                lambda: self._store.interviews.update(
                    interview_id=self.interview.id,
                    changes={"results": results, "aiProcessing": processing},
                )
            )
            if first_time:
                await self._update_user_stats()
                await self._update_question_usage(graded)
        except StorageDown as exc:
            self._emit(SaveProblem(f"{exc} The results are shown but could not be saved yet."))
        self._emit(ResultsReady(self.interview.id, results.total_score))
        return results

    async def _restore_earlier(self) -> None:
        """Answers graded before a restart (this grader never saw them) count too."""
        for index, item in enumerate(self.interview.questions):
            if index in self.graded or index in self._tasks or item.evaluated_at is None:
                continue
            question = await self.bank_question(index)
            tech = tuple(question.tech_stack) if question else ()
            self.graded[index] = restored_answer(item, index, tech)

    # --- one answer -------------------------------------------------------------------------

    async def _grade(self, index: int) -> None:
        async with self._slots:
            try:
                await self._grade_one(index)
            except Exception as exc:  # a grading bug must not take the interview down
                log.exception("grading question %d failed", index)
                self._emit(EvaluationFailed(index, f"This answer could not be graded ({exc})."))

    async def _grade_one(self, index: int) -> None:
        item = self.interview.questions[index]
        question = await self.bank_question(index)
        answer = (item.code_answer if item.type is QuestionType.CODING else item.answer) or ""
        tech = tuple(question.tech_stack) if question else ()
        if not answer.strip():
            self.graded[index] = GradedAnswer(index, None, tech=tech)
            await self._save(index, 0, "No answer was given.", None, None)
            self._emit(QuestionEvaluated(index, 0, "none"))
            return
        report: JudgeReport | None = None
        notes: list[str] = []
        if item.type is QuestionType.CODING:
            report = await self.run_tests(index)
            if report is None:
                notes.append(NO_TESTS_NOTE)
            else:
                self.reports[index] = report
        evaluation = await self._evaluate(question, index, answer, report)
        pass_rate = report.pass_rate if report is not None and report.total else None
        score = evaluation.score
        if item.type is QuestionType.CODING and not evaluation.includes_judge:
            score = combine_coding(evaluation.score, pass_rate)
            if report is not None and report.total:
                notes.append(f"Tests passed: {report.passed}/{report.total}.")
        feedback = feedback_text(evaluation, notes)
        self.graded[index] = GradedAnswer(index, evaluation, pass_rate=pass_rate, tech=tech)
        summary = None
        if report is not None:
            summary = JudgeSummary(
                passed=report.passed,
                total=report.total,
                verdicts=[r.verdict.value for r in report.results],
                language=report.language,
            )
        await self._save(index, score, feedback, evaluation.provider, summary)
        self._emit(QuestionEvaluated(index, score, evaluation.provider))

    async def _evaluate(
        self, question: Question | None, index: int, answer: str, report: JudgeReport | None
    ) -> AnswerEvaluation:
        try:
            return await self._evaluator.evaluate(
                question=question,
                item=self.interview.questions[index],
                answer=answer,
                judge=report,
            )
        except Exception as exc:  # every provider, offline included, failed
            log.warning("evaluation of question %d failed: %s", index, exc)
            self._emit(
                EvaluationFailed(
                    index,
                    "This answer could not be evaluated; it can be re-graded from the results.",
                )
            )
            judged = round(report.pass_rate * 100) if report is not None and report.total else 0
            return AnswerEvaluation(
                score=judged,
                feedback="The answer could not be evaluated.",
                provider="none",
                confidence=0,
            )

    async def _save(
        self,
        index: int,
        score: int,
        feedback: str,
        provider: str | None,
        summary: JudgeSummary | None,
    ) -> None:
        item = self.interview.questions[index]
        now = to_utc(self._clock.now())
        item.score, item.feedback, item.ai_provider = score, feedback, provider
        item.evaluated_at, item.judge = now, summary

        async def write() -> None:
            await guarded(
                lambda: self._store.interviews.save_evaluation(
                    interview_id=self.interview.id,
                    question_index=index,
                    score=score,
                    feedback=feedback,
                    ai_provider=provider,
                    evaluated_at=now,
                    judge=summary,
                )
            )

        try:
            await write()
        except StorageDown:
            self._unsaved.append(write)

    async def _retry_unsaved(self) -> None:
        while self._unsaved:
            await self._unsaved[0]()
            self._unsaved.pop(0)

    # --- the interview --------------------------------------------------------------------

    async def _summary(self) -> OverallSummary | None:
        summarise: Any = getattr(self._evaluator, "summarise", None)
        if summarise is None or not any(g.evaluation for g in self.graded.values()):
            return None
        try:
            summary = await summarise(
                interview=self.interview,
                graded=[self.graded[i] for i in sorted(self.graded)],
                questions={i: await self.bank_question(i) for i in sorted(self.graded)},
            )
        except Exception:  # the computed summary is used instead
            log.warning("overall feedback failed", exc_info=True)
            return None
        return summary if isinstance(summary, OverallSummary) else None

    async def _update_user_stats(self) -> None:
        user_id = self.interview.user_id
        users = self._store.users
        await users.add_to_stats(
            user_id=user_id, completed_interviews=1, last_activity_at=to_utc(self._clock.now())
        )
        stats = await self._store.interviews.user_stats(user_id=user_id)
        if stats.average_score is not None:
            await users.update(
                user_id=user_id, changes={"stats.averageScore": round(stats.average_score)}
            )

    async def _update_question_usage(self, graded: Sequence[GradedAnswer]) -> None:
        for g in graded:
            item = self.interview.questions[g.index]
            question = await self.bank_question(g.index)
            if question is None or g.evaluation is None:
                continue
            usage = question.usage
            n = max(1, usage.times_used)  # timesUsed was counted when the interview was planned
            success = 100.0 if item.score >= SUCCESS_SCORE else 0.0
            await self._store.questions.update(
                question_id=question.id,
                changes={
                    "usage.averageScore": round(_running(usage.average_score, item.score, n)),
                    "usage.averageTime": round(_running(usage.average_time, item.time_spent, n), 1),
                    "usage.successRate": round(_running(usage.success_rate, success, n), 1),
                },
            )


def _running(mean: float, value: float, n: int) -> float:
    """The mean of n values given the mean of the first n-1 and the n-th."""
    return mean + (value - mean) / n
